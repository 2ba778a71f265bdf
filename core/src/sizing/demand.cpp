// SPDX-License-Identifier: GPL-3.0-or-later
// Demand: the workload resolved against the catalog. Rule set, regions, product profile,
// users projected to a target, growth given or fitted, measured figures first and profile
// estimates for the gaps, the memory ceiling, the CPU target, HA and DR, instance families.
#include "sizer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "irisize/workload/growth_fit.hpp"

namespace irisize::sizing {

// --- resolving the input ------------------------------------------------------------------

std::optional<Error> Sizer::resolve_families() {
    const auto& inst = m_cat.instances.instances;
    auto in_families = [&](const std::vector<std::string>& families) {
        std::vector<std::size_t> out;
        out.reserve(inst.size());
        for (std::size_t i = 0; i < inst.size(); ++i)
            if (std::any_of(families.begin(), families.end(),
                            [&](const std::string& f) { return detail::same_text(f, inst[i].family); }))
                out.push_back(i);
        return out;
    };
    for (std::size_t i = 0; i < m_w.families.size(); ++i) {
        if (!m_cat.instances.has_family(m_w.families[i])) {
            std::string known;
            for (const auto& f : m_cat.instances.families())
                known += (known.empty() ? "" : ", ") + f;
            return Error{format_text(FMT_COMPILE("families[{}]"), i),
                         format_text(FMT_COMPILE("unknown instance family '{}' (the catalog has {})"), m_w.families[i], known)};
        }
    }
    std::span<const std::size_t> tier_candidates;
    if (m_w.families.empty()) {
        m_db_candidates = m_cat.default_database_candidates;
        tier_candidates = m_cat.default_tier_candidates;
    } else {
        m_family_candidates = in_families(m_w.families);
        m_db_candidates = tier_candidates = m_family_candidates;
    }
    m_candidate_of.assign(inst.size(), 0);
    for (const auto& [list, bit] : {std::pair{m_db_candidates, kDatabase}, std::pair{tier_candidates, kTier},
                                    std::pair{std::span<const std::size_t>(m_cat.arbiter_candidates), kArbiter}})
        for (std::size_t idx : list)
            m_candidate_of[idx] |= bit;
    if (!m_w.families.empty())
        assume([&] {
            return format_text(FMT_COMPILE("Instance families limited to {} (as the workload asks); the "
                               "arbiter uses the policy's arbiter families ({})."),
                               fmt::join(m_w.families, ", "), fmt::join(pol().arbiter_families, ", "));
        });
    else
        assume([&] {
            return fmt::format(
                FMT_COMPILE("Database servers from the {} families; app, web and print servers from the {} families; arbiter from "
                "{} (irisize sizing policy)."),
                fmt::join(pol().database_family_purposes, "/"), fmt::join(pol().tier_family_purposes, "/"),
                fmt::join(pol().arbiter_families, ", "));
        });
    return std::nullopt;
}

template <class Q>
void Sizer::fill_from_profile(const char* field, bool present, Q per_user, double (*in_unit)(Q), const char* unit,
                              Q& slot) {
    if (present)
        return;
    const double users = *m_w.concurrent_users;
    slot = per_user * users;
    m_profile_used = true;
    assume([&] {
        return fmt::format(
            FMT_COMPILE("database.{} = {} concurrent users x {} {} per user = {} {} (ILLUSTRATIVE ESTIMATE from irisize's {} "
            "profile, until measured figures replace it)"),
            field, fnum(users), fnum(in_unit(per_user), 4), unit, fnum(in_unit(slot), 2), unit,
            m_profile->name.empty() ? m_profile->product : m_profile->name);
    });
}

std::optional<Error> Sizer::resolve() {
    const std::string rules_id =
        !m_opt.rules.empty() ? m_opt.rules : (!m_w.rules.empty() ? m_w.rules : m_cat.default_rule_set().id);
    m_rules = m_cat.rule_set(rules_id);
    if (!m_rules) {
        std::string known;
        for (const auto& r : m_cat.rule_sets)
            known += (known.empty() ? "" : ", ") + r.id;
        return Error{m_opt.rules.empty() ? "rules" : "--rules",
                     format_text(FMT_COMPILE("unknown rule set '{}' (known: {})"), rules_id, known)};
    }
    const std::string region = !m_opt.region.empty() ? m_opt.region : m_w.region;
    if (region.empty())
        return Error{"region", "is required but missing (give it in the workload or with --region)"};
    auto known_regions = [&] {
        std::string known;
        for (const auto& [code, _] : m_cat.prices)
            known += (known.empty() ? "" : ", ") + code;
        return known;
    };
    m_prices = m_cat.price_list(region);
    if (!m_prices)
        return Error{m_opt.region.empty() ? "region" : "--region",
                     format_text(FMT_COMPILE("unknown region '{}' (irisize has prices for {})"), region, known_regions())};
    m_profile = m_cat.profile(m_w.product);

    // Demand measured at known user counts, projected to the target count, fills the figures
    // not given outright (measured figures still win).
    DatabaseDemand projected = m_w.database;
    if (m_w.target_users && m_w.user_history.size() >= 2) {
        const double target = *m_w.target_users;
        auto project = [&](const char* field, auto member, auto& slot, auto make) -> std::optional<Error> {
            if (slot)
                return std::nullopt;
            std::vector<double> x, y;
            for (const auto& us : m_w.user_history)
                if (const auto& v = us.*member) {
                    x.push_back(us.users);
                    y.push_back(*v);
                }
            if (x.size() < 2)
                return std::nullopt;
            auto fit = fit_linear(x, y);
            if (!fit)
                return Error{"users.history", fit.error().message};
            const double value = std::max(0.0, fit->at(target));
            slot = make(value);
            assume([&] {
                return format_text(FMT_COMPILE("database.{} = {} + {} x users at the target {} users = {} (linear fit over {} "
                                   "measurements, R² {})"),
                                   field, fnum(fit->intercept, 2), fnum(fit->slope, 4), fnum(target), fnum(value, 2),
                                   fit->points, fnum(fit->r2, 3));
            });
            return std::nullopt;
        };
        if (auto e = project("read_iops", &UserSample::read_iops, projected.read_iops, u::iops))
            return e;
        if (auto e = project("write_iops", &UserSample::write_iops, projected.write_iops, u::iops))
            return e;
        if (auto e = project("journal_mibps", &UserSample::journal_mibps, projected.journal, u::MiBps))
            return e;
        if (auto e = project("peak_cores", &UserSample::peak_cores, projected.peak_cores, [](double v) { return v; }))
            return e;
    }
    const auto& db = projected;
    m_d.horizon = db.horizon_years.value_or(static_cast<int>(N.horizon_years_default));
    if (!db.size && db.size_history.empty())
        return Error{"database.size_gib", "is required but missing (or give database.size_history)"};
    if (!db.growth_percent_per_year && db.size_history.size() > 0) {
        // Growth from history: log-linear fit; the volumes are sized for the upper band.
        std::vector<SizeObservation> obs;
        for (const auto& h : db.size_history)
            obs.push_back({h.days, h.size_gib});
        auto fit = fit_growth(obs);
        if (!fit)
            return fit.error();
        m_d.size = db.size ? *db.size : u::GiB(fit->last_size_gib);
        m_d.growth = fit->annual_rate * 100.0;
        // The band around the fitted trend, scaled to today's size when it was given apart.
        const double scale = u::in_GiB(m_d.size) / fit->last_size_gib;
        m_d.at_horizon = u::GiB(fit->upper_gib(m_d.horizon, N.growth_fit_upper_z) * scale);
        m_d.fit_note = format_text(FMT_COMPILE("fitted from {} dated sizes over {} years: {} % a year (R² {}), sized for the "
                                   "upper prediction band ({} standard errors): {} at year {}"),
                                   fit->points, fnum(fit->span_years, 2), fnum(m_d.growth, 2), fnum(fit->r2, 3),
                                   fnum(N.growth_fit_upper_z, 3), gib(m_d.at_horizon), m_d.horizon);
        assume([&] { return "database growth " + m_d.fit_note + "."; });
    } else if (!db.size) {
        // A growth rate given with a history and no size: today's size is the latest dated
        // size, as docs/workload.md promises (the rate is not fitted, it is given).
        const auto latest = std::max_element(db.size_history.begin(), db.size_history.end(),
                                             [](const DatedSize& a, const DatedSize& b) { return a.days < b.days; });
        m_d.size = u::GiB(latest->size_gib);
        m_d.growth = *db.growth_percent_per_year;
        m_d.at_horizon = m_d.size * std::pow(1.0 + m_d.growth / 100.0, m_d.horizon);
        assume([&] {
            return format_text(FMT_COMPILE("Database size today {}: the latest entry of database.size_history ({}); growth {} % "
                               "a year as given."),
                               gib(m_d.size), latest->date, fnum(m_d.growth, 2));
        });
    } else {
        m_d.size = *db.size;
        m_d.growth = db.growth_percent_per_year.value_or(0);
        m_d.at_horizon = m_d.size * std::pow(1.0 + m_d.growth / 100.0, m_d.horizon);
    }
    m_plan.database_at_horizon = m_d.at_horizon;
    if (!db.horizon_years)
        assume([&] {
            return format_text(FMT_COMPILE("Planning horizon {} years (policy default; set "
                               "database.horizon_years)."),
                               m_d.horizon);
        });

    // Demand: measured figures win; the profile fills gaps only when users are given.
    const bool all_measured = db.read_iops && db.write_iops && db.journal && db.peak_cores && db.global_buffers;
    if (!all_measured) {
        const char* missing = !db.read_iops    ? "read_iops"
                              : !db.write_iops ? "write_iops"
                              : !db.journal    ? "journal_mibps"
                              : !db.peak_cores ? "peak_cores"
                                               : "global_buffers_gib";
        if (m_w.concurrent_users && *m_w.concurrent_users == 0)
            return Error{format_text(FMT_COMPILE("database.{}"), missing),
                         "is missing and users.concurrent is 0, so the profile cannot estimate it; give it measured"};
        if (!m_w.concurrent_users)
            return Error{format_text(FMT_COMPILE("database.{}"), missing),
                         "is required when users.concurrent is not given (measure it, or give concurrent users "
                         "so the product profile can estimate it)"};
        if (!m_profile)
            return Error{
                format_text(FMT_COMPILE("database.{}"), missing),
                format_text(FMT_COMPILE("is missing and there is no profile for product '{}' in data/profiles"), m_w.product)};
    }
    if (db.read_iops)
        m_d.read = *db.read_iops;
    if (db.write_iops)
        m_d.write = *db.write_iops;
    if (db.journal)
        m_d.journal = *db.journal;
    if (db.journal && db.journal_estimated_io_kib)
        assume([&] {
            return format_text(FMT_COMPILE("database.journal_mibps {} MiB/s is an estimate: import-metrics derived it from mgstat "
                               "Jrnwrts (journal writes per second) with a block size of {} KiB per write, while "
                               "journal writes are 4 KiB to 4 MiB; the journal disk's measured write throughput "
                               "(iostat wkB/s) is the better figure."),
                               fnum(u::in_MiBps(*db.journal), 2), fnum(*db.journal_estimated_io_kib));
        });
    if (db.peak_cores)
        m_d.cores = *db.peak_cores;
    if (db.global_buffers)
        m_d.global_buffers = *db.global_buffers;
    if (!all_measured) {
        const auto& p = *m_profile;
        fill_from_profile("read_iops", db.read_iops.has_value(), p.read_iops, &u::in_iops, "IOPS", m_d.read);
        fill_from_profile("write_iops", db.write_iops.has_value(), p.write_iops, &u::in_iops, "IOPS", m_d.write);
        fill_from_profile("journal_mibps", db.journal.has_value(), p.journal, &u::in_KiBps, "KiB/s", m_d.journal);
        fill_from_profile("peak_cores", db.peak_cores.has_value(), p.database_cores, +[](double v) { return v; },
                          "cores", m_d.cores);
        fill_from_profile("global_buffers_gib", db.global_buffers.has_value(), p.global_buffers, &u::in_MiB, "MiB",
                          m_d.global_buffers);
        if (m_d.global_buffers <= u::GiB(0))
            return Error{"database.global_buffers_gib", "came out as zero from the profile; give it measured"};
    }
    m_d.shared_fraction = db.shared_memory_percent_of_ram ? *db.shared_memory_percent_of_ram / 100.0
                                                          : N.memory_shared_fraction_of_ram;
    if (!db.shared_memory_percent_of_ram)
        assume([&] {
            return format_text(FMT_COMPILE("IRIS shared memory kept within {} % of the database server's RAM (irisize policy "
                               "after the huge-pages guidance, not an InterSystems limit); set "
                               "database.shared_memory_percent_of_ram to change it."),
                               fnum(m_d.shared_fraction * 100, 1));
        });
    const u::capacity rb_max = N.memory_routine_buffers_max;
    m_d.routine_buffers = m_profile ? std::min(m_profile->routine_buffers, rb_max) : rb_max;

    m_d.target = m_w.target_cpu_percent.value_or(N.cpu_target_percent_default) / 100.0;
    if (!m_w.target_cpu_percent)
        assume([&] {
            return format_text(FMT_COMPILE("CPU sized for {} % busy at peak (policy default: {})."), fnum(m_d.target * 100, 1),
                               pol().at("cpu_target_percent_default").source);
        });
    m_d.retention_days = m_w.snapshot_retention_days.value_or(static_cast<int>(N.snapshot_retention_days_default));

    // HA and DR.
    if (!m_w.failover_on_premises && m_w.mirror && m_w.arbiter && m_prices->availability_zones.size() < 3)
        return Error{"region", format_text(FMT_COMPILE("{} has {} availability zone(s) in the price data; a mirror with an "
                                           "arbiter needs three"),
                                           m_prices->region, m_prices->availability_zones.size())};
    if (!m_w.failover_on_premises && m_w.mirror && m_prices->availability_zones.size() < 2)
        return Error{"region", format_text(FMT_COMPILE("{} has one availability zone in the price data; a mirror needs two"),
                                           m_prices->region)};
    if (m_w.failover_on_premises) {
        // The hybrid model: the DR members are AWS's part, in the workload's region, one per zone.
        if (!m_w.dr_region.empty() && m_w.dr_region != m_prices->region)
            return Error{"dr.region",
                         format_text(FMT_COMPILE("is {}, but with ha.failover_site \"on_premises\" the DR members run in the "
                                                 "workload's region {}: leave dr.region out"),
                                     m_w.dr_region, m_prices->region)};
        m_d.dr_members = m_w.dr_members.value_or(static_cast<int>(N.hybrid_dr_members_default));
        if (m_d.dr_members < 1)
            return Error{"dr.members", "must be at least 1 for a hybrid site: the DR members are what runs in AWS"};
        if (!m_prices->has_connectivity)
            return Error{"region", format_text(FMT_COMPILE("{} has no VPN or Direct Connect prices in its price data, which a "
                                                           "hybrid site needs"),
                                               m_prices->region)};
        m_dr_prices = m_prices;
        m_d.dr_fraction = m_w.dr_capacity_percent.value_or(N.dr_capacity_percent_default) / 100.0;
        if (!m_w.dr_members)
            assume([&] {
                return format_text(FMT_COMPILE("Hybrid site: {} DR async members in {}, one per availability zone (policy "
                                               "default: {})."),
                                   m_d.dr_members, m_prices->region, pol().at("hybrid_dr_members_default").source);
            });
        return resolve_families();
    }
    m_d.dr_members = m_w.dr_members.value_or(m_w.dr_region.empty() ? 0 : 1);
    if (m_d.dr_members > 0) {
        if (m_w.dr_region.empty())
            return Error{"dr.region", "is required when dr.members is more than 0"};
        if (m_w.dr_region == m_prices->region)
            return Error{"dr.region", format_text(FMT_COMPILE("must differ from the production region {}: a DR member in the "
                                                  "same region does not survive a regional outage"),
                                                  m_prices->region)};
        m_dr_prices = m_cat.price_list(m_w.dr_region);
        if (!m_dr_prices)
            return Error{"dr.region", format_text(FMT_COMPILE("unknown region '{}' (irisize has prices for {})"), m_w.dr_region,
                                                  known_regions())};
        m_d.dr_fraction = m_w.dr_capacity_percent.value_or(N.dr_capacity_percent_default) / 100.0;
    }
    return resolve_families();
}

} // namespace irisize::sizing
