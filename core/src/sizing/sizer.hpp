// SPDX-License-Identifier: GPL-3.0-or-later
// The sizing engine's inside, shared by the stage files of core/src/sizing: the resolved
// demand, one volume purpose's demand and layout, and the Sizer that size() runs. Nothing
// here is public: the entry point is size() in irisize/sizing/sizing.hpp.
#pragma once

#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "irisize/format.hpp"
#include "irisize/sizing/sizing.hpp"

#include "detail/number_format.hpp"
#include "detail/role_format.hpp"

#include <fmt/compile.h>

namespace irisize {

/// volume_cost() with the region's price of the type already looked up.
VolumeCost volume_cost(const VolumeTypeRules& rules, const EbsPrice& p, const VolumeSpec& v, int width);
/// The same from a volume's figures alone (the type is `rules`).
VolumeCost volume_cost(const VolumeTypeRules& rules, const EbsPrice& p, units::capacity size, units::io_rate iops,
                       units::throughput throughput, int width);

} // namespace irisize

namespace irisize::sizing {

namespace u = units;

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Quantities as the explanations print them, written in place by fmt (detail/number_format.hpp).
inline detail::NumArg gib(u::capacity c) {
    return fnum(u::in_GiB(c), 1, " GiB");
}
inline detail::NumArg io(u::io_rate r) {
    return fnum(u::in_iops(r), 0, " IOPS");
}
inline detail::NumArg mibps(u::throughput t) {
    return fnum(u::in_MiBps(t), 1, " MiB/s");
}
/// The member's volume purposes, "data, wij, journal1, ...", appended to `out`.
inline void append_volume_purposes(TextBuffer& out, const Member& m) {
    bool first = true;
    for (const auto& v : m.volumes) {
        if (!first)
            append(out, ", ");
        first = false;
        append(out, name(v.purpose));
    }
}
inline u::capacity ceil_gib(u::capacity c) {
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
    VolumePurpose purpose;
    VolumeDemand demand;
    bool stripable = false;
};

/// One volume's figures, its type known from elsewhere (a layout's rules): the smallest valid
/// volume as the layout search keeps it, without a copy of the type's name.
struct VolumeFigures {
    u::capacity size = u::GiB(0);
    u::io_rate iops = u::iops(0);
    u::throughput throughput = u::MiBps(0);
};

struct Layout {
    const VolumeTypeRules* rules = nullptr; ///< the volume type
    VolumeFigures spec;                     ///< each volume of the stripe
    int width = 1;
    VolumeCost cost;
};

/// A purpose's cheapest layout at each stripe width (index width - 1), kept on the stack for
/// the policy's widths (a wider policy spills to the heap).
using LayoutsByWidth = boost::container::small_vector<std::optional<Layout>, 8>;

/// Best (cheapest) layout per candidate type, kept for the explanation.
struct Considered {
    std::string_view type;
    double judged = kInf; ///< monthly plus the stripe-width allowance, what the choice compares
    double monthly = kInf;
    int width = 0;
    std::string_view why_not; ///< when no layout of the type works
};

/// What a whole tier must carry and the least each of its servers has; `*_each` split the load
/// over `n` servers.
struct TierLoad {
    Role role;              ///< app, web, print
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

/// An instance the database search priced, for the explanation of those turned down.
struct ScoredInstance {
    std::size_t idx;        ///< into the catalog's instances
    double monthly;         ///< instance and volumes, USD a month
    bool fits;              ///< meets every rule
    bool over_volume_limit; ///< its storage cannot be attached
    int fewest_volumes;     ///< the fewest volumes a valid layout of its kind needs
};

/// What the database search chose and the figures it chose by, for explain_database().
struct DatabaseChoice {
    Role role;
    double fraction; ///< of production CPU and memory (DR capacity)
    u::capacity gb;  ///< global buffers
    double vcpu_need;
    u::capacity mem_need;
    u::io_rate ebs_iops;
    u::throughput ebs_tput;
    const InstanceType* best;
    const InstanceType* smaller; ///< the next smaller instance of the family, if any
    int budget;                  ///< EBS volumes the chosen instance takes
    int nics;
    bool limited; ///< the attachment limit changed the layouts
    double best_monthly;
    double best_instance_monthly;
    const std::vector<PurposeDemand>& purposes;
    const std::vector<std::vector<Considered>>& considered; ///< per purpose
    std::vector<ScoredInstance> scored;
    const PriceList& prices;
};

/// One size() call: the workload resolved against the catalog, then each stage in turn.
/// Its member functions live in the files named after the stages (demand.cpp, storage_layout.cpp,
/// database_member.cpp, tiers.cpp, costing.cpp, projection.cpp, sources.cpp, warnings.cpp).
class Sizer {
public:
    Sizer(const Workload& w, const Catalog& cat, const SizeOptions& opt)
        : m_w(w), m_cat(cat), N(cat.policy.n), m_opt(opt) {}

