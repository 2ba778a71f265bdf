// SPDX-License-Identifier: GPL-3.0-or-later
// The app, web and print tiers: spread over the availability zones, "auto" counts chosen at
// the lowest total cost, the TrakCare print default, and fixed counts too small for the load.
#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "irisize/workload/csv_row.hpp"
#include "irisize/plan/plan_check.hpp"
#include "irisize/sizing/sizing.hpp"
#include "test_support.hpp"

using namespace irisize;
namespace u = irisize::units;
using nlohmann::json;
using test::base_workload;
using test::catalog;

namespace {

Result<Plan> plan_for(const json& doc) {
    auto w = parse_workload(doc);
    if (!w)
        return w.error();
    return size(*w, catalog());
}

Plan must_plan(const json& doc) {
    auto p = plan_for(doc);
    INFO((p ? std::string() : p.error().what()));
    REQUIRE(p.ok());
    return std::move(p).value();
}

/// Servers of a role per availability zone.
std::map<std::string, int> per_zone(const Plan& p, Role role) {
    std::map<std::string, int> out;
    for (const auto& m : p.members)
        if (m.role == role)
            out[m.availability_zone] += m.count;
    return out;
}

int servers(const Plan& p, Role role) {
    int n = 0;
    for (const auto& [zone, count] : per_zone(p, role))
        n += count;
    return n;
}

const std::vector<std::string>& zones_of(const Plan& p) {
    return catalog().price_list(p.region)->availability_zones;
}

/// The cheapest monthly total of `n` servers over every count from 2 to the policy's bound,
/// found by brute force over the catalog's tier candidates: each server needs at least
/// `vcpu_total / n` (or the minimum) vCPU and the same for memory; `boot` is one server's boot
/// volume a month.
double cheapest_total(const Plan& p, double vcpu_total, double min_vcpu, double memory_gib_total,
                      double min_memory_gib, double boot) {
    const auto& cat = catalog();
    const PriceList& prices = *cat.price_list(p.region);
    double best = INFINITY;
    const int most = static_cast<int>(cat.policy.n.tier_auto_max_servers);
    for (int n = 2; n <= most; ++n) {
        const double vcpu = std::max(min_vcpu, vcpu_total / n);
        const double mem = std::max(min_memory_gib, memory_gib_total / n);
        for (std::size_t i : cat.default_tier_candidates) {
            const auto& it = cat.instances.instances[i];
            const auto& price = prices.instance_price[i];
            if (!price || it.vcpu < vcpu - 1e-9 || u::in_GiB(it.memory) < mem - 1e-9)
                continue;
            best = std::min(best, n * (u::usd_per_month(price->price, p.month) + boot));
        }
    }
    return best;
}

double tier_total(const Plan& p, Role role) {
    double total = 0;
    for (const auto& m : p.members)
        if (m.role == role) {
            u::cost_rate each = m.instance_cost;
            for (const auto& v : m.volumes)
                each += v.cost();
            total += m.count * u::usd_per_month(each, p.month);
        }
    return total;
}

bool mentions(const std::vector<std::string>& texts, const std::string& what) {
    return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) { return t.find(what) != t.npos; });
}

} // namespace

TEST_CASE("web servers go round robin over three zones, app and print over the database members' two",
          "[tiers][zones]") {
    for (const bool mirror : {true, false}) {
        DYNAMIC_SECTION((mirror ? "with a mirror" : "without a mirror")) {
            auto doc = base_workload();
            doc["ha"] = {{"mirror", mirror}, {"arbiter", mirror}};
            doc["users"] = {{"concurrent", 800}};
            doc["tiers"] = {{"web_servers", 5}, {"app_servers", 4}, {"print_servers", 2}};
            const Plan p = must_plan(doc);
            const auto& azs = zones_of(p);
            REQUIRE(azs.size() >= 3);

            // Web: 5 over the first three zones of the region, 2 + 2 + 1.
            const auto web = per_zone(p, Role::web);
            CHECK(web == std::map<std::string, int>{{azs[0], 2}, {azs[1], 2}, {azs[2], 1}});

            // App and print: the primary's zone and the backup's (without a mirror: the next zone).
            const Member* primary = p.member(Role::primary);
            REQUIRE(primary);
            const std::string second = mirror ? p.member(Role::backup)->availability_zone : azs[1];
            CHECK(second != primary->availability_zone);
            CHECK(per_zone(p, Role::app) == std::map<std::string, int>{{primary->availability_zone, 2}, {second, 2}});
            CHECK(per_zone(p, Role::print) == std::map<std::string, int>{{primary->availability_zone, 1}, {second, 1}});

            // The independent check still passes.
            CHECK(check_plan(p, *parse_workload(doc), catalog()).empty());
        }
    }
}

