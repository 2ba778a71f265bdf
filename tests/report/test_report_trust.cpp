// SPDX-License-Identifier: GPL-3.0-or-later
// What a customer's reviewer checks in a report (#13 items 2-5, 7): printed money adds up to the
// cent, one figure has one value, the sources are public documents the plan used, and warnings
// appear where they apply.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "irisize/format.hpp"
#include "irisize/report/report_model.hpp"
#include "irisize/sizing/sizing.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace irisize;
using Catch::Matchers::Contains;

namespace {

struct Sized {
    std::string file;
    Plan plan;
    Report report;
};

// Every bundled example's plan and report.
std::vector<Sized> examples() {
    std::vector<Sized> out;
    for (auto& ex : test::sized_examples()) {
        ReportOptions o;
        o.version = "test";
        o.date = "2026-12-06";
        o.instances = &test::catalog().instances;
        Report r = build_report(ex.plan, o);
        out.push_back({ex.file, std::move(ex.plan), std::move(r)});
    }
    return out;
}

const ReportSection* section(const Report& r, std::string_view id) {
    for (const auto& s : r.sections)
        if (s.id == id)
            return &s;
    return nullptr;
}

// "$1,234.56", "$1,234.56 est." -> 123456 cents.
long long cents_of(const std::string& cell) {
    static const std::regex money(R"(\$([0-9,]+)\.([0-9]{2}))");
    std::smatch m;
    REQUIRE(std::regex_search(cell, m, money));
    std::string whole = m[1].str();
    whole.erase(std::remove(whole.begin(), whole.end(), ','), whole.end());
    return std::stoll(whole) * 100 + std::stoll(m[2].str());
}

long long cents(double usd) { return std::llround(to_cents(usd) * 100); }

std::string all_text(const Report& r) {
    std::string s = r.title + "\n" + r.subtitle + "\n" + r.footer + "\n";
    for (const auto& [k, v] : r.facts)
        s += k + ": " + v + "\n";
    for (const auto& sec : r.sections) {
        s += sec.title + "\n";
        for (const auto& b : sec.blocks) {
            s += b.text + "\n";
            for (const auto& i : b.items)
                s += i + "\n";
            for (const auto& c : b.table.columns)
                s += c + "\n";
            for (const auto& row : b.table.rows)
                for (const auto& c : row)
                    s += c + "\n";
        }
    }
    return s;
}

Plan sized(const nlohmann::json& doc) {
    auto w = parse_workload(doc);
    REQUIRE(w);
    auto p = size(*w, test::catalog(), {});
    REQUIRE(p);
    return *p;
}

} // namespace

TEST_CASE ("the printed cost lines add up to the printed total to the cent in every example", "[report][trust]") {
    for (const auto& ex : examples()) {
        INFO(ex.file);
        const auto* cost = section(ex.report, "cost");
        REQUIRE(cost);
        const ReportTable* table = nullptr;
        for (const auto& b : cost->blocks)
            if (b.kind == ReportBlock::Kind::table && b.table.total_row)
                table = &b.table;
        REQUIRE(table);
        REQUIRE(table->rows.size() >= 2);
        long long sum = 0;
        for (std::size_t i = 0; i + 1 < table->rows.size(); ++i)
            sum += cents_of(table->rows[i].back());
        const long long total = cents_of(table->rows.back().back());
        CHECK(sum == total);
        // The plan's own figures: every line already in whole cents, the total their sum.
        long long plan_sum = 0;
        for (const auto& line : ex.plan.cost_lines) {
            const double usd = ex.plan.monthly_usd(line.cost);
            CHECK(std::abs(usd * 100 - std::round(usd * 100)) < 1e-6);
            plan_sum += cents(usd);
        }
        CHECK(plan_sum == cents(ex.plan.monthly_usd()));
        CHECK(total == cents(ex.plan.monthly_usd()));
    }
}

TEST_CASE ("the summary's yearly and horizon figures are twelve and twelve-times-years of the monthly total",
           "[report][trust]") {
    for (const auto& ex : examples()) {
        INFO(ex.file);
        const auto* summary = section(ex.report, "summary");
        REQUIRE(summary);
        const long long month = cents(ex.plan.monthly_usd());
        const std::string text = summary->blocks.at(0).text;
        CHECK_THAT(text, Contains(money_str(static_cast<double>(month) / 100)));
        CHECK_THAT(text, Contains(money_str(static_cast<double>(month * 12) / 100) + " a year"));
        // "N EC2 instances in R roles (...)": R is the number of distinct roles.
        std::set<Role> roles;
        for (const auto& m : ex.plan.members)
            roles.insert(m.role);
        CHECK_THAT(text, Contains(fmt::format("in {} roles", roles.size())));
    }
}