    Result<Plan> run();
    /// A deployment's shared web gateway tier, run instead of run() on a Sizer whose workload
    /// is `shared_workload()` of the deployment: sized for every system's users together.
    Result<Plan> run_shared_web(const std::vector<const Workload*>& systems);

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
    // Instance indices: the catalog's lists, or the workload's families' (held here).
    std::vector<std::size_t> m_family_candidates;
    std::span<const std::size_t> m_db_candidates;
    /// Which candidate lists (database; app, web and print tiers; arbiter) hold each catalog
    /// instance, for the searches that walk a region's instances in price order (PriceList::by_price).
    enum CandidateOf : std::uint8_t { kDatabase = 1, kTier = 2, kArbiter = 4 };
    boost::container::small_vector<std::uint8_t, 128> m_candidate_of;
    std::deque<std::tuple<const PriceList*, bool, PlannedVolume>> m_os_cache; // boot volumes already laid out
    /// Each region's EBS prices, in the rule set's order of volume types, each looked up the
    /// first time a search asks for it.
    struct RegionPrices {
        const PriceList* list = nullptr;
        boost::container::small_vector<const EbsPrice*, 8> by_type;
        boost::container::small_vector<bool, 8> known;
    };
    mutable boost::container::small_vector<RegionPrices, 2> m_ebs_prices;
    /// The price of the rule set's `rules` type in `prices` (null when the region has none).
    const EbsPrice* ebs_price(const PriceList& prices, const VolumeTypeRules* rules) const {
        const auto index = static_cast<std::size_t>(rules - m_rules->types.data());
        RegionPrices* region = nullptr;
        for (auto& r : m_ebs_prices)
            if (r.list == &prices)
                region = &r;
        if (!region) {
            region = &m_ebs_prices.emplace_back();
            region->list = &prices;
            region->by_type.assign(m_rules->types.size(), nullptr);
            region->known.assign(m_rules->types.size(), false);
        }
        if (!region->known[index]) {
            region->by_type[index] = prices.ebs_price(rules->type);
            region->known[index] = true;
        }
        return region->by_type[index];
    }
    bool m_profile_used = false; // some demand came from the product profile
    /// Whose users a tier carries, for its errors: empty for the workload's product's users.
    std::string m_users_of;

    const SizingPolicy& pol() const { return m_cat.policy; }
    /// Records an assumption; `text` is called only when the plan is to be explained.
    template <class F>
    void assume(const F& text) {
        if (m_opt.explain)
            m_plan.assumptions.push_back(text());
    }

