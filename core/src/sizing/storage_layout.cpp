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
    const auto block = N.database_block;
    const auto wij_io = N.wij_io;
    const auto jrn_io = N.journal_io;
    const double free = N.database_free_space_percent / 100.0;

    std::vector<PurposeDemand> out;
    out.reserve(6);
    {
        PurposeDemand p{"data", {}, true};
        p.demand.capacity = ceil_gib(m_d.at_horizon / (1.0 - free));
        p.demand.iops = m_d.read * read_fraction + m_d.write;
        p.demand.throughput = p.demand.iops * block;
        out.push_back(p);
    }
    {
        PurposeDemand p{"wij", {}, true};
        p.demand.capacity = ceil_gib(gb * (1.0 + N.wij_margin_percent / 100.0));
        p.demand.throughput = m_d.write * block;
        p.demand.iops = p.demand.throughput / wij_io;
        out.push_back(p);
    }
    const u::capacity journal = journal_capacity();
    for (std::string_view purpose : {"journal1", "journal2"}) {
        PurposeDemand p{purpose, {}, true};
        p.demand.capacity = ceil_gib(journal);
        p.demand.throughput = m_d.journal;
        p.demand.iops = m_d.journal / jrn_io;
        out.push_back(p);
    }
    out.push_back({"install", {N.install_volume, u::iops(0), u::MiBps(0)}, false});
    for (auto& p : out)
        p.stripable = std::find(pol().stripe_purposes.begin(), pol().stripe_purposes.end(), p.purpose) !=
                      pol().stripe_purposes.end();
    return out;
}

u::capacity Sizer::journal_capacity() const {
    const u::capacity per_day = m_d.journal * N.journal_average_to_peak * u::hours(24);
    return std::max(N.journal_min, per_day * N.journal_retention_days * N.journal_headroom_factor);
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
    PurposeDemand pd{"os", {N.os_volume, u::iops(0), u::MiBps(0)}, false};
    // The boot volume is never striped: its one width's cheapest layout is the cheapest.
    auto l = layouts_by_width(pd, prices, ctx).front();
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
                                                           AttachContext ctx, std::vector<Considered>* considered) const {
    const int max_width = pd.stripable ? static_cast<int>(N.stripe_max_width) : 1;
    std::vector<std::optional<Layout>> out(static_cast<std::size_t>(max_width));
    std::vector<double> judged(out.size(), kInf);
    const auto& specs = candidates(pd, ctx);
    // The candidates come grouped by type: one pass gives each width's cheapest layout and,
    // when asked, each type's cheapest.
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
            const double j = monthly + u::in_usd(N.stripe_extra_volume_per_month) * (cand.width - 1);
            auto& slot = judged[static_cast<std::size_t>(cand.width - 1)];
            if (j < slot - 1e-9) {
                slot = j;
                out[static_cast<std::size_t>(cand.width - 1)] = Layout{cand.rules, cand.spec, cand.width, cost};
            }
            if (j < c.judged - 1e-9) {
                c.judged = j;
                c.monthly = monthly;
                c.width = cand.width;
            }
        }
        if (price && c.width == 0)
            c.why_not = "no valid volume within the stripe limit";
        if (considered)
            considered->push_back(c);
    }
    return out;
}

} // namespace irisize::sizing
