// SPDX-License-Identifier: GPL-3.0-or-later
// Storage layout: each volume purpose's demand (data, WIJ, both journals, install, boot) and
// its cheapest valid layouts per volume type and stripe width, from the rule engine's smallest
// valid volume and the region's prices.
#include "sizer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "irisize/rules/rule_engine.hpp"

namespace irisize::sizing {

// --- storage ------------------------------------------------------------------------------

std::vector<PurposeDemand> Sizer::database_purposes(double read_fraction, u::capacity gb) const {
    const auto block = u::KiB_per_io(N.database_block_kib);
    const auto wij_io = u::KiB_per_io(N.wij_io_kib);
    const auto jrn_io = u::KiB_per_io(N.journal_io_kib);
    const double free = N.database_free_space_percent / 100.0;
    const u::capacity at_horizon = m_d.at_horizon;

    std::vector<PurposeDemand> out;
    out.reserve(6);
    {
        PurposeDemand p{"data", {}, true, {}};
        p.demand.capacity = ceil_gib(at_horizon / (1.0 - free));
        p.demand.iops = m_d.read * read_fraction + m_d.write;
        p.demand.throughput = p.demand.iops * block;
        if (m_opt.explain)
            p.why = fmt::format("Holds {} = {} / (1 - {} % free); sustains {} = {} reads{} + {} writes of {} KiB = {}",
                                gib(p.demand.capacity),
                                m_d.fit_note.empty()
                                    ? fmt::format("{} x (1 + {} %)^{} years", gib(m_d.size), num(m_d.growth, 2),
                                                  m_d.horizon)
                                    : fmt::format("{} (growth {})", gib(at_horizon), m_d.fit_note),
                                num(free * 100),
                                io(p.demand.iops), num(u::in_iops(m_d.read)),
                                read_fraction < 1 ? fmt::format(" x {} %", num(read_fraction * 100)) : std::string(),
                                num(u::in_iops(m_d.write)), num(u::in_KiB(block)), mibps(p.demand.throughput));
        out.push_back(std::move(p));
    }
    {
        const double margin = N.wij_margin_percent / 100.0;
        PurposeDemand p{"wij", {}, true, {}};
        p.demand.capacity = ceil_gib(gb * (1.0 + margin));
        p.demand.throughput = m_d.write * block;
        p.demand.iops = p.demand.throughput / wij_io;
        if (m_opt.explain)
            p.why = fmt::format(
                "Holds the WIJ at its maximum, the global buffers: {} + {} % = {}; carries the database "
                "writes ({} x {} KiB = {}) in {} KiB blocks = {}",
                gib(gb), num(margin * 100), gib(p.demand.capacity), num(u::in_iops(m_d.write)), num(u::in_KiB(block)),
                mibps(p.demand.throughput), num(u::in_KiB(wij_io)), io(p.demand.iops));
        out.push_back(std::move(p));
    }
    {
        const double avg = N.journal_average_to_peak;
        const double days = N.journal_retention_days;
        const double headroom = N.journal_headroom_factor;
        const u::capacity per_day = m_d.journal * avg * u::hours(24);
        const u::capacity need = std::max(u::GiB(N.journal_min_gib), per_day * days * headroom);
        for (std::string_view purpose : {"journal1", "journal2"}) {
            PurposeDemand p{purpose, {}, true, {}};
            p.demand.capacity = ceil_gib(need);
            p.demand.throughput = m_d.journal;
            p.demand.iops = m_d.journal / jrn_io;
            if (m_opt.explain)
                p.why =
                    fmt::format("The {} journal holds {} = max({} GiB, {} peak x {} average/peak x 24 h x {} days kept "
                                "x {} headroom for journals kept longer by a late backup or a long transaction "
                                "(estimate)); sustains {} in {} KiB blocks = {}",
                                purpose == "journal1" ? "primary" : "alternate", gib(p.demand.capacity),
                                num(N.journal_min_gib), mibps(m_d.journal), num(avg, 2), num(days), num(headroom),
                                mibps(m_d.journal), num(u::in_KiB(jrn_io)), io(p.demand.iops));
            out.push_back(std::move(p));
        }
    }
    {
        PurposeDemand p{"install", {}, false, {}};
        p.demand.capacity = u::GiB(N.install_volume_gib);
        if (m_opt.explain)
            p.why = fmt::format("Installation directory and system databases: {} ({})", gib(p.demand.capacity),
                                pol().at("install_volume_gib").source);
        out.push_back(std::move(p));
    }
    for (auto& p : out)
        p.stripable = std::find(pol().stripe_purposes.begin(), pol().stripe_purposes.end(), p.purpose) !=
                      pol().stripe_purposes.end();
    return out;
}

const std::vector<Sizer::Candidate>& Sizer::candidates(const PurposeDemand& pd, AttachContext ctx) const {
    // The smallest valid volume per type and width depends on the demand and the instance kind,
    // not on the region: the journals share one demand, and DR members repeat the primary's.
    const auto& types = pol().volume_candidates.find(pd.purpose)->second;
    for (const auto& c : m_candidate_cache)
        if (c.nitro == ctx.nitro && c.stripable == pd.stripable && c.demand.capacity == pd.demand.capacity &&
            c.demand.iops == pd.demand.iops && c.demand.throughput == pd.demand.throughput &&
            (c.types == &types || *c.types == types))
            return c.specs;
    CandidateSet set{&types, pd.demand, ctx.nitro, pd.stripable, {}};
    const int max_width = pd.stripable ? static_cast<int>(N.stripe_max_width) : 1;
    set.specs.reserve(types.size() * static_cast<std::size_t>(max_width));
    for (const auto& type : types) {
        const VolumeTypeRules* t = m_rules->find(type);
        if (!t) {
            set.specs.push_back({type, nullptr, 0, {}});
            continue;
        }
        bool any = false;
        for (int width = 1; width <= max_width; ++width) {
            const double n = width;
            VolumeDemand per{ceil_gib(pd.demand.capacity / n), pd.demand.iops / n, pd.demand.throughput / n};
            if (auto spec = smallest_volume(*t, per, ctx)) {
                set.specs.push_back({type, t, width, std::move(*spec)});
                any = true;
            }
        }
        if (!any)
            set.specs.push_back({type, t, 0, {}});
    }
    m_candidate_cache.push_back(std::move(set));
    return m_candidate_cache.back().specs;
}

std::optional<Layout> Sizer::best_layout(const PurposeDemand& pd, const PriceList& prices, AttachContext ctx,
                                         std::vector<Considered>* considered) const {
    std::optional<Layout> best;
    double best_cost = kInf;
    // Every width is priced: gp3 includes IOPS and throughput per volume, gp2's throughput steps with
    // size, and whole-GiB and whole-IOPS rounding differs by width, so a wider stripe can cost less even
    // where a narrower one works (the brute-force test found such cases for io1).
    const auto& specs = candidates(pd, ctx);
    for (std::size_t i = 0; i < specs.size();) {
        const std::string_view type = specs[i].type;
        Considered c{type, kInf, kInf, 0, {}};
        const EbsPrice* price = specs[i].rules ? ebs_price(prices, specs[i].rules) : nullptr;
        if (!specs[i].rules)
            c.why_not = "not in this rule set";
        else if (!price)
            c.why_not = "no price in this region";
        for (; i < specs.size() && specs[i].type == type; ++i) {
            const auto& cand = specs[i];
            if (!price || cand.width == 0)
                continue;
            const VolumeCost cost = volume_cost(*cand.rules, *price, cand.spec, cand.width);
            const double monthly = u::usd_per_month(cost.total(), prices.month);
            // Each extra volume in a stripe must earn its keep (policy: stripe_extra_volume_usd_per_month).
            const double judged = monthly + N.stripe_extra_volume_usd_per_month * (cand.width - 1);
            if (judged < c.judged - 1e-9) {
                c.judged = judged;
                c.monthly = monthly;
                c.width = cand.width;
            }
            if (judged < best_cost - 1e-9) {
                best_cost = judged;
                best = Layout{cand.rules, cand.spec, cand.width, cost};
            }
        }
        if (price && c.width == 0)
            c.why_not = "no valid volume within the stripe limit";
        if (considered)
            considered->push_back(c);
    }
    return best;
}

PlannedVolume to_planned(const PurposeDemand& pd, const Layout& l) {
    PlannedVolume v;
    v.purpose = std::string(pd.purpose);
    v.type = l.spec.type;
    v.size = l.spec.size;
    v.iops = l.spec.iops;
    v.throughput = l.spec.throughput;
    v.stripe_width = l.width;
    v.demand_capacity = pd.demand.capacity;
    v.demand_iops = pd.demand.iops;
    v.demand_throughput = pd.demand.throughput;
    v.storage_cost = l.cost.storage;
    v.iops_cost = l.cost.iops;
    v.throughput_cost = l.cost.throughput;
    return v;
}

std::string describe_layout(const PlannedVolume& v) {
    if (v.stripe_width > 1)
        return fmt::format("{} x {} {}, {}, {} each (LVM stripe of {})", v.stripe_width, v.type, gib(v.size),
                           io(v.iops), mibps(v.throughput), v.stripe_width);
    return fmt::format("{} {}, {}, {}", v.type, gib(v.size), io(v.iops), mibps(v.throughput));
}

std::string describe_considered(const std::vector<Considered>& cs, const PriceList& prices) {
    std::string out;
    for (const auto& c : cs) {
        out += out.empty() ? "" : "; ";
        if (c.width == 0)
            out += fmt::format("{}: {}", c.type, c.why_not);
        else
            out += fmt::format("{}{} {}/month", c.type, c.width > 1 ? fmt::format(" x{}", c.width) : std::string(),
                               money_str(c.monthly));
    }
    (void)prices;
    return out;
}

PlannedVolume Sizer::os_volume(const PriceList& prices, AttachContext ctx) {
    for (const auto& [p, nitro, v] : m_os_cache)
        if (p == &prices && nitro == ctx.nitro)
            return v;
    PurposeDemand pd{"os", {u::GiB(N.os_volume_gib), u::iops(0), u::MiBps(0)}, false, {}};
    auto l = best_layout(pd, prices, ctx, nullptr);
    if (!l) // the policy's os candidates always fit a small boot volume; keep the plan honest if not
        return PlannedVolume{"os",
                             "none",
                             u::GiB(0),
                             u::iops(0),
                             u::MiBps(0),
                             0,
                             pd.demand.capacity,
                             u::iops(0),
                             u::MiBps(0),
                             u::usd_per_hour(0),
                             u::usd_per_hour(0),
                             u::usd_per_hour(0),
                             "no boot volume type of the policy is priced in this region"};
    auto v = to_planned(pd, *l);
    if (m_opt.explain)
        v.explanation = fmt::format("boot volume {} ({})", describe_layout(v), pol().at("os_volume_gib").source);
    m_os_cache.emplace_back(&prices, ctx.nitro, v);
    return v;
}

std::vector<std::optional<Layout>> Sizer::layouts_by_width(const PurposeDemand& pd, const PriceList& prices,
                                                           AttachContext ctx) const {
    const int max_width = pd.stripable ? static_cast<int>(N.stripe_max_width) : 1;
    std::vector<std::optional<Layout>> out(static_cast<std::size_t>(max_width));
    std::vector<double> judged(out.size(), kInf);
    for (const auto& cand : candidates(pd, ctx)) {
        if (!cand.rules || cand.width == 0)
            continue;
        const EbsPrice* price = ebs_price(prices, cand.rules);
        if (!price)
            continue;
        const VolumeCost cost = volume_cost(*cand.rules, *price, cand.spec, cand.width);
        const double j = u::usd_per_month(cost.total(), prices.month) +
                         N.stripe_extra_volume_usd_per_month * (cand.width - 1);
        auto& slot = judged[static_cast<std::size_t>(cand.width - 1)];
        if (j < slot - 1e-9) {
            slot = j;
            out[static_cast<std::size_t>(cand.width - 1)] = Layout{cand.rules, cand.spec, cand.width, cost};
        }
    }
    return out;
}

} // namespace irisize::sizing
