// SPDX-License-Identifier: GPL-3.0-or-later
// size(): placement, demand, explanations, and the optimiser against a brute-force search.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "irisize/rules/rule_engine.hpp"
#include "irisize/sizing/sizing.hpp"
#include "test_support.hpp"

using namespace irisize;
namespace u = irisize::units;
using nlohmann::json;
using test::base_workload;
using test::catalog;

namespace {

Result<Plan> plan_for(const json& doc, SizeOptions opt = {}) {
    auto w = parse_workload(doc);
    if (!w)
        return w.error();
    return size(*w, catalog(), opt);
}

Plan must_plan(const json& doc, SizeOptions opt = {}) {
    auto p = plan_for(doc, opt);
    INFO((p ? std::string() : p.error().what()));
    REQUIRE(p.ok());
    return std::move(p).value();
}

const PlannedVolume& volume(const Member& m, VolumePurpose purpose) {
    for (const auto& v : m.volumes)
        if (v.purpose == purpose)
            return v;
    FAIL("no volume " << name(purpose));
    throw std::logic_error("unreachable");
}

double monthly(const Plan& p, u::cost_rate r) {
    return u::usd_per_month(r, p.month);
}

} // namespace

TEST_CASE ("every bundled example sizes", "[sizing][examples]") {
    for (const char* name :
         {"trakcare-regional-hospital", "healthshare-ie-region", "healthconnect-small", "trakcare-users-only"}) {
        std::ifstream in(std::string(IRISIZE_TEST_DATA_DIR) + "/examples/" + name + ".json");
        REQUIRE(in);
        auto w = read_workload(in, name);
        REQUIRE(w.ok());
        auto p = size(*w, catalog());
        INFO(name << ": " << (p ? "" : p.error().what()));
        REQUIRE(p.ok());
        CHECK(p->monthly_usd() > 0);
        CHECK(p->member(Role::primary) != nullptr);
        CHECK_FALSE(p->all_explanations().empty());
    }
}

TEST_CASE ("mirror members sit in three availability zones and DR in the DR region", "[sizing][placement]") {
    auto doc = base_workload();
    doc["tiers"] = {{"web_servers", 3}, {"app_servers", 2}, {"print_servers", 1}};
    doc["users"] = {{"concurrent", 800}};
    doc["dr"]["members"] = 2;
    const Plan p = must_plan(doc);

    const Member* primary = p.member(Role::primary);
    const Member* backup = p.member(Role::backup);
    const Member* arbiter = p.member(Role::arbiter);
    REQUIRE(primary);
    REQUIRE(backup);
    REQUIRE(arbiter);
    std::set<std::string> zones{primary->availability_zone, backup->availability_zone, arbiter->availability_zone};
    CHECK(zones.size() == 3);
    for (const auto* m : {primary, backup, arbiter})
        CHECK(m->region == "us-east-1");
    CHECK(backup->instance_type == primary->instance_type);
    CHECK(backup->volumes.size() == primary->volumes.size());

    int dr = 0, web = 0;
    std::set<std::string> dr_zones, web_zones;
    for (const auto& m : p.members) {
        if (m.role == Role::dr_async) {
            dr += m.count;
            dr_zones.insert(m.availability_zone);
            CHECK(m.region == "us-west-2");
            CHECK(m.availability_zone.rfind("us-west-2", 0) == 0);
        }
        if (m.role == Role::web) {
            web += m.count;
            web_zones.insert(m.availability_zone);
            CHECK(m.region == "us-east-1");
        }
    }
    CHECK(dr == 2);
    CHECK(dr_zones.size() == 2);
    CHECK(web == 3);
    // Three web servers, one in each zone (issue 12: round robin over the region's zones, up to three).
    CHECK(web_zones ==
          std::set<std::string>{primary->availability_zone, backup->availability_zone, arbiter->availability_zone});
}