    std::optional<Error> resolve();
    std::optional<Error> resolve_families();
    /// Sets `slot` to concurrent users x the profile's `per_user` figure unless the workload
    /// gave it; `in_unit` reads a figure in the `unit` the assumption names.
    template <class Q>
    void fill_from_profile(const char* field, bool present, Q per_user, double (*in_unit)(Q), const char* unit,
                           Q& slot);
    std::vector<PurposeDemand> database_purposes(double read_fraction, u::capacity gb) const;
    /// Capacity of each journal volume: the days kept at the average rate, with headroom.
    u::capacity journal_capacity() const;
    /// One database volume purpose's demand in words, appended to `out` (explanations.cpp).
    void purpose_why(TextBuffer& out, const PurposeDemand& p, double read_fraction, u::capacity gb) const;
    /// The database member's explanations, its volumes' and the instances turned down (explanations.cpp).
    void explain_database(DatabaseChoice& c, Member& m);
    /// One candidate volume: the smallest valid volume of a type at a stripe width, worked out
    /// the first time a search asks for it.
    struct Candidate {
        enum class State : unsigned char { unknown, none, valid };
        State state = State::unknown; ///< worked out yet, and whether a valid volume exists
        VolumeFigures spec;           ///< when valid
    };
    /// A purpose demand's candidates on one kind of instance, per type (in the policy's order)
    /// and stripe width. The journals share one demand and DR members repeat the primary's, so
    /// a set serves every search with the same demand, whatever the region's prices.
    struct CandidateSet {
        const std::vector<std::string>* types = nullptr;
        VolumeDemand demand;
        bool nitro = true;
        bool stripable = false;
        int max_width = 1;
        boost::container::small_vector<const VolumeTypeRules*, 4> rules; ///< per type; null: not in this rule set
        boost::container::small_vector<Candidate, 32> slots;              ///< [type * max_width + width - 1]
    };
    /// The candidate sets of size() calls on one thread: a set's storage is kept from one call
    /// to the next (nothing else is); the first `used` are this call's.
    struct CandidatePool {
        std::deque<CandidateSet> sets; ///< stable references while the pool grows
        std::size_t used = 0;
    };
    static CandidatePool& thread_candidate_pool() {
        thread_local CandidatePool pool;
        pool.used = 0;
        return pool;
    }
    CandidatePool& m_candidates = thread_candidate_pool();
    CandidateSet& candidate_set(const PurposeDemand& pd, AttachContext ctx) const;
    /// The smallest valid volume of the set's `type`-th type at `width`, or null when none is.
    const VolumeFigures* candidate(CandidateSet& set, std::size_t type, int width) const;
    /// The InterSystems memory plan estimate of shared memory.
    u::capacity shared_memory(u::capacity gb, int vcpu) const;
    /// RAM for that shared memory within the ceiling (workload or policy).
    u::capacity memory_needed(u::capacity gb, int vcpu) const;
    /// Each stripe width's cheapest layout (index width - 1), and each type's cheapest in
    /// `considered` when given (for the explanation).
    LayoutsByWidth layouts_by_width(const PurposeDemand& pd, const PriceList& prices, AttachContext ctx,
                                    std::vector<Considered>* considered = nullptr) const;
    Result<std::vector<Member>> size_database(Role role, const PriceList& prices, double fraction);
    /// The cheapest instance of the `cands` list with `vcpu` and `memory`, and its price in `prices`.
    struct SimpleChoice {
        const InstanceType* instance;
        const Priced<u::cost_rate>* price;
    };
    std::optional<SimpleChoice> cheapest_simple(const PriceList& prices, CandidateOf cands, double vcpu,
                                                u::capacity memory) const;
    /// A server of `role` on `choice`, sized for `vcpu` and `memory` (the explanation says `why`).
    Member simple_member(Role role, const PriceList& prices, const SimpleChoice& choice, double vcpu,
                         u::capacity memory, const std::string& why);
    Result<Member> size_simple(Role role, const PriceList& prices, CandidateOf cands, double vcpu,
                               u::capacity memory, const std::string& why);
    /// The boot volume for an instance kind in a region (laid out once per size() call).
    const PlannedVolume& os_volume(const PriceList& prices, AttachContext ctx);
    void place_members(std::vector<Member>& primary_set);
    /// A hybrid site: the failover members (and arbiter) on premises, with the primary's demand.
    void place_on_premises(const Member& yardstick);
    /// After the members are placed: the hybrid site's DR members, then cost, projection, warnings, sources.
    Result<Plan> run_rest();
    void cost_lines();
    void projection();
    void warnings();
    void sources();
    std::optional<Error> size_tier(TierCount given, const TierLoad& load);
    /// The app, web and print tiers, after the database members are placed.
    std::optional<Error> size_tiers();
};

/// The planned volume for a purpose's chosen layout.
PlannedVolume to_planned(const PurposeDemand& pd, const Layout& l);
/// "gp3 512 GiB, 3,000 IOPS, 125 MiB/s" or the stripe form, appended to `out`.
void describe_layout(TextBuffer& out, const PlannedVolume& v);
/// Each candidate type's cheapest layout, for a volume's explanation.
void describe_considered(TextBuffer& out, const std::vector<Considered>& cs);

} // namespace irisize::sizing
