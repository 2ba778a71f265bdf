// SPDX-License-Identifier: GPL-3.0-or-later
// The report model and its HTML and Markdown layouts, for every example workload.
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "irisize/format.hpp"
#include "irisize/report/report_model.hpp"
#include "irisize/report/report_svg.hpp"
#include "irisize/sizing/sizing.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace irisize;

namespace {

ReportOptions options(const Workload& w) {
    return {"9.9.9", "2026-11-26", to_json(w), &test::catalog().instances};
}

// Well-formed as XML (the HTML is written as XHTML-compatible HTML5): every element closed in
// order, void elements self-closed, attributes quoted, only the five XML entities and
// numeric references. Returns the first problem, or "".
std::string xml_problem(const std::string& doc) {
    std::vector<std::string> open;
    std::size_t i = 0;
    if (doc.rfind("<!DOCTYPE html>", 0) == 0)
        i = doc.find('>') + 1;
    while (i < doc.size()) {
        const char c = doc[i];
        if (c == '&') {
            const auto end = doc.find(';', i);
            if (end == std::string::npos)
                return fmt::format("unterminated entity at {}", i);
            const std::string ent = doc.substr(i + 1, end - i - 1);
            static const std::regex ok("lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+");
            if (!std::regex_match(ent, ok))
                return fmt::format("unknown entity &{}; at {}", ent, i);
            i = end + 1;
            continue;
        }
        if (c != '<') {
            if (c == '>')
                return fmt::format("stray '>' at {}", i);
            ++i;
            continue;
        }
        const auto end = doc.find('>', i);
        if (end == std::string::npos)
            return fmt::format("unterminated tag at {}", i);
        std::string tag = doc.substr(i + 1, end - i - 1);
        i = end + 1;
        if (tag.empty())
            return "empty tag";
        if (tag[0] == '/') {
            const std::string name = tag.substr(1);
            if (open.empty() || open.back() != name)
                return fmt::format("</{}> closes <{}>", name, open.empty() ? "nothing" : open.back());
            open.pop_back();
            continue;
        }
        const bool self_closed = tag.back() == '/';
        const std::string name = tag.substr(0, tag.find_first_of(" \n/"));
        // Attributes: name="value" pairs with no '<' or unbalanced quote inside.
        if (std::count(tag.begin(), tag.end(), '"') % 2 != 0)
            return fmt::format("unbalanced quotes in <{}>", name);
        if (!self_closed)
            open.push_back(name);
    }
    if (!open.empty())
        return fmt::format("<{}> never closed", open.back());
    return "";
}

} // namespace

