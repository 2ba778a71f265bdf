// SPDX-License-Identifier: GPL-3.0-or-later
// Hybrid sites (ha.failover_site "on_premises"): the failover members stay in the data
// centre, listed and never priced; the DR members in AWS are sized from the on-premises
// demand; the link and the journal coming in are priced from the data; Terraform deploys
// only what runs in AWS; ICM says why it cannot.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "deploy/deploy_test_support.hpp"
#include "test_support.hpp"

#include "irisize/deploy/icm.hpp"
#include "irisize/deploy/terraform.hpp"
#include "irisize/plan/plan_check.hpp"
#include "irisize/plan/plan_json.hpp"
#include "irisize/sizing/deployment_sizing.hpp"

using namespace irisize;
using nlohmann::json;
using test::catalog;

namespace {

json hybrid_workload() {
    json w = test::base_workload();
    w.erase("dr");
    w.erase("tiers");
    w["ha"] = {{"mirror", true}, {"arbiter", true}, {"failover_site", "on_premises"}};
    return w;
}

Workload parsed(const json& doc) {
    auto w = parse_workload(doc);
    INFO((w ? std::string() : w.error().what()));
    REQUIRE(w.ok());
    return std::move(w).value();
}

Plan sized(const Workload& w) {
    auto p = size(w, catalog());
    INFO((p ? std::string() : p.error().what()));
    REQUIRE(p.ok());
    return std::move(p).value();
}

double line_usd(const Plan& p, std::string_view component) {
    for (const auto& c : p.cost_lines)
        if (c.component == component)
            return p.monthly_usd(c.cost);
    FAIL("no cost line " << component);
    return 0;
}

} // namespace

TEST_CASE("a hybrid plan prices no on-premises member") {
    for (const auto& file : test::hybrid_example_files()) {
        INFO(file.filename().string());
        const auto ex = test::size_example(file);
        const Plan& p = ex.plan;
        CHECK(p.hybrid());
        CHECK(check_plan(p, ex.workload, catalog()).empty());
        int on_premises = 0, in_aws = 0;
        double aws_compute = 0;
        for (const auto& m : p.members) {
            if (m.on_premises) {
                ++on_premises;
                CHECK(m.instance_type.empty());
                CHECK(m.volumes.empty());
                CHECK(p.monthly_usd(m.instance_cost) == 0);
                CHECK(m.region == "on-premises");
                CHECK(m.role != Role::dr_async);
            } else {
                ++in_aws;
                CHECK(m.role == Role::dr_async);
                CHECK(m.region == p.region);
                aws_compute += p.monthly_usd(m.instance_cost) * m.count;
            }
        }
        CHECK(on_premises == 3); // primary, backup, arbiter
        CHECK(in_aws == 2);      // one DR member per zone
        for (const auto& c : p.cost_lines)
            CHECK(c.component.find("on-premises") == std::string::npos);
        CHECK(p.monthly_usd(p.category_cost("compute")) == Approx(aws_compute).margin(0.01));
        // Two zones for the two DR members.
        std::vector<std::string> zones;
        for (const auto& m : p.members)
            if (m.role == Role::dr_async)
                zones.push_back(m.availability_zone);
        REQUIRE(zones.size() == 2);
        CHECK(zones[0] != zones[1]);
    }
}

TEST_CASE("the on-premises demand sizes the DR members in AWS") {
    const Workload hybrid = parsed(hybrid_workload());
    const Plan p = sized(hybrid);
    const Member* primary = p.member(Role::primary);
    const Member* dr = p.member(Role::dr_async);
    REQUIRE(primary);
    REQUIRE(dr);
    CHECK(primary->on_premises);
    // At the default 100 % DR capacity, the DR member carries the primary's whole demand.
    CHECK(dr->demand.vcpu == Approx(primary->demand.vcpu));
    CHECK(units::in_GiB(dr->demand.memory) == Approx(units::in_GiB(primary->demand.memory)));
    // The same demand in AWS, mirror and all, gives the primary the DR member's instance.
    json in_aws = test::base_workload();
    const Plan all_aws = sized(parsed(in_aws));
    CHECK(all_aws.member(Role::primary)->instance_type == dr->instance_type);
    CHECK_FALSE(all_aws.hybrid());
}

