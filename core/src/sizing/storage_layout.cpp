// SPDX-License-Identifier: GPL-3.0-or-later
// Storage layout: each volume purpose's demand (data, WIJ, both journals, install, boot) and
// its cheapest valid layouts per volume type and stripe width, from the rule engine's smallest
// valid volume and the region's prices.
#include "sizer.hpp"

#include <algorithm>
#include <cmath>

#include <boost/container/small_vector.hpp>
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
        PurposeDemand p{VolumePurpose::data, {}, true};
        p.demand.capacity = ceil_gib(m_d.at_horizon / (1.0 - free));
        p.demand.iops = m_d.read * read_fraction + m_d.write;
        p.demand.throughput = p.demand.iops * block;
        out.push_back(p);
    }
    {
        PurposeDemand p{VolumePurpose::wij, {}, true};
        p.demand.capacity = ceil_gib(gb * (1.0 + N.wij_margin_percent / 100.0));
        p.demand.throughput = m_d.write * block;
        p.demand.iops = p.demand.throughput / wij_io;
        out.push_back(p);
    }
    const u::capacity journal = journal_capacity();
    for (VolumePurpose purpose : {VolumePurpose::journal1, VolumePurpose::journal2}) {
        PurposeDemand p{purpose, {}, true};
        p.demand.capacity = ceil_gib(journal);
        p.demand.throughput = m_d.journal;
        p.demand.iops = m_d.journal / jrn_io;
        out.push_back(p);
    }
    out.push_back({VolumePurpose::install, {N.install_volume, u::iops(0), u::MiBps(0)}, false});
    for (auto& p : out)
        p.stripable = std::find(pol().stripe_purposes.begin(), pol().stripe_purposes.end(), p.purpose) !=
                      pol().stripe_purposes.end();
    return out;
}

u::capacity Sizer::journal_capacity() const {
    const u::capacity per_day = m_d.journal * N.journal_average_to_peak * u::hours(24);
    return std::max(N.journal_min, per_day * N.journal_retention_days * N.journal_headroom_factor);
}

Sizer::CandidateSet& Sizer::candidate_set(const PurposeDemand& pd, AttachContext ctx) const {
    // The smallest valid volume per type and width depends on the demand and the instance kind,
    // not on the region: the journals share one demand, and DR members repeat the primary's.
    const auto& types = pol().volume_candidates.find(pd.purpose)->second;
    auto& pool = m_candidates;
    for (std::size_t i = 0; i < pool.used; ++i)
        if (auto& c = pool.sets[i]; c.nitro == ctx.nitro && c.stripable == pd.stripable &&
                                    c.demand.capacity == pd.demand.capacity && c.demand.iops == pd.demand.iops &&
                                    c.demand.throughput == pd.demand.throughput &&
                                    (c.types == &types || *c.types == types))
            return c;
    if (pool.used == pool.sets.size())
        pool.sets.emplace_back();
    CandidateSet& set = pool.sets[pool.used++];
    set.types = &types;
    set.demand = pd.demand;
    set.nitro = ctx.nitro;
    set.stripable = pd.stripable;
    set.max_width = pd.stripable ? static_cast<int>(N.stripe_max_width) : 1;
    set.rules.clear();
    for (const auto& type : types)
        set.rules.push_back(m_rules->find(type));
    set.slots.assign(types.size() * static_cast<std::size_t>(set.max_width), Candidate{});
    return set;
}

const VolumeFigures* Sizer::candidate(CandidateSet& set, std::size_t type, int width) const {
    auto& slot = set.slots[type * static_cast<std::size_t>(set.max_width) + static_cast<std::size_t>(width - 1)];
    if (slot.state == Candidate::State::unknown) {
        const double n = width;
        const VolumeDemand per{ceil_gib(set.demand.capacity / n), set.demand.iops / n, set.demand.throughput / n};
        if (auto v = smallest_volume(*set.rules[type], per, {set.nitro})) {
            slot.spec = {v->size, v->iops, v->throughput};
            slot.state = Candidate::State::valid;
        } else {
            slot.state = Candidate::State::none;
        }
    }
    return slot.state == Candidate::State::valid ? &slot.spec : nullptr;
}

