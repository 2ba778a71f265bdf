// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file data/rule_set.hpp
/// An EBS rule set as data: what each volume type allows and delivers, read from
/// `data/rules/<id>.json`. The rule engine (rules/rule_engine.hpp) interprets it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "irisize/result.hpp"
#include "irisize/units.hpp"

namespace irisize {

/// How a volume type's IOPS come about.
enum class IopsMode {
    SizeBased,               ///< baseline = per-GiB rate x size, clamped (gp2, standard)
    Provisioned,             ///< the buyer provisions IOPS within a range and a per-GiB ratio (io1, io2)
    IncludedPlusProvisioned, ///< a fixed amount included, more provisioned (gp3)
    ThroughputBased,         ///< HDD rated by large sequential I/O; IOPS only a ceiling (st1, sc1)
};

/// One step of a size-tiered throughput table (gp2).
struct SizeTier {
    std::optional<units::capacity> max_size; ///< tier applies up to and including this size; none: the rest
    units::throughput sustained;
    std::optional<units::throughput> burst;
};

/// One step of a per-IOPS throughput table (io1, io2).
struct IopsTier {
    std::optional<units::io_rate> max_iops; ///< tier applies up to and including this rate; none: the rest
    units::io_size io_size;                 ///< bytes counted per provisioned IOPS
    units::throughput max;                  ///< ceiling of the tier
};

/// Everything a rule set says about one EBS volume type.
struct VolumeTypeRules {
    std::string type;      ///< API name: gp2, gp3, io1, io2, st1, sc1, standard
    std::string name;      ///< human name
    std::string media;     ///< ssd or hdd
    std::string notes;     ///< the figures in words, with their origin
    bool random_io = true; ///< false: HDD rated by 1 MiB credits, unfit for database or journal
    units::io_size rated_io_size;

    units::capacity min_size;
    units::capacity max_size;

    IopsMode iops_mode = IopsMode::SizeBased;
    units::io_density iops_per_size;                      ///< size-based: IOPS per GiB of size (0: none)
    units::io_rate iops_min;                              ///< size-based floor / provisioned minimum
    units::io_rate iops_max;                              ///< per-volume ceiling
    units::io_rate iops_included;                         ///< gp3: included at any size
    units::io_density max_iops_per_size;                  ///< provisioned IOPS per GiB at most (0: none)
    std::optional<units::io_rate> max_iops_without_nitro; ///< provisioned above this only on Nitro instances
    /// What a volume of this type achieves on an instance not built on Nitro, whatever is
    /// provisioned (io1, io2: 32,000 IOPS and 500 MiB/s); none: the same as on Nitro.
    std::optional<units::io_rate> achievable_iops_without_nitro;
    std::optional<units::throughput> achievable_throughput_without_nitro;

    // Burst (gp2 credit bucket, magnetic).
    std::optional<units::io_rate> burst_iops;
    std::optional<units::io_count> burst_bucket; ///< I/O credits in a full bucket
    std::optional<units::capacity> burst_applies_below;

    // Throughput: exactly one of these describes the type.
    std::vector<SizeTier> size_tiers;                        ///< gp2
    /// gp2: sustained throughput is also at most baseline IOPS x this I/O size (256 KiB), so a
    /// small volume sustains less than its size tier without burst credits; none: the tier alone.
    std::optional<units::io_size> size_tier_io_size;
    std::vector<IopsTier> iops_tiers;                        ///< io1, io2
    std::optional<units::throughput> tput_included;          ///< gp3: included
    std::optional<units::throughput> tput_max;               ///< gp3 provisioned maximum, HDD cap, magnetic burst
    units::io_size tput_max_per_iops;                        ///< gp3: MiB/s per IOPS provisioned, as bytes per I/O
    std::optional<units::throughput> tput_per_tib_sustained; ///< st1/sc1
    std::optional<units::throughput> tput_per_tib_burst;
    std::optional<units::throughput> tput_fixed_sustained; ///< magnetic

    [[nodiscard]] bool provisions_iops() const {
        return iops_mode == IopsMode::Provisioned || iops_mode == IopsMode::IncludedPlusProvisioned;
    }
    [[nodiscard]] bool provisions_throughput() const { return tput_included.has_value(); }
    /// Whether a volume of this type is valid or achieves anything differently on an instance
    /// not built on Nitro (the only figures the rule engine reads from AttachContext).
    [[nodiscard]] bool depends_on_nitro() const {
        return max_iops_without_nitro || achievable_iops_without_nitro || achievable_throughput_without_nitro;
    }
};

namespace detail {
/// Equal texts, compared in line: the catalog's lookups by short names (volume and instance
/// types) then make no call to memcmp.
inline bool same_text(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i])
            return false;
    return true;
}
} // namespace detail

/// A named, dated rule set.
struct RuleSet {
    std::string id;
    std::string title;
    std::string as_of;
    std::vector<std::string> source;
    std::string unit_note;
    bool is_default = false;
    std::vector<VolumeTypeRules> types;

    /// The rules for one volume type, or nullptr when this rule set does not know it.
    [[nodiscard]] const VolumeTypeRules* find(std::string_view type) const;
    /// Names of the volume types, in file order.
    [[nodiscard]] std::vector<std::string> type_names() const;
};

/// Reads a rule set from its JSON document. `origin` names the file in error messages.
Result<RuleSet> parse_rule_set(const nlohmann::json& doc, const std::string& origin);

} // namespace irisize