TEST_CASE("a tier of two or three spreads one server per zone", "[tiers][zones]") {
    auto doc = base_workload();
    doc["ha"] = {{"mirror", false}, {"arbiter", false}};
    doc["tiers"] = {{"web_servers", 3}, {"app_servers", 2}, {"print_servers", 1}};
    doc["users"] = {{"concurrent", 500}};
    const Plan p = must_plan(doc);
    const auto web = per_zone(p, Role::web);
    CHECK(web.size() == 3);
    CHECK(std::all_of(web.begin(), web.end(), [](const auto& z) { return z.second == 1; }));
    CHECK(per_zone(p, Role::app).size() == 2);
    CHECK(per_zone(p, Role::print).size() == 1); // a single server has one zone
}

TEST_CASE("auto app servers: at least two, the lowest total cost, explained", "[tiers][auto]") {
    for (const int users : {300, 3000, 9047}) {
        DYNAMIC_SECTION(users << " users") {
            auto doc = base_workload();
            doc["product"] = "healthshare-hi";
            doc["users"] = {{"concurrent", users}};
            doc["tiers"] = {{"web_servers", 2}, {"app_servers", "auto"}, {"print_servers", 0}};
            const Plan p = must_plan(doc);
            const int n = servers(p, Role::app);
            CHECK(n >= 2);
            CHECK(per_zone(p, Role::app).size() == 2);

            const Profile& prof = *catalog().profile("healthshare-hi");
            const double target = 0.65;
            const Member* app = p.member(Role::app);
            REQUIRE(app);
            REQUIRE_FALSE(app->volumes.empty());
            const double boot = u::usd_per_month(app->volumes.front().cost(), p.month);
            const double brute =
                cheapest_total(p, users * prof.app_cores / target, prof.app_min_vcpu,
                               u::in_GiB(prof.app_memory * static_cast<double>(users)),
                               u::in_GiB(prof.app_min_memory), boot);
            CHECK(tier_total(p, Role::app) == Approx(brute).epsilon(1e-9).margin(0.01));

            // The choice is explained: in the member and as an assumption, with the next best.
            CHECK(app->explanation.find("\"auto\"") != std::string::npos);
            CHECK(mentions(p.assumptions, "app tier sized automatically"));
            CHECK(mentions(p.assumptions, "next best"));
            CHECK(mentions(p.assumptions, std::to_string(n) + " x " + app->instance_type));

            // The same count given outright gives the same servers.
            doc["tiers"]["app_servers"] = n;
            const Plan fixed = must_plan(doc);
            CHECK(fixed.member(Role::app)->instance_type == app->instance_type);
            CHECK(servers(fixed, Role::app) == n);
        }
    }
}

TEST_CASE("auto is the default with users: app and web tiers sized, at the lowest total", "[tiers][auto]") {
    auto doc = base_workload();
    doc.erase("tiers");
    doc["users"] = {{"concurrent", 20000}};
    const Plan p = must_plan(doc);
    CHECK(servers(p, Role::app) >= 2);
    const int web = servers(p, Role::web);
    CHECK(web >= 2);
    CHECK(per_zone(p, Role::web).size() == static_cast<std::size_t>(std::min(web, 3)));

    const Profile& prof = *catalog().profile("trakcare");
    const auto& n = catalog().policy.n;
    const Member* w = p.member(Role::web);
    REQUIRE(w);
    const double boot = u::usd_per_month(w->volumes.front().cost(), p.month);
    const double brute = cheapest_total(p, 20000 * prof.web_cores / 0.65, std::max(n.web_min_vcpu, prof.web_min_vcpu),
                                        0, u::in_GiB(std::max(n.web_min_memory, prof.web_min_memory)), boot);
    CHECK(tier_total(p, Role::web) == Approx(brute).epsilon(1e-9).margin(0.01));
    CHECK(mentions(p.assumptions, "web tier sized automatically"));

    // Without users and without tiers: no app or web servers, as before.
    doc.erase("users");
    const Plan none = must_plan(doc);
    CHECK(servers(none, Role::app) == 0);
    CHECK(servers(none, Role::web) == 0);
}

TEST_CASE("TrakCare has two print servers unless the workload says otherwise; others none", "[tiers][print]") {
    auto doc = base_workload();
    doc["tiers"].erase("print_servers");
    const Plan trak = must_plan(doc);
    CHECK(servers(trak, Role::print) == catalog().profile("trakcare")->print_servers_default);
    CHECK(servers(trak, Role::print) == 2);
    CHECK(per_zone(trak, Role::print).size() == 2);
    CHECK(mentions(trak.assumptions, "Print servers: 2"));

    doc["tiers"]["print_servers"] = 0;
    CHECK(servers(must_plan(doc), Role::print) == 0);

    doc["tiers"].erase("print_servers");
    doc["product"] = "healthconnect";
    CHECK(catalog().profile("healthconnect")->print_servers_default == 0);
    CHECK(servers(must_plan(doc), Role::print) == 0);
}