PlannedVolume to_planned(const PurposeDemand& pd, const Layout& l) {
    PlannedVolume v;
    v.purpose = pd.purpose;
    v.type = l.rules->type;
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

void describe_layout(TextBuffer& out, const PlannedVolume& v) {
    if (v.stripe_width > 1)
        append(out, FMT_COMPILE("{} x {} {}, {}, {} each (LVM stripe of {})"), v.stripe_width, v.type, gib(v.size),
               io(v.iops), mibps(v.throughput), v.stripe_width);
    else
        append(out, FMT_COMPILE("{} {}, {}, {}"), v.type, gib(v.size), io(v.iops), mibps(v.throughput));
}

void describe_considered(TextBuffer& out, const std::vector<Considered>& cs) {
    bool first = true;
    for (const auto& c : cs) {
        if (!first)
            append(out, "; ");
        first = false;
        if (c.width == 0)
            append(out, FMT_COMPILE("{}: {}"), c.type, c.why_not);
        else if (c.width > 1)
            append(out, FMT_COMPILE("{} x{} {}/month"), c.type, c.width, fmoney(c.monthly));
        else
            append(out, FMT_COMPILE("{} {}/month"), c.type, fmoney(c.monthly));
    }
}

const PlannedVolume& Sizer::os_volume(const PriceList& prices, AttachContext ctx) {
    for (const auto& [p, nitro, v] : m_os_cache)
        if (p == &prices && nitro == ctx.nitro)
            return v;
    PurposeDemand pd{VolumePurpose::os, {N.os_volume, u::iops(0), u::MiBps(0)}, false};
    // The boot volume is never striped: its one width's cheapest layout is the cheapest.
    auto l = layouts_by_width(pd, prices, ctx).front();
    if (!l) // the policy's os candidates always fit a small boot volume; keep the plan honest if not
        return std::get<2>(m_os_cache.emplace_back(&prices, ctx.nitro, PlannedVolume{VolumePurpose::os,
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
                             "no boot volume type of the policy is priced in this region"}));
    auto v = to_planned(pd, *l);
    if (m_opt.explain) {
        TextBuffer b;
        append(b, "boot volume ");
        describe_layout(b, v);
        append(b, FMT_COMPILE(" ({})"), pol().at("os_volume_gib").source);
        v.explanation = to_string(b);
    }
    return std::get<2>(m_os_cache.emplace_back(&prices, ctx.nitro, std::move(v)));
}

LayoutsByWidth Sizer::layouts_by_width(const PurposeDemand& pd, const PriceList& prices, AttachContext ctx,
                                       std::vector<Considered>* considered) const {
    CandidateSet& set = candidate_set(pd, ctx);
    const auto widths = static_cast<std::size_t>(set.max_width);
    const std::size_t types = set.rules.size();
    LayoutsByWidth out(widths);
    // A handful of widths and types: kept on the stack (the policy may name more; they spill).
    boost::container::small_vector<double, 8> judged(widths, kInf);
    boost::container::small_vector<const EbsPrice*, 8> price(types, nullptr);
    // Each type's cheapest, written straight into the explanation's list when there is one.
    boost::container::small_vector<Considered, 8> own;
    std::vector<Considered>* listed = considered;
    const std::size_t first = listed ? listed->size() : 0;
    if (listed)
        listed->reserve(first + types);
    auto considered_of = [&](std::size_t t) -> Considered& { return listed ? (*listed)[first + t] : own[t]; };
    for (std::size_t t = 0; t < types; ++t) {
        Considered c{(*set.types)[t], kInf, kInf, 0, {}};
        if (!set.rules[t])
            c.why_not = "not in this rule set";
        else if (!(price[t] = ebs_price(prices, set.rules[t])))
            c.why_not = "no price in this region";
        if (listed)
            listed->push_back(c);
        else
            own.push_back(c);
    }
    // Widths in turn, the types in the policy's order at each: a wider layout matters only if
    // it is cheaper than every narrower one (the attachment budget search never prefers more
    // volumes for more money), and none can be when its storage alone, with the allowance for
    // the extra volumes, already costs more. For the explanation each type's own cheapest counts.
    // Each type's cheapest IOPS price (a tiered price bills less above each step).
    boost::container::small_vector<u::iops_price, 8> cheapest_iops(types, u::iops_price{});
    for (std::size_t t = 0; t < types; ++t)
        if (price[t] && !price[t]->iops_tiers.empty()) {
            cheapest_iops[t] = price[t]->iops_tiers.front().price;
            for (const auto& tier : price[t]->iops_tiers)
                cheapest_iops[t] = std::min(cheapest_iops[t], tier.price);
        }
    // What `w` volumes of a type cost at least, a month: storage for the capacity (or the type's
    // smallest volumes), and the IOPS and throughput they must bill beyond what each includes
    // (each volume provisions at least its share of the demand).
    auto least_monthly = [&](std::size_t t, double w) {
        const VolumeTypeRules& r = *set.rules[t];
        const EbsPrice& p = *price[t];
        u::cost_rate c = p.per_gib * std::max(pd.demand.capacity, r.min_size * w);
        if (r.provisions_iops() && !p.iops_tiers.empty()) {
            const u::io_rate billed = pd.demand.iops - r.iops_included * w;
            if (billed > u::iops(0))
                c += cheapest_iops[t] * billed;
        }
        if (r.provisions_throughput() && p.per_mibps) {
            const u::throughput billed = pd.demand.throughput - *r.tput_included * w;
            if (billed > u::MiBps(0))
                c += *p.per_mibps * billed;
        }
        return u::usd_per_month(c, prices.month);
    };
    // From a width where each volume includes its share of the billed IOPS and throughput (or
    // the type includes none), that least cost with the stripe allowance only grows with the
    // width, while every bound below only falls: a type cut off there is cut off at every wider
    // width too.
    auto grows_from = [&](std::size_t t, double w) {
        const VolumeTypeRules& r = *set.rules[t];
        const bool iops_flat = !r.provisions_iops() || r.iops_included <= u::iops(0) ||
                               pd.demand.iops <= r.iops_included * w;
        const bool tput_flat = !r.provisions_throughput() || *r.tput_included <= u::MiBps(0) ||
                               pd.demand.throughput <= *r.tput_included * w;
        return iops_flat && tput_flat;
    };
    boost::container::small_vector<bool, 8> cut_off(types, false);
    std::size_t cut = 0;
    for (std::size_t t = 0; t < types; ++t)
        if (!price[t]) {
            cut_off[t] = true;
            ++cut;
        }
    double narrower = kInf; // the cheapest layout of any type at a smaller width
    for (std::size_t w = 1; w <= widths && cut < types; ++w) {
        const double allowance = u::in_usd(N.stripe_extra_volume_per_month) * static_cast<double>(w - 1);
        for (std::size_t t = 0; t < types; ++t) {
            if (cut_off[t])
                continue;
            // A candidate matters only below the bound: for the explanation, its type's cheapest
            // so far; else the cheapest narrower layout and this width's cheapest so far.
            const double bound = considered ? considered_of(t).judged : std::min(narrower, judged[w - 1]);
            if (bound < kInf && least_monthly(t, static_cast<double>(w)) + allowance - 1e-6 >= bound) {
                if (grows_from(t, static_cast<double>(w))) {
                    cut_off[t] = true;
                    ++cut;
                }
                continue;
            }
            const VolumeFigures* spec = candidate(set, t, static_cast<int>(w));
            if (!spec)
                continue;
            const VolumeCost cost =
                volume_cost(*set.rules[t], *price[t], spec->size, spec->iops, spec->throughput, static_cast<int>(w));
            const double monthly = u::usd_per_month(cost.total(), prices.month);
            const double j = monthly + allowance;
            if (j < judged[w - 1] - 1e-9) {
                judged[w - 1] = j;
                out[w - 1] = Layout{set.rules[t], *spec, static_cast<int>(w), cost};
            }
            if (Considered& c = considered_of(t); j < c.judged - 1e-9) {
                c.judged = j;
                c.monthly = monthly;
                c.width = static_cast<int>(w);
            }
        }
        narrower = std::min(narrower, judged[w - 1]);
    }
    if (listed)
        for (std::size_t t = 0; t < types; ++t)
            if (Considered& c = considered_of(t); price[t] && c.width == 0)
                c.why_not = "no valid volume within the stripe limit";
    return out;
}

} // namespace irisize::sizing