TEST_CASE ("without a mirror there is no backup or arbiter, and a warning says so", "[sizing][placement]") {
    auto doc = base_workload();
    doc["ha"] = {{"mirror", false}, {"arbiter", false}};
    const Plan p = must_plan(doc);
    CHECK(p.member(Role::backup) == nullptr);
    CHECK(p.member(Role::arbiter) == nullptr);
    CHECK(std::any_of(p.warnings.begin(), p.warnings.end(),
                      [](const std::string& w) { return w.find("No mirror") != std::string::npos; }));
}

TEST_CASE ("the database member is sized for CPU, memory, EBS and capacity at the horizon", "[sizing]") {
    const Plan p = must_plan(base_workload());
    const Member& m = *p.member(Role::primary);
    const auto& inst = catalog().instances.instances[*catalog().instances.find(m.instance_type)];
    // 6 busy cores at 65 % need 9.23 vCPU.
    CHECK(m.demand.vcpu == Approx(6 / 0.65));
    CHECK(inst.vcpu >= m.demand.vcpu);
    CHECK(inst.memory >= m.demand.memory);
    CHECK(inst.ebs.baseline_iops >= m.demand.iops);
    CHECK(inst.ebs.baseline_throughput >= m.demand.throughput);
    // Data: 1,000 GiB x 1.1^3 = 1,331 GiB, / 0.8 free = 1,663.75 -> 1,664 GiB.
    const auto& data = volume(m, VolumePurpose::data);
    CHECK(u::in_GiB(data.demand_capacity) == 1664.0);
    CHECK(u::in_GiB(data.size) * data.stripe_width >= 1664.0);
    CHECK(u::in_iops(data.demand_iops) == 6000.0);
    CHECK(u::in_iops(data.iops) * data.stripe_width >= 6000.0);
    // WIJ holds global buffers (32 GiB) + 10 %.
    CHECK(u::in_GiB(volume(m, VolumePurpose::wij).demand_capacity) == std::ceil(32 * 1.1));
    // Journals on their own volumes, both of them.
    CHECK(u::in_MiBps(volume(m, VolumePurpose::journal1).demand_throughput) == 8.0);
    CHECK(u::in_MiBps(volume(m, VolumePurpose::journal2).demand_throughput) == 8.0);
    CHECK_NOTHROW(volume(m, VolumePurpose::install));
    CHECK_NOTHROW(volume(m, VolumePurpose::os));
    // Every planned volume is valid under the rule set, on this instance.
    for (const auto& v : m.volumes) {
        VolumeSpec spec{v.type, v.size, v.iops, v.throughput};
        CHECK(validate(test::rules(p.rules), spec, {inst.nitro}).empty());
    }
}

TEST_CASE ("the cost lines add up, and provisioned IOPS/throughput are never left out", "[sizing][cost]") {
    auto doc = base_workload();
    doc["database"]["read_iops"] = 60000; // forces provisioned IOPS
    const Plan p = must_plan(doc);
    u::cost_rate sum = u::usd_per_hour(0);
    bool iops_line = false, tput_line = false, snap = false, transfer = false;
    for (const auto& c : p.cost_lines) {
        sum += c.cost;
        iops_line = iops_line || c.category == "iops";
        tput_line = tput_line || c.category == "throughput";
        snap = snap || c.category == "snapshots";
        transfer = transfer || c.category == "transfer";
    }
    CHECK(monthly(p, sum) == Approx(p.monthly_usd()));
    CHECK(iops_line);
    CHECK(tput_line);
    CHECK(snap);
    CHECK(transfer);
    CHECK(monthly(p, p.category_cost("iops")) > 0);
    // The volume costs in the members equal the storage + IOPS + throughput lines.
    u::cost_rate vol = u::usd_per_hour(0);
    for (const auto& m : p.members)
        for (const auto& v : m.volumes)
            vol += v.cost() * static_cast<double>(m.count);
    CHECK(monthly(p, vol) ==
          Approx(monthly(p, p.category_cost("storage") + p.category_cost("iops") + p.category_cost("throughput"))));
}

