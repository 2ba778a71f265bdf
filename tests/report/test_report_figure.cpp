// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture figure and its caption: written from the plan's members, every tier the plan
// has drawn and named, nothing it lacks (#13 item 1).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
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

Plan example(const std::string& file) {
    return test::plan_of(fs::path(IRISIZE_TEST_DATA_DIR) / "examples" / file);
}

int servers(const Plan& p, Role role) {
    int n = 0;
    for (const auto& m : p.members)
        if (m.role == role)
            n += m.count;
    return n;
}

void drop(Plan& p, std::function<bool(const Member&)> pred) {
    p.members.erase(std::remove_if(p.members.begin(), p.members.end(), pred), p.members.end());
}

std::size_t occurrences(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + 1))
        ++n;
    return n;
}

// Well-formed XML: elements closed in order, attributes quoted, only XML entities. "" when fine.
std::string xml_problem(const std::string& doc) {
    std::vector<std::string> open;
    std::size_t i = 0;
    while (i < doc.size()) {
        if (doc[i] == '&') {
            const auto end = doc.find(';', i);
            if (end == std::string::npos)
                return "unterminated entity";
            static const std::regex ok("lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+");
            if (!std::regex_match(doc.substr(i + 1, end - i - 1), ok))
                return "unknown entity";
            i = end + 1;
            continue;
        }
        if (doc[i] == '>')
            return fmt::format("stray '>' at {}", i);
        if (doc[i] != '<') {
            ++i;
            continue;
        }
        const auto end = doc.find('>', i);
        if (end == std::string::npos)
            return "unterminated tag";
        const std::string tag = doc.substr(i + 1, end - i - 1);
        i = end + 1;
        if (tag.empty() || tag.find('<') != std::string::npos)
            return "broken tag";
        if (std::count(tag.begin(), tag.end(), '"') % 2 != 0)
            return "unbalanced quotes in <" + tag + ">";
        if (tag[0] == '/') {
            if (open.empty() || open.back() != tag.substr(1))
                return "</" + tag.substr(1) + "> closes the wrong element";
            open.pop_back();
        } else if (tag.back() != '/') {
            open.push_back(tag.substr(0, tag.find_first_of(" \n")));
        }
    }
    return open.empty() ? "" : "<" + open.back() + "> never closed";
}

double attr(const std::string& tag, const std::string& name) {
    std::smatch m;
    if (!std::regex_search(tag, m, std::regex(" " + name + "=\"([-0-9.]+)\"")))
        return -1;
    return std::stod(m[1]);
}

struct Rect {
    double x, y, w, h;
};

std::vector<Rect> rects_of_class(const std::string& svg, const std::string& cls) {
    std::vector<Rect> out;
    const std::regex re("<rect [^>]*class=\"" + cls + "\"[^>]*>");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
        const std::string t = it->str();
        out.push_back({attr(t, "x"), attr(t, "y"), attr(t, "width"), attr(t, "height")});
    }
    return out;
}

std::vector<std::pair<double, double>> points_of_class(const std::string& svg, const std::string& cls) {
    std::vector<std::pair<double, double>> out;
    const std::regex re("<polyline class=\"" + cls + "\" points=\"([^\"]*)\"");
    const std::regex pt("([-0-9.]+),([-0-9.]+)");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
        const std::string pts = (*it)[1];
        for (auto p = std::sregex_iterator(pts.begin(), pts.end(), pt); p != std::sregex_iterator(); ++p)
            out.emplace_back(std::stod((*p)[1]), std::stod((*p)[2]));
    }
    return out;
}