TEST_CASE("the link and the journal coming in are priced from the price data") {
    const auto& prices = *catalog().price_list("us-east-1");
    REQUIRE(prices.has_connectivity);
    json doc = hybrid_workload();
    const Plan vpn = sized(parsed(doc));
    CHECK(line_usd(vpn, "Site-to-Site VPN connection") ==
          Approx(units::usd_per_month(prices.vpn_connection.price, prices.month)).margin(0.005));
    CHECK(line_usd(vpn, "async journal in from on premises") ==
          Approx(0.0)); // data transfer into AWS is free
    doc["ha"]["link"] = "direct_connect";
    const Plan dx = sized(parsed(doc));
    CHECK(line_usd(dx, "Direct Connect port (1 Gbps, dedicated)") ==
          Approx(units::usd_per_month(prices.direct_connect_port.price, prices.month)).margin(0.005));
    CHECK(dx.monthly_usd() > vpn.monthly_usd());
    // No mirror transfer across zones and no inter-region line: the mirror is not in AWS.
    for (const auto& c : vpn.cost_lines) {
        CHECK(c.component.find("cross-AZ") == std::string::npos);
        CHECK(c.component.find("inter-region") == std::string::npos);
    }
    CHECK(to_json(vpn)["members"][0]["on_premises"] == true);
    // The documents behind the link and the transfer in are cited.
    auto cites = [](const Plan& p, std::string_view words) {
        return std::any_of(p.sources.begin(), p.sources.end(),
                           [&](const PlanSource& s) { return s.title.find(words) != std::string::npos; });
    };
    CHECK(cites(vpn, "Site-to-Site VPN"));
    CHECK(cites(vpn, "inbound data transfer"));
    CHECK_FALSE(cites(vpn, "Direct Connect"));
    CHECK(cites(dx, "Direct Connect"));
}

TEST_CASE("a hybrid site's Terraform deploys only the DR members; ICM says why it cannot") {
    const Plan p = sized(parsed(hybrid_workload()));
    auto files = terraform_files(p, catalog(), test::deploy());
    REQUIRE(files.ok());
    std::string all;
    for (const auto& f : *files)
        all += f.content;
    auto count_of = [&](const std::string& what) {
        int n = 0;
        for (auto at = all.find(what); at != std::string::npos; at = all.find(what, at + 1))
            ++n;
        return n;
    };
    CHECK(count_of("resource \"aws_vpc\"") == 1);
    CHECK(count_of("resource \"aws_instance\"") == 2);
    CHECK(all.find("on-premises") == std::string::npos);
    auto icm = icm_files(p, test::deploy());
    REQUIRE_FALSE(icm.ok());
    CHECK(icm.error().message.find("hybrid site") != std::string::npos);
}

TEST_CASE("bad hybrid input is refused naming the field") {
    json doc = hybrid_workload();
    doc["ha"]["failover_site"] = "cloud";
    auto w = parse_workload(doc);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().field == "ha.failover_site");

    doc = test::base_workload();
    doc["ha"]["link"] = "vpn";
    w = parse_workload(doc);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().field == "ha.link");

    doc = hybrid_workload();
    doc["ha"]["link"] = "carrier pigeon";
    CHECK(parse_workload(doc).error().field == "ha.link");

    doc = hybrid_workload();
    doc["dr"] = {{"region", "us-west-2"}};
    auto p = size(parsed(doc), catalog());
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().field == "dr.region");

    doc = hybrid_workload();
    doc["dr"] = {{"members", 0}};
    p = size(parsed(doc), catalog());
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().field == "dr.members");

    // A workload written back keeps the hybrid fields.
    doc = hybrid_workload();
    doc["ha"]["link"] = "direct_connect";
    const json back = to_json(parsed(doc));
    CHECK(back["ha"]["failover_site"] == "on_premises");
    CHECK(back["ha"]["link"] == "direct_connect");
}

TEST_CASE("a hybrid system in a deployment keeps its DR members in the deployment's region") {
    json hybrid = hybrid_workload();
    hybrid["name"] = "on premises";
    hybrid.erase("region");
    json cloud = test::base_workload();
    cloud["name"] = "in AWS";
    cloud.erase("region");
    cloud.erase("dr");
    // The hybrid system first: the shared web tier's stand-in is made from the first system.
    const json doc = {{"schema", 1},
                      {"kind", "deployment"},
                      {"name", "mixed"},
                      {"region", "us-east-1"},
                      {"rules", "aws-2025"},
                      {"dr", {{"region", "us-west-2"}}},
                      {"shared", {{"web_servers", 2}}},
                      {"systems", {hybrid, cloud}}};
    auto d = parse_deployment(doc, ".");
    INFO((d ? std::string() : d.error().what()));
    REQUIRE(d.ok());
    CHECK(d->systems[0].workload.dr_region.empty());
    CHECK(d->systems[1].workload.dr_region == "us-west-2");
    auto plan = size(*d, catalog());
    INFO((plan ? std::string() : plan.error().what()));
    REQUIRE(plan.ok());
    CHECK(plan->dr_region == "us-west-2");
    CHECK(plan->systems[0].member(Role::dr_async)->region == "us-east-1");
    CHECK(plan->systems[1].member(Role::dr_async)->region == "us-west-2");
    CHECK(plan->shared.members.size() >= 1);
    CHECK(check_deployment(*plan, *d, catalog()).empty());
}