TEST_CASE ("measured figures win and a profile fills gaps and the plan says so", "[sizing][profile]") {
    auto doc = base_workload();
    doc["users"] = {{"concurrent", 2000}};
    doc["database"].erase("read_iops");
    const Plan p = must_plan(doc);
    const auto& prof = *catalog().profile("trakcare");
    const auto& data = volume(*p.member(Role::primary), VolumePurpose::data);
    CHECK(u::in_iops(data.demand_iops) == Approx(2000 * u::in_iops(prof.read_iops) + 1000));
    const auto it = std::find_if(p.assumptions.begin(), p.assumptions.end(), [](const std::string& a) {
        return a.find("database.read_iops") != std::string::npos;
    });
    REQUIRE(it != p.assumptions.end());
    CHECK_THAT(*it, Catch::Contains("ILLUSTRATIVE ESTIMATE") && Catch::Contains("2,000"));
    // Measured write IOPS were not replaced.
    CHECK(std::none_of(p.assumptions.begin(), p.assumptions.end(),
                       [](const std::string& a) { return a.find("database.write_iops") != std::string::npos; }));
    CHECK(std::any_of(p.warnings.begin(), p.warnings.end(),
                      [](const std::string& w) { return w.find("illustrative") != std::string::npos; }));
}

TEST_CASE ("the chosen instance comes with the cheaper ones rejected and why", "[sizing][explain]") {
    const Plan p = must_plan(base_workload());
    REQUIRE_FALSE(p.rejected.empty());
    const double chosen = monthly(
        p, p.member(Role::primary)->instance_cost + [&] {
            u::cost_rate c = u::usd_per_hour(0);
            for (const auto& v : p.member(Role::primary)->volumes)
                c += v.cost();
            return c;
        }());
    for (const auto& r : p.rejected) {
        CHECK(monthly(p, r.cost) < chosen);
        CHECK_THAT(r.reason, Catch::Contains("<"));
    }
    const auto all = p.all_explanations();
    CHECK(std::any_of(all.begin(), all.end(), [](const Explanation& e) { return e.subject == "primary data volume"; }));
}

TEST_CASE ("rules and region options override the workload", "[sizing]") {
    const Plan a = must_plan(base_workload(), {"aws-2016", "eu-west-1"});
    CHECK(a.rules == "aws-2016");
    CHECK(a.region == "eu-west-1");
    CHECK(a.member(Role::primary)->availability_zone.rfind("eu-west-1", 0) == 0);
    for (const auto& v : a.member(Role::primary)->volumes)
        CHECK((v.type == "gp2" || v.type == "io1" || v.type == "standard"));
}

// --- bad input ----------------------------------------------------------------------------

TEST_CASE ("bad workloads give one clear message naming the field", "[sizing][errors]") {
    struct Case {
        const char* what;
        std::function<void(json&)> edit;
        const char* field;
        const char* says;
    };
    const std::vector<Case> cases = {
        {"missing size", [](json& d) { d["database"].erase("size_gib"); }, "database.size_gib", "required"},
        {"negative size", [](json& d) { d["database"]["size_gib"] = -5; }, "database.size_gib", "greater than 0"},
        {"text size", [](json& d) { d["database"]["size_gib"] = "lots"; }, "database.size_gib", "must be a number"},
        {"absurd size", [](json& d) { d["database"]["size_gib"] = 1e12; }, "database.size_gib", "absurdly large"},
        {"negative iops", [](json& d) { d["database"]["read_iops"] = -1; }, "database.read_iops", "at least 0"},
        {"fractional horizon", [](json& d) { d["database"]["horizon_years"] = 2.5; }, "database.horizon_years",
         "whole number"},
        {"missing name", [](json& d) { d.erase("name"); }, "name", "required"},
        {"unknown product", [](json& d) { d["product"] = "cache-magic"; }, "product", "unknown product"},
        {"wrong schema", [](json& d) { d["schema"] = 2; }, "schema", "must be 1"},
        {"cpu target zero", [](json& d) { d["target_cpu_percent"] = 0; }, "target_cpu_percent", "greater than 0"},
        {"mirror not bool", [](json& d) { d["ha"]["mirror"] = "yes"; }, "ha.mirror", "true or false"},
        {"missing demand, no users", [](json& d) { d["database"].erase("peak_cores"); }, "database.peak_cores",
         "users.concurrent"},
        {"unknown region", [](json& d) { d["region"] = "mars-north-1"; }, "region", "unknown region"},
        {"unknown rules", [](json& d) { d["rules"] = "aws-1999"; }, "rules", "unknown rule set"},
        {"unknown family",
         [](json& d) {
             d["families"] = {"r6i", "z9q"};
         },
         "families[1]", "unknown instance family"},
        {"unknown DR region", [](json& d) { d["dr"]["region"] = "moon-1"; }, "dr.region", "unknown region"},
        {"DR in the same region", [](json& d) { d["dr"]["region"] = "us-east-1"; }, "dr.region", "must differ"},
        {"unmeetable demand", [](json& d) { d["database"]["peak_cores"] = 5000; }, "database", "no instance"},
        {"unmeetable in families", [](json& d) { d["families"] = {"t3"}; }, "families", "no instance"},
    };
    for (const auto& c : cases) {
        auto doc = base_workload();
        c.edit(doc);
        auto p = plan_for(doc);
        INFO(c.what);
        REQUIRE_FALSE(p.ok());
        CHECK(p.error().field == c.field);
        CHECK_THAT(p.error().message, Catch::Contains(c.says));
    }
}