TEST_CASE ("the report of every example holds each section, the servers, the volumes and the total", "[report]") {
    for (const auto& ex : test::sized_examples()) {
        INFO(ex.file);
        const Report r = build_report(ex.plan, options(ex.workload));
        std::vector<std::string> ids;
        for (const auto& s : r.sections)
            ids.push_back(s.id);
        for (const char* want : {"summary", "workload", "architecture", "servers", "storage", "limits", "cost", "growth",
                                 "why", "sources"})
            CHECK(std::find(ids.begin(), ids.end(), want) != ids.end());
        CHECK((std::find(ids.begin(), ids.end(), "dr") != ids.end()) == !ex.plan.dr_region.empty());

        const std::string html = render_html(r);
        CHECK(xml_problem(html).empty());
        INFO(xml_problem(html));
        CHECK_THAT(html, Catch::Contains(money_str(ex.plan.monthly_usd())));
        CHECK_THAT(html, Catch::Contains(ex.plan.rules_as_of));
        CHECK_THAT(html, Catch::Contains(ex.plan.price_as_of));
        CHECK_THAT(html, Catch::Contains("irisize 9.9.9"));
        for (const auto& m : ex.plan.members)
            CHECK_THAT(html, Catch::Contains(">" + m.instance_type + "<"));
        // Three figures, inline: no external resource of any kind.
        CHECK(std::count(html.begin(), html.end(), '\n') > 50);
        std::size_t svgs = 0;
        for (auto p = html.find("<svg "); p != std::string::npos; p = html.find("<svg ", p + 1))
            ++svgs;
        CHECK(svgs == 3);
        CHECK(html.find("src=\"http") == std::string::npos);
        CHECK(html.find("href=\"http") == std::string::npos);

        // Every cost line appears, provisioned IOPS and throughput included.
        const auto cost = std::find_if(r.sections.begin(), r.sections.end(), [](const auto& s) { return s.id == "cost"; });
        REQUIRE(cost != r.sections.end());
        const auto table = std::find_if(cost->blocks.begin(), cost->blocks.end(),
                                        [](const auto& b) { return b.kind == ReportBlock::Kind::table; });
        REQUIRE(table != cost->blocks.end());
        CHECK(table->table.rows.size() == ex.plan.cost_lines.size() + 1);
        CHECK(table->table.total_row);
        CHECK(table->table.rows.back().back() == money_str(ex.plan.monthly_usd()));

        const std::string md = render_report_markdown(r);
        CHECK_THAT(md, Catch::StartsWith("# Sizing of "));
        CHECK_THAT(md, Catch::Contains("| Component | Category | Per month (USD) |"));
        CHECK_THAT(md, Catch::Contains(money_str(ex.plan.monthly_usd())));
        CHECK(md.find("<svg") == std::string::npos);
    }
}

TEST_CASE ("every table row has one cell per column", "[report]") {
    for (const auto& ex : test::sized_examples())
        for (const auto& s : build_report(ex.plan, options(ex.workload)).sections)
            for (const auto& b : s.blocks)
                if (b.kind == ReportBlock::Kind::table) {
                    INFO(ex.file << " / " << s.id);
                    CHECK(b.table.numeric.size() == b.table.columns.size());
                    for (const auto& row : b.table.rows)
                        CHECK(row.size() == b.table.columns.size());
                }
}

TEST_CASE ("the figures are well-formed SVG with every member drawn", "[report]") {
    for (const auto& ex : test::sized_examples()) {
        INFO(ex.file);
        const auto arch = architecture_svg(ex.plan);
        CHECK(xml_problem(arch.svg).empty());
        CHECK(arch.width > 100);
        CHECK(arch.height > 100);
        for (const auto& m : ex.plan.members)
            CHECK_THAT(arch.svg, Catch::Contains(m.instance_type));
        CHECK_THAT(arch.svg, Catch::Contains("Production region " + ex.plan.region));
        if (!ex.plan.dr_region.empty())
            CHECK_THAT(arch.svg, Catch::Contains("Disaster recovery region " + ex.plan.dr_region));
        CHECK(xml_problem(cost_svg(ex.plan).svg).empty());
        CHECK(xml_problem(growth_svg(ex.plan).svg).empty());
    }
}

TEST_CASE ("text from the workload is escaped in HTML", "[report]") {
    auto ex = test::sized_examples().front();
    ex.plan.name = "A <b>bold</b> & \"quoted\" name";
    ex.plan.description = "line one\nline two <script>alert(1)</script>";
    const std::string html = render_html(build_report(ex.plan, options(ex.workload)));
    CHECK(xml_problem(html).empty());
    CHECK(html.find("<script>") == std::string::npos);
    CHECK_THAT(html, Catch::Contains("A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; name"));
    CHECK(xml_escape("a\x01z") == "a z");
}

TEST_CASE ("the well-formedness check itself finds broken markup", "[report]") {
    CHECK(xml_problem("<p>ok</p>").empty());
    CHECK_FALSE(xml_problem("<p><b>x</p></b>").empty());
    CHECK_FALSE(xml_problem("<p>a & b</p>").empty());
    CHECK_FALSE(xml_problem("<p>").empty());
    CHECK_FALSE(xml_problem("<meta charset=\"utf-8\">").empty());
}
