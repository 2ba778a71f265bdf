// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file rules/rule_engine.hpp
/// Interprets a rule set for one volume: is it valid, what does it deliver, how long does a
/// gp2 burst last, what is the smallest valid volume for a demand. Every violation carries
/// a stable rule id (`<type>.<aspect>.<limit>`, e.g. `io1.iops.ratio`) and a sentence with
/// the numbers.

#include <optional>
#include <string>
#include <vector>

#include "irisize/data/rule_set.hpp"
#include "irisize/units.hpp"

namespace irisize {

/// A volume as configured or asked about. For types that provision IOPS (io1, io2, gp3)
/// `iops` is the provisioned figure (0: gp3's included baseline); for the others it is the
/// demand the volume must sustain (0: none stated). `throughput` likewise: provisioned for
/// gp3 (0: included), a demand for the rest.
struct VolumeSpec {
    std::string type;
    units::capacity size = units::GiB(0);
    units::io_rate iops = units::iops(0);
    units::throughput throughput = units::MiBps(0);
};

/// What the volume is attached to; limits that depend on the instance.
struct AttachContext {
    bool nitro = true;
};

struct Violation {
    std::string rule;    ///< stable id, e.g. "io1.iops.ratio"
    std::string message; ///< a sentence with the numbers
};

/// Every rule the volume breaks (empty: valid).
std::vector<Violation> validate(const RuleSet& rules, const VolumeSpec& volume, AttachContext ctx = {});

/// IOPS the volume sustains without burst credits, on an instance of kind `ctx` (io1 and io2
/// achieve less on instances not built on Nitro than they are provisioned with).
units::io_rate baseline_iops(const VolumeTypeRules& t, const VolumeSpec& volume, AttachContext ctx = {});
/// Highest IOPS the volume reaches, bursting if it can.
units::io_rate max_iops(const VolumeTypeRules& t, const VolumeSpec& volume, AttachContext ctx = {});
/// Throughput the volume sustains (gp2: also at most baseline IOPS x 256 KiB, the burst aside).
units::throughput sustained_throughput(const VolumeTypeRules& t, const VolumeSpec& volume, AttachContext ctx = {});
/// Highest throughput the volume reaches, bursting if it can.
units::throughput max_throughput(const VolumeTypeRules& t, const VolumeSpec& volume, AttachContext ctx = {});
/// Smallest size (whole GiB) at which the type can deliver `iops` sustained, or nothing
/// when no size can.
std::optional<units::capacity> min_size_for_iops(const VolumeTypeRules& t, units::io_rate iops, AttachContext ctx = {});
/// Minutes a full gp2 credit bucket lasts at `demand` IOPS on a volume of `size`; nothing
/// when the demand never drains the bucket (at or under baseline) or the type has no bucket.
std::optional<double> burst_minutes(const VolumeTypeRules& t, units::capacity size, units::io_rate demand);

/// The demand one volume must carry.
struct VolumeDemand {
    units::capacity capacity = units::GiB(0);
    units::io_rate iops = units::iops(0);
    units::throughput throughput = units::MiBps(0);
};

/// The smallest valid volume of type `t` that holds `demand.capacity` and sustains
/// `demand.iops` and `demand.throughput` without bursting; nothing when no volume of the
/// type can. Sizes are whole GiB; provisioned IOPS whole numbers; gp3 throughput whole MiB/s.
std::optional<VolumeSpec> smallest_volume(const VolumeTypeRules& t, const VolumeDemand& demand, AttachContext ctx = {});

} // namespace irisize