TEST_CASE ("a workload that is not JSON is refused with the position", "[sizing][errors]") {
    std::istringstream in(R"({"schema": 1, "name": )");
    auto w = read_workload(in, "w.json");
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().field == "w.json");
    CHECK_THAT(w.error().message, Catch::Contains("not valid JSON"));
}

TEST_CASE ("workload JSON round-trips", "[sizing]") {
    auto w = parse_workload(base_workload());
    REQUIRE(w.ok());
    auto again = parse_workload(to_json(*w));
    REQUIRE(again.ok());
    CHECK(to_json(*again) == to_json(*w));
}

// --- the optimiser against brute force ------------------------------------------------------

namespace {

// Independent search: every instance of the allowed families, every candidate volume type and
// stripe width, sizes and IOPS found by bisection on the rule engine's own verdicts -- no call to
// smallest_volume() or to the sizing's layout search.
struct Brute {
    const Catalog& cat;
    const RuleSet& rules;
    const PriceList& prices;

    // Smallest x in [lo, hi] with pred(x), for a monotone pred; nothing if pred(hi) fails.
    template <class Pred>
    static std::optional<double> bisect(double lo, double hi, Pred pred) {
        if (!pred(hi))
            return std::nullopt;
        while (lo < hi) {
            const double mid = std::floor((lo + hi) / 2);
            if (pred(mid))
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }

    std::optional<double> one(const VolumeTypeRules& t, u::capacity cap, u::io_rate rate, u::throughput tput,
                              bool nitro, int width) const {
        const double min_gib = std::max(std::ceil(u::in_GiB(cap) - 1e-9), u::in_GiB(t.min_size));
        const double max_gib = u::in_GiB(t.max_size);
        if (min_gib > max_gib)
            return std::nullopt;
        VolumeSpec v{t.type, u::GiB(0), u::iops(0), u::MiBps(0)};
        if (t.iops_mode == IopsMode::Provisioned || t.iops_mode == IopsMode::IncludedPlusProvisioned) {
            const bool gp3 = t.iops_mode == IopsMode::IncludedPlusProvisioned;
            if (gp3)
                v.throughput = std::max(*t.tput_included, u::MiBps(std::ceil(u::in_MiBps(tput) - 1e-9)));
            const double lo =
                std::max(std::ceil(u::in_iops(rate) - 1e-9), u::in_iops(gp3 ? t.iops_included : t.iops_min));
            auto iops = bisect(lo, u::in_iops(t.iops_max), [&](double x) {
                VolumeSpec s = v;
                s.iops = u::iops(x);
                s.size = t.max_size;
                if (!validate(rules, s, {nitro}).empty())
                    return false;
                return sustained_throughput(t, s, {nitro}) >= tput;
            });
            if (!iops)
                return std::nullopt;
            v.iops = u::iops(*iops);
        } else {
            v.iops = rate;
            v.throughput = tput;
        }
        auto size = bisect(min_gib, max_gib, [&](double g) {
            VolumeSpec s = v;
            s.size = u::GiB(g);
            return validate(rules, s, {nitro}).empty() && baseline_iops(t, s, {nitro}) >= rate &&
                   sustained_throughput(t, s, {nitro}) >= tput;
        });
        if (!size)
            return std::nullopt;
        v.size = u::GiB(*size);
        auto c = volume_cost(t, prices, v, width);
        return c ? std::optional<double>(u::usd_per_month(c->total(), prices.month)) : std::nullopt;
    }

    // The cheapest real cost of a purpose at each stripe width (index width - 1; infinity: none).
    std::vector<double> purpose(const PlannedVolume& pv, bool nitro) const {
        const auto& cands = cat.policy.volume_candidates.at(pv.purpose);
        const auto& sp = cat.policy.stripe_purposes;
        const bool stripe = std::find(sp.begin(), sp.end(), pv.purpose) != sp.end();
        const int max_w = stripe ? static_cast<int>(cat.policy["stripe_max_width"]) : 1;
        std::vector<double> best(static_cast<std::size_t>(max_w), std::numeric_limits<double>::infinity());
        for (const auto& tn : cands) {
            const auto* t = rules.find(tn);
            if (!t)
                continue;
            for (int w = 1; w <= max_w; ++w) {
                const double n = w;
                auto c = one(*t, u::GiB(std::ceil(u::in_GiB(pv.demand_capacity) / n - 1e-9)), pv.demand_iops / n,
                             pv.demand_throughput / n, nitro, w);
                if (c && *c < best[static_cast<std::size_t>(w - 1)])
                    best[static_cast<std::size_t>(w - 1)] = *c;
            }
        }
        return best;
    }

    // Every combination of stripe widths whose volumes (with the boot volume) fit `max_volumes`:
    // the cheapest by the policy's judged cost (real cost plus the allowance per extra striped
    // volume), returned as its real cost; infinity when no combination fits.
    double storage(const std::vector<std::vector<double>>& by_width, double boot, int max_volumes) const {
        const double allowance = cat.policy["stripe_extra_volume_usd_per_month"];
        double best_judged = std::numeric_limits<double>::infinity(), best = best_judged;
        std::vector<std::size_t> w(by_width.size(), 0);
        while (true) {
            double judged = boot, real = boot;
            int volumes = 1;
            for (std::size_t p = 0; p < w.size(); ++p) {
                real += by_width[p][w[p]];
                judged += by_width[p][w[p]] + allowance * static_cast<double>(w[p]);
                volumes += static_cast<int>(w[p]) + 1;
            }
            if (volumes <= max_volumes && std::isfinite(real) && judged < best_judged - 1e-9) {
                best_judged = judged;
                best = real;
            }
            std::size_t p = 0;
            for (; p < w.size(); ++p) {
                if (++w[p] < by_width[p].size())
                    break;
                w[p] = 0;
            }
            if (p == w.size())
                return best;
        }
    }

    // Shared memory estimate, written out again from the policy's figures.
    double memory_gib(double gb_gib, double routine_mib, int vcpu) const {
        const auto& p = cat.policy;
        const double gb = gb_gib * 1024;
        const double gmheap = std::min(std::max(gb * p["memory_gmheap_fraction"], p["memory_gmheap_min_mib"]),
                                       p["memory_gmheap_max_mib"]);
        const double mib = gb * p["memory_global_buffers_factor"] + routine_mib * p["memory_routine_buffers_factor"] +
                           gmheap + p["memory_mib_per_logical_cpu"] * vcpu + p["memory_journal_buffers_mib"] +
                           p["memory_mib_per_server_connection"] * p["memory_server_connections"] +
                           p["memory_fixed_mib"];
        return mib / p["memory_shared_fraction_of_ram"] / 1024;
    }
};

json random_workload(std::mt19937_64& rng) {
    auto pick = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto coin = [&](double p) { return std::bernoulli_distribution(p)(rng); };
    const std::vector<std::string> regions = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    json d = base_workload();
    d["region"] = regions[rng() % regions.size()];
    d["rules"] = coin(0.3) ? "aws-2016" : "aws-2025";
    auto& db = d["database"];
    db["size_gib"] = std::round(std::exp(pick(std::log(10), std::log(40000))));
    db["growth_percent_per_year"] = std::round(pick(0, 40));
    db["horizon_years"] = static_cast<int>(rng() % 6);
    db["read_iops"] = std::round(std::exp(pick(std::log(50), std::log(150000))));
    db["write_iops"] = std::round(std::exp(pick(std::log(10), std::log(40000))));
    db["journal_mibps"] = std::round(pick(0.5, 120) * 10) / 10;
    if (coin(0.1)) // journal-heavy: wide stripes run into the instances' EBS attachment limits
        db["journal_mibps"] = std::round(pick(600, 1500));
    db["peak_cores"] = std::round(pick(0.5, 120) * 10) / 10;
    db["global_buffers_gib"] = std::round(std::exp(pick(std::log(2), std::log(900))));
    d["target_cpu_percent"] = std::round(pick(40, 85));
    d["dr"] = json::object();
    d["tiers"] = {{"web_servers", 0}, {"app_servers", 0}, {"print_servers", 0}};
    if (coin(0.4)) {
        static const std::vector<std::vector<std::string>> fams = {{"r6i"},        {"m5", "r5"},         {"m4"},
                                                                   {"r7i", "m7i"}, {"m6i", "r6i", "c5"}, {"i3", "r5"}};
        d["families"] = fams[rng() % fams.size()];
    }
    return d;
}

} // namespace

TEST_CASE ("the optimiser finds the cheapest database member, as brute force does", "[sizing][bruteforce]") {
    std::mt19937_64 rng(42);
    int compared = 0, both_infeasible = 0;
    for (int i = 0; i < 300; ++i) {
        const json doc = random_workload(rng);
        auto w = parse_workload(doc);
        REQUIRE(w.ok());
        auto p = size(*w, catalog());
        const auto& rs = test::rules(doc["rules"].get<std::string>());
        const auto& prices = *catalog().price_list(doc["region"].get<std::string>());
        Brute brute{catalog(), rs, prices};

        // The demand the plan states; the search over instances and layouts is redone here.
        const auto& db = doc["database"];
        const double vcpu_need = db["peak_cores"].get<double>() / (doc["target_cpu_percent"].get<double>() / 100);
        const double routine = std::min(u::in_MiB(catalog().profile("trakcare")->routine_buffers),
                                        catalog().policy["memory_routine_buffers_max_mib"]);
        std::vector<std::string> fams = doc.value("families", std::vector<std::string>{});
        const auto& purposes = catalog().policy.database_family_purposes;

        if (!p) {
            // Infeasible: brute force must not find an instance with the engine's own demand either.
            INFO(doc.dump() << "\n" << p.error().what());
            CHECK((p.error().field == "database" || p.error().field == "families" ||
                   p.error().field == "database volumes"));
            ++both_infeasible;
            continue;
        }
        const Member& m = *p->member(Role::primary);
        double best = std::numeric_limits<double>::infinity();
        std::string best_type;
        const int nics = static_cast<int>(catalog().policy["network_interfaces_per_member"]);
        for (bool nitro : {true, false}) {
            std::vector<std::vector<double>> by_width;
            double boot = 0;
            for (const auto& v : m.volumes) {
                if (v.purpose == VolumePurpose::os) {
                    auto b = brute.purpose(v, nitro);
                    boot = *std::min_element(b.begin(), b.end());
                } else {
                    by_width.push_back(brute.purpose(v, nitro));
                }
            }
            std::map<int, double> storage_by_budget;
            for (std::size_t k = 0; k < catalog().instances.instances.size(); ++k) {
                const auto& it = catalog().instances.instances[k];
                if (it.nitro != nitro || !prices.instance_price[k] || !it.ebs.dedicated)
                    continue;
                // AWS attachment limits: a shared limit also counts network interfaces and NVMe instance store.
                const int max_volumes = it.attachments.kind == AttachmentLimitKind::Shared
                                            ? it.attachments.limit - nics - it.nvme_store_volumes
                                            : it.attachments.limit;
                // Instances with the same budget share the answer (few distinct budgets: 27, 32, 40, ...).
                auto memo = storage_by_budget.find(max_volumes);
                if (memo == storage_by_budget.end())
                    memo = storage_by_budget.emplace(max_volumes, brute.storage(by_width, boot, max_volumes)).first;
                const double storage = memo->second;
                const bool allowed = fams.empty()
                                         ? std::find(purposes.begin(), purposes.end(), it.purpose) != purposes.end()
                                         : std::find(fams.begin(), fams.end(), it.family) != fams.end();
                if (!allowed || it.vcpu < vcpu_need - 1e-9 ||
                    u::in_GiB(it.memory) < brute.memory_gib(db["global_buffers_gib"], routine, it.vcpu) - 1e-9 ||
                    it.ebs.baseline_iops < m.demand.iops || it.ebs.baseline_throughput < m.demand.throughput)
                    continue;
                const double total = u::usd_per_month(prices.instance_price[k]->price, prices.month) + storage;
                if (!std::isfinite(total))
                    continue;
                if (total < best) {
                    best = total;
                    best_type = it.type;
                }
            }
        }
        double planned = u::usd_per_month(m.instance_cost, p->month);
        for (const auto& v : m.volumes)
            planned += u::usd_per_month(v.cost(), p->month);
        INFO(doc.dump() << "\nplan: " << m.instance_type << " $" << planned << "  brute force: " << best_type << " $"
                        << best);
        CHECK(planned == Approx(best).epsilon(1e-9));
        ++compared;
    }
    INFO("compared " << compared << ", infeasible " << both_infeasible);
    CHECK(compared >= 200);
}

TEST_CASE ("a misspelt field is refused with a suggestion, never estimated silently", "[sizing][errors]") {
    auto doc = base_workload();
    doc["database"]["read_iop"] = 5000;
    auto p = plan_for(doc);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().field == "database.read_iop");
    CHECK_THAT(p.error().message, Catch::Contains("did you mean 'read_iops'"));
    doc["database"].erase("read_iop");
    doc["_comment"] = "keys starting with an underscore are comments";
    CHECK(plan_for(doc).ok());
}

