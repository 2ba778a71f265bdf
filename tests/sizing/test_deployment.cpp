// SPDX-License-Identifier: GPL-3.0-or-later
// Deployments: several systems and a shared web tier in one plan. The cost is the sum of the
// systems sized alone and the shared tier; the independent check holds for every bundled
// deployment; every format is written; Terraform has one VPC per region; bad deployment
// files are refused naming the field.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "deploy/deploy_test_support.hpp"
#include "test_support.hpp"

#include "irisize/deploy/icm.hpp"
#include "irisize/deploy/terraform.hpp"
#include "irisize/plan/plan_check.hpp"
#include "irisize/plan/plan_json.hpp"
#include "irisize/plan/plan_text.hpp"
#include "irisize/report/report_model.hpp"
#include "irisize/sizing/deployment_sizing.hpp"

using namespace irisize;
using nlohmann::json;
namespace fs = std::filesystem;
using test::catalog;

namespace {

const fs::path kExamples = fs::path(IRISIZE_TEST_DATA_DIR) / "examples";

Deployment read_example(const std::string& name) {
    std::ifstream in(kExamples / name);
    REQUIRE(in);
    auto d = read_deployment(in, name, kExamples);
    INFO((d ? std::string() : d.error().what()));
    REQUIRE(d.ok());
    return std::move(d).value();
}

DeploymentPlan size_example(const Deployment& d) {
    auto p = size(d, catalog());
    INFO((p ? std::string() : p.error().what()));
    REQUIRE(p.ok());
    return std::move(p).value();
}

Error parse_error(const json& doc) {
    auto d = parse_deployment(doc, kExamples);
    REQUIRE_FALSE(d.ok());
    return d.error();
}

json small_deployment() {
    json a = test::base_workload();
    a["name"] = "A";
    a.erase("region");
    a.erase("dr");
    json b = a;
    b["name"] = "B";
    b["product"] = "healthconnect";
    b["users"] = {{"concurrent", 40}};
    return {{"schema", 1},
            {"kind", "deployment"},
            {"name", "two systems"},
            {"region", "us-east-1"},
            {"rules", "aws-2025"},
            {"dr", {{"region", "us-west-2"}}},
            {"shared", {{"web_servers", "auto"}}},
            {"systems", {a, b}}};
}

int count_of(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("a deployment's cost is the sum of its systems sized alone and of the shared tier") {
    for (const auto& file : test::deployment_example_files()) {
        INFO(file.filename().string());
        const Deployment d = read_example(file.filename().string());
        const DeploymentPlan plan = size_example(d);
        REQUIRE(plan.systems.size() == d.systems.size());
        double sum = 0;
        for (std::size_t i = 0; i < d.systems.size(); ++i) {
            auto alone = size(d.systems[i].workload, catalog());
            REQUIRE(alone.ok());
            CHECK(alone->monthly_usd() == Approx(plan.systems[i].monthly_usd()).margin(1e-9));
            CHECK(alone->members.size() == plan.systems[i].members.size());
            sum += alone->monthly_usd();
        }
        REQUIRE(d.shares_web_tier());
        REQUIRE(plan.has_shared());
        CHECK(plan.shared.monthly_usd() > 0);
        sum += plan.shared.monthly_usd();
        CHECK(plan.monthly_usd() == Approx(sum).margin(0.005));
        // The combined plan holds every member once and adds up to the same total.
        const Plan whole = plan.combined();
        std::size_t members = plan.shared.members.size();
        for (const auto& s : plan.systems)
            members += s.members.size();
        CHECK(whole.members.size() == members);
        double lines = 0;
        for (const auto& c : whole.cost_lines)
            lines += whole.monthly_usd(c.cost);
        CHECK(lines == Approx(plan.monthly_usd()).margin(0.01));
    }
}

TEST_CASE("the systems of a deployment with a shared web tier have no web servers of their own") {
    const Deployment d = read_example("healthshare-deployment.json");
    REQUIRE(d.systems.size() == 5);
    const DeploymentPlan plan = size_example(d);
    for (const auto& s : plan.systems) {
        INFO(s.name);
        CHECK(s.member(Role::web) == nullptr);
        CHECK(s.member(Role::primary) != nullptr);
        CHECK(s.member(Role::backup) != nullptr);
        for (const auto& m : s.members)
            CHECK(m.system == s.name);
    }
    for (const auto& m : plan.shared.members) {
        CHECK(m.role == Role::web);
        CHECK(m.system == "shared");
    }
    // The information exchange file asks for two web servers: the plan says they are not sized.
    const auto& ie = plan.systems.front().assumptions;
    CHECK(std::any_of(ie.begin(), ie.end(), [](const std::string& a) {
        return a.find("shared web gateway tier serves this system") != std::string::npos;
    }));
    // The shared tier carries every system's users: more than the largest system alone needs.
    double shared_vcpu = 0;
    for (const auto& m : plan.shared.members)
        shared_vcpu += m.vcpu * m.count;
    CHECK(shared_vcpu >= 13.0);
}

TEST_CASE("every bundled deployment passes the independent check, and a changed total does not") {
    for (const auto& file : test::deployment_example_files()) {
        INFO(file.filename().string());
        const Deployment d = read_example(file.filename().string());
        DeploymentPlan plan = size_example(d);
        CHECK(check_deployment(plan, d, catalog()).empty());
        plan.total += plan.systems.front().total;
        const auto findings = check_deployment(plan, d, catalog());
        REQUIRE(findings.size() == 1);
        CHECK(findings.front().find("add up to") != std::string::npos);
    }
    const Deployment d = read_example("healthshare-deployment.json");
    DeploymentPlan plan = size_example(d);
    plan.systems[1].members.front().instance_type = "t3.micro";
    const auto findings = check_deployment(plan, d, catalog());
    REQUIRE_FALSE(findings.empty());
    CHECK(findings.front().rfind("Patient Index: ", 0) == 0);
}

TEST_CASE("the HealthShare deployment is written in every format") {
    const Deployment d = read_example("healthshare-deployment.json");
    const DeploymentPlan plan = size_example(d);

    const json j = to_json(plan);
    CHECK(j["kind"] == "deployment");
    CHECK(j["systems"].size() == 5);
    CHECK(j["shared"]["members"].size() == plan.shared.members.size());
    double by_system = 0;
    for (const auto& s : j["cost"]["by_system"])
        by_system += s["monthly_usd"].get<double>();
    CHECK(by_system == Approx(j["cost"]["monthly_usd"].get<double>()).margin(0.01));
    CHECK(j["systems"][1]["members"][0]["system"] == "Patient Index");

    const std::string text = render_text(plan);
    for (const auto& s : plan.systems)
        CHECK(text.find("irisize plan: " + s.name) != std::string::npos);
    CHECK(text.find("Cost per system") != std::string::npos);

    const Report r = build_report(plan, {"test", "2026-12-08", nullptr, &catalog().instances});
    CHECK(r.sections.front().id == "summary");
    CHECK(std::count_if(r.sections.begin(), r.sections.end(),
                        [](const ReportSection& s) { return s.id == "sources"; }) == 1);
    CHECK(std::count_if(r.sections.begin(), r.sections.end(),
                        [](const ReportSection& s) { return s.id.find("-servers") != std::string::npos; }) == 5);
    const std::string md = render_report_markdown(r);
    const std::string html = render_html(r);
    CHECK(md.find("Health Insight: Servers") != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
}

TEST_CASE("a deployment's Terraform has one VPC per region and a mirror load balancer per system") {
    const Deployment d = read_example("healthshare-deployment.json");
    const DeploymentPlan plan = size_example(d);
    auto files = terraform_files(plan.combined(), catalog(), test::deploy());
    REQUIRE(files.ok());
    std::string all;
    for (const auto& f : *files)
        all += f.content;
    CHECK(count_of(all, "resource \"aws_vpc\"") == 2);
    CHECK(count_of(all, "resource \"aws_lb\" \"web\"") == 1);
    for (int k = 1; k <= 5; ++k) {
        CHECK(count_of(all, "resource \"aws_lb\" \"mirror_s" + std::to_string(k) + "\"") == 1);
        CHECK(count_of(all, "resource \"aws_lb\" \"mirror_dr_s" + std::to_string(k) + "\"") == 1);
    }
    // Every instance of every system, and no resource name twice.
    int servers = 0;
    for (const auto& m : plan.combined().members)
        servers += m.count;
    CHECK(count_of(all, "resource \"aws_instance\"") == servers);
    std::regex head(R"re(resource "([a-z0-9_]+)" "([A-Za-z0-9_]+)")re");
    std::vector<std::string> names;
    for (auto it = std::sregex_iterator(all.begin(), all.end(), head); it != std::sregex_iterator(); ++it)
        names.push_back((*it)[1].str() + "." + (*it)[2].str());
    std::sort(names.begin(), names.end());
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
    CHECK(all.find("System = \"Patient Index\"") != std::string::npos);
}

TEST_CASE("a deployment without a shared tier keeps each system's own web servers") {
    json doc = small_deployment();
    doc.erase("shared");
    auto d = parse_deployment(doc, kExamples);
    REQUIRE(d.ok());
    const DeploymentPlan plan = size_example(*d);
    CHECK_FALSE(plan.has_shared());
    CHECK(plan.systems[0].member(Role::web) != nullptr);
    CHECK(check_deployment(plan, *d, catalog()).empty());
    CHECK(to_json(plan)["shared"].is_null());
}

TEST_CASE("the systems take the deployment's region and DR region") {
    auto d = parse_deployment(small_deployment(), kExamples);
    REQUIRE(d.ok());
    for (const auto& s : d->systems) {
        CHECK(s.workload.region == "us-east-1");
        CHECK(s.workload.dr_region == "us-west-2");
    }
    json no_dr = small_deployment();
    no_dr["systems"][1]["dr"] = {{"members", 0}};
    auto e = parse_deployment(no_dr, kExamples);
    REQUIRE(e.ok());
    const DeploymentPlan plan = size_example(*e);
    CHECK(plan.systems[1].member(Role::dr_async) == nullptr);
    CHECK(plan.systems[0].member(Role::dr_async) != nullptr);
}

TEST_CASE("bad deployment files are refused naming the field and the reason") {
    json doc = small_deployment();
    doc["systems"][1]["region"] = "eu-west-1";
    Error e = parse_error(doc);
    CHECK(e.field == "systems[1].region");
    CHECK(e.message.find("deployment's region is 'us-east-1'") != std::string::npos);

    doc = small_deployment();
    doc["systems"][1]["name"] = "A";
    CHECK(parse_error(doc).field == "systems[1].name");

    doc = small_deployment();
    doc["systems"][0]["database"]["size_gib"] = -5;
    CHECK(parse_error(doc).field == "systems[0].database.size_gib");

    doc = small_deployment();
    doc["systems"][1] = "no-such-workload.json";
    e = parse_error(doc);
    CHECK(e.field == "systems[1]");
    CHECK(e.message.find("cannot be opened") != std::string::npos);

    doc = small_deployment();
    doc["systems"][1] = 7;
    CHECK(parse_error(doc).field == "systems[1]");

    // Without a rule set of its own, the deployment takes its systems'; they must agree.
    doc = small_deployment();
    doc.erase("rules");
    auto taken = parse_deployment(doc, kExamples);
    REQUIRE(taken.ok());
    CHECK(taken->rules == "aws-2025");
    doc["systems"][1]["rules"] = "aws-2016";
    CHECK(parse_error(doc).field == "systems[1].rules");
    doc["systems"][0].erase("rules");
    auto second = parse_deployment(doc, kExamples);
    REQUIRE(second.ok());
    CHECK(second->systems[0].workload.rules == "aws-2016");

    doc = small_deployment();
    doc["system"] = json::array();
    e = parse_error(doc);
    CHECK(e.field == "system");
    CHECK(e.message.find("did you mean 'systems'") != std::string::npos);

    doc = small_deployment();
    doc["shared"]["web_servers"] = "many";
    CHECK(parse_error(doc).field == "shared.web_servers");

    doc = small_deployment();
    doc["systems"] = json::array();
    CHECK(parse_error(doc).field == "systems");

    doc = small_deployment();
    doc.erase("dr");
    doc["systems"][0]["dr"] = {{"members", 1}};
    e = parse_error(doc);
    CHECK(e.field == "systems[0].dr");
    CHECK(e.message.find("no DR region") != std::string::npos);

    doc = small_deployment();
    doc["dr"]["region"] = "us-east-1";
    CHECK(parse_error(doc).field == "dr.region");
}

TEST_CASE("a shared tier that cannot carry the users is refused naming shared.web_servers") {
    json doc = small_deployment();
    doc["systems"][0]["users"] = {{"concurrent", 200000}};
    doc["shared"]["web_servers"] = 2;
    doc["shared"]["families"] = {"t3"};
    auto d = parse_deployment(doc, kExamples);
    REQUIRE(d.ok());
    auto p = size(*d, catalog());
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().field == "shared.web_servers");
    CHECK(p.error().message.find("users of the deployment's systems") != std::string::npos);
}
