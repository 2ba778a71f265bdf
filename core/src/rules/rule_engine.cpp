// SPDX-License-Identifier: GPL-3.0-or-later
// The rule engine: interprets a rule set for one volume. Baseline and maximum IOPS,
// sustained and maximum throughput (with or without Nitro), gp2 burst minutes, the smallest
// valid volume for a demand, and validate(), which lists every broken rule with its id.
#include "irisize/rules/rule_engine.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "irisize/format.hpp"

namespace irisize {

namespace u = units;

namespace {

// Whole units, rounding up, forgiving the last bits of floating-point noise.
double ceil_whole(double v) {
    return std::ceil(v - 1e-9);
}
u::capacity ceil_gib(u::capacity c) {
    return u::GiB(ceil_whole(u::in_GiB(c)));
}

std::string gib(u::capacity c) {
    return num(u::in_GiB(c), 2) + " GiB";
}
std::string io(u::io_rate r) {
    return num(u::in_iops(r)) + " IOPS";
}
std::string mibps(u::throughput t) {
    return num(u::in_MiBps(t), 3) + " MiB/s";
}

u::io_rate size_based_baseline(const VolumeTypeRules& t, u::capacity size) {
    const u::io_rate scaled = t.iops_per_size * size;
    return std::clamp(scaled, t.iops_min, t.iops_max);
}

const SizeTier& size_tier(const VolumeTypeRules& t, u::capacity size) {
    for (const auto& tier : t.size_tiers)
        if (!tier.max_size || size <= *tier.max_size)
            return tier;
    return t.size_tiers.back();
}

const IopsTier& iops_tier(const VolumeTypeRules& t, u::io_rate rate) {
    for (const auto& tier : t.iops_tiers)
        if (!tier.max_iops || rate <= *tier.max_iops)
            return tier;
    return t.iops_tiers.back();
}

bool burst_applies(const VolumeTypeRules& t, u::capacity size) {
    return t.burst_iops && (!t.burst_applies_below || size < *t.burst_applies_below);
}

u::io_rate hdd_iops(const VolumeTypeRules& t, u::throughput tput) {
    return std::min(t.iops_max, tput / t.rated_io_size);
}

} // namespace

namespace {

// On an instance not built on Nitro, io1 and io2 achieve at most a fixed rate and throughput.
u::io_rate achievable(const VolumeTypeRules& t, u::io_rate r, AttachContext ctx) {
    return !ctx.nitro && t.achievable_iops_without_nitro ? std::min(r, *t.achievable_iops_without_nitro) : r;
}
u::throughput achievable(const VolumeTypeRules& t, u::throughput r, AttachContext ctx) {
    return !ctx.nitro && t.achievable_throughput_without_nitro ? std::min(r, *t.achievable_throughput_without_nitro)
                                                                : r;
}
bool capped_without_nitro(const VolumeTypeRules& t, AttachContext ctx) {
    return !ctx.nitro && (t.achievable_iops_without_nitro || t.achievable_throughput_without_nitro);
}

} // namespace

u::io_rate baseline_iops(const VolumeTypeRules& t, const VolumeSpec& v, AttachContext ctx) {
    switch (t.iops_mode) {
    case IopsMode::SizeBased:
        return size_based_baseline(t, v.size);
    case IopsMode::Provisioned:
        return achievable(t, v.iops, ctx);
    case IopsMode::IncludedPlusProvisioned:
        return achievable(t, std::max(v.iops, t.iops_included), ctx);
    case IopsMode::ThroughputBased:
        return hdd_iops(t, sustained_throughput(t, v, ctx));
    }
    return u::iops(0);
}

u::io_rate max_iops(const VolumeTypeRules& t, const VolumeSpec& v, AttachContext ctx) {
    if (t.iops_mode == IopsMode::SizeBased) {
        const auto base = size_based_baseline(t, v.size);
        return burst_applies(t, v.size) ? std::max(base, *t.burst_iops) : base;
    }
    if (t.iops_mode == IopsMode::ThroughputBased)
        return hdd_iops(t, max_throughput(t, v, ctx));
    return baseline_iops(t, v, ctx);
}

u::throughput sustained_throughput(const VolumeTypeRules& t, const VolumeSpec& v, AttachContext ctx) {
    if (!t.size_tiers.empty()) {
        const auto tier = size_tier(t, v.size).sustained;
        // Without burst credits the volume moves at most its baseline IOPS in I/Os of this size.
        return t.size_tier_io_size ? std::min(tier, size_based_baseline(t, v.size) * *t.size_tier_io_size) : tier;
    }
    if (!t.iops_tiers.empty()) {
        const auto rate = v.iops;
        const auto& tier = iops_tier(t, rate);
        return achievable(t, std::min(rate * tier.io_size, tier.max), ctx);
    }
    if (t.tput_included)
        return achievable(t, v.throughput > u::MiBps(0) ? v.throughput : *t.tput_included, ctx);
    if (t.tput_per_tib_sustained)
        return std::min(*t.tput_per_tib_sustained * u::in_TiB(v.size), *t.tput_max);
    if (t.tput_fixed_sustained)
        return *t.tput_fixed_sustained;
    return u::MiBps(0);
}

u::throughput max_throughput(const VolumeTypeRules& t, const VolumeSpec& v, AttachContext ctx) {
    if (!t.size_tiers.empty()) {
        const auto& tier = size_tier(t, v.size);
        return tier.burst ? std::max(*tier.burst, tier.sustained) : tier.sustained;
    }
    if (t.tput_per_tib_burst)
        return std::min(*t.tput_per_tib_burst * u::in_TiB(v.size), *t.tput_max);
    if (t.tput_fixed_sustained)
        return *t.tput_max;
    return sustained_throughput(t, v, ctx);
}

std::optional<double> burst_minutes(const VolumeTypeRules& t, u::capacity size, u::io_rate demand) {
    if (!t.burst_bucket || !burst_applies(t, size))
        return std::nullopt;
    const auto base = size_based_baseline(t, size);
    if (demand <= base)
        return std::nullopt;
    const auto drain = std::min(demand, *t.burst_iops) - base;
    const u::duration lasts = *t.burst_bucket / drain;
    return u::in_seconds(lasts) / 60.0;
}

std::optional<u::capacity> min_size_for_iops(const VolumeTypeRules& t, u::io_rate rate, AttachContext ctx) {
    u::capacity size = t.min_size;
    switch (t.iops_mode) {
    case IopsMode::SizeBased:
        if (rate > t.iops_max)
            return std::nullopt;
        if (rate > t.iops_min) {
            if (t.iops_per_size <= u::iops_per_GiB(0))
                return std::nullopt;
            size = std::max(size, ceil_gib(rate / t.iops_per_size));
        }
        break;
    case IopsMode::Provisioned:
    case IopsMode::IncludedPlusProvisioned: {
        if (rate > t.iops_max || (!ctx.nitro && t.max_iops_without_nitro && rate > *t.max_iops_without_nitro) ||
            achievable(t, rate, ctx) < rate)
            return std::nullopt;
        const bool needs_ratio = t.iops_mode == IopsMode::Provisioned || rate > t.iops_included;
        if (needs_ratio)
            size = std::max(size, ceil_gib(std::max(rate, t.iops_min) / t.max_iops_per_size));
        break;
    }
    case IopsMode::ThroughputBased: {
        if (rate > t.iops_max)
            return std::nullopt;
        const u::throughput needed = rate * t.rated_io_size;
        size = std::max(size, u::TiB(u::in_MiBps(needed) / u::in_MiBps(*t.tput_per_tib_sustained)));
        size = ceil_gib(size);
        break;
    }
    }
    if (size > t.max_size)
        return std::nullopt;
    return size;
}

std::vector<Violation> validate(const RuleSet& rules, const VolumeSpec& v, AttachContext ctx) {
    std::vector<Violation> out;
    const VolumeTypeRules* tp = rules.find(v.type);
    if (!tp) {
        std::string known;
        for (const auto& n : rules.type_names())
            known += (known.empty() ? "" : ", ") + n;
        out.push_back({"rules.type.unknown",
                       fmt::format("volume type '{}' is not in rule set {} (it knows {})", v.type, rules.id, known)});
        return out;
    }
    const VolumeTypeRules& t = *tp;
    const std::string& ty = t.type;
    auto add = [&](std::string_view aspect, std::string message) {
        out.push_back({fmt::format("{}.{}", ty, aspect), std::move(message)});
    };

    // Size.
    const double size_gib = u::in_GiB(v.size);
    if (v.size < t.min_size)
        add("size.min", fmt::format("{} volumes are {} to {}; {} is below the minimum", ty, gib(t.min_size),
                                    gib(t.max_size), gib(v.size)));
    else if (v.size > t.max_size)
        add("size.max", fmt::format("{} volumes are {} to {}; {} is above the maximum (stripe several volumes)", ty,
                                    gib(t.min_size), gib(t.max_size), gib(v.size)));
    if (std::abs(size_gib - std::round(size_gib)) > 1e-9)
        add("size.whole-gib", fmt::format("EBS volume sizes are whole GiB; {} is not", gib(v.size)));

    // IOPS.
    switch (t.iops_mode) {
    case IopsMode::Provisioned:
    case IopsMode::IncludedPlusProvisioned: {
        const bool gp3_like = t.iops_mode == IopsMode::IncludedPlusProvisioned;
        const auto rate = gp3_like ? std::max(v.iops, t.iops_included) : v.iops;
        if (!gp3_like && v.iops <= u::iops(0)) {
            add("iops.required",
                fmt::format("{} needs provisioned IOPS ({} to {})", ty, num(u::in_iops(t.iops_min)), io(t.iops_max)));
            break;
        }
        if (!gp3_like && rate < t.iops_min)
            add("iops.min", fmt::format("{} needs at least {} provisioned; {} asked", ty, io(t.iops_min), io(rate)));
        if (rate > t.iops_max)
            add("iops.max", fmt::format("{} allows at most {} per volume; {} asked (stripe several volumes)", ty,
                                        io(t.iops_max), io(rate)));
        else if (!ctx.nitro && t.max_iops_without_nitro && rate > *t.max_iops_without_nitro)
            add("iops.nitro", fmt::format("{} above {} needs a Nitro instance; {} asked on a non-Nitro instance", ty,
                                          io(*t.max_iops_without_nitro), io(rate)));
        else if (achievable(t, rate, ctx) < rate)
            add("iops.nitro", fmt::format("{} on an instance not built on Nitro achieves at most {} and {}; {} "
                                          "provisioned would be paid for and not delivered",
                                          ty, io(*t.achievable_iops_without_nitro),
                                          mibps(*t.achievable_throughput_without_nitro), io(rate)));
        const bool ratio_applies = !gp3_like || rate > t.iops_included;
        if (ratio_applies && u::in_iops(rate) > u::in_iops(t.max_iops_per_size * v.size) + 1e-9) {
            const double need = ceil_whole(u::in_GiB(rate / t.max_iops_per_size));
            add("iops.ratio", fmt::format("{} allows at most {} IOPS per GiB: {} needs at least {} GiB, this "
                                          "volume has {}",
                                          ty, num(u::in_iops_per_GiB(t.max_iops_per_size)), io(rate), num(need),
                                          gib(v.size)));
        }
        break;
    }
    case IopsMode::SizeBased: {
        if (v.iops <= u::iops(0))
            break;
        if (v.iops > t.iops_max) {
            add("iops.max", fmt::format("{} delivers at most {} per volume; {} asked (stripe several volumes)", ty,
                                        io(t.iops_max), io(v.iops)));
            break;
        }
        const auto base = size_based_baseline(t, v.size);
        if (v.iops > base) {
            std::string msg;
            if (t.iops_per_size > u::iops_per_GiB(0))
                msg = fmt::format("a {} {} volume sustains {} ({} per GiB, at least {}); {} asked", gib(v.size), ty,
                                  io(base), num(u::in_iops_per_GiB(t.iops_per_size)), num(u::in_iops(t.iops_min)),
                                  io(v.iops));
            else
                msg = fmt::format("a {} volume sustains about {}; {} asked", ty, io(base), io(v.iops));
            if (auto mins = burst_minutes(t, v.size, v.iops))
                msg += fmt::format("; it can burst to {} for {} minutes from a full credit bucket",
                                   io(std::min(v.iops, *t.burst_iops)), num(*mins, 1));
            if (auto need = min_size_for_iops(t, v.iops, ctx))
                msg += fmt::format("; {} sustained needs {}", io(v.iops), gib(*need));
            add("iops.baseline", std::move(msg));
        }
        break;
    }
    case IopsMode::ThroughputBased: {
        if (v.iops <= u::iops(0))
            break;
        const auto base = baseline_iops(t, v, ctx);
        if (v.iops > t.iops_max)
            add("iops.max", fmt::format("{} delivers at most {} of {} KiB; {} asked", ty, io(t.iops_max),
                                        num(u::in_KiB(t.rated_io_size)), io(v.iops)));
        else if (v.iops > base)
            add("iops.baseline", fmt::format("a {} {} volume sustains {} of {} KiB; {} asked", gib(v.size), ty,
                                             io(base), num(u::in_KiB(t.rated_io_size)), io(v.iops)));
        break;
    }
    }

    // Throughput.
    if (t.provisions_throughput()) {
        if (v.throughput > *t.tput_max)
            add("throughput.max", fmt::format("{} allows at most {} per volume; {} asked (stripe several volumes)", ty,
                                              mibps(*t.tput_max), mibps(v.throughput)));
        const auto rate = std::max(v.iops, t.iops_included);
        const u::throughput limit = rate * t.tput_max_per_iops;
        if (u::in_MiBps(v.throughput) > u::in_MiBps(limit) + 1e-9)
            add("throughput.ratio",
                fmt::format("{} allows {} MiB/s per provisioned IOPS: {} needs at least {}; this volume has {}", ty,
                            num(u::in_MiB(t.tput_max_per_iops), 3), mibps(v.throughput),
                            io(u::iops(ceil_whole(u::in_iops(v.throughput / t.tput_max_per_iops)))), io(rate)));
    } else if (v.throughput > u::MiBps(0)) {
        const auto sustained = sustained_throughput(t, v, ctx);
        if (v.throughput > sustained + u::MiBps(1e-9)) {
            std::string how;
            if (!t.iops_tiers.empty()) {
                const auto& tier = iops_tier(t, v.iops);
                how = fmt::format(" ({} KiB per provisioned IOPS, at most {}{})", num(u::in_KiB(tier.io_size), 3),
                                  mibps(tier.max),
                                  capped_without_nitro(t, ctx)
                                      ? fmt::format("; at most {} on an instance not built on Nitro",
                                                    mibps(*t.achievable_throughput_without_nitro))
                                      : std::string());
            } else if (!t.size_tiers.empty()) {
                const auto& tier = size_tier(t, v.size);
                how = t.size_tier_io_size
                          ? fmt::format(" without burst credits (baseline {} x {} KiB, at most {} at this size)",
                                        io(size_based_baseline(t, v.size)), num(u::in_KiB(*t.size_tier_io_size)),
                                        mibps(tier.sustained))
                          : fmt::format(" (the size tier's figure)");
                if (max_throughput(t, v, ctx) > sustained)
                    how += fmt::format("; it reaches {} while burst credits last", mibps(max_throughput(t, v, ctx)));
            }
            add("throughput.max",
                fmt::format("this {} volume sustains {}{}; {} asked", ty, mibps(sustained), how, mibps(v.throughput)));
        }
    }
    return out;
}

std::optional<VolumeSpec> smallest_volume(const VolumeTypeRules& t, const VolumeDemand& d, AttachContext ctx) {
    VolumeSpec v;
    v.type = t.type;
    u::capacity size = ceil_gib(std::max(d.capacity, t.min_size));

    switch (t.iops_mode) {
    case IopsMode::SizeBased: {
        auto for_iops = min_size_for_iops(t, d.iops, ctx);
        if (!for_iops)
            return std::nullopt;
        size = std::max(size, *for_iops);
        if (t.size_tier_io_size && d.throughput > u::MiBps(0)) {
            // Baseline IOPS x I/O size must carry the throughput without burst credits.
            auto for_tput = min_size_for_iops(t, u::iops(ceil_whole(u::in_iops(d.throughput / *t.size_tier_io_size))), ctx);
            if (!for_tput)
                return std::nullopt;
            size = std::max(size, *for_tput);
        }
        if (!t.size_tiers.empty()) {
            // Smallest tier that sustains the demand; the size must reach into it.
            u::capacity tier_floor = u::GiB(0);
            bool found = false;
            for (const auto& tier : t.size_tiers) {
                if (tier.sustained >= d.throughput) {
                    found = true;
                    break;
                }
                tier_floor = u::GiB(std::floor(u::in_GiB(*tier.max_size)) + 1);
            }
            if (!found)
                return std::nullopt;
            size = std::max(size, tier_floor);
        } else if (sustained_throughput(t, v, ctx) < d.throughput) {
            return std::nullopt;
        }
        v.size = size;
        v.iops = size_based_baseline(t, size);
        v.throughput = sustained_throughput(t, v, ctx);
        if (v.throughput < d.throughput)
            return std::nullopt;
        break;
    }
    case IopsMode::Provisioned: {
        auto rate = std::max(u::iops(ceil_whole(u::in_iops(d.iops))), t.iops_min);
        if (d.throughput > u::MiBps(0)) {
            std::optional<u::io_rate> for_tput;
            u::io_rate lower = u::iops(0);
            for (const auto& tier : t.iops_tiers) {
                if (tier.max >= d.throughput) {
                    const auto cand = std::max(u::iops(ceil_whole(u::in_iops(d.throughput / tier.io_size))), lower);
                    if (!tier.max_iops || cand <= *tier.max_iops) {
                        for_tput = cand;
                        break;
                    }
                }
                if (tier.max_iops)
                    lower = *tier.max_iops + u::iops(1);
            }
            if (!for_tput)
                return std::nullopt;
            rate = std::max(rate, *for_tput);
        }
        auto for_iops = min_size_for_iops(t, rate, ctx);
        if (!for_iops)
            return std::nullopt;
        v.size = std::max(size, *for_iops);
        v.iops = rate;
        v.throughput = sustained_throughput(t, v, ctx);
        if (v.throughput < d.throughput) // an instance not built on Nitro caps what is achieved
            return std::nullopt;
        break;
    }
    case IopsMode::IncludedPlusProvisioned: {
        const auto tput = std::max(*t.tput_included, u::MiBps(ceil_whole(u::in_MiBps(d.throughput))));
        if (tput > *t.tput_max)
            return std::nullopt;
        auto rate = std::max({t.iops_included, u::iops(ceil_whole(u::in_iops(d.iops))),
                              u::iops(ceil_whole(u::in_iops(tput / t.tput_max_per_iops)))});
        auto for_iops = min_size_for_iops(t, rate, ctx);
        if (!for_iops)
            return std::nullopt;
        v.size = std::max(size, *for_iops);
        v.iops = rate;
        v.throughput = tput;
        break;
    }
    case IopsMode::ThroughputBased: {
        auto for_iops = min_size_for_iops(t, d.iops, ctx);
        if (!for_iops || d.throughput > *t.tput_max)
            return std::nullopt;
        size = std::max(size, *for_iops);
        const double tib_for_tput = u::in_MiBps(d.throughput) / u::in_MiBps(*t.tput_per_tib_sustained);
        size = std::max(size, ceil_gib(u::TiB(tib_for_tput)));
        if (size > t.max_size)
            return std::nullopt;
        v.size = size;
        v.iops = baseline_iops(t, v, ctx);
        v.throughput = sustained_throughput(t, v, ctx);
        break;
    }
    }
    if (v.size > t.max_size)
        return std::nullopt;
    return v;
}

} // namespace irisize