// The caption names a tier exactly when the plan has it; so does the figure.
void check_tiers(const Plan& plan) {
    const std::string caption = architecture_caption(plan);
    const std::string svg = architecture_svg(plan).svg;
    INFO(caption);
    CHECK_THAT(caption, Catch::StartsWith("Figure 1. "));
    CHECK(caption.find('`') == std::string::npos);
    CHECK(xml_problem(svg).empty());
    INFO(xml_problem(svg));

    const int backups = servers(plan, Role::backup), arbiters = servers(plan, Role::arbiter),
              apps = servers(plan, Role::app), prints = servers(plan, Role::print), webs = servers(plan, Role::web),
              drs = servers(plan, Role::dr_async);
    auto plural = [](int n, const char* what) { return fmt::format("{} {}{}", num(n), what, n == 1 ? "" : "s"); };

    CHECK((caption.find("backup") != std::string::npos) == (backups > 0));
    CHECK((caption.find("mirrored synchronously") != std::string::npos) == (backups > 0));
    CHECK((caption.find("arbiter") != std::string::npos) == (arbiters > 0));
    CHECK((caption.find("application server") != std::string::npos) == (apps > 0));
    CHECK((caption.find("print server") != std::string::npos) == (prints > 0));
    CHECK((caption.find("ECP") != std::string::npos) == (apps + prints > 0));
    CHECK((caption.find("web server") != std::string::npos) == (webs > 0));
    CHECK((caption.find("web load balancer") != std::string::npos) == (webs > 0));
    CHECK((caption.find("DR") != std::string::npos) == (drs > 0));
    CHECK((caption.find("disaster") != std::string::npos) == (drs > 0));
    CHECK((caption.find("Route 53") != std::string::npos) == (drs > 0));
    if (apps > 0)
        CHECK_THAT(caption, Catch::Contains(plural(apps, "ECP application server")));
    if (prints > 0)
        CHECK_THAT(caption, Catch::Contains(plural(prints, "print server")));
    if (webs > 0)
        CHECK_THAT(caption, Catch::Contains(plural(webs, "web server")));
    if (drs > 0)
        CHECK_THAT(caption, Catch::Contains(plural(drs, "async DR member")) && Catch::Contains(plan.dr_region));
    for (const auto& m : plan.members)
        CHECK_THAT(caption, Catch::Contains(m.instance_type));

    // One box per role and zone (members of one role, zone and type share a box), none for a role
    // the plan lacks.
    for (const Role role : all_roles) {
        std::vector<std::string> cells;
        for (const auto& m : plan.members)
            if (m.role == role && m.count > 0) {
                const std::string cell = m.availability_zone + "/" + m.instance_type;
                if (std::find(cells.begin(), cells.end(), cell) == cells.end())
                    cells.push_back(cell);
            }
        INFO(name(role));
        CHECK(occurrences(svg, fmt::format("<g class=\"member role-{}\">", name(role))) == cells.size());
    }
    for (const auto& m : plan.members)
        if (m.count > 1)
            CHECK_THAT(svg, Catch::Contains(fmt::format("{} x {}", num(m.count), m.instance_type)));
    CHECK((svg.find(">Web load balancer") != std::string::npos) == (webs > 0));
    CHECK((svg.find(">mirror (sync)<") != std::string::npos) == (backups > 0));
    CHECK((svg.find("class=\"arbiter\"") != std::string::npos) == (arbiters > 0));
    CHECK(occurrences(svg, "<polyline class=\"arbiter\"") == static_cast<std::size_t>(arbiters > 0 ? 2 : 0));
    CHECK((svg.find(">ECP<") != std::string::npos) == (apps + prints > 0));
    CHECK((svg.find("DR") != std::string::npos) == (drs > 0));
    CHECK((svg.find("Disaster recovery") != std::string::npos) == (drs > 0));
    CHECK((svg.find("Route 53") != std::string::npos) == (drs > 0));
    CHECK((svg.find("journal") != std::string::npos) == (drs > 0));
    CHECK_THAT(svg, Catch::Contains("Mirror load balancer"));
}

} // namespace

TEST_CASE ("the caption and the figure of every example name exactly the tiers its plan has", "[report][figure]") {
    for (const auto& ex : test::sized_examples()) {
        INFO(ex.file);
        check_tiers(ex.plan);
    }
}

TEST_CASE ("healthconnect-small: no application servers and no DR in caption or figure", "[report][figure]") {
    const Plan plan = example("healthconnect-small.json");
    REQUIRE(servers(plan, Role::app) == 0);
    REQUIRE(plan.dr_region.empty());
    const std::string caption = architecture_caption(plan);
    CHECK(caption.find("application") == std::string::npos);
    CHECK(caption.find("async") == std::string::npos);
    const std::string svg = architecture_svg(plan).svg;
    CHECK(svg.find("web and application") == std::string::npos);
    CHECK(svg.find("App server") == std::string::npos);
}

