// SPDX-License-Identifier: GPL-3.0-or-later
// Instance choice for a database member (primary, backup, DR async): the InterSystems memory
// plan estimate, the storage that fits each instance's EBS attachment limit (a small knapsack
// over the purposes' stripe widths), the cheapest instance meeting CPU, memory and sustained
// EBS, the next smaller instance's memory boundary and the cheaper instances turned down.
#include "sizer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>

#include <fmt/format.h>

namespace irisize::sizing {

u::capacity Sizer::shared_memory(u::capacity gb, int vcpu) const {
    const u::capacity gmheap = std::clamp(gb * N.memory_gmheap_fraction, N.memory_gmheap_min, N.memory_gmheap_max);
    return gb * N.memory_global_buffers_factor + m_d.routine_buffers * N.memory_routine_buffers_factor + gmheap +
           N.memory_per_logical_cpu * static_cast<double>(vcpu) + N.memory_journal_buffers +
           N.memory_per_server_connection * N.memory_server_connections + N.memory_fixed;
}

u::capacity Sizer::memory_needed(u::capacity gb, int vcpu) const {
    return shared_memory(gb, vcpu) / m_d.shared_fraction;
}

Result<std::vector<Member>> Sizer::size_database(Role role, const PriceList& prices, double fraction) {
    const bool dr = role == Role::dr_async;
    const u::capacity gb = m_d.global_buffers * fraction;
    const double vcpu_need = m_d.cores * fraction / m_d.target;
    auto purposes = database_purposes(fraction, gb);
    const int nics = static_cast<int>(N.network_interfaces_per_member);

    // Two purposes whose layout searches give the same answer: the same demand, stripe rule
    // and candidate types.
    auto same_search = [&](const PurposeDemand& a, const PurposeDemand& b) {
        return a.stripable == b.stripable && a.demand.capacity == b.demand.capacity &&
               a.demand.iops == b.demand.iops && a.demand.throughput == b.demand.throughput &&
               pol().volume_candidates.find(a.purpose)->second == pol().volume_candidates.find(b.purpose)->second;
    };
    // Per instance kind (Nitro or not): each purpose's cheapest layout at every stripe width.
    struct Options {
        std::vector<LayoutsByWidth> by_width; ///< per purpose, index width - 1
        std::vector<std::vector<Considered>> considered;          ///< per purpose, for the explanation
        std::optional<VolumePurpose> failed;                      ///< a purpose no layout meets
    };
    std::array<std::optional<Options>, 2> options;
    auto options_for = [&](bool nitro) -> const Options& {
        auto& o = options[nitro ? 1 : 0];
        if (!o) {
            Options x;
            const AttachContext ctx{nitro};
            x.by_width.reserve(purposes.size());
            x.considered.reserve(purposes.size());
            for (std::size_t p = 0; p < purposes.size(); ++p) {
                const auto& pd = purposes[p];
                // The alternate journal repeats the first's demand and candidates: the same layouts.
                if (p > 0 && same_search(purposes[p - 1], pd)) {
                    x.considered.push_back(x.considered.back());
                    x.by_width.push_back(x.by_width.back());
                    continue;
                }
                x.considered.emplace_back();
                // The types' cheapest layouts are named in the volume's explanation.
                x.by_width.push_back(
                    layouts_by_width(pd, prices, ctx, m_opt.explain ? &x.considered.back() : nullptr));
                const auto& bw = x.by_width.back();
                if (!x.failed && std::none_of(bw.begin(), bw.end(), [](const auto& l) { return l.has_value(); }))
                    x.failed = pd.purpose;
            }
            o = std::move(x);
        }
        return *o;
    };

    // The storage of one member: the cheapest layouts whose volumes, with the boot volume, fit
    // the instance's EBS attachment budget (a small knapsack over the purposes' stripe widths).
    struct Storage {
        std::vector<PlannedVolume> volumes;
        u::cost_rate cost = u::usd_per_hour(0);
        double judged = kInf;
        int volume_count = 0;
        bool ok = false;
        bool over_limit = false; ///< layouts exist, but none fits the budget
        int fewest_volumes = 0;  ///< the fewest volumes any valid layout needs
        bool any_kind = false;   ///< every volume's type works the same on any instance kind
    };
    struct Keyed {
        bool nitro;
        int budget;
        Storage s;
    };
    std::deque<Keyed> storages; // one per instance kind and attachment budget searched; stable references
    auto judged_of = [&](const Layout& l) {
        return u::usd_per_month(l.cost.total(), prices.month) +
               u::in_usd(N.stripe_extra_volume_per_month) * static_cast<double>(l.width - 1);
    };
    // Volumes the boot volume and each purpose's layout add up to.
    auto finish = [&](Storage& s, const Options& o, const std::vector<int>& widths, bool nitro) {
        s.volumes.reserve(purposes.size() + 1);
        s.any_kind = true;
        for (std::size_t p = 0; p < purposes.size(); ++p) {
            const Layout& l = *o.by_width[p][static_cast<std::size_t>(widths[p] - 1)];
            s.volumes.push_back(to_planned(purposes[p], l));
            s.cost += s.volumes.back().cost();
            s.volume_count += widths[p];
            s.any_kind = s.any_kind && !l.rules->depends_on_nitro();
        }
        s.volumes.push_back(os_volume(prices, {nitro}));
        s.cost += s.volumes.back().cost();
        s.volume_count += 1;
        const VolumeTypeRules* boot = m_rules->find(s.volumes.back().type);
        s.any_kind = s.any_kind && boot && !boot->depends_on_nitro();
        s.ok = true;
    };
    // Without a binding attachment limit each purpose simply takes its cheapest width.
    auto cheapest_each = [&](const Options& o, bool nitro) {
        Storage s;
        s.fewest_volumes = 1;
        s.judged = 0;
        std::vector<int> widths(purposes.size(), 0);
        for (std::size_t p = 0; p < purposes.size(); ++p) {
            const auto& bw = o.by_width[p];
            double best = kInf;
            for (std::size_t w = 1; w <= bw.size(); ++w) {
                if (!bw[w - 1])
                    continue;
                if (widths[p] == 0)
                    s.fewest_volumes += static_cast<int>(w);
                const double j = judged_of(*bw[w - 1]);
                if (j < best - 1e-9) {
                    best = j;
                    widths[p] = static_cast<int>(w);
                }
            }
            s.judged += best;
        }
        finish(s, o, widths, nitro);
        return s;
    };
    auto compute_storage = [&](bool nitro, int budget) -> Storage& {
        for (auto& k : storages)
            if (k.nitro == nitro && k.budget == budget)
                return k.s;
        Storage s;
        const Options& o = options_for(nitro);
        if (!o.failed) {
            // The boot volume takes one; no layout needs more than every purpose at its widest.
            int widest = 0;
            for (const auto& bw : o.by_width)
                widest += static_cast<int>(bw.size());
            const int cap = std::clamp(budget - 1, 0, widest);
            if (cap == widest)
                return storages.emplace_back(Keyed{nitro, budget, cheapest_each(o, nitro)}).s;
            // best[used]: cheapest judged cost of the purposes so far using `used` volumes.
            std::vector<double> best(static_cast<std::size_t>(cap) + 1, kInf);
            best[0] = 0;
            std::vector<std::vector<int>> pick(purposes.size(), std::vector<int>(best.size(), 0));
            s.fewest_volumes = 1;
            for (std::size_t p = 0; p < purposes.size(); ++p) {
                std::vector<double> next(best.size(), kInf);
                const auto& bw = o.by_width[p];
                int fewest = 0;
                for (std::size_t w = 1; w <= bw.size(); ++w) {
                    if (!bw[w - 1])
                        continue;
                    if (fewest == 0)
                        fewest = static_cast<int>(w);
                    const double j = judged_of(*bw[w - 1]);
                    for (std::size_t used = 0; used + w < best.size(); ++used) {
                        if (best[used] == kInf || best[used] + j >= next[used + w] - 1e-9)
                            continue;
                        next[used + w] = best[used] + j;
                        pick[p][used + w] = static_cast<int>(w);
                    }
                }
                s.fewest_volumes += fewest;
                best = std::move(next);
            }
            std::size_t used = 0;
            for (std::size_t k = 1; k < best.size(); ++k)
                if (best[k] < best[used] - 1e-9)
                    used = k;
            if (best[used] == kInf) {
                s.over_limit = true;
            } else {
                s.judged = best[used];
                std::vector<int> widths(purposes.size());
                for (std::size_t p = purposes.size(); p-- > 0;) {
                    widths[p] = pick[p][used];
                    used -= static_cast<std::size_t>(widths[p]);
                }
                finish(s, o, widths, nitro);
            }
        }
        return storages.emplace_back(Keyed{nitro, budget, std::move(s)}).s;
    };
    constexpr int kUnlimited = 1 << 20;
    // Each kind's storage under no attachment limit, looked up once (every instance asks).
    std::array<Storage*, 2> free_storage{nullptr, nullptr};
    auto free_storage_for = [&](bool nitro) -> Storage& {
        Storage*& s = free_storage[nitro ? 1 : 0];
        if (!s && !nitro && !m_opt.explain) {
            // An instance not built on Nitro can only do worse with a volume type that depends on
            // the kind, and the same with any other: when the cheapest Nitro storage uses only
            // types of the second sort, it is the cheapest here too. (The explanation lists each
            // kind's own candidates, so it searches.)
            Storage& on_nitro = compute_storage(true, kUnlimited);
            if (on_nitro.ok && on_nitro.any_kind)
                s = &on_nitro;
        }
        if (!s)
            s = &compute_storage(nitro, kUnlimited);
        return *s;
    };
    // Most instances take the cheapest layout as it is: search again only under a tighter budget.
    auto storage_for = [&](bool nitro, int budget) -> Storage& {
        Storage& free_layout = free_storage_for(nitro);
        if (!free_layout.ok || free_layout.volume_count <= budget)
            return free_layout;
        return compute_storage(nitro, budget);
    };
    auto budget_of = [&](const InstanceType& it) { return it.attachments.ebs_volumes(nics, it.nvme_store_volumes); };

    {
        const Options& o = options_for(true);
        const bool any_legacy = std::any_of(m_db_candidates.begin(), m_db_candidates.end(),
                                            [&](std::size_t i) { return !m_cat.instances.instances[i].nitro; });
        if (o.failed && (!any_legacy || options_for(false).failed))
            return Error{format_text(FMT_COMPILE("{} volumes"), dr ? "dr" : "database"),
                         format_text(FMT_COMPILE("no EBS layout of {} (up to {} volumes striped) under rule set {} meets the {} "
                                     "demand in {}"),
                                     fmt::join(pol().volume_candidates.at(*o.failed), ", "), fnum(N.stripe_max_width),
                                     m_rules->id, *o.failed, prices.region)};
    }

    // Sum of the demand the member's volumes carry (the alternate journal idles until a switch).
    u::io_rate ebs_iops = u::iops(0);
    u::throughput ebs_tput = u::MiBps(0);
    for (const auto& pd : purposes)
        if (pd.purpose != VolumePurpose::journal2) {
            ebs_iops += pd.demand.iops;
            ebs_tput += pd.demand.throughput;
        }

    std::vector<ScoredInstance> scored;
    scored.reserve(m_db_candidates.size());
    const InstanceType* best = nullptr;
    double best_monthly = kInf, best_instance_monthly = kInf;
    bool best_estimate = false;
    bool blocked_by_volumes = false; // some instance met CPU, memory and EBS but not the attachment limit
    std::size_t best_idx = 0;
    auto consider = [&](std::size_t idx) {
        const auto& it = m_cat.instances.instances[idx];
        const auto& price = prices.instance_price[idx];
        if (!price)
            return;
        const double instance_monthly = u::usd_per_month(price->price, prices.month);
        const bool meets = it.vcpu >= vcpu_need - 1e-9 && it.ebs.dedicated && it.ebs.baseline_iops >= ebs_iops &&
                           it.ebs.baseline_throughput >= ebs_tput && it.memory >= memory_needed(gb, it.vcpu);
        // Without an explanation to list the instances turned down, one that misses a rule needs
        // no storage.
        if (!m_opt.explain && !meets)
            return;
        const Storage& free_st = free_storage_for(it.nitro);
        if (!free_st.ok)
            return;
        const Storage& st = storage_for(it.nitro, budget_of(it));
        const double monthly = u::usd_per_month(price->price + (st.ok ? st.cost : free_st.cost), prices.month);
        const bool fits = meets && st.ok;
        blocked_by_volumes = blocked_by_volumes || (meets && !st.ok);
        if (m_opt.explain)
            scored.push_back({idx, monthly, fits, !st.ok, free_st.fewest_volumes});
        // The cheapest; within a nano-dollar the fewer vCPU, then the first in the catalog (so
        // the order the instances are tried in does not matter).
        const bool tie = best && std::abs(monthly - best_monthly) <= 1e-9;
        if (fits && (monthly < best_monthly - 1e-9 ||
                     (tie && (it.vcpu < best->vcpu || (it.vcpu == best->vcpu && idx < best_idx))))) {
            best = &it;
            best_idx = idx;
            best_monthly = monthly;
            best_instance_monthly = instance_monthly;
            best_estimate = price->estimate;
        }
    };
    if (m_opt.explain) {
        for (std::size_t idx : m_db_candidates)
            consider(idx);
    } else {
        // Cheapest instance first: once one costs more before any volume than the best with its
        // volumes, so does every one after it. (The choice itself does not depend on the order.)
        for (std::size_t idx : prices.by_price) {
            if (!(m_candidate_of[idx] & kDatabase))
                continue;
            if (best && u::usd_per_month(prices.instance_price[idx]->price, prices.month) > best_monthly + 1e-9)
                break;
            consider(idx);
        }
    }
    if (!best) {
        if (blocked_by_volumes) {
            int most = 0;
            for (std::size_t idx : m_db_candidates)
                most = std::max(most, budget_of(m_cat.instances.instances[idx]));
            const Storage& free_st = storage_for(true, kUnlimited);
            return Error{format_text(FMT_COMPILE("{} volumes"), dr ? "dr" : "database"),
                         format_text(FMT_COMPILE("no layout fits the EBS volume limit of the instances that carry the {} "
                                     "demand: the fewest valid volumes (stripes, WIJ, both journals, install, boot) "
                                     "are {}, and the allowed instances take at most {}; allow a family with a "
                                     "dedicated EBS volume limit (m7i, r7i) or volume types that need no stripe "
                                     "(gp3 up to 2,000 MiB/s, io2)"),
                                     dr ? "DR member's" : "database", free_st.fewest_volumes, most)};
        }
        // Name the biggest candidate and what it lacks.
        const InstanceType* biggest = nullptr;
        for (std::size_t idx : m_db_candidates) {
            const auto& it = m_cat.instances.instances[idx];
            if (prices.instance_price[idx] &&
                (!biggest || it.vcpu > biggest->vcpu || (it.vcpu == biggest->vcpu && it.memory > biggest->memory)))
                biggest = &it;
        }
        if (!biggest)
            return Error{m_w.families.empty() ? "region" : "families",
                         format_text(FMT_COMPILE("no database instance of the allowed families is priced in {}"), prices.region)};
        return Error{
            m_w.families.empty() ? "database" : "families",
            format_text(FMT_COMPILE("no instance{} meets the {} demand: it needs {} vCPU ({} cores at {} %), {} memory, "
                        "{} and {} of sustained EBS; the largest, {}, has {} vCPU, {}, {}"),
                        m_w.families.empty() ? "" : format_text(FMT_COMPILE(" in families {}"), fmt::join(m_w.families, ", ")),
                        dr ? "DR member's" : "database", fnum(vcpu_need, 1), fnum(m_d.cores * fraction, 1),
                        fnum(m_d.target * 100), gib(memory_needed(gb, biggest->vcpu)), io(ebs_iops), mibps(ebs_tput),
                        biggest->type, biggest->vcpu, gib(biggest->memory),
                        biggest->ebs.dedicated
                            ? format_text(FMT_COMPILE("{} and {} sustained"), io(biggest->ebs.baseline_iops),
                                          mibps(biggest->ebs.baseline_throughput))
                            : format_text(FMT_COMPILE("and no dedicated EBS bandwidth (EBS shares {})"), biggest->ebs.shares))};
    }

    // The storage of the chosen instance's kind and attachment budget.
    const int budget = budget_of(*best);
    const Storage& free_chosen = storage_for(best->nitro, kUnlimited);
    // The chosen storage's volumes move into the member (its figures stay for what follows).
    Storage& chosen = storage_for(best->nitro, budget);
    const u::capacity mem_need = memory_needed(gb, best->vcpu);

    Member m;
    m.role = role;
    m.region = prices.region;
    m.instance_type = best->type;
    m.vcpu = best->vcpu;
    m.memory = best->memory;
    m.instance_cost = prices.instance_price[best_idx]->price;
    m.price_estimate = best_estimate;
    m.demand = {vcpu_need, mem_need, ebs_iops, ebs_tput, u::GiB(0)};
    for (const auto& v : chosen.volumes)
        m.demand.capacity += v.demand_capacity;
    m.volumes = std::move(chosen.volumes);
    m.ebs_volumes = chosen.volume_count;
    m.ebs_volume_limit = budget;
    m.shared_memory_percent = m_d.shared_fraction * 100;

    // The decision boundary of the memory rule: the next smaller instance of the family.
    const InstanceType* smaller = nullptr;
    const Priced<u::cost_rate>* smaller_price = nullptr;
    for (std::size_t idx : m_db_candidates) {
        const auto& it = m_cat.instances.instances[idx];
        if (it.family != best->family || it.memory >= best->memory || !prices.instance_price[idx])
            continue;
        if (!smaller || it.memory > smaller->memory) {
            smaller = &it;
            smaller_price = &*prices.instance_price[idx];
        }
    }
    if (smaller) {
        SmallerInstance s;
        s.instance_type = smaller->type;
        s.memory = smaller->memory;
        s.shared_percent_needed = shared_memory(gb, smaller->vcpu) / smaller->memory * 100.0;
        s.stretch_percent = N.memory_shared_fraction_stretch * 100;
        s.fits_at_stretch = s.shared_percent_needed <= s.stretch_percent + 1e-9;
        std::vector<std::string> lacks;
        if (smaller->vcpu < vcpu_need - 1e-9)
            lacks.push_back(format_text(FMT_COMPILE("{} vCPU < {} needed"), smaller->vcpu, fnum(vcpu_need, 1)));
        if (!smaller->ebs.dedicated)
            lacks.push_back("no dedicated EBS bandwidth");
        else if (smaller->ebs.baseline_iops < ebs_iops || smaller->ebs.baseline_throughput < ebs_tput)
            lacks.push_back(format_text(FMT_COMPILE("EBS baseline {} / {} < {} / {}"), io(smaller->ebs.baseline_iops),
                                        mibps(smaller->ebs.baseline_throughput), io(ebs_iops), mibps(ebs_tput)));
        const Storage& sst = storage_for(smaller->nitro, budget_of(*smaller));
        if (!sst.ok)
            lacks.push_back(format_text(FMT_COMPILE("takes only {} EBS volumes"), budget_of(*smaller)));
        s.blocked_by = format_text(FMT_COMPILE("{}"), fmt::join(lacks, "; "));
        const double small_monthly =
            u::usd_per_month(smaller_price->price + (sst.ok ? sst.cost : storage_for(smaller->nitro, kUnlimited).cost),
                             prices.month);
        s.saving = u::per_month(u::usd(best_monthly - small_monthly), prices.month);
        m.smaller = std::move(s);
    }

    if (m_opt.explain) {
        DatabaseChoice c{role,
                         fraction,
                         gb,
                         vcpu_need,
                         mem_need,
                         ebs_iops,
                         ebs_tput,
                         best,
                         smaller,
                         budget,
                         nics,
                         chosen.judged > free_chosen.judged + 1e-9,
                         best_monthly,
                         best_instance_monthly,
                         purposes,
                         options_for(best->nitro).considered,
                         std::move(scored),
                         prices};
        explain_database(c, m);
    }

    std::vector<Member> out;
    out.push_back(std::move(m));
    return out;
}

} // namespace irisize::sizing
