// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file sizing/sizing.hpp
/// The engine. Data flows one way:
///
///     data/*.json -> Catalog ─┐
///     workload JSON/CSV/GUI -> Workload ─┴─> size() -> Plan -> report writers, CLI, GUI
///
/// size() is a pure function: it resolves the demand (measured figures win; a product
/// profile fills gaps when concurrent users are given, and says so), then finds the
/// cheapest deployment that satisfies every rule: CPU at the target utilisation, memory for
/// the InterSystems shared-memory estimate, every EBS volume valid under the rule set, the
/// sum of volume demand within the instance's sustained EBS limits, capacity at the horizon
/// with free space. Expected failures (bad input, unmeetable demand) come back as Errors.

#include <optional>
#include <string>

#include "irisize/data/catalog.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"
#include "irisize/rules/rule_engine.hpp"
#include "irisize/workload/workload.hpp"

namespace irisize {

struct SizeOptions {
    std::string rules;  ///< overrides the workload's rule set when not empty
    std::string region; ///< overrides the workload's region when not empty
    /// Write the explanations (the arithmetic behind each number, the instances turned down),
    /// the assumptions, the year-by-year projection and the sources (the documents behind the
    /// figures; without them the price source names all the region's price documents, not
    /// only those of the prices used). Batch summaries switch it off: the members, volumes,
    /// cost lines and warnings are the same either way.
    bool explain = true;
};

/// Sizes one system. Never throws for bad input; an Error names the field and the reason.
Result<Plan> size(const Workload& workload, const Catalog& catalog, const SizeOptions& options = {});

/// Monthly cost of one volume configuration in a region (all `width` volumes), split into
/// storage, provisioned IOPS and provisioned throughput. Nothing when the region has no
/// price for the type.
struct VolumeCost {
    units::cost_rate storage;
    units::cost_rate iops;
    units::cost_rate throughput;
    [[nodiscard]] units::cost_rate total() const { return storage + iops + throughput; }
};
std::optional<VolumeCost> volume_cost(const VolumeTypeRules& rules, const PriceList& prices, const VolumeSpec& v,
                                      int width = 1);

} // namespace irisize
