// SPDX-License-Identifier: GPL-3.0-or-later
// The independent plan check: every plan the optimiser makes passes it, for thousands of
// random workloads under both rule sets; a plan tampered with fails it.
#include "irisize/plan/plan_check.hpp"
#include "irisize/sizing/sizing.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace irisize;
namespace u = irisize::units;
using nlohmann::json;

namespace {

json random_site(std::mt19937_64& rng) {
    auto pick = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto coin = [&](double p) { return std::bernoulli_distribution(p)(rng); };
    const std::vector<std::string> regions = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    const std::vector<std::string> products = {"trakcare", "healthshare-ie", "healthshare-pi", "healthconnect",
                                               "iris"};
    json d;
    d["schema"] = 1;
    d["name"] = "random";
    d["product"] = products[rng() % products.size()];
    const std::size_t r = rng() % regions.size();
    d["region"] = regions[r];
    d["rules"] = coin(0.35) ? "aws-2016" : "aws-2025";
    auto& db = d["database"];
    db["size_gib"] = std::round(std::exp(pick(std::log(5), std::log(60000))));
    db["growth_percent_per_year"] = std::round(pick(0, 50));
    db["horizon_years"] = static_cast<int>(rng() % 7);
    if (coin(0.8)) {
        db["read_iops"] = std::round(std::exp(pick(std::log(10), std::log(200000))));
        db["write_iops"] = std::round(std::exp(pick(std::log(5), std::log(60000))));
        db["journal_mibps"] = std::round(pick(0, 150) * 10) / 10;
        db["peak_cores"] = std::round(pick(0.2, 150) * 10) / 10;
        db["global_buffers_gib"] = std::round(std::exp(pick(std::log(1), std::log(1200))));
    } else {
        d["users"] = {{"concurrent", static_cast<int>(pick(10, 8000))}};
    }
    d["ha"] = {{"mirror", coin(0.85)}, {"arbiter", coin(0.8)}};
    if (coin(0.5))
        d["dr"] = {{"region", regions[(r + 1 + rng() % 4) % regions.size()]},
                   {"members", 1 + static_cast<int>(rng() % 2)},
                   {"capacity_percent", std::round(pick(25, 100))}};
    d["tiers"] = {{"web_servers", static_cast<int>(rng() % 4)},
                  {"app_servers", static_cast<int>(rng() % 4)},
                  {"print_servers", static_cast<int>(rng() % 2)}};
    d["target_cpu_percent"] = std::round(pick(35, 90));
    d["backup"] = {{"snapshot_retention_days", static_cast<int>(rng() % 31)}};
    if (coin(0.3)) {
        static const std::vector<std::vector<std::string>> fams = {
            {"r6i"}, {"m5", "r5"}, {"m4"}, {"r7i", "m7i"}, {"m6i", "r6i", "c5"}, {"i3", "r5"}, {"r6i", "t3"}};
        d["families"] = fams[rng() % fams.size()];
    }
    return d;
}

} // namespace

TEST_CASE("every plan passes the independent check", "[check][property]") {
    std::mt19937_64 rng(7);
    int checked = 0, refused = 0;
    for (int i = 0; i < 3000; ++i) {
        const json doc = random_site(rng);
        auto w = parse_workload(doc);
        REQUIRE(w.ok());
        for (bool explain : {false, true}) {
            SizeOptions opt;
            opt.explain = explain;
            auto p = size(*w, test::catalog(), opt);
            if (!p) {
                ++refused; // no instance or layout can meet it: an answer, not a plan
                continue;
            }
            const auto problems = check_plan(*p, *w, test::catalog());
            INFO(doc.dump() << "\n" << (problems.empty() ? "" : problems.front()));
            CHECK(problems.empty());
            ++checked;
        }
    }
    INFO(checked << " plans checked, " << refused << " workloads refused");
    CHECK(checked > 4000);
}

TEST_CASE("a plan tampered with fails the check", "[check]") {
    auto w = parse_workload(test::base_workload());
    REQUIRE(w.ok());
    auto p = size(*w, test::catalog());
    REQUIRE(p.ok());
    REQUIRE(check_plan(*p, *w, test::catalog()).empty());

    auto first_problem = [&](const Plan& bad) {
        const auto problems = check_plan(bad, *w, test::catalog());
        return problems.empty() ? std::string() : problems.front();
    };
    {
        Plan bad = *p; // a data volume too small for what it must hold
        bad.members[0].volumes[0].size = u::GiB(1);
        CHECK_THAT(first_problem(bad), Catch::Contains("data"));
    }
    {
        Plan bad = *p; // the total not the sum of the lines
        bad.total = bad.total * 0.9;
        CHECK_THAT(first_problem(bad), Catch::Contains("add up"));
    }
    {
        Plan bad = *p; // the arbiter moved next to the primary
        for (auto& m : bad.members)
            if (m.role == Role::arbiter)
                m.availability_zone = bad.members[0].availability_zone;
        CHECK_THAT(first_problem(bad), Catch::Contains("third availability zone"));
    }
    {
        Plan bad = *p; // an instance too small for its demand
        bad.members[0].instance_type = "t3.nano";
        CHECK_FALSE(first_problem(bad).empty());
    }
    {
        Plan bad = *p; // io1 beyond its per-volume maximum
        auto& v = bad.members[0].volumes[0];
        v.type = "io1";
        v.iops = u::iops(1e6);
        CHECK_THAT(first_problem(bad), Catch::Contains("io1.iops"));
    }
    {
        // The backup repeats the primary's volumes, which the check reads once; the backup's
        // own data volume, changed, is still read and refused.
        Plan bad = *p;
        Member* backup = nullptr;
        for (auto& m : bad.members)
            if (m.role == Role::backup)
                backup = &m;
        REQUIRE(backup);
        REQUIRE(backup->volumes.front().purpose == VolumePurpose::data);
        backup->volumes.front().size = u::GiB(1);
        const auto problems = check_plan(bad, *w, test::catalog());
        REQUIRE(problems.size() >= 1);
        CHECK_THAT(problems.front(), Catch::StartsWith("backup") && Catch::Contains("data"));
        // And a problem on every member that has it: both mirror members' data volumes.
        bad.members[0].volumes.front().size = u::GiB(1);
        const auto both = check_plan(bad, *w, test::catalog());
        CHECK(std::count_if(both.begin(), both.end(), [](const std::string& s) {
                  return s.find(" data: ") != std::string::npos && s.find("holds less") != std::string::npos;
              }) == 2);
    }
}
