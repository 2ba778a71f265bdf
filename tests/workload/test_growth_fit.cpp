// SPDX-License-Identifier: GPL-3.0-or-later
// Growth fitted from dated sizes, and demand projected to a target user count.
#include "irisize/workload/growth_fit.hpp"
#include "irisize/plan/plan_check.hpp"
#include "irisize/sizing/sizing.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <random>

using namespace irisize;
namespace u = irisize::units;
using nlohmann::json;

TEST_CASE("dates read as days since 1970", "[fit]") {
    CHECK(*parse_date_days("1970-01-01") == 0.0);
    CHECK(*parse_date_days("2000-03-01") == 11017.0);
    CHECK(*parse_date_days("2024-02-29") == 19782.0);
    CHECK_FALSE(parse_date_days("2023-02-29").ok());
    CHECK_FALSE(parse_date_days("2024-13-01").ok());
    CHECK_FALSE(parse_date_days("1/2/2024").ok());
}

TEST_CASE("the log-linear fit recovers a known growth rate from noisy history", "[fit]") {
    std::mt19937_64 rng(1234);
    std::normal_distribution<double> noise(0.0, 0.03);
    for (double rate : {0.05, 0.18, 0.40}) {
        std::vector<SizeObservation> h;
        for (int month = 0; month <= 36; ++month) {
            const double years = month / 12.0;
            h.push_back({19000.0 + years * 365.25, 800.0 * std::pow(1 + rate, years) * std::exp(noise(rng))});
        }
        auto fit = fit_growth(h);
        REQUIRE(fit.ok());
        INFO("true rate " << rate << ", fitted " << fit->annual_rate);
        CHECK(fit->annual_rate == Approx(rate).margin(0.02));
        CHECK(fit->r2 > (rate > 0.1 ? 0.95 : 0.6));
        CHECK(fit->points == 37);
        CHECK(fit->span_years == Approx(3.0).margin(1e-9));
        // The upper band lies above the trend and widens with the distance.
        CHECK(fit->upper_gib(1, 1.645) > fit->fitted_gib(1));
        CHECK(fit->upper_gib(3, 1.645) / fit->fitted_gib(3) > fit->upper_gib(1, 1.645) / fit->fitted_gib(1));
    }
}

TEST_CASE("an exact exponential fits exactly", "[fit]") {
    std::vector<SizeObservation> h;
    for (int y = 0; y <= 4; ++y)
        h.push_back({y * 365.25, 100.0 * std::pow(1.25, y)});
    auto fit = fit_growth(h);
    REQUIRE(fit.ok());
    CHECK(fit->annual_rate == Approx(0.25).epsilon(1e-12));
    CHECK(fit->r2 == Approx(1.0).epsilon(1e-12));
    CHECK(fit->fitted_gib(1) == Approx(100.0 * std::pow(1.25, 5)).epsilon(1e-9));
}

TEST_CASE("too little history is refused with the field named", "[fit][errors]") {
    CHECK(fit_growth({{0, 10}, {100, 11}}).error().field == "database.size_history");
    CHECK(fit_growth({{0, 10}, {5, 11}, {10, 12}}).error().message.find("30 days") != std::string::npos);
    CHECK_FALSE(fit_linear({1, 1, 1}, {2, 3, 4}).ok());
    auto lin = fit_linear({100, 200, 300}, {250, 450, 650});
    REQUIRE(lin.ok());
    CHECK(lin->slope == Approx(2.0));
    CHECK(lin->intercept == Approx(50.0));
    CHECK(lin->at(1000) == Approx(2050.0));
}

TEST_CASE("a workload with size history is sized for the upper band", "[fit][sizing]") {
    json doc = test::base_workload();
    doc["database"].erase("size_gib");
    doc["database"].erase("growth_percent_per_year");
    doc["database"]["size_history"] = json::array();
    for (int q = 0; q <= 8; ++q) { // quarterly over two years, 20 % a year
        const int month = q * 3;
        const std::string date = fmt::format("{}-{:02}-01", 2024 + month / 12, 1 + month % 12);
        doc["database"]["size_history"].push_back({{"date", date}, {"size_gib", 500 * std::pow(1.2, month / 12.0)}});
    }
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    auto p = size(*w, test::catalog());
    REQUIRE(p.ok());
    const double last = 500 * 1.44;
    const double trend_at_horizon = last * std::pow(1.2, 3);
    CHECK(u::in_GiB(p->database_at_horizon) >= trend_at_horizon * 0.999);
    CHECK(std::any_of(p->assumptions.begin(), p->assumptions.end(),
                      [](const std::string& a) { return a.find("fitted from 9 dated sizes") != std::string::npos; }));
    CHECK(check_plan(*p, *w, test::catalog()).empty());

    doc["database"]["size_history"][0]["date"] = "2024-02-30";
    auto bad = parse_workload(doc);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "database.size_history[0].date");
}

TEST_CASE("a growth rate given with a history and no size takes today's size from the latest entry",
          "[fit][sizing]") {
    json doc = test::base_workload();
    doc["database"].erase("size_gib");
    doc["database"]["growth_percent_per_year"] = 10;
    doc["database"]["horizon_years"] = 2;
    // Out of date order on purpose: the latest date wins, not the last entry.
    doc["database"]["size_history"] = {{{"date", "2024-01-01"}, {"size_gib", 400}},
                                       {{"date", "2025-01-01"}, {"size_gib", 700}},
                                       {{"date", "2024-07-01"}, {"size_gib", 500}}};
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    auto p = size(*w, test::catalog());
    REQUIRE(p.ok());
    CHECK(u::in_GiB(p->database_at_horizon) == Approx(700 * 1.1 * 1.1));
    CHECK(std::any_of(p->assumptions.begin(), p->assumptions.end(), [](const std::string& a) {
        return a.find("latest entry of database.size_history (2025-01-01)") != std::string::npos;
    }));
    CHECK(check_plan(*p, *w, test::catalog()).empty());
}

TEST_CASE("demand measured at known user counts is projected to the target", "[fit][sizing]") {
    json doc = test::base_workload();
    doc["database"].erase("read_iops");
    doc["database"].erase("peak_cores");
    doc["users"] = {{"target", 3000},
                    {"history",
                     {{{"users", 1000}, {"read_iops", 2100}, {"peak_cores", 4}},
                      {{"users", 1500}, {"read_iops", 3100}, {"peak_cores", 5}},
                      {{"users", 2000}, {"read_iops", 4100}, {"peak_cores", 6}}}}};
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    auto p = size(*w, test::catalog());
    REQUIRE(p.ok());
    const auto* primary = p->member(Role::primary);
    REQUIRE(primary);
    // read_iops = 100 + 2 x users -> 6,100 at 3,000 users; writes stay as measured (1,000).
    CHECK(u::in_iops(primary->volumes[0].demand_iops) == Approx(6100 + 1000));
    // peak_cores = 2 + users / 500 -> 8 at 3,000 users; at 65 % target: 12.3 vCPU.
    CHECK(primary->demand.vcpu == Approx(8 / 0.65));

    doc["users"].erase("history");
    auto bad = parse_workload(doc);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "users.target");
}