TEST_CASE ("a rejected instance and the chosen one are priced on one basis, the header says which", "[report][trust]") {
    for (const auto& ex : examples()) {
        INFO(ex.file);
        for (const auto& sec : ex.report.sections)
            for (const auto& b : sec.blocks) {
                if (b.kind != ReportBlock::Kind::table || b.table.columns.size() < 3 ||
                    b.table.columns[2].find("Instance and volumes") == std::string::npos)
                    continue;
                CHECK_THAT(b.table.columns[3], Contains("same basis"));
                for (const auto& row : b.table.rows) {
                    const Member* chosen = nullptr;
                    for (const auto& m : ex.plan.members)
                        if (name(m.role) == row[0] && row[3].find(m.instance_type) == 0)
                            chosen = &m;
                    REQUIRE(chosen);
                    units::cost_rate volumes = units::usd_per_hour(0);
                    for (const auto& v : chosen->volumes)
                        volumes += v.cost();
                    // The chosen figure is its instance and its volumes, the same sum the rejected column makes.
                    CHECK(cents_of(row[3]) == cents(ex.plan.monthly_usd(chosen->instance_cost)) + cents(ex.plan.monthly_usd(volumes)));
                }
            }
    }
}

TEST_CASE ("the sources are public documents this plan used, never the tool's own files", "[report][trust]") {
    for (const auto& ex : examples()) {
        INFO(ex.file);
        const std::string text = all_text(ex.report);
        for (const char* internal : {"FACTS.md", ".go", "data/prices", "data/sizing", "data/profiles", "`"})
            CHECK_THAT(text, !Contains(internal));
        const auto* sources = section(ex.report, "sources");
        REQUIRE(sources);
        REQUIRE_FALSE(ex.plan.sources.empty());
        bool uses_i2 = false, uses_m4 = false;
        for (const auto& m : ex.plan.members) {
            uses_i2 = uses_i2 || m.instance_type.rfind("i2.", 0) == 0;
            uses_m4 = uses_m4 || m.instance_type.rfind("m4.", 0) == 0;
        }
        const std::string src = [&] {
            std::string s;
            for (const auto& b : sources->blocks) {
                s += b.text + "\n";
                for (const auto& i : b.items)
                    s += i + "\n";
            }
            return s;
        }();
        if (!uses_i2)
            CHECK_THAT(src, !Contains("i2 instances") && !Contains("i2 prices"));
        if (!uses_i2 && !uses_m4)
            CHECK_THAT(src, !Contains("m4 and i2"));
        // Every source has a date, and an estimated price says how it was estimated.
        for (const auto& s : ex.plan.sources) {
            CHECK_FALSE(s.as_of.empty());
            CHECK_FALSE(s.title.empty());
            CHECK_THAT(src, Contains(s.title));
        }
        bool estimated = false;
        for (const auto& m : ex.plan.members)
            estimated = estimated || m.price_estimate;
        if (estimated)
            CHECK_THAT(src, Contains("(estimate: "));
    }
}

TEST_CASE ("the report names the product by its display name", "[report][trust]") {
    for (const auto& ex : examples()) {
        INFO(ex.file);
        CHECK(ex.report.subtitle.rfind(ex.plan.product_name, 0) == 0);
        if (ex.file == "trakcare-regional-hospital.json")
            CHECK(ex.plan.product_name == "TrakCare");
        if (ex.file == "healthshare-ie-region.json")
            CHECK(ex.plan.product_name == "HealthShare Information Exchange");
    }
}

TEST_CASE ("the short-lived EBS maximum is mentioned exactly where demand comes near the sustained baseline",
           "[report][trust]") {
    const auto& cat = test::catalog();
    const double threshold = cat.policy.n.ebs_headroom_warning_percent;
    REQUIRE(threshold > 0);
    int warned = 0, quiet = 0;
    for (double read_iops : {2000.0, 8000.0, 12000.0, 14500.0, 15500.0, 30000.0, 38000.0, 60000.0, 75000.0}) {
        auto doc = test::base_workload();
        doc["database"]["read_iops"] = read_iops;
        doc["families"] = {"r6i"};
        const Plan p = sized(doc);
        const Member* primary = p.member(Role::primary);
        REQUIRE(primary);
        const auto& inst = cat.instances.instances[*cat.instances.find(primary->instance_type)];
        const double use = std::max(units::in_iops(primary->demand.iops) / units::in_iops(inst.ebs.baseline_iops),
                                    units::in_MiBps(primary->demand.throughput) /
                                        units::in_MiBps(inst.ebs.baseline_throughput));
        bool said = false;
        for (const auto& w : p.warnings)
            said = said || (w.rfind("primary ", 0) == 0 && w.find("sustained EBS") != std::string::npos);
        INFO(read_iops << " read IOPS on " << primary->instance_type << ": " << use * 100 << " % of the baseline");
        CHECK(said == (use * 100 >= threshold));
        (said ? warned : quiet) += 1;
    }
    CHECK(quiet > 0);
    CHECK(warned > 0);
}

TEST_CASE ("the journal volume's explanation accounts for its final doubling", "[report][trust]") {
    for (const auto& ex : examples()) {
        INFO(ex.file);
        const auto* why = section(ex.report, "why");
        if (!why)
            continue;
        const std::string text = all_text(ex.report);
        if (text.find("x 2 =") != std::string::npos || text.find("x 2 ") != std::string::npos)
            CHECK_THAT(text, Contains("headroom for journals kept longer"));
    }
}
