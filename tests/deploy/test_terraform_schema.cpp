// SPDX-License-Identifier: GPL-3.0-or-later
// The generated Terraform read back as HCL (hcl_reader.hpp): every resource checked against
// the AWS provider's schema (provider_schema.hpp), and the deployment it describes checked
// against the plan (deployment_check.hpp). No terraform binary is needed; without the schema
// file the cases skip.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "deploy_test_support.hpp"
#include "deployment_check.hpp"
#include "hcl_reader.hpp"
#include "irisize/deploy/terraform.hpp"
#include "irisize/sizing/deployment_sizing.hpp"
#include "provider_schema.hpp"

using namespace irisize;
using namespace irisize::test;
namespace fs = std::filesystem;

namespace {

std::vector<HclBlock> terraform_of(const Plan& p) {
    auto files = terraform_files(p, catalog(), deploy());
    INFO((files ? "" : files.error().what()));
    REQUIRE(files.ok());
    return read_hcl(*files);
}

} // namespace

TEST_CASE ("the schema check finds unknown, computed-only and missing attributes", "[terraform][schema]") {
    if (skipped_without_schema())
        return;
    static const auto problems = schema_problems(parse_hcl(R"(variable "x" {
  type = string
}
resource "aws_lb_target_group" "t" {
  port     = 80
  colour   = "red"
  arn      = "arn:aws:x"
  vpc_id   = var.y

  stickiness {
    enabled = true
  }

  stickiness {
    type = "lb_cookie"
  }
}
resource "aws_cloudwatch_metric_alarm" "a" {
  alarm_name = "a"
  threshold  = aws_lb_target_group.t.no_such_thing

  metric {
    id = "m"
  }
}
resource "aws_not_a_type" "n" {
}
resource "aws_security_group" "g" {
  ingress {
    from_port = 1
    colour    = "red"
  }

  name {
    x = 1
  }
}
)"));
    const auto [problem, reported] = GENERATE(table<std::string, bool>({
        {"aws_lb_target_group.t: unknown attribute 'colour'", true},
        {"aws_lb_target_group.t: attribute 'arn' is computed only", true},
        {"aws_lb_target_group.t.stickiness: required attribute 'type' missing", true},
        {"aws_lb_target_group.t: block 'stickiness' allows at most 1", true},
        {"undeclared var.y", true},
        {"aws_cloudwatch_metric_alarm.a: required attribute 'comparison_operator' missing", true},
        {"aws_cloudwatch_metric_alarm.a: unknown block 'metric'", true},
        {"aws_lb_target_group.t has no attribute 'no_such_thing'", true},
        {"aws_not_a_type.n: unknown resource type", true},
        {"aws_security_group.g.ingress: unknown attribute 'colour'", true},
        {"aws_security_group.g.ingress: unknown attribute 'from_port'", false},
        {"aws_security_group.g: 'name' is an attribute, not a block", true},
    }));
    INFO(problem);
    CHECK(std::any_of(problems.begin(), problems.end(), [&text = problem](const std::string& p) {
              return p.find(text) != std::string::npos;
          }) == reported);
}

TEST_CASE ("every bundled example's Terraform matches the AWS provider 5.100.0 schema and the plan",
           "[terraform][schema][examples]") {
    if (skipped_without_schema())
        return;
    const auto examples = example_files();
    REQUIRE(examples.size() >= 4);
    for (const auto& file : examples) {
        INFO(file.filename().string());
        const Plan p = plan_of(file);
        const auto tf = terraform_of(p);
        const auto problems = schema_problems(tf);
        for (const auto& problem : problems)
            UNSCOPED_INFO(problem);
        CHECK(problems.empty());
        check_deployment(p, tf);
        // monitoring.tf is never comments only.
        auto files = terraform_files(p, catalog(), deploy());
        REQUIRE(files.ok());
        for (const auto& f : *files)
            if (f.name == "monitoring.tf")
                CHECK(parse_hcl(f.content).size() > 0);
    }
}

