// SPDX-License-Identifier: GPL-3.0-or-later
// The AWS limits a plan must honour beyond each volume's own rules: EBS volume attachment
// limits per instance, what io1/io2 achieve on instances not built on Nitro, gp2 throughput
// without burst credits, and the memory rule's ceiling as a policy with its decision boundary.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "irisize/plan/plan_check.hpp"
#include "irisize/rules/rule_engine.hpp"
#include "irisize/sizing/sizing.hpp"
#include "test_support.hpp"

using namespace irisize;
namespace u = irisize::units;
using nlohmann::json;
using test::base_workload;
using test::catalog;

namespace {

Plan must_plan(const json& doc) {
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    INFO((p ? std::string() : p.error().what()));
    REQUIRE(p.ok());
    auto problems = check_plan(*p, *w, catalog());
    INFO(fmt::format("{}", fmt::join(problems, "\n")));
    CHECK(problems.empty());
    return std::move(p).value();
}

const InstanceType& instance(std::string_view type) {
    auto idx = catalog().instances.find(type);
    REQUIRE(idx.has_value());
    return catalog().instances.instances[*idx];
}

bool has_rule(const std::vector<Violation>& vs, std::string_view rule) {
    return std::any_of(vs.begin(), vs.end(), [&](const Violation& v) { return v.rule == rule; });
}

// A journal-heavy workload limited to one family: its cheapest layout needs many striped volumes.
json journal_heavy(const char* family) {
    auto doc = base_workload();
    doc["families"] = {family};
    doc["database"]["journal_mibps"] = 1200;
    doc["database"]["write_iops"] = 20000;
    doc["database"]["read_iops"] = 40000;
    doc["database"]["peak_cores"] = 40;
    doc["database"]["global_buffers_gib"] = 400;
    return doc;
}

int attached(const Member& m) {
    int n = 0;
    for (const auto& v : m.volumes)
        n += v.stripe_width;
    return n;
}

} // namespace

TEST_CASE ("each instance type carries its EBS attachment limit and how it is shared", "[limits][catalog]") {
    using K = AttachmentLimitKind;
    struct Case {
        const char* type;
        int limit;
        K kind;
        int nvme;
    };
    const Case cases[] = {{"r6i.32xlarge", 28, K::Shared, 0},  {"m5.large", 28, K::Shared, 0},
                          {"r7i.large", 32, K::Dedicated, 0},    {"r7i.16xlarge", 48, K::Dedicated, 0},
                          {"r7i.48xlarge", 128, K::Dedicated, 0}, {"m7i.metal-24xl", 39, K::Dedicated, 0},
                          {"m7i.metal-48xl", 79, K::Dedicated, 0}, {"m4.16xlarge", 40, K::XenLinux, 0},
                          {"i3.16xlarge", 40, K::XenLinux, 8},    {"i3.metal", 28, K::Shared, 8}};
    for (const auto& c : cases) {
    const auto& it = instance(c.type);
    CAPTURE(c.type);
    CHECK(it.attachments.limit == c.limit);
    CHECK(it.attachments.kind == c.kind);
    CHECK(it.nvme_store_volumes == c.nvme);
    // One network interface: 27 EBS volumes on a shared-limit type, 19 on i3.metal with its 8 NVMe disks.
    if (c.kind == K::Shared)
        CHECK(it.attachments.ebs_volumes(1, it.nvme_store_volumes) == c.limit - 1 - c.nvme);
    else
        CHECK(it.attachments.ebs_volumes(1, it.nvme_store_volumes) == c.limit);
    }
}

TEST_CASE ("i2.8xlarge has no dedicated EBS bandwidth and never carries a database member", "[limits][catalog]") {
    const auto& it = instance("i2.8xlarge");
    CHECK_FALSE(it.ebs.dedicated);
    CHECK(it.ebs.shares.find("10 Gigabit") != std::string::npos);
    auto doc = base_workload();
    doc["families"] = {"i2"};
    doc["database"]["global_buffers_gib"] = 150; // only i2.8xlarge (244 GiB) holds this much shared memory
    doc["database"]["peak_cores"] = 4;
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    REQUIRE_FALSE(p.ok());
    // i2.4xlarge (122 GiB) lacks memory; i2.8xlarge is turned down for its EBS, not chosen.
    CHECK(p.error().message.find("i2.8xlarge") != std::string::npos);
    CHECK(p.error().message.find("no dedicated EBS bandwidth") != std::string::npos);
}