TEST_CASE("a fixed tier too small is refused with the count that would carry the load", "[tiers][errors]") {
    auto doc = base_workload();
    doc["product"] = "healthshare-hi";
    doc["users"] = {{"concurrent", 9047}};
    doc["tiers"] = {{"web_servers", 2}, {"app_servers", 1}, {"print_servers", 0}};
    auto p = plan_for(doc);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().field == "tiers.app_servers");
    const std::string msg = p.error().message;
    INFO(msg);
    CHECK(msg.rfind("1 server cannot carry 9,047 HealthShare Health Insight users; ", 0) == 0);

    // The count and type named are what "auto" chooses, and they size.
    std::smatch m;
    REQUIRE(std::regex_search(msg, m, std::regex(R"((\d+) x ([a-z0-9]+\.[a-z0-9]+) would)")));
    const int n = std::stoi(m[1]);
    CHECK(n >= 2);
    doc["tiers"]["app_servers"] = "auto";
    const Plan automatic = must_plan(doc);
    CHECK(servers(automatic, Role::app) == n);
    CHECK(automatic.member(Role::app)->instance_type == m[2].str());
}

TEST_CASE("tier counts read as a whole number or \"auto\" and are written back", "[tiers][workload]") {
    auto doc = base_workload();
    doc["tiers"] = {{"web_servers", "auto"}, {"app_servers", 3}};
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    CHECK(w->web_servers.is_auto());
    CHECK(w->app_servers == TierCount::fixed(3));
    CHECK_FALSE(w->print_servers.is_set());
    const json back = to_json(*w);
    CHECK(back["tiers"]["web_servers"] == "auto");
    CHECK(back["tiers"]["app_servers"] == 3);
    CHECK_FALSE(back["tiers"].contains("print_servers"));
    auto again = parse_workload(back);
    REQUIRE(again.ok());
    CHECK(again->web_servers == w->web_servers);
    CHECK(again->app_servers == w->app_servers);

    doc["tiers"] = {{"app_servers", "many"}};
    auto bad = parse_workload(doc);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "tiers.app_servers");
    CHECK(bad.error().message.find("\"auto\"") != std::string::npos);

    doc["tiers"] = {{"print_servers", "auto"}};
    auto print = parse_workload(doc);
    REQUIRE_FALSE(print.ok());
    CHECK(print.error().field == "tiers.print_servers");
}

TEST_CASE("batch rows take auto in the tier columns and report the planned counts", "[tiers][batch]") {
    auto h = BatchHeader::make({"name", "product", "region", "size_gib", "read_iops", "write_iops", "journal_mibps",
                                "peak_cores", "global_buffers_gib", "concurrent_users", "web_servers", "app_servers",
                                "print_servers"},
                               true);
    REQUIRE(h.ok());
    auto w = workload_from_row(
        *h, {"Site", "trakcare", "us-east-1", "1000", "5000", "1000", "8", "6", "32", "3000", "auto", " AUTO ", "1"});
    REQUIRE(w.ok());
    CHECK(w->web_servers.is_auto());
    CHECK(w->app_servers.is_auto());
    CHECK(w->print_servers == TierCount::fixed(1));
    auto p = size(*w, catalog());
    REQUIRE(p.ok());
    const auto cells = batch_summary(*p);
    const auto& cols = batch_output_columns();
    auto cell = [&](std::string_view col) {
        const auto at = std::find(cols.begin(), cols.end(), col);
        REQUIRE(at != cols.end());
        return cells[static_cast<std::size_t>(at - cols.begin()) - 2];
    };
    CHECK(cell("app_servers_planned") == std::to_string(servers(*p, Role::app)));
    CHECK(cell("web_servers_planned") == std::to_string(servers(*p, Role::web)));
    CHECK(std::stoi(cell("app_servers_planned")) >= 2);

    auto bad = workload_from_row(
        *h, {"Site", "trakcare", "us-east-1", "1000", "5000", "1000", "8", "6", "32", "3000", "2", "2", "auto"});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "print_servers");
}

TEST_CASE ("every region's instances in price order: each priced one once, cheapest first, then fewer vCPU",
           "[tiers][catalog]") {
    const auto& cat = catalog();
    const auto& inst = cat.instances.instances;
    for (const auto& [region, prices] : cat.prices) {
        INFO(region);
        std::size_t priced = 0;
        for (const auto& p : prices.instance_price)
            priced += p ? 1 : 0;
        REQUIRE(prices.by_price.size() == priced);
        std::set<std::size_t> seen(prices.by_price.begin(), prices.by_price.end());
        CHECK(seen.size() == priced);
        for (std::size_t k = 1; k < prices.by_price.size(); ++k) {
            const std::size_t a = prices.by_price[k - 1], b = prices.by_price[k];
            const double pa = u::in_usd(prices.instance_price[a]->price * u::hours(1));
            const double pb = u::in_usd(prices.instance_price[b]->price * u::hours(1));
            INFO(inst[a].type << " before " << inst[b].type);
            CHECK(pa <= pb);
            if (pa == pb)
                CHECK((inst[a].vcpu < inst[b].vcpu || (inst[a].vcpu == inst[b].vcpu && a < b)));
        }
    }
    // A list whose prices change is put in order again.
    PriceList changed = *cat.price_list("us-east-1");
    const std::size_t last = changed.by_price.back();
    changed.instance_price[last]->price = u::usd_per_hour(0.0001);
    changed.order_by_price(cat.instances);
    CHECK(changed.by_price.front() == last);
}