TEST_CASE ("web servers over three zones are all targets of one load balancer in the three zones",
           "[terraform][schema][web]") {
    if (skipped_without_schema())
        return;
    Plan p = plan_of(fs::path(IRISIZE_TEST_DATA_DIR) / "examples" / "trakcare-regional-hospital.json");
    // Spread the web tier by hand over the three zones of the region (as the sizer does with three).
    std::vector<std::string> zones;
    for (const auto& m : p.members)
        if (m.region == p.region && std::find(zones.begin(), zones.end(), m.availability_zone) == zones.end())
            zones.push_back(m.availability_zone);
    for (const char* z : {"a", "b", "c"})
        if (zones.size() < 3 && std::find(zones.begin(), zones.end(), p.region + z) == zones.end())
            zones.push_back(p.region + z);
    auto web = std::find_if(p.members.begin(), p.members.end(), [](const Member& m) { return m.role == Role::web; });
    REQUIRE(web != p.members.end());
    Member one = *web;
    one.count = 2;
    p.members.erase(web);
    for (const auto& z : zones) {
        one.availability_zone = z;
        p.members.push_back(one);
    }
    const auto tf = terraform_of(p);
    CHECK(schema_problems(tf).empty());
    check_deployment(p, tf);
    const auto* alb = resource(tf, "aws_lb", "web");
    REQUIRE(alb);
    CHECK(all_referenced(alb->attr("subnets"), "aws_subnet").size() == 3);
    CHECK(resources(tf, "aws_lb_target_group_attachment").size() >= 6);
}

TEST_CASE ("a one-zone plan still gives the web load balancer two zones, and says so", "[terraform][schema][web]") {
    if (skipped_without_schema())
        return;
    Plan p = plan_of(fs::path(IRISIZE_TEST_DATA_DIR) / "examples" / "healthconnect-small.json");
    std::string zone;
    for (auto& m : p.members)
        if (m.region == p.region) {
            if (zone.empty())
                zone = m.availability_zone;
            m.availability_zone = zone;
        }
    if (std::none_of(p.members.begin(), p.members.end(), [](const Member& m) { return m.role == Role::web; })) {
        Member web = p.members.front();
        web.role = Role::web;
        web.count = 1;
        web.volumes.clear();
        p.members.push_back(web);
    }
    auto files = terraform_files(p, catalog(), deploy());
    REQUIRE(files.ok());
    const auto tf = read_hcl(*files);
    CHECK(schema_problems(tf).empty());
    check_deployment(p, tf);
    const auto* alb = resource(tf, "aws_lb", "web");
    REQUIRE(alb);
    CHECK(all_referenced(alb->attr("subnets"), "aws_subnet").size() == 2);
    const auto* extra = resource(tf, "aws_subnet", "web_lb_extra");
    REQUIRE(extra);
    CHECK(extra->attr("availability_zone").find("!= \"" + zone + "\"") != std::string::npos);
    for (const auto& f : *files)
        if (f.name == "loadbalancer.tf")
            CHECK(f.content.find("an ALB needs two") != std::string::npos);
}

TEST_CASE ("every bundled deployment's and hybrid site's Terraform matches the AWS provider 5.100.0 schema",
           "[terraform][schema][examples]") {
    if (skipped_without_schema())
        return;
    std::vector<Plan> plans;
    for (const auto& file : deployment_example_files()) {
        std::ifstream in(file);
        auto d = read_deployment(in, file.filename().string(), file.parent_path());
        REQUIRE(d.ok());
        auto p = size(*d, catalog());
        REQUIRE(p.ok());
        plans.push_back(p->combined());
    }
    for (const auto& file : hybrid_example_files())
        plans.push_back(plan_of(file));
    for (const auto& p : plans) {
        INFO(p.name);
        const auto problems = schema_problems(terraform_of(p));
        for (const auto& problem : problems)
            UNSCOPED_INFO(problem);
        CHECK(problems.empty());
    }
}