TEST_CASE ("a journal-heavy r6i workload keeps every database member within 27 EBS volumes", "[limits][sizing]") {
    // The case reported: r6i only, journal 1,200 MiB/s. Unconstrained, the cheapest layout takes 8 data +
    // 4 WIJ + 8 + 8 journal + install + boot = 30 volumes; r6i shares 28 attachments with one interface.
    const auto doc = journal_heavy("r6i");
    const Plan p = must_plan(doc);
    for (const auto& m : p.members) {
        if (m.role != Role::primary && m.role != Role::backup && m.role != Role::dr_async)
            continue;
        const auto& it = instance(m.instance_type);
        CAPTURE(name(m.role), m.instance_type);
        CHECK(attached(m) <= it.attachments.ebs_volumes(1, it.nvme_store_volumes));
        CHECK(m.ebs_volumes == attached(m));
        CHECK(m.ebs_volume_limit == 27);
        if (m.role != Role::backup) // the backup's explanation refers to the primary's
            CHECK(m.explanation.find("EBS volumes of the 27") != std::string::npos);
    }
}

TEST_CASE ("with a dedicated-limit family allowed, the wide layout may stay on that family", "[limits][sizing]") {
    const auto doc = journal_heavy("r7i");
    const Plan p = must_plan(doc);
    const Member& m = *p.member(Role::primary);
    CHECK(attached(m) <= m.ebs_volume_limit);
    CHECK(m.ebs_volume_limit >= 32);
}

TEST_CASE ("plan check refuses a member with more EBS volumes than its instance takes", "[limits][plan_check]") {
    auto doc = base_workload();
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    REQUIRE(p.ok());
    Plan bad = *p;
    for (auto& m : bad.members)
        if (m.role == Role::primary)
            for (auto& v : m.volumes)
                if (v.purpose == VolumePurpose::data) {
                    // Same total size, 30 narrow volumes: valid one by one, impossible together.
                    v.stripe_width = 30;
                    m.ebs_volumes = attached(m);
                }
    auto problems = check_plan(bad, *w, catalog());
    CHECK(std::any_of(problems.begin(), problems.end(),
                      [](const std::string& s) { return s.find("EBS volumes on") != std::string::npos; }));
}

TEST_CASE ("io1 and io2 achieve at most 32,000 IOPS and 500 MiB/s on an instance not built on Nitro",
           "[limits][rules]") {
    const auto& r = test::rules("aws-2025");
    for (const char* type : {"io1", "io2"}) {
        CAPTURE(type);
        const auto& t = *r.find(type);
        const VolumeSpec v{type, u::GiB(1280), u::iops(64000), u::MiBps(0)};
        CHECK(u::in_iops(baseline_iops(t, v, {false})) == Approx(32000));
        CHECK(u::in_MiBps(sustained_throughput(t, v, {false})) == Approx(500));
        CHECK(u::in_MiBps(sustained_throughput(t, v, {true})) > 500);
        CHECK(has_rule(validate(r, v, {false}), std::string(type) + ".iops.nitro"));
        CHECK_FALSE(has_rule(validate(r, v, {true}), std::string(type) + ".iops.nitro"));
        // 32,000 provisioned is fine on either kind.
        CHECK(validate(r, {type, u::GiB(1280), u::iops(32000), u::MiBps(0)}, {false}).empty());
        // The smallest volume for more than the ceiling does not exist off Nitro.
        CHECK_FALSE(smallest_volume(t, {u::GiB(100), u::iops(40000), u::MiBps(0)}, {false}));
        CHECK_FALSE(smallest_volume(t, {u::GiB(100), u::iops(1000), u::MiBps(600)}, {false}));
        CHECK(smallest_volume(t, {u::GiB(100), u::iops(40000), u::MiBps(600)}, {true}));
    }
    // io2 asked to carry 600 MiB/s on a non-Nitro instance: the message says what it achieves there.
    auto vs = validate(r, {"io2", u::GiB(100), u::iops(30000), u::MiBps(600)}, {false});
    REQUIRE(has_rule(vs, "io2.throughput.max"));
    CHECK(std::any_of(vs.begin(), vs.end(),
                      [](const Violation& v) { return v.message.find("not built on Nitro") != std::string::npos; }));
}

TEST_CASE ("an m4-only plan never relies on more than 32,000 IOPS or 500 MiB/s from one io volume",
           "[limits][sizing]") {
    auto doc = base_workload();
    doc["families"] = {"m4"};
    doc["database"]["read_iops"] = 40000;
    doc["database"]["write_iops"] = 6000;
    doc["database"]["peak_cores"] = 20;
    doc["database"]["global_buffers_gib"] = 100;
    const Plan p = must_plan(doc);
    for (const auto& m : p.members)
        for (const auto& v : m.volumes)
            if (v.type == "io1" || v.type == "io2") {
                CHECK(u::in_iops(v.iops) <= 32000);
                CHECK(u::in_MiBps(v.throughput) <= 500 + 1e-9);
            }
}