TEST_CASE ("the region may come from the options alone", "[sizing]") {
    auto doc = base_workload();
    doc.erase("region");
    auto none = plan_for(doc);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().field == "region");
    auto p = plan_for(doc, {"", "eu-central-1"});
    REQUIRE(p.ok());
    CHECK(p->region == "eu-central-1");
}

TEST_CASE ("without explanations the plan has the same numbers", "[sizing][explain]") {
    auto doc = base_workload();
    doc["users"] = {{"concurrent", 900}};
    doc["tiers"] = {{"web_servers", 2}, {"app_servers", 2}, {"print_servers", 1}};
    const Plan full = must_plan(doc);
    SizeOptions quiet;
    quiet.explain = false;
    const Plan bare = must_plan(doc, quiet);
    CHECK(bare.monthly_usd() == full.monthly_usd());
    REQUIRE(bare.members.size() == full.members.size());
    for (std::size_t i = 0; i < full.members.size(); ++i) {
        CHECK(bare.members[i].instance_type == full.members[i].instance_type);
        CHECK(bare.members[i].volumes.size() == full.members[i].volumes.size());
        CHECK(bare.members[i].explanation.empty());
    }
    CHECK(bare.warnings == full.warnings);
    for (const auto& e : bare.all_explanations())
        CHECK(e.text.empty());
    CHECK(bare.sources.empty());
    CHECK_FALSE(full.sources.empty());
    CHECK(bare.rejected.empty());
    CHECK_FALSE(full.rejected.empty());
}