TEST_CASE ("removing a tier from a plan removes it from caption and figure", "[report][figure]") {
    const Plan full = example("trakcare-regional-hospital.json");
    REQUIRE(servers(full, Role::app) > 0);
    REQUIRE(servers(full, Role::print) > 0);
    REQUIRE(servers(full, Role::dr_async) > 0);
    check_tiers(full);
    SECTION ("no print server") {
        Plan p = full;
        drop(p, [](const Member& m) { return m.role == Role::print; });
        check_tiers(p);
    }
    SECTION ("no application or print servers") {
        Plan p = full;
        drop(p, [](const Member& m) { return m.role == Role::print || m.role == Role::app; });
        check_tiers(p);
    }
    SECTION ("no DR") {
        Plan p = full;
        drop(p, [](const Member& m) { return m.role == Role::dr_async; });
        p.dr_region.clear();
        check_tiers(p);
    }
    SECTION ("no mirror: neither backup nor arbiter") {
        Plan p = full;
        drop(p, [](const Member& m) { return m.role == Role::backup || m.role == Role::arbiter; });
        check_tiers(p);
        CHECK_THAT(architecture_caption(p), Catch::Contains("not mirrored"));
    }
    SECTION ("no web servers") {
        Plan p = full;
        drop(p, [](const Member& m) { return m.role == Role::web; });
        check_tiers(p);
    }
    SECTION ("two DR members in two zones, and app servers counted in thousands") {
        Plan p = full;
        for (auto& m : p.members)
            if (m.role == Role::app)
                m.count = 1200;
        Member dr = *p.member(Role::dr_async);
        dr.availability_zone = p.dr_region + "z";
        p.members.push_back(dr);
        check_tiers(p);
        CHECK_THAT(architecture_caption(p), Catch::Contains("2 async DR members"));
        const std::string svg = architecture_svg(p).svg;
        CHECK_THAT(svg, Catch::Contains("1,200 x "));
        CHECK_THAT(svg, Catch::Contains("Zone " + dr.availability_zone));
        // The journal reaches down into each DR member.
        CHECK(occurrences(svg, "<polygon class=\"journal\"") == 2);
    }
}

TEST_CASE ("the journal line stays within the regions' bounds, from the primary into the DR members",
           "[report][figure]") {
    for (const auto& ex : test::sized_examples()) {
        if (ex.plan.dr_region.empty())
            continue;
        INFO(ex.file);
        const std::string svg = architecture_svg(ex.plan).svg;
        const auto regions = rects_of_class(svg, "region");
        REQUIRE(regions.size() == 2);
        const auto pts = points_of_class(svg, "journal");
        REQUIRE(pts.size() >= 4);
        for (const auto& [x, y] : pts) {
            // Inside a region box, or crossing the gap between the two within their width.
            CHECK(x > regions[0].x);
            CHECK(x < regions[0].x + regions[0].w);
            CHECK(y > regions[0].y);
            CHECK(y < regions[1].y + regions[1].h);
        }
        // It starts in the production region and ends in the DR region.
        const auto [top, bottom] = std::minmax_element(
            pts.begin(), pts.end(), [](const auto& l, const auto& r) { return l.second < r.second; });
        CHECK(top->second < regions[0].y + regions[0].h);
        CHECK(bottom->second > regions[1].y);
    }
}

TEST_CASE ("member boxes are wide enough for their text", "[report][figure]") {
    for (const auto& ex : test::sized_examples()) {
        INFO(ex.file);
        const std::string svg = architecture_svg(ex.plan).svg;
        const std::regex group("<g class=\"member[^\"]*\">\\n<rect ([^>]*)/>\\n((?:<text[^>]*>[^<]*</text>\\n)+)</g>");
        const std::regex line("<text([^>]*)>([^<]*)</text>");
        int boxes = 0;
        for (auto g = std::sregex_iterator(svg.begin(), svg.end(), group); g != std::sregex_iterator(); ++g) {
            ++boxes;
            const double w = attr(" " + (*g)[1].str(), "width");
            const std::string texts = (*g)[2];
            for (auto t = std::sregex_iterator(texts.begin(), texts.end(), line); t != std::sregex_iterator(); ++t) {
                const double size = attr((*t)[1].str(), "font-size");
                const double px = size > 0 ? size : 12.0;
                const std::string s = (*t)[2];
                INFO(s);
                // DejaVu Sans averages about 0.6 em a character; bold a little more.
                CHECK(static_cast<double>(s.size()) * 0.62 * px < w);
            }
        }
        std::size_t members = 0;
        for (const auto& m : ex.plan.members)
            members += m.count > 0 ? 1 : 0;
        CHECK(boxes > 0);
        CHECK(static_cast<std::size_t>(boxes) <= members);
    }
}

TEST_CASE ("the report's architecture figure carries the caption written from the plan", "[report][figure]") {
    for (const auto& ex : test::sized_examples()) {
        INFO(ex.file);
        const Report r = build_report(ex.plan, {"9.9.9", "2026-11-26", {}, &test::catalog().instances});
        const auto s = std::find_if(r.sections.begin(), r.sections.end(),
                                    [](const ReportSection& x) { return x.id == "architecture"; });
        REQUIRE(s != r.sections.end());
        const auto fig = std::find_if(s->blocks.begin(), s->blocks.end(),
                                      [](const ReportBlock& b) { return b.kind == ReportBlock::Kind::figure; });
        REQUIRE(fig != s->blocks.end());
        CHECK(fig->text == architecture_caption(ex.plan));
        CHECK(fig->svg == architecture_svg(ex.plan).svg);
    }
}