TEST_CASE ("gp2 sustains at most baseline IOPS x 256 KiB without burst credits, in both rule sets",
           "[limits][rules]") {
    for (const char* rs : {"aws-2025", "aws-2016"}) {
        CAPTURE(rs);
        const auto& r = test::rules(rs);
        const auto& t = *r.find("gp2");
        // AWS's example: a 100 GiB gp2 volume, 300 IOPS, sustains 75 MiB/s.
        CHECK(u::in_MiBps(sustained_throughput(t, {"gp2", u::GiB(100), u::iops(0), u::MiBps(0)})) == Approx(75));
        // 50 GiB: 150 IOPS x 256 KiB = 37.5 MiB/s; asked for 100 MiB/s it is invalid; 30 GiB: the 100 IOPS floor.
        CHECK(u::in_MiBps(sustained_throughput(t, {"gp2", u::GiB(50), u::iops(0), u::MiBps(0)})) == Approx(37.5));
        CHECK(u::in_MiBps(sustained_throughput(t, {"gp2", u::GiB(30), u::iops(0), u::MiBps(0)})) == Approx(25));
        CHECK(has_rule(validate(r, {"gp2", u::GiB(50), u::iops(150), u::MiBps(100)}), "gp2.throughput.max"));
        // Large volumes reach the size tier's figure, which stays as the source states it.
        CHECK(u::in_MiBps(sustained_throughput(t, {"gp2", u::GiB(1000), u::iops(0), u::MiBps(0)})) ==
              Approx(u::in_MiBps(t.size_tiers.back().sustained)));
        // The burst figure is unchanged.
        CHECK(u::in_MiBps(max_throughput(t, {"gp2", u::GiB(100), u::iops(0), u::MiBps(0)})) == Approx(128));
        // The smallest gp2 volume for 50 MiB/s needs 200 IOPS of baseline: 67 GiB.
        auto v = smallest_volume(t, {u::GiB(10), u::iops(0), u::MiBps(50)});
        REQUIRE(v);
        CHECK(u::in_GiB(v->size) == Approx(67));
        CHECK(validate(r, {*v}).empty());
    }
}

TEST_CASE ("the shared-memory ceiling is a policy the workload can set, and the plan shows the boundary",
           "[limits][memory]") {
    const double stretch = catalog().policy["memory_shared_fraction_stretch"] * 100;
    const double policy = catalog().policy["memory_shared_fraction_of_ram"] * 100;
    REQUIRE(stretch > policy);
    // Global buffers whose shared memory lands between the policy's ceiling and the stretch on the
    // 128 GiB r6i.4xlarge, so the policy puts the primary on r6i.8xlarge (256 GiB).
    auto doc = base_workload();
    doc["families"] = {"r6i"};
    doc["database"]["peak_cores"] = 4;
    doc["database"]["global_buffers_gib"] = 88;
    const Plan by_policy = must_plan(doc);
    const Member& m = *by_policy.member(Role::primary);
    CHECK(m.instance_type == "r6i.8xlarge");
    CHECK(m.shared_memory_percent == Approx(policy));
    REQUIRE(m.smaller.has_value());
    CHECK(m.smaller->instance_type == "r6i.4xlarge");
    CHECK(m.smaller->shared_percent_needed > policy);
    CHECK(m.smaller->shared_percent_needed <= stretch);
    CHECK(m.smaller->fits_at_stretch);
    CHECK(m.smaller->blocked_by.empty());
    CHECK(u::usd_per_month(m.smaller->saving, by_policy.month) > 0);
    CHECK(m.explanation.find("Memory boundary: the next smaller r6i, r6i.4xlarge") != std::string::npos);
    CHECK(std::any_of(by_policy.assumptions.begin(), by_policy.assumptions.end(), [](const std::string& a) {
        return a.find("shared_memory_percent_of_ram") != std::string::npos;
    }));

    // The site accepts the higher ceiling: the smaller instance is chosen, and the plan is cheaper.
    doc["database"]["shared_memory_percent_of_ram"] = stretch;
    const Plan stretched = must_plan(doc);
    CHECK(stretched.member(Role::primary)->instance_type == "r6i.4xlarge");
    CHECK(stretched.member(Role::primary)->shared_memory_percent == Approx(stretch));
    CHECK(stretched.monthly_usd() < by_policy.monthly_usd());

    // Out of range is refused, naming the field.
    doc["database"]["shared_memory_percent_of_ram"] = 99;
    auto w = parse_workload(doc);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().field == "database.shared_memory_percent_of_ram");
}

TEST_CASE ("a running site's RAM is judged by the same memory rule", "[limits][memory]") {
    auto doc = base_workload();
    doc["families"] = {"r6i"};
    doc["database"]["peak_cores"] = 4;
    doc["database"]["global_buffers_gib"] = 88;
    auto said = [](const Plan& p, const std::string& part) {
        return std::any_of(p.assumptions.begin(), p.assumptions.end(),
                           [&](const std::string& a) { return a.find(part) != std::string::npos; });
    };
    doc["database"]["site_memory_gib"] = 256;
    CHECK(said(must_plan(doc), "the site passes the rule"));
    doc["database"]["site_memory_gib"] = 124; // between the 75 % policy and the 80 % stretch
    CHECK(said(must_plan(doc), "runs closer to its RAM than this plan allows"));
    doc["database"]["site_memory_gib"] = 100;
    CHECK(said(must_plan(doc), "the site itself fails the rule"));
}
