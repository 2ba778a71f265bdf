// SPDX-License-Identifier: GPL-3.0-or-later
// The optimiser behind size(): resolves the demand (measured figures, profile estimates,
// the policy's defaults), lays out the storage per volume purpose, chooses the cheapest
// instances and volumes that satisfy every rule, prices them, projects growth, and writes
// the warnings and explanations from the chosen numbers.
#include "irisize/sizing/sizing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "irisize/format.hpp"
#include "irisize/workload/growth_fit.hpp"
#include "irisize/rules/rule_engine.hpp"

namespace irisize {

namespace u = units;

// --- pricing ------------------------------------------------------------------------------

VolumeCost volume_cost(const VolumeTypeRules& rules, const EbsPrice& p, const VolumeSpec& v, int width) {
    const double n = width;
    VolumeCost c{p.per_gib * v.size * n, u::usd_per_hour(0), u::usd_per_hour(0)};
    if (rules.provisions_iops() && !p.iops_tiers.empty()) {
        // Billed IOPS: all provisioned (io1, io2), or those above the included amount (gp3).
        const u::io_rate billed = std::max(v.iops - rules.iops_included, u::iops(0));
        u::io_rate done = u::iops(0);
        for (const auto& tier : p.iops_tiers) {
            const u::io_rate top = tier.up_to ? std::min(*tier.up_to, billed) : billed;
            if (top > done) {
                c.iops += tier.price * (top - done) * n;
                done = top;
            }
        }
    }
    if (rules.provisions_throughput() && p.per_mibps) {
        const u::throughput billed = std::max(v.throughput - *rules.tput_included, u::MiBps(0));
        c.throughput = *p.per_mibps * billed * n;
    }
    return c;
}

std::optional<VolumeCost> volume_cost(const VolumeTypeRules& rules, const PriceList& prices, const VolumeSpec& v,
                                      int width) {
    const EbsPrice* p = prices.ebs_price(v.type);
    if (!p)
        return std::nullopt;
    return volume_cost(rules, *p, v, width);
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string gib(u::capacity c) {
    return num(u::in_GiB(c), 1) + " GiB";
}
std::string io(u::io_rate r) {
    return num(u::in_iops(r)) + " IOPS";
}
std::string mibps(u::throughput t) {
    return num(u::in_MiBps(t), 1) + " MiB/s";
}
std::string volume_purposes(const Member& m) {
    std::string out;
    for (const auto& v : m.volumes)
        out += (out.empty() ? "" : ", ") + v.purpose;
    return out;
}
u::capacity ceil_gib(u::capacity c) {
    return u::GiB(std::ceil(u::in_GiB(c) - 1e-9));
}

// --- resolved demand ----------------------------------------------------------------------

struct Resolved {
    u::capacity size = u::GiB(0);
    double growth = 0;                          ///< % a year, given or fitted
    u::capacity at_horizon = u::GiB(0);         ///< database size the volumes must hold at the horizon
    std::string fit_note;                       ///< how growth was fitted, when it was
    int horizon = 0;
    u::io_rate read = u::iops(0);
    u::io_rate write = u::iops(0);
    u::throughput journal = u::MiBps(0);
    double cores = 0;
    u::capacity global_buffers = u::GiB(0);
    u::capacity routine_buffers = u::GiB(0);
    double target = 0; ///< fraction
    int retention_days = 0;
    int dr_members = 0;
    double dr_fraction = 1;
    double shared_fraction = 0; ///< ceiling of shared memory as a share of RAM
};

/// One volume purpose's demand, in words for the explanation.
struct PurposeDemand {
    std::string_view purpose;
    VolumeDemand demand;
    bool stripable = false;
    std::string why;
};

struct Layout {
    const VolumeTypeRules* rules = nullptr;
    VolumeSpec spec;
    int width = 1;
    VolumeCost cost;
};

/// Best (cheapest) layout per candidate type, kept for the explanation.
struct Considered {
    std::string_view type;
    double judged = kInf; ///< monthly plus the stripe-width allowance, what the choice compares
    double monthly = kInf;
    int width = 0;
    std::string_view why_not; ///< when no layout of the type works
};

class Sizer {
public:
    Sizer(const Workload& w, const Catalog& cat, const SizeOptions& opt)
        : m_w(w), m_cat(cat), N(cat.policy.n), m_opt(opt) {
        m_candidate_cache.reserve(16);
    }

    Result<Plan> run();

private:
    const Workload& m_w;
    const Catalog& m_cat;
    const PolicyNumbers& N;
    const SizeOptions& m_opt;
    const RuleSet* m_rules = nullptr;
    const PriceList* m_prices = nullptr;
    const PriceList* m_dr_prices = nullptr;
    const Profile* m_profile = nullptr;
    Resolved m_d;
    Plan m_plan;
    std::vector<std::size_t> m_db_candidates; // instance indices
    std::vector<std::size_t> m_tier_candidates;
    std::vector<std::size_t> m_arbiter_candidates;
    std::vector<std::tuple<const PriceList*, bool, PlannedVolume>> m_os_cache; // boot volumes already laid out
    /// Each region's EBS prices, looked up once, in the rule set's order of volume types.
    struct RegionPrices {
        const PriceList* list;
        std::vector<const EbsPrice*> by_type;
    };
    mutable std::vector<RegionPrices> m_ebs_prices;
    /// The price of the rule set's `rules` type in `prices` (null when the region has none).
    const EbsPrice* ebs_price(const PriceList& prices, const VolumeTypeRules* rules) const {
        const auto index = static_cast<std::size_t>(rules - m_rules->types.data());
        for (const auto& r : m_ebs_prices)
            if (r.list == &prices)
                return r.by_type[index];
        RegionPrices r{&prices, {}};
        r.by_type.reserve(m_rules->types.size());
        for (const auto& t : m_rules->types)
            r.by_type.push_back(prices.ebs_price(t.type));
        m_ebs_prices.push_back(std::move(r));
        return m_ebs_prices.back().by_type[index];
    }
    bool m_profile_used = false; // some demand came from the product profile

    const SizingPolicy& pol() const { return m_cat.policy; }
    /// Records an assumption; `text` is called only when the plan is to be explained.
    template <class F>
    void assume(const F& text) {
        if (m_opt.explain)
            m_plan.assumptions.push_back(text());
    }

    std::optional<Error> resolve();
    std::optional<Error> resolve_families();
    void fill_from_profile(const char* field, bool present, double per_user, const char* unit, double scale,
                           const std::function<void(double)>& set);
    std::vector<PurposeDemand> database_purposes(double read_fraction, u::capacity gb) const;
    /// One candidate volume layout: `width` volumes of `spec` (width 0: the type cannot do it).
    struct Candidate {
        std::string_view type;
        const VolumeTypeRules* rules;
        int width;
        VolumeSpec spec;
    };
    struct CandidateSet {
        const std::vector<std::string>* types;
        VolumeDemand demand;
        bool nitro;
        bool stripable;
        std::vector<Candidate> specs;
    };
    mutable std::vector<CandidateSet> m_candidate_cache;
    const std::vector<Candidate>& candidates(const PurposeDemand& pd, AttachContext ctx) const;
    std::optional<Layout> best_layout(const PurposeDemand& pd, const PriceList& prices, AttachContext ctx,
                                      std::vector<Considered>* considered) const;
    /// The InterSystems memory plan estimate of shared memory, MiB.
    double shared_memory_mib(u::capacity gb, int vcpu) const;
    /// RAM for that shared memory within the ceiling (workload or policy).
    u::capacity memory_needed(u::capacity gb, int vcpu) const;
    std::vector<std::optional<Layout>> layouts_by_width(const PurposeDemand& pd, const PriceList& prices,
                                                        AttachContext ctx) const;
    Result<std::vector<Member>> size_database(std::string_view role, const PriceList& prices, double fraction);
    Result<Member> size_simple(std::string_view role, const PriceList& prices, const std::vector<std::size_t>& cands,
                               double vcpu, u::capacity memory, const std::string& why);
    PlannedVolume os_volume(const PriceList& prices, AttachContext ctx);
    void place_members(std::vector<Member>& primary_set);
    void cost_lines();
    void projection();
    void warnings();
    void sources();
    struct TierLoad; // what one app, web or print tier carries (defined beside size_tier)
    std::optional<Error> size_tier(TierCount given, const TierLoad& load);
};

// --- resolving the input ------------------------------------------------------------------

std::optional<Error> Sizer::resolve_families() {
    const auto& inst = m_cat.instances.instances;
    auto in_families = [&](const std::vector<std::string>& families) {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < inst.size(); ++i)
            if (std::find(families.begin(), families.end(), inst[i].family) != families.end())
                out.push_back(i);
        return out;
    };
    for (std::size_t i = 0; i < m_w.families.size(); ++i) {
        if (!m_cat.instances.has_family(m_w.families[i])) {
            std::string known;
            for (const auto& f : m_cat.instances.families())
                known += (known.empty() ? "" : ", ") + f;
            return Error{fmt::format("families[{}]", i),
                         fmt::format("unknown instance family '{}' (the catalog has {})", m_w.families[i], known)};
        }
    }
    if (m_w.families.empty()) {
        m_db_candidates = m_cat.default_database_candidates;
        m_tier_candidates = m_cat.default_tier_candidates;
    } else {
        m_db_candidates = m_tier_candidates = in_families(m_w.families);
    }
    m_arbiter_candidates = m_cat.arbiter_candidates;
    if (!m_w.families.empty())
        assume([&] {
            return fmt::format("Instance families limited to {} (as the workload asks); the "
                               "arbiter uses the policy's arbiter families ({}).",
                               fmt::join(m_w.families, ", "), fmt::join(pol().arbiter_families, ", "));
        });
    else
        assume([&] {
            return fmt::format(
                "Database servers from the {} families; app, web and print servers from the {} families; arbiter from "
                "{} (irisize sizing policy).",
                fmt::join(pol().database_family_purposes, "/"), fmt::join(pol().tier_family_purposes, "/"),
                fmt::join(pol().arbiter_families, ", "));
        });
    return std::nullopt;
}

void Sizer::fill_from_profile(const char* field, bool present, double per_user, const char* unit, double scale,
                              const std::function<void(double)>& set) {
    if (present)
        return;
    const double users = *m_w.concurrent_users;
    const double value = users * per_user * scale;
    set(value);
    m_profile_used = true;
    assume([&] {
        return fmt::format(
            "database.{} = {} concurrent users x {} {} per user = {} {} (ILLUSTRATIVE ESTIMATE from irisize's {} "
            "profile, until measured figures replace it)",
            field, num(users), num(per_user, 4), unit, num(value, 2), unit,
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
                     fmt::format("unknown rule set '{}' (known: {})", rules_id, known)};
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
                     fmt::format("unknown region '{}' (irisize has prices for {})", region, known_regions())};
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
                return fmt::format("database.{} = {} + {} x users at the target {} users = {} (linear fit over {} "
                                   "measurements, R² {})",
                                   field, num(fit->intercept, 2), num(fit->slope, 4), num(target), num(value, 2),
                                   fit->points, num(fit->r2, 3));
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
        m_d.fit_note = fmt::format("fitted from {} dated sizes over {} years: {} % a year (R² {}), sized for the "
                                   "upper prediction band ({} standard errors): {} at year {}",
                                   fit->points, num(fit->span_years, 2), num(m_d.growth, 2), num(fit->r2, 3),
                                   num(N.growth_fit_upper_z, 3), gib(m_d.at_horizon), m_d.horizon);
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
            return fmt::format("Database size today {}: the latest entry of database.size_history ({}); growth {} % "
                               "a year as given.",
                               gib(m_d.size), latest->date, num(m_d.growth, 2));
        });
    } else {
        m_d.size = *db.size;
        m_d.growth = db.growth_percent_per_year.value_or(0);
        m_d.at_horizon = m_d.size * std::pow(1.0 + m_d.growth / 100.0, m_d.horizon);
    }
    m_plan.database_at_horizon = m_d.at_horizon;
    if (!db.horizon_years)
        assume([&] {
            return fmt::format("Planning horizon {} years (policy default; set "
                               "database.horizon_years).",
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
            return Error{fmt::format("database.{}", missing),
                         "is missing and users.concurrent is 0, so the profile cannot estimate it; give it measured"};
        if (!m_w.concurrent_users)
            return Error{fmt::format("database.{}", missing),
                         "is required when users.concurrent is not given (measure it, or give concurrent users "
                         "so the product profile can estimate it)"};
        if (!m_profile)
            return Error{
                fmt::format("database.{}", missing),
                fmt::format("is missing and there is no profile for product '{}' in data/profiles", m_w.product)};
    }
    if (db.read_iops)
        m_d.read = *db.read_iops;
    if (db.write_iops)
        m_d.write = *db.write_iops;
    if (db.journal)
        m_d.journal = *db.journal;
    if (db.journal && db.journal_estimated_io_kib)
        assume([&] {
            return fmt::format("database.journal_mibps {} MiB/s is an estimate: import-metrics derived it from mgstat "
                               "Jrnwrts (journal writes per second) with a block size of {} KiB per write, while "
                               "journal writes are 4 KiB to 4 MiB; the journal disk's measured write throughput "
                               "(iostat wkB/s) is the better figure.",
                               num(u::in_MiBps(*db.journal), 2), num(*db.journal_estimated_io_kib));
        });
    if (db.peak_cores)
        m_d.cores = *db.peak_cores;
    if (db.global_buffers)
        m_d.global_buffers = *db.global_buffers;
    if (!all_measured) {
        const auto& p = *m_profile;
        fill_from_profile("read_iops", db.read_iops.has_value(), p.read_iops, "IOPS", 1,
                          [&](double v) { m_d.read = u::iops(v); });
        fill_from_profile("write_iops", db.write_iops.has_value(), p.write_iops, "IOPS", 1,
                          [&](double v) { m_d.write = u::iops(v); });
        fill_from_profile("journal_mibps", db.journal.has_value(), p.journal_kibps, "KiB/s", 1,
                          [&](double v) { m_d.journal = u::KiBps(v); });
        fill_from_profile("peak_cores", db.peak_cores.has_value(), p.database_cores, "cores", 1,
                          [&](double v) { m_d.cores = v; });
        fill_from_profile("global_buffers_gib", db.global_buffers.has_value(), p.global_buffers_mib, "MiB", 1,
                          [&](double v) { m_d.global_buffers = u::MiB(v); });
        if (m_d.global_buffers <= u::GiB(0))
            return Error{"database.global_buffers_gib", "came out as zero from the profile; give it measured"};
    }
    m_d.shared_fraction = db.shared_memory_percent_of_ram ? *db.shared_memory_percent_of_ram / 100.0
                                                          : N.memory_shared_fraction_of_ram;
    if (!db.shared_memory_percent_of_ram)
        assume([&] {
            return fmt::format("IRIS shared memory kept within {} % of the database server's RAM (irisize policy "
                               "after the huge-pages guidance, not an InterSystems limit); set "
                               "database.shared_memory_percent_of_ram to change it.",
                               num(m_d.shared_fraction * 100, 1));
        });
    const double rb_max = N.memory_routine_buffers_max_mib;
    m_d.routine_buffers = u::MiB(m_profile ? std::min(m_profile->routine_buffers_mib, rb_max) : rb_max);

    m_d.target = m_w.target_cpu_percent.value_or(N.cpu_target_percent_default) / 100.0;
    if (!m_w.target_cpu_percent)
        assume([&] {
            return fmt::format("CPU sized for {} % busy at peak (policy default: {}).", num(m_d.target * 100, 1),
                               pol().at("cpu_target_percent_default").source);
        });
    m_d.retention_days = m_w.snapshot_retention_days.value_or(static_cast<int>(N.snapshot_retention_days_default));

    // HA and DR.
    if (m_w.mirror && m_w.arbiter && m_prices->availability_zones.size() < 3)
        return Error{"region", fmt::format("{} has {} availability zone(s) in the price data; a mirror with an "
                                           "arbiter needs three",
                                           m_prices->region, m_prices->availability_zones.size())};
    if (m_w.mirror && m_prices->availability_zones.size() < 2)
        return Error{"region", fmt::format("{} has one availability zone in the price data; a mirror needs two",
                                           m_prices->region)};
    m_d.dr_members = m_w.dr_members.value_or(m_w.dr_region.empty() ? 0 : 1);
    if (m_d.dr_members > 0) {
        if (m_w.dr_region.empty())
            return Error{"dr.region", "is required when dr.members is more than 0"};
        if (m_w.dr_region == m_prices->region)
            return Error{"dr.region", fmt::format("must differ from the production region {}: a DR member in the "
                                                  "same region does not survive a regional outage",
                                                  m_prices->region)};
        m_dr_prices = m_cat.price_list(m_w.dr_region);
        if (!m_dr_prices)
            return Error{"dr.region", fmt::format("unknown region '{}' (irisize has prices for {})", m_w.dr_region,
                                                  known_regions())};
        m_d.dr_fraction = m_w.dr_capacity_percent.value_or(N.dr_capacity_percent_default) / 100.0;
    }
    return resolve_families();
}

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

// --- instances ----------------------------------------------------------------------------

double Sizer::shared_memory_mib(u::capacity gb, int vcpu) const {
    const double gb_mib = u::in_GiB(gb) * 1024.0;
    const double gmheap =
        std::clamp(gb_mib * N.memory_gmheap_fraction, N.memory_gmheap_min_mib, N.memory_gmheap_max_mib);
    return gb_mib * N.memory_global_buffers_factor +
           u::in_GiB(m_d.routine_buffers) * 1024.0 * N.memory_routine_buffers_factor + gmheap +
           N.memory_mib_per_logical_cpu * vcpu + N.memory_journal_buffers_mib + 2.0 * N.memory_server_connections +
           N.memory_fixed_mib;
}

u::capacity Sizer::memory_needed(u::capacity gb, int vcpu) const {
    return u::MiB(shared_memory_mib(gb, vcpu) / m_d.shared_fraction);
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

Result<std::vector<Member>> Sizer::size_database(std::string_view role, const PriceList& prices, double fraction) {
    const bool dr = role == "dr-async";
    const u::capacity gb = m_d.global_buffers * fraction;
    const double vcpu_need = m_d.cores * fraction / m_d.target;
    auto purposes = database_purposes(fraction, gb);
    const int nics = static_cast<int>(N.network_interfaces_per_member);

    // Per instance kind (Nitro or not): each purpose's cheapest layout at every stripe width.
    struct Options {
        std::vector<std::vector<std::optional<Layout>>> by_width; ///< per purpose, index width - 1
        std::vector<std::vector<Considered>> considered;          ///< per purpose, for the explanation
        std::string failed;                                       ///< a purpose no layout meets
    };
    std::array<std::optional<Options>, 2> options;
    auto options_for = [&](bool nitro) -> const Options& {
        auto& o = options[nitro ? 1 : 0];
        if (!o) {
            Options x;
            const AttachContext ctx{nitro};
            for (const auto& pd : purposes) {
                x.considered.emplace_back();
                if (m_opt.explain) // the types' cheapest layouts, named in the volume's explanation
                    best_layout(pd, prices, ctx, &x.considered.back());
                x.by_width.push_back(layouts_by_width(pd, prices, ctx));
                const auto& bw = x.by_width.back();
                if (x.failed.empty() && std::none_of(bw.begin(), bw.end(), [](const auto& l) { return l.has_value(); }))
                    x.failed = std::string(pd.purpose);
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
    };
    std::map<std::pair<bool, int>, Storage> storages;
    auto compute_storage = [&](bool nitro, int budget) -> const Storage& {
        auto key = std::make_pair(nitro, budget);
        if (auto it = storages.find(key); it != storages.end())
            return it->second;
        Storage s;
        const Options& o = options_for(nitro);
        if (o.failed.empty()) {
            // The boot volume takes one; no layout needs more than every purpose at its widest.
            int widest = 0;
            for (const auto& bw : o.by_width)
                widest += static_cast<int>(bw.size());
            const int cap = std::clamp(budget - 1, 0, widest);
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
                    const double j = u::usd_per_month(bw[w - 1]->cost.total(), prices.month) +
                                     N.stripe_extra_volume_usd_per_month * static_cast<double>(w - 1);
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
                for (std::size_t p = 0; p < purposes.size(); ++p) {
                    const Layout& l = *o.by_width[p][static_cast<std::size_t>(widths[p] - 1)];
                    s.volumes.push_back(to_planned(purposes[p], l));
                    s.cost += s.volumes.back().cost();
                    s.volume_count += widths[p];
                }
                s.volumes.push_back(os_volume(prices, {nitro}));
                s.cost += s.volumes.back().cost();
                s.volume_count += 1;
                s.ok = true;
            }
        }
        return storages.emplace(key, std::move(s)).first->second;
    };
    constexpr int kUnlimited = 1 << 20;
    // Most instances take the cheapest layout as it is: search again only under a tighter budget.
    auto storage_for = [&](bool nitro, int budget) -> const Storage& {
        const Storage& free_layout = compute_storage(nitro, kUnlimited);
        if (!free_layout.ok || free_layout.volume_count <= budget)
            return free_layout;
        return compute_storage(nitro, budget);
    };
    auto budget_of = [&](const InstanceType& it) { return it.attachments.ebs_volumes(nics, it.nvme_store_volumes); };

    {
        const Options& o = options_for(true);
        const bool any_legacy = std::any_of(m_db_candidates.begin(), m_db_candidates.end(),
                                            [&](std::size_t i) { return !m_cat.instances.instances[i].nitro; });
        if (!o.failed.empty() && (!any_legacy || !options_for(false).failed.empty()))
            return Error{fmt::format("{} volumes", dr ? "dr" : "database"),
                         fmt::format("no EBS layout of {} (up to {} volumes striped) under rule set {} meets the {} "
                                     "demand in {}",
                                     fmt::join(pol().volume_candidates.at(o.failed), ", "), num(N.stripe_max_width),
                                     m_rules->id, o.failed, prices.region)};
    }

    // Sum of the demand the member's volumes carry (the alternate journal idles until a switch).
    u::io_rate ebs_iops = u::iops(0);
    u::throughput ebs_tput = u::MiBps(0);
    for (const auto& pd : purposes)
        if (pd.purpose != "journal2") {
            ebs_iops += pd.demand.iops;
            ebs_tput += pd.demand.throughput;
        }

    struct Scored {
        std::size_t idx;
        double monthly;
        bool fits;
        bool over_volume_limit; ///< its storage cannot be attached
    };
    std::vector<Scored> scored;
    scored.reserve(m_db_candidates.size());
    const InstanceType* best = nullptr;
    double best_monthly = kInf, best_instance_monthly = kInf;
    bool best_estimate = false;
    bool blocked_by_volumes = false; // some instance met CPU, memory and EBS but not the attachment limit
    for (std::size_t idx : m_db_candidates) {
        const auto& it = m_cat.instances.instances[idx];
        const auto& price = prices.instance_price[idx];
        if (!price)
            continue;
        const Storage& free_st = storage_for(it.nitro, kUnlimited);
        if (!free_st.ok)
            continue;
        const Storage& st = storage_for(it.nitro, budget_of(it));
        const bool meets = it.vcpu >= vcpu_need - 1e-9 && it.memory >= memory_needed(gb, it.vcpu) &&
                           it.ebs.dedicated && it.ebs.baseline_iops >= ebs_iops &&
                           it.ebs.baseline_throughput >= ebs_tput;
        const double instance_monthly = u::usd_per_month(price->price, prices.month);
        const double monthly = u::usd_per_month(price->price + (st.ok ? st.cost : free_st.cost), prices.month);
        const bool fits = meets && st.ok;
        blocked_by_volumes = blocked_by_volumes || (meets && !st.ok);
        scored.push_back({idx, monthly, fits, !st.ok});
        if (fits && (monthly < best_monthly - 1e-9 ||
                     (std::abs(monthly - best_monthly) <= 1e-9 && best && it.vcpu < best->vcpu))) {
            best = &it;
            best_monthly = monthly;
            best_instance_monthly = instance_monthly;
            best_estimate = price->estimate;
        }
    }
    if (!best) {
        if (blocked_by_volumes) {
            int most = 0;
            for (std::size_t idx : m_db_candidates)
                most = std::max(most, budget_of(m_cat.instances.instances[idx]));
            const Storage& free_st = storage_for(true, kUnlimited);
            return Error{fmt::format("{} volumes", dr ? "dr" : "database"),
                         fmt::format("no layout fits the EBS volume limit of the instances that carry the {} "
                                     "demand: the fewest valid volumes (stripes, WIJ, both journals, install, boot) "
                                     "are {}, and the allowed instances take at most {}; allow a family with a "
                                     "dedicated EBS volume limit (m7i, r7i) or volume types that need no stripe "
                                     "(gp3 up to 2,000 MiB/s, io2)",
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
                         fmt::format("no database instance of the allowed families is priced in {}", prices.region)};
        return Error{
            m_w.families.empty() ? "database" : "families",
            fmt::format("no instance{} meets the {} demand: it needs {} vCPU ({} cores at {} %), {} memory, "
                        "{} and {} of sustained EBS; the largest, {}, has {} vCPU, {}, {}",
                        m_w.families.empty() ? "" : fmt::format(" in families {}", fmt::join(m_w.families, ", ")),
                        dr ? "DR member's" : "database", num(vcpu_need, 1), num(m_d.cores * fraction, 1),
                        num(m_d.target * 100), gib(memory_needed(gb, biggest->vcpu)), io(ebs_iops), mibps(ebs_tput),
                        biggest->type, biggest->vcpu, gib(biggest->memory),
                        biggest->ebs.dedicated
                            ? fmt::format("{} and {} sustained", io(biggest->ebs.baseline_iops),
                                          mibps(biggest->ebs.baseline_throughput))
                            : fmt::format("and no dedicated EBS bandwidth (EBS shares {})", biggest->ebs.shares))};
    }

    // Explain the storage of the chosen instance's kind and attachment budget.
    const int budget = budget_of(*best);
    const Storage& free_chosen = storage_for(best->nitro, kUnlimited);
    Storage chosen = storage_for(best->nitro, budget);
    const bool limited = chosen.judged > free_chosen.judged + 1e-9;
    const Options& opts = options_for(best->nitro);
    for (std::size_t i = 0; i < purposes.size(); ++i) {
        auto& v = chosen.volumes[i];
        if (m_opt.explain)
            v.explanation =
                fmt::format("{}: {}. {}. Cheapest valid layout of each type{}: {}.{}", v.purpose, describe_layout(v),
                            purposes[i].why,
                            purposes[i].stripable
                                ? fmt::format(" (a wider stripe must save {} a month per extra volume)",
                                              money_str(N.stripe_extra_volume_usd_per_month))
                                : std::string(),
                            describe_considered(opts.considered[i], prices),
                            limited ? fmt::format(" The member's volumes must fit {} EBS attachments, so the layouts "
                                                  "were chosen together within that limit.",
                                                  budget)
                                    : std::string());
    }
    const u::capacity mem_need = memory_needed(gb, best->vcpu);

    Member m;
    m.role = std::string(role);
    m.region = prices.region;
    m.instance_type = best->type;
    m.vcpu = best->vcpu;
    m.memory = best->memory;
    m.instance_cost = prices.instance_price[*m_cat.instances.find(best->type)]->price;
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
    std::optional<Priced<u::cost_rate>> smaller_price;
    for (std::size_t idx : m_db_candidates) {
        const auto& it = m_cat.instances.instances[idx];
        if (it.family != best->family || it.memory >= best->memory || !prices.instance_price[idx])
            continue;
        if (!smaller || it.memory > smaller->memory) {
            smaller = &it;
            smaller_price = prices.instance_price[idx];
        }
    }
    if (smaller) {
        SmallerInstance s;
        s.instance_type = smaller->type;
        s.memory = smaller->memory;
        s.shared_percent_needed = shared_memory_mib(gb, smaller->vcpu) / (u::in_GiB(smaller->memory) * 1024.0) * 100;
        s.stretch_percent = N.memory_shared_fraction_stretch * 100;
        s.fits_at_stretch = s.shared_percent_needed <= s.stretch_percent + 1e-9;
        std::vector<std::string> lacks;
        if (smaller->vcpu < vcpu_need - 1e-9)
            lacks.push_back(fmt::format("{} vCPU < {} needed", smaller->vcpu, num(vcpu_need, 1)));
        if (!smaller->ebs.dedicated)
            lacks.push_back("no dedicated EBS bandwidth");
        else if (smaller->ebs.baseline_iops < ebs_iops || smaller->ebs.baseline_throughput < ebs_tput)
            lacks.push_back(fmt::format("EBS baseline {} / {} < {} / {}", io(smaller->ebs.baseline_iops),
                                        mibps(smaller->ebs.baseline_throughput), io(ebs_iops), mibps(ebs_tput)));
        const Storage& sst = storage_for(smaller->nitro, budget_of(*smaller));
        if (!sst.ok)
            lacks.push_back(fmt::format("takes only {} EBS volumes", budget_of(*smaller)));
        s.blocked_by = fmt::format("{}", fmt::join(lacks, "; "));
        const double small_monthly =
            u::usd_per_month(smaller_price->price + (sst.ok ? sst.cost : storage_for(smaller->nitro, kUnlimited).cost),
                             prices.month);
        s.saving = u::per_month(u::usd(best_monthly - small_monthly), prices.month);
        m.smaller = std::move(s);
    }

    const double gb_mib = u::in_GiB(gb) * 1024.0;
    if (m_opt.explain && role == "primary" && m_w.database.site_memory) {
        // The running site's own server against the same rule.
        const double site_gib = u::in_GiB(*m_w.database.site_memory);
        const double pct = shared_memory_mib(gb, best->vcpu) / (site_gib * 1024.0) * 100;
        const double ceiling = m_d.shared_fraction * 100, stretch = N.memory_shared_fraction_stretch * 100;
        m_plan.assumptions.push_back(fmt::format(
            "The running site's database server has {} GiB of RAM (database.site_memory_gib): the memory plan "
            "estimate for its {} GiB of global buffers is {} % of it, {}.",
            num(site_gib, 1), num(u::in_GiB(gb), 1), num(pct, 1),
            pct <= ceiling + 1e-9 ? fmt::format("within this plan's {} % ceiling: the site passes the rule", num(ceiling, 1))
            : pct <= stretch + 1e-9
                ? fmt::format("above this plan's {} % ceiling but within the {} % that running sites accept: the site "
                              "runs closer to its RAM than this plan allows",
                              num(ceiling, 1), num(stretch))
                : fmt::format("above both this plan's {} % ceiling and the {} % that running sites accept: the site "
                              "itself fails the rule",
                              num(ceiling, 1), num(stretch))));
    }
    if (m_opt.explain) {
        m.explanation = fmt::format(
            "{} {}: {} vCPU, {} RAM, EBS baseline {} / {}. CPU: {} busy cores{} / {} % target = {} vCPU. Memory "
            "(InterSystems memory plan estimate): global buffers {} MiB x {} + routine buffers {} MiB x {} + gmheap "
            "+ {} MiB per CPU + journal buffers {} MiB + {} MiB connections + {} MiB = {} MiB of shared memory, kept "
            "within {} % of RAM ({}) = {}. EBS: data + WIJ + primary journal need {} and {} sustained. Volumes: {} "
            "EBS volumes of the {} the instance takes{}. Monthly {}: {} for the instance, {} for its volumes.",
            role, best->type, best->vcpu, gib(best->memory), io(best->ebs.baseline_iops),
            mibps(best->ebs.baseline_throughput), num(m_d.cores, 2),
            fraction < 1 ? fmt::format(" x {} % DR capacity", num(fraction * 100)) : std::string(),
            num(m_d.target * 100), num(vcpu_need, 2), num(gb_mib), num(N.memory_global_buffers_factor, 2),
            num(u::in_GiB(m_d.routine_buffers) * 1024.0), num(N.memory_routine_buffers_factor, 2),
            num(N.memory_mib_per_logical_cpu), num(N.memory_journal_buffers_mib), num(2 * N.memory_server_connections),
            num(N.memory_fixed_mib), num(shared_memory_mib(gb, best->vcpu)), num(m_d.shared_fraction * 100, 1),
            m_w.database.shared_memory_percent_of_ram ? "the workload's ceiling" : "the policy's, after the huge-pages guidance",
            gib(mem_need), io(ebs_iops), mibps(ebs_tput), m.ebs_volumes, budget,
            best->attachments.kind == AttachmentLimitKind::Shared
                ? fmt::format(" ({} attachments shared with {} network interface{}{})", best->attachments.limit, nics,
                              nics == 1 ? "" : "s",
                              best->nvme_store_volumes > 0
                                  ? fmt::format(" and {} NVMe instance store volumes", best->nvme_store_volumes)
                                  : std::string())
                : fmt::format(" ({} limit)", to_string(best->attachments.kind)),
            money_str(to_cents(best_instance_monthly) + to_cents(best_monthly - best_instance_monthly)),
            money_str(best_instance_monthly), money_str(best_monthly - best_instance_monthly));
        if (m.smaller) {
            const auto& s = *m.smaller;
            const double shared_gib = shared_memory_mib(gb, smaller->vcpu) / 1024.0;
            m.explanation += fmt::format(
                " Memory boundary: the next smaller {}, {} ({} RAM), would hold the {} GiB of shared memory at {} % "
                "of its RAM, {} the {} % that running sites accept (estimate) and above this plan's {} %{}.",
                best->family, s.instance_type, gib(s.memory), num(shared_gib, 1), num(s.shared_percent_needed, 1),
                s.fits_at_stretch ? "within" : "beyond", num(s.stretch_percent), num(m_d.shared_fraction * 100, 1),
                !s.blocked_by.empty()
                    ? fmt::format("; it is also ruled out by: {}", s.blocked_by)
                : s.fits_at_stretch
                    ? fmt::format("; at that ceiling it would save {} a month per member and leave {} GiB instead of "
                                  "{} GiB for the operating system, processes and file cache",
                                  money_str(u::usd_per_month(s.saving, prices.month)),
                                  num(u::in_GiB(s.memory) - shared_gib, 1),
                                  num(u::in_GiB(best->memory) - shared_memory_mib(gb, best->vcpu) / 1024.0, 1))
                    : std::string());
        }
    }

    // The cheaper candidates turned down, nearest first (instance and volumes, as the chosen one's monthly).
    if (m_opt.explain)
        std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.monthly > b.monthly; });
    int listed = 0;
    for (const auto& s : m_opt.explain ? scored : std::vector<Scored>{}) {
        if (s.fits || s.monthly >= best_monthly - 1e-9 || listed >= 5)
            continue;
        const auto& it = m_cat.instances.instances[s.idx];
        std::vector<std::string> why;
        if (it.vcpu < vcpu_need - 1e-9)
            why.push_back(fmt::format("{} vCPU < {} needed", it.vcpu, num(vcpu_need, 1)));
        const auto need = memory_needed(gb, it.vcpu);
        if (it.memory < need) {
            // The need depends a little on the vCPU count (memory per CPU): when this candidate's differs
            // in print from the chosen instance's, say why, so that one figure never shows two values.
            const bool differs = gib(need) != gib(mem_need);
            why.push_back(fmt::format("{} RAM < {} needed{}", gib(it.memory), gib(need),
                                      differs ? fmt::format(" with its {} vCPU", it.vcpu) : std::string()));
        }
        if (!it.ebs.dedicated)
            why.push_back(fmt::format("no dedicated EBS bandwidth (EBS shares {})", it.ebs.shares));
        else {
            if (it.ebs.baseline_iops < ebs_iops)
                why.push_back(fmt::format("EBS baseline {} < {}", io(it.ebs.baseline_iops), io(ebs_iops)));
            if (it.ebs.baseline_throughput < ebs_tput)
                why.push_back(fmt::format("EBS baseline {} < {}", mibps(it.ebs.baseline_throughput), mibps(ebs_tput)));
        }
        if (s.over_volume_limit)
            why.push_back(fmt::format(
                "takes {} EBS volumes{}, the fewest valid layout needs {}", budget_of(it),
                it.attachments.kind == AttachmentLimitKind::Shared
                    ? fmt::format(" ({} attachments shared with {} network interface{}{})", it.attachments.limit, nics,
                                  nics == 1 ? "" : "s",
                                  it.nvme_store_volumes > 0
                                      ? fmt::format(" and {} NVMe instance store volumes", it.nvme_store_volumes)
                                      : std::string())
                    : std::string(),
                storage_for(it.nitro, kUnlimited).fewest_volumes));
        m_plan.rejected.push_back({std::string(role), it.type, u::per_month(u::usd(s.monthly), prices.month),
                                   fmt::format("{}", fmt::join(why, "; "))});
        ++listed;
    }

    std::vector<Member> out;
    out.push_back(std::move(m));
    return out;
}

Result<Member> Sizer::size_simple(std::string_view role, const PriceList& prices, const std::vector<std::size_t>& cands,
                                  double vcpu, u::capacity memory, const std::string& why) {
    const InstanceType* best = nullptr;
    std::optional<Priced<u::cost_rate>> best_price;
    for (std::size_t idx : cands) {
        const auto& it = m_cat.instances.instances[idx];
        const auto& price = prices.instance_price[idx];
        if (!price || it.vcpu < vcpu - 1e-9 || it.memory < memory)
            continue;
        if (!best || price->price < best_price->price || (price->price == best_price->price && it.vcpu < best->vcpu)) {
            best = &it;
            best_price = price;
        }
    }
    if (!best)
        return Error{fmt::format("tiers.{}", role),
                     fmt::format("no instance of the allowed families in {} has {} vCPU and {} memory for one {} server",
                                 prices.region, num(vcpu, 1), gib(memory), role)};
    Member m;
    m.role = std::string(role);
    m.region = prices.region;
    m.instance_type = best->type;
    m.vcpu = best->vcpu;
    m.memory = best->memory;
    m.instance_cost = best_price->price;
    m.price_estimate = best_price->estimate;
    m.demand = {vcpu, memory, u::iops(0), u::MiBps(0), u::GiB(0)};
    m.volumes.push_back(os_volume(prices, {best->nitro}));
    m.demand.capacity = m.volumes.back().demand_capacity;
    m.ebs_volumes = 1;
    m.ebs_volume_limit =
        best->attachments.ebs_volumes(static_cast<int>(N.network_interfaces_per_member), best->nvme_store_volumes);
    if (m_opt.explain)
        m.explanation = fmt::format("{} {}: cheapest instance with at least {} vCPU and {} memory ({}), {}/month.",
                                    role, best->type, num(vcpu, 2), gib(memory), why,
                                    money_str(u::usd_per_month(best_price->price, prices.month)));
    return m;
}

// --- the app, web and print tiers ---------------------------------------------------------

/// What a whole tier must carry and the least each of its servers has; `*_each` split the load
/// over `n` servers.
struct Sizer::TierLoad {
    std::string_view role;  ///< app, web, print
    std::string_view field; ///< the workload field that gives the count, e.g. tiers.app_servers
    double vcpu = 0;        ///< vCPU for the whole tier at the target utilisation
    u::capacity memory = u::GiB(0);
    double min_vcpu = 0;
    u::capacity min_memory = u::GiB(0);
    std::string why;                ///< what a server does, for the explanation
    std::vector<std::string> zones; ///< the servers go round robin over these

    [[nodiscard]] double vcpu_each(int n) const { return std::max(min_vcpu, vcpu / n); }
    [[nodiscard]] u::capacity memory_each(int n) const { return std::max(min_memory, memory / static_cast<double>(n)); }
    /// Each server is at the minimum: more servers would only cost more.
    [[nodiscard]] bool at_minimum(int n) const { return vcpu / n <= min_vcpu && memory / static_cast<double>(n) <= min_memory; }
};

/// "1 server", "6 servers".
std::string servers_str(int n) {
    return n == 1 ? std::string("1 server") : fmt::format("{} servers", n);
}

/// The product's name as users know it: the profile's title without its gloss in brackets.
std::string product_name(const Profile* p, std::string_view product) {
    if (!p)
        return std::string(product);
    const auto bracket = p->title.find(" (");
    return p->title.substr(0, bracket);
}

std::optional<Error> Sizer::size_tier(TierCount given, const TierLoad& load) {
    const int most = std::max(2, static_cast<int>(N.tier_auto_max_servers));
    const auto month = m_prices->month;
    struct Option {
        int count = 0;
        Member member;
        double monthly = 0; ///< the whole tier: instances and boot volumes, USD a month
        long long cents = 0;
    };
    auto sized = [&](int n) -> std::optional<Option> {
        auto m = size_simple(load.role, *m_prices, m_tier_candidates, load.vcpu_each(n), load.memory_each(n), load.why);
        if (!m)
            return std::nullopt;
        u::cost_rate each = m->instance_cost;
        for (const auto& v : m->volumes)
            each += v.cost();
        const double monthly = u::usd_per_month(each, month) * n;
        return Option{n, std::move(m).value(), monthly, std::llround(monthly * 100)};
    };
    // Every count from two to the policy's bound, each with its cheapest type; the lowest total
    // wins, the fewer servers on a tie (to the cent).
    int tried = 2; // the last count the search tried
    auto search = [&] {
        std::vector<Option> options;
        for (int n = 2; n <= most; ++n) {
            tried = n;
            if (auto o = sized(n))
                options.push_back(std::move(*o));
            if (load.at_minimum(n))
                break;
        }
        std::stable_sort(options.begin(), options.end(),
                         [](const Option& a, const Option& b) { return a.cents < b.cents; });
        return options;
    };
    auto describe = [&](const Option& o) {
        return fmt::format("{} x {} ({} vCPU, {} each) at {}/month in all", o.count, o.member.instance_type,
                           o.member.vcpu, gib(o.member.memory), money_str(o.monthly));
    };
    const std::string users = num(m_w.concurrent_users.value_or(0));

    std::optional<Option> chosen;
    if (given.is_fixed()) {
        if (given.count <= 0)
            return std::nullopt;
        chosen = sized(given.count);
        if (!chosen) {
            // Refused with the count that would carry the load.
            auto options = search();
            if (options.empty())
                return Error{std::string(load.field),
                             fmt::format("{} cannot carry {} {} users, nor can any count up to {} of the allowed "
                                         "instance types in {} (each would need {} vCPU and {})",
                                         servers_str(given.count), users, product_name(m_profile, m_w.product), most,
                                         m_prices->region, num(load.vcpu_each(most), 1),
                                         gib(load.memory_each(most)))};
            const auto& best = options.front();
            return Error{std::string(load.field),
                         fmt::format("{} cannot carry {} {} users; {} x {} would (or give \"auto\")",
                                     servers_str(given.count), users, product_name(m_profile, m_w.product),
                                     best.count, best.member.instance_type)};
        }
    } else {
        auto options = search();
        if (options.empty())
            return Error{std::string(load.field),
                         fmt::format("\"auto\" found no count from 2 to {} of the allowed instance types in {} that "
                                     "carries {} {} users (each would need {} vCPU and {})",
                                     most, m_prices->region, users, product_name(m_profile, m_w.product),
                                     num(load.vcpu_each(most), 1), gib(load.memory_each(most)))};
        chosen = std::move(options.front());
        if (m_opt.explain) {
            const Option* next = options.size() > 1 ? &options[1] : nullptr;
            const std::string text = fmt::format(
                "{} tier sized automatically ({} \"auto\"): {}, the lowest total over {} to {} servers "
                "(instances and boot volumes; the fewer servers on a tie); next best {}.",
                load.role, load.field, describe(*chosen), 2, tried, next ? describe(*next) : std::string("none (no other count fits)"));
            chosen->member.explanation += " " + text;
            m_plan.assumptions.push_back(text);
        }
    }

    // Round robin over the zones: zone k gets count / zones, the first count % zones one more.
    const int count = chosen->count;
    const int zones = static_cast<int>(load.zones.size());
    for (int z = 0; z < std::min(zones, count); ++z) {
        Member g = chosen->member;
        g.availability_zone = load.zones[static_cast<std::size_t>(z)];
        g.count = count / zones + (z < count % zones ? 1 : 0);
        m_plan.members.push_back(std::move(g));
    }
    return std::nullopt;
}

// --- the whole plan -----------------------------------------------------------------------

Result<Plan> Sizer::run() {
    if (auto e = resolve())
        return *e;
    m_plan.name = m_w.name;
    m_plan.description = m_w.description;
    m_plan.product = m_w.product;
    m_plan.product_name = m_profile && !m_profile->name.empty() ? m_profile->name : m_w.product;
    m_plan.region = m_prices->region;
    m_plan.rules = m_rules->id;
    m_plan.rules_as_of = m_rules->as_of;
    m_plan.price_source = fmt::format("{}", fmt::join(m_prices->source, "; "));
    m_plan.price_as_of = m_prices->as_of;
    m_plan.month = m_prices->month;
    m_plan.horizon_years = m_d.horizon;
    const auto& azs = m_prices->availability_zones;

    auto primary = size_database("primary", *m_prices, 1.0);
    if (!primary)
        return primary.error();
    Member pm = std::move(primary->front());
    pm.availability_zone = azs[0];
    m_plan.members.push_back(std::move(pm));
    if (m_w.mirror) {
        Member bm = m_plan.members.front();
        bm.role = "backup";
        bm.availability_zone = azs[1];
        if (m_opt.explain)
            bm.explanation = fmt::format("backup failover member: identical to the primary ({}), in a second "
                                         "availability zone ({}), synchronous mirror.",
                                         bm.instance_type, azs[1]);
        m_plan.members.push_back(std::move(bm));
        if (m_w.arbiter) {
            auto arb = size_simple("arbiter", *m_prices, m_arbiter_candidates, N.arbiter_min_vcpu,
                                   u::GiB(N.arbiter_min_memory_gib), pol().at("arbiter_min_vcpu").source);
            if (!arb)
                return arb.error();
            arb->availability_zone = azs[2];
            if (m_opt.explain)
                arb->explanation += fmt::format(" In a third availability zone ({}) so that it sees both failover "
                                                "members.",
                                                azs[2]);
            m_plan.members.push_back(std::move(arb).value());
        }
    }
    if (m_d.dr_members > 0) {
        // DR members are identical: size one, place each in the next DR availability zone.
        auto drm = size_database("dr-async", *m_dr_prices, m_d.dr_fraction);
        if (!drm)
            return drm.error();
        const auto& dazs = m_dr_prices->availability_zones;
        for (int k = 0; k < m_d.dr_members; ++k) {
            Member dm = k + 1 < m_d.dr_members ? drm->front() : std::move(drm->front());
            dm.availability_zone = dazs[static_cast<std::size_t>(k) % dazs.size()];
            m_plan.members.push_back(std::move(dm));
        }
        m_plan.dr_price_as_of = m_dr_prices->as_of;
    }
    m_plan.dr_region = m_d.dr_members > 0 ? m_dr_prices->region : std::string();

    // Tiers, spread over the availability zones: web servers round robin over the region's zones
    // (at most the policy's tier_web_zones_max), app and print servers over the database members'
    // zones — two whenever there are two servers or more, mirror or not (without a mirror the
    // primary's zone and the next zone of the region).
    const std::size_t web_zone_count =
        std::min(azs.size(), static_cast<std::size_t>(std::max(1.0, N.tier_web_zones_max)));
    std::vector<std::string> web_zones(azs.begin(), azs.begin() + static_cast<std::ptrdiff_t>(web_zone_count));
    std::vector<std::string> db_zones{m_plan.members.front().availability_zone};
    if (const Member* backup = m_plan.member("backup"))
        db_zones.push_back(backup->availability_zone);
    else if (azs.size() > 1)
        db_zones.push_back(azs[1]);
    const double users = m_w.concurrent_users.value_or(0);
    const Profile* p = m_profile;
    // Not given: "auto" when users are given (app servers need the profile too), else none.
    auto count_or_default = [&](TierCount given, bool sizable) {
        return given.is_set() ? given : (m_w.concurrent_users && sizable ? TierCount::automatic() : TierCount{});
    };
    const TierCount app = count_or_default(m_w.app_servers, p != nullptr);
    if (app.is_set() && (app.is_auto() || app.count > 0)) {
        if (!p)
            return Error{"tiers.app_servers", fmt::format("no profile for '{}' to size app servers", m_w.product)};
        TierLoad load{"app",
                      "tiers.app_servers",
                      users * p->app_cores / m_d.target,
                      u::MiB(users * p->app_memory_mib),
                      p->app_min_vcpu,
                      u::GiB(p->app_min_memory_gib),
                      "ECP application server",
                      db_zones};
        assume([&] {
            return fmt::format("App (ECP) servers: {} users x {} cores and {} MiB per user at {} % target = {} vCPU "
                               "and {} over the tier, at least {} vCPU and {} GiB each (ILLUSTRATIVE ESTIMATE, "
                               "profile '{}'); {}.",
                               num(users), num(p->app_cores, 4), num(p->app_memory_mib), num(m_d.target * 100),
                               num(load.vcpu, 1), gib(load.memory), num(p->app_min_vcpu),
                               num(p->app_min_memory_gib), p->product,
                               app.is_auto() ? std::string("count and type chosen automatically")
                                             : servers_str(app.count) + " as the workload says");
        });
        if (auto e = size_tier(app, load))
            return *e;
    }
    const TierCount web = count_or_default(m_w.web_servers, true);
    if (web.is_set() && (web.is_auto() || web.count > 0)) {
        TierLoad load{"web",
                      "tiers.web_servers",
                      p ? users * p->web_cores / m_d.target : 0.0,
                      u::GiB(0),
                      std::max(N.web_min_vcpu, p ? p->web_min_vcpu : 0.0),
                      u::GiB(std::max(N.web_min_memory_gib, p ? p->web_min_memory_gib : 0.0)),
                      "web gateway behind the load balancer",
                      web_zones};
        if (auto e = size_tier(web, load))
            return *e;
    }
    TierCount print = m_w.print_servers;
    if (!print.is_set() && p && p->print_servers_default > 0) {
        print = TierCount::fixed(p->print_servers_default);
        assume([&] {
            return fmt::format("Print servers: {} (profile '{}' default when tiers.print_servers is not given: {}).",
                               print.count, p->product, p->print_servers_default_source);
        });
    }
    if (print.is_fixed() && print.count > 0) {
        if (!p)
            return Error{"tiers.print_servers", fmt::format("no profile for '{}' to size print servers", m_w.product)};
        TierLoad load{"print",
                      "tiers.print_servers",
                      0.0,
                      u::GiB(0),
                      p->print_vcpu,
                      u::GiB(p->print_memory_gib),
                      "print server (ILLUSTRATIVE ESTIMATE from the profile)",
                      db_zones};
        if (auto e = size_tier(print, load))
            return *e;
    }

    cost_lines();
    if (m_opt.explain)
        projection();
    warnings();
    sources();

    // Member and volume explanations stay with the members (Plan::all_explanations() lists them);
    // here only what belongs to no member: the instances turned down and the cost arithmetic.
    if (!m_opt.explain)
        return std::move(m_plan);
    for (const auto& r : m_plan.rejected)
        m_plan.explanations.push_back({fmt::format("{} rejected {}", r.role, r.instance_type),
                                       fmt::format("{} at {}/month is cheaper but {}", r.instance_type,
                                                   money_str(u::usd_per_month(r.cost, m_plan.month)), r.reason)});
    for (const auto& c : m_plan.cost_lines)
        if (!c.explanation.empty())
            m_plan.explanations.push_back({fmt::format("cost: {}", c.component), c.explanation});
    return std::move(m_plan);
}

void Sizer::cost_lines() {
    auto& lines = m_plan.cost_lines;
    const auto& month = m_plan.month;
    // `why` is a callable: the arithmetic is written out only when the plan is to be explained.
    // Each line is rounded to the cent once, here; the total is the sum of the rounded lines, so that
    // every format prints lines that add up to its total.
    auto add = [&](std::string component, std::string category, u::cost_rate exact, bool estimate, const auto& why) {
        const u::cost_rate c = u::per_month(u::usd(to_cents(u::usd_per_month(exact, month))), month);
        lines.push_back({std::move(component), std::move(category), c, estimate,
                         m_opt.explain ? std::string(why()) : std::string()});
        m_plan.total += c;
        m_plan.price_estimates = m_plan.price_estimates || estimate;
    };
    m_plan.total = u::usd_per_hour(0);
    u::cost_rate iops_total = u::usd_per_hour(0), tput_total = u::usd_per_hour(0);
    bool iops_estimate = false;
    for (const auto& m : m_plan.members) {
        const double n = m.count;
        const std::string who =
            m.role + (m.count > 1 ? " x" + std::to_string(m.count) : std::string()) + " (" + m.availability_zone + ")";
        const PriceList& prices = m.region == m_prices->region ? *m_prices : *m_dr_prices;
        add(who + " " + m.instance_type, "compute", m.instance_cost * n, m.price_estimate, [&] {
            return fmt::format("{} x {}/hour x {} hours", m.count, usd_rate(u::in_usd(m.instance_cost * u::hours(1))),
                               num(u::in_hours(prices.month)));
        });
        u::cost_rate storage = u::usd_per_hour(0), iops = u::usd_per_hour(0), tput = u::usd_per_hour(0);
        u::capacity gib_total = u::GiB(0);
        bool ebs_estimate = false;
        for (const auto& v : m.volumes) {
            storage += v.storage_cost * n;
            iops += v.iops_cost * n;
            tput += v.throughput_cost * n;
            gib_total += v.size * static_cast<double>(v.stripe_width) * n;
            if (const auto* ep = prices.ebs_price(v.type))
                ebs_estimate = ebs_estimate || ep->estimate;
        }
        add(who + " EBS storage", "storage", storage, ebs_estimate,
            [&] {
                return fmt::format("{} provisioned for {} purpose{} ({})", gib(gib_total), m.volumes.size(),
                                   m.volumes.size() == 1 ? "" : "s", volume_purposes(m));
            });
        iops_total += iops;
        tput_total += tput;
        iops_estimate = iops_estimate || ebs_estimate;
    }
    // Provisioned IOPS and throughput are always shown, even at $0, so that no charge is silently left out.
    auto included = [&](bool for_iops) {
        std::string out;
        for (const auto& t : m_rules->types) {
            std::string part;
            if (for_iops && t.iops_mode == IopsMode::Provisioned)
                part = t.type + ": all of them";
            else if (for_iops && t.iops_mode == IopsMode::IncludedPlusProvisioned)
                part = t.type + ": above " + io(t.iops_included) + " per volume";
            else if (!for_iops && t.tput_included)
                part = t.type + ": above " + mibps(*t.tput_included) + " per volume";
            if (!part.empty())
                out += (out.empty() ? "" : "; ") + part;
        }
        return out;
    };
    add("EBS provisioned IOPS (all members)", "iops", iops_total, iops_estimate,
        [&] { return "IOPS provisioned beyond what each volume type includes (" + included(true) + ")"; });
    add("EBS provisioned throughput (all members)", "throughput", tput_total, iops_estimate, [&] {
        const std::string inc = included(false);
        return inc.empty() ? "no volume type of rule set " + m_rules->id + " bills provisioned throughput"
                           : "throughput provisioned beyond what each volume type includes (" + inc + ")";
    });
    // Snapshots of the primary's database volumes: a full copy plus daily changes kept.
    if (m_d.retention_days > 0) {
        const double change = N.snapshot_daily_change_percent / 100.0;
        const u::capacity stored = m_d.size * (1.0 + change * m_d.retention_days);
        add("EBS snapshots (database)", "snapshots", m_prices->snapshot.price * stored, m_prices->snapshot.estimate,
            [&] {
                return fmt::format("{} stored = {} database x (1 + {} % daily change x {} days kept) at {}/GiB-month",
                                   gib(stored), gib(m_d.size), num(change * 100, 1), m_d.retention_days,
                                   usd_rate(u::in_usd(m_prices->snapshot.price * u::GiB(1) * month)));
            });
        assume([&] {
            return fmt::format("Snapshots: daily, kept {} days; {} % of the database changes per "
                               "day (ESTIMATE, irisize sizing policy).",
                               m_d.retention_days, num(change * 100, 1));
        });
    }
    const double avg = N.journal_average_to_peak;
    const u::throughput journal_avg = m_d.journal * avg;
    if (m_w.mirror) {
        // The primary ships its journal to the backup in another AZ; billed out and in.
        const u::cost_rate c = m_prices->cross_az.price * journal_avg * 2.0;
        add("mirror journal cross-AZ transfer", "transfer", c, m_prices->cross_az.estimate, [&] {
            return fmt::format("{} peak x {} average/peak = {} shipped to the backup, {}/GB each direction",
                               mibps(m_d.journal), num(avg, 2), mibps(journal_avg),
                               usd_rate(u::in_usd(m_prices->cross_az.price * u::GB(1))));
        });
    }
    if (m_d.dr_members > 0) {
        const u::cost_rate c = m_prices->inter_region_out.price * journal_avg * static_cast<double>(m_d.dr_members);
        add("async journal to " + m_dr_prices->region + " (inter-region)", "transfer", c,
            m_prices->inter_region_out.estimate, [&] {
                const double gb_month = u::in_GB(journal_avg * month) * m_d.dr_members;
                return fmt::format("{} GB/month = {} average journal x {} h x {} DR member{}, at {}/GB out of {}",
                                   num(gb_month), mibps(journal_avg), num(u::in_hours(month)), m_d.dr_members,
                                   m_d.dr_members == 1 ? "" : "s", usd_rate(u::in_usd(m_prices->inter_region_out.price * u::GB(1))), m_prices->region);
            });
    }
}

void Sizer::projection() {
    const double free = N.database_free_space_percent / 100.0;
    // Members carrying a data volume; identical ones (primary and backup, DR copies) are priced once.
    struct Carrier {
        const Member* member;
        const PlannedVolume* data;
        const PriceList* prices;
        bool nitro;
        int count;
    };
    std::vector<Carrier> carriers;
    for (const auto& m : m_plan.members)
        for (const auto& v : m.volumes) {
            if (v.purpose != "data")
                continue;
            const PriceList* prices = m.region == m_prices->region ? m_prices : m_dr_prices;
            const bool nitro = m_cat.instances.instances[*m_cat.instances.find(m.instance_type)].nitro;
            auto same = std::find_if(carriers.begin(), carriers.end(), [&](const Carrier& c) {
                return c.prices == prices && c.nitro == nitro && c.data->type == v.type && c.data->size == v.size &&
                       c.data->stripe_width == v.stripe_width && c.data->demand_iops == v.demand_iops &&
                       c.data->demand_throughput == v.demand_throughput;
            });
            if (same != carriers.end())
                same->count += m.count;
            else
                carriers.push_back({&m, &v, prices, nitro, m.count});
        }
    for (int y = 0; y <= m_d.horizon; ++y) {
        YearProjection yp;
        yp.year = y;
        yp.database = m_d.size * std::pow(1.0 + m_d.growth / 100.0, y);
        yp.data_needed = ceil_gib(yp.database / (1.0 - free));
        yp.data_planned = u::GiB(0);
        u::cost_rate total = m_plan.total;
        // What the plan provisions for the primary (the first carrier); DR copies may round differently.
        if (!carriers.empty())
            yp.data_planned = carriers.front().data->size * static_cast<double>(carriers.front().data->stripe_width);
        for (const auto& c : carriers) {
            // The planned layout (type and stripe width), each volume sized for that year's capacity only.
            const auto* t = m_rules->find(c.data->type);
            const auto* price = c.prices->ebs_price(c.data->type);
            const double w = c.data->stripe_width;
            VolumeDemand per{ceil_gib(yp.data_needed / w), c.data->demand_iops / w, c.data->demand_throughput / w};
            if (auto spec = smallest_volume(*t, per, {c.nitro}))
                total += (volume_cost(*t, *price, *spec, c.data->stripe_width).total() - c.data->cost()) *
                         static_cast<double>(c.count);
        }
        yp.monthly_if_sized_for_year = total;
        m_plan.projection.push_back(yp);
    }
}

void Sizer::sources() {
    auto& out = m_plan.sources;
    auto add = [&](std::string topic, const std::string& title, const std::string& as_of, const std::string& estimate) {
        for (const auto& s : out)
            if (s.title == title && s.as_of == as_of && s.estimate == estimate)
                return;
        out.push_back({std::move(topic), title, as_of, estimate});
    };
    for (const auto& r : m_cat.policy.references)
        add("Deployment and sizing", r.title, r.as_of, "");
    add("EBS rules", m_rules->title, m_rules->as_of, "");
    for (const auto& line : m_rules->source)
        add("EBS rules", line, m_rules->as_of, "");
    for (const auto& r : m_cat.instances.references) {
        const bool speaks_of_plan =
            r.families.empty() || std::any_of(m_plan.members.begin(), m_plan.members.end(), [&](const Member& m) {
                const auto idx = m_cat.instances.find(m.instance_type);
                return idx && std::find(r.families.begin(), r.families.end(),
                                        m_cat.instances.instances[*idx].family) != r.families.end();
            });
        if (speaks_of_plan)
            add("Instances", r.title, r.as_of, "");
    }

    // Prices: only the documents behind a price this plan uses.
    std::vector<std::string> titles;
    std::vector<std::pair<const PriceList*, std::size_t>> seen; // references already added
    auto priced = [&](const PriceList& prices, const std::vector<std::size_t>& refs) {
        for (auto i : refs) {
            if (std::find(seen.begin(), seen.end(), std::make_pair(&prices, i)) != seen.end())
                continue;
            seen.emplace_back(&prices, i);
            const auto& r = prices.references[i];
            add("Prices", r.title, r.as_of, r.estimate);
            if (std::find(titles.begin(), titles.end(), r.title) == titles.end())
                titles.push_back(r.title);
        }
    };
    for (const auto& m : m_plan.members) {
        const PriceList& prices = m.region == m_prices->region ? *m_prices : *m_dr_prices;
        if (auto idx = m_cat.instances.find(m.instance_type); idx && prices.instance_price[*idx])
            priced(prices, prices.instance_price[*idx]->refs);
        for (const auto& v : m.volumes)
            if (const auto* e = prices.ebs_price(v.type))
                priced(prices, e->refs);
    }
    for (const auto& c : m_plan.cost_lines) {
        if (c.category == "snapshots")
            priced(*m_prices, m_prices->snapshot.refs);
        else if (c.category == "transfer")
            priced(*m_prices, m_prices->cross_az.refs);
    }
    m_plan.price_source = fmt::format("{}", fmt::join(titles, "; "));
    if (m_profile_used)
        add("Demand", m_profile->title, m_profile->as_of.empty() ? m_cat.policy.as_of : m_profile->as_of,
            "irisize's illustrative per-user profile, not published by InterSystems: part of the demand comes from "
            "it rather than from measurements");
}

void Sizer::warnings() {
    auto& w = m_plan.warnings;
    if (m_rules->id != m_cat.default_rule_set().id)
        w.push_back(fmt::format("Rule set {} ({}) is not today's: {} has the current EBS limits.", m_rules->id,
                                m_rules->as_of, m_cat.default_rule_set().id));
    for (const auto& m : m_plan.members) {
        if (m.role != "primary" && m.role != "dr-async")
            continue;
        const auto& inst = m_cat.instances.instances[*m_cat.instances.find(m.instance_type)];
        // Only where the demand comes near the baseline: there the instance's higher, short-lived maximum
        // is what a reader might count on, and must not.
        const double iops_use = u::in_iops(m.demand.iops) / u::in_iops(inst.ebs.baseline_iops);
        const double tput_use = u::in_MiBps(m.demand.throughput) / u::in_MiBps(inst.ebs.baseline_throughput);
        const double use = std::max(iops_use, tput_use);
        if (use * 100.0 >= N.ebs_headroom_warning_percent - 1e-9)
            w.push_back(fmt::format(
                "{} {} runs at {} % of its sustained EBS {} ({} / {}) at peak: little headroom for growth in I/O{}.",
                m.role, m.instance_type, num(use * 100), iops_use >= tput_use ? "IOPS" : "throughput",
                io(inst.ebs.baseline_iops), mibps(inst.ebs.baseline_throughput),
                inst.ebs.max_is_burst
                    ? fmt::format("; its EBS maximum ({} / {}) holds only 30 minutes in 24 hours and is not counted",
                                  io(inst.ebs.max_iops), mibps(inst.ebs.max_throughput))
                    : std::string()));
        for (const auto& v : m.volumes) {
            const auto* t = m_rules->find(v.type);
            if (!t || !t->burst_bucket)
                continue;
            if (auto mins = burst_minutes(*t, v.size, v.demand_iops / static_cast<double>(v.stripe_width)))
                w.push_back(fmt::format("{} {} on {}: peak demand drains the burst bucket in {} minutes.", m.role,
                                        v.purpose, v.type, num(*mins, 1)));
        }
        if (m.price_estimate)
            w.push_back(fmt::format("{} {}: the instance price in {} is an ESTIMATE (the Sources say how it was "
                                    "estimated).",
                                    m.role, m.instance_type, m.region));
    }
    if (!m_w.mirror)
        w.push_back("No mirror: a failure of the database server or its availability zone stops the service until it "
                    "is rebuilt.");
    else if (!m_w.arbiter)
        w.push_back("Mirror without an arbiter: automatic failover is not possible when the primary's host or "
                    "availability zone is lost.");
    if (!m_w.mirror && m_w.arbiter)
        assume([&] { return std::string("ha.arbiter ignored: an arbiter only serves a mirror."); });
    if (m_d.dr_members > 0) {
        w.push_back(fmt::format("{} in {}: asynchronous, so a regional failover may lose the journal "
                                "not yet shipped; promotion to primary is a decision and an action of a person.",
                                m_d.dr_members == 1 ? "The DR async member" : "The DR async members",
                                m_dr_prices->region));
        if (m_d.dr_fraction < 1)
            w.push_back(fmt::format("DR sized at {} % of production CPU and memory: after a promotion the service "
                                    "runs degraded.",
                                    num(m_d.dr_fraction * 100)));
    } else {
        w.push_back("No DR member in a second region: a regional outage stops the service.");
    }
    if (m_d.target * 100 > N.cpu_health_monitor_warning_percent)
        w.push_back(fmt::format("Target CPU {} % is above the InterSystems Health Monitor warning threshold ({} %).",
                                num(m_d.target * 100), num(N.cpu_health_monitor_warning_percent)));
    if (m_profile_used)
        w.push_back(fmt::format("Some demand comes from the illustrative '{}' profile, not measurements: import a "
                                "SystemPerformance report or type measured figures before relying on this plan.",
                                m_profile->product));
    if (m_plan.price_estimates)
        w.push_back("Some prices in this plan are ESTIMATES (marked \"est.\" in the cost lines): the total may change "
                    "when AWS's published prices for the region are used.");
}

} // namespace

Result<Plan> size(const Workload& workload, const Catalog& catalog, const SizeOptions& options) {
    try {
        return Sizer(workload, catalog, options).run();
    } catch (const std::exception& e) {
        // A bug, not bad input: say so rather than crash.
        return Error{"", fmt::format("internal error while sizing (please report): {}", e.what())};
    }
}

} // namespace irisize
