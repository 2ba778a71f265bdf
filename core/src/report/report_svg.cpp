// SPDX-License-Identifier: GPL-3.0-or-later
// The report's figures as standalone SVG, drawn from the plan alone: the architecture (its
// layout computed in architecture_layout.cpp, drawn here), the monthly cost by category and the
// database growth against the planned data volumes.
#include "irisize/report/report_svg.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "irisize/format.hpp"
#include "irisize/report/architecture_layout.hpp"
#include "irisize/report/report_model.hpp"

namespace irisize {

namespace u = units;

namespace {

constexpr const char* font = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

std::string svg_open(double w, double h) {
    return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
                       "viewBox=\"0 0 {0:.0f} {1:.0f}\" {2} font-size=\"12\">\n"
                       "<rect x=\"0\" y=\"0\" width=\"{0:.0f}\" height=\"{1:.0f}\" fill=\"#ffffff\"/>\n",
                       w, h, font);
}

std::string text(double x, double y, std::string_view s, std::string_view extra = {}) {
    return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\"{}{}>{}</text>\n", x, y, extra.empty() ? "" : " ", extra,
                       xml_escape(s));
}

// A "nice" axis step: 1, 2 or 5 times a power of ten, giving about `ticks` ticks.
double nice_step(double range, int ticks) {
    if (range <= 0)
        return 1;
    const double raw = range / ticks;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * p)
            return m * p;
    return 10 * p;
}

// --- the architecture figure -------------------------------------------------------------------

int count_of(const std::vector<ArchitectureMember>& nodes, Role role) {
    int n = 0;
    for (const auto& x : nodes)
        if (x.role == role)
            n += x.count;
    return n;
}

std::string types_of(const std::vector<ArchitectureMember>& nodes, Role role) {
    std::vector<std::string> types;
    for (const auto& x : nodes)
        if (x.role == role && std::find(types.begin(), types.end(), x.instance_type) == types.end())
            types.push_back(x.instance_type);
    std::string s;
    for (std::size_t i = 0; i < types.size(); ++i)
        s += (i == 0 ? "" : i + 1 == types.size() ? " and " : ", ") + types[i];
    return s;
}

std::string servers(int n, std::string_view what) {
    return fmt::format("{} {}{}", num(n), what, n == 1 ? "" : "s");
}

std::string rect(const LayoutRect& b, std::string_view attrs) {
    return fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" {}/>\n", b.x, b.y, b.w, b.h,
                       attrs);
}

std::string points(const std::vector<LayoutPoint>& pts) {
    std::string p;
    for (const auto& [x, y] : pts)
        p += fmt::format("{}{:.1f},{:.1f}", p.empty() ? "" : " ", x, y);
    return p;
}

std::string_view anchor_name(TextAnchor a) {
    return a == TextAnchor::middle ? "middle" : a == TextAnchor::end ? "end" : "start";
}

/// A text of the figure, with the attributes its style calls for.
std::string text(const ArchitectureText& t) {
    using S = ArchitectureTextStyle;
    std::string attrs;
    switch (t.style) {
    case S::region_title:
        attrs = fmt::format("font-weight=\"bold\" fill=\"{}\"", t.colour);
        break;
    case S::zone_label:
        attrs = fmt::format("fill=\"{}\" font-size=\"11\"", t.colour);
        break;
    case S::member_role:
        attrs = "text-anchor=\"middle\" font-weight=\"bold\"";
        break;
    case S::member_type:
        attrs = "text-anchor=\"middle\"";
        break;
    case S::member_size:
    case S::service_detail:
        attrs = fmt::format("text-anchor=\"middle\" font-size=\"10\" fill=\"{}\"", t.colour);
        break;
    case S::service_title:
        attrs = fmt::format("text-anchor=\"middle\" font-weight=\"bold\" fill=\"{}\"", t.colour);
        break;
    case S::tag:
        attrs = fmt::format("text-anchor=\"{}\" font-size=\"10\" fill=\"{}\"", anchor_name(t.anchor), t.colour);
        break;
    case S::channel_label:
        attrs = fmt::format("font-size=\"10\" font-weight=\"bold\" fill=\"{}\"", t.colour);
        break;
    }
    return text(t.x, t.y, t.text, attrs);
}

} // namespace

std::string architecture_caption(const Plan& plan) {
    const auto nodes = architecture_members(plan);
    if (plan.hybrid()) {
        const int drs = count_of(nodes, Role::dr_async);
        return fmt::format("Figure 1. Hybrid site: the failover members stay in the customer's data centre (listed with "
                           "what they need, not priced); {} ({}) in {}, one per availability zone, receive the journal "
                           "asynchronously over the link from the data centre.",
                           servers(drs, "async DR member"), types_of(nodes, Role::dr_async), plan.region);
    }
    const int primaries = count_of(nodes, Role::primary), backups = count_of(nodes, Role::backup),
              arbiters = count_of(nodes, Role::arbiter), drs = count_of(nodes, Role::dr_async),
              apps = count_of(nodes, Role::app), prints = count_of(nodes, Role::print),
              webs = count_of(nodes, Role::web);
    std::vector<std::string> parts;
    if (primaries > 0 && backups > 0) {
        std::string s = fmt::format("primary and backup failover members ({}) in two availability zones, mirrored "
                                    "synchronously",
                                    types_of(nodes, Role::primary));
        if (arbiters > 0)
            s += fmt::format(", the arbiter ({}) in a third zone linked to both", types_of(nodes, Role::arbiter));
        parts.push_back(s);
        parts.push_back("a network load balancer in place of the mirror's virtual IP, sending clients to the current "
                        "primary");
    } else if (primaries > 0) {
        parts.push_back(fmt::format("one database server ({}), not mirrored, behind a network load balancer",
                                    types_of(nodes, Role::primary)));
    }
    if (apps > 0 || prints > 0) {
        std::string who;
        if (apps > 0)
            who = fmt::format("{} ({})", servers(apps, "ECP application server"), types_of(nodes, Role::app));
        if (prints > 0)
            who += fmt::format("{}{} ({})", who.empty() ? "" : " and ", servers(prints, "print server"),
                               types_of(nodes, Role::print));
        parts.push_back(who + " connected to the data server by ECP");
    }
    if (webs > 0)
        parts.push_back(fmt::format("{} ({}) behind the web load balancer", servers(webs, "web server"),
                                    types_of(nodes, Role::web)));
    if (drs > 0) {
        const bool failover = primaries > 0;
        parts.push_back(fmt::format("{} ({}) in the disaster-recovery region {} receiving the journal "
                                    "asynchronously{}",
                                    servers(drs, "async DR member"), types_of(nodes, Role::dr_async), plan.dr_region,
                                    failover ? ", and Route 53 failover between the two regions' load balancers" : ""));
    }
    std::string s = fmt::format("Figure 1. Deployment in {}", plan.region);
    for (std::size_t i = 0; i < parts.size(); ++i)
        s += (i == 0 ? ": " : "; ") + parts[i];
    return s + ".";
}

SvgFigure architecture_svg(const Plan& plan) {
    const ArchitectureLayout layout = architecture_layout(plan);
    namespace colour = architecture_colour;
    std::string frames, lines, boxes, labels;
    for (const auto& r : layout.regions) {
        frames += rect(r.frame, fmt::format("class=\"region\" rx=\"6\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"",
                                            colour::region_fill, colour::region_border));
        frames += text(r.title);
        for (const auto& z : r.zones) {
            frames += rect(z.column, fmt::format("rx=\"4\" fill=\"none\" stroke=\"{}\" stroke-dasharray=\"5 3\"",
                                                 colour::zone_border));
            frames += text(z.label);
        }
    }
    for (const auto& l : layout.lines) {
        if (l.filled)
            lines += fmt::format("<polygon class=\"{}\" points=\"{}\" fill=\"{}\"/>\n", l.css_class, points(l.points),
                                 l.colour);
        else
            lines += fmt::format(
                "<polyline class=\"{}\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n",
                l.css_class, points(l.points), l.colour, l.width,
                l.dash.empty() ? std::string() : fmt::format(" stroke-dasharray=\"{}\"", l.dash));
    }
    for (const auto& b : layout.boxes) {
        boxes += fmt::format("<g class=\"{}\">\n", xml_escape(b.css_class));
        boxes += rect(b.rect, fmt::format("rx=\"{}\" fill=\"{}\" stroke=\"{}\"", b.radius, b.fill, b.border));
        for (const auto& t : b.lines)
            boxes += text(t);
        boxes += "</g>\n";
    }
    for (const auto& l : layout.labels) {
        if (l.tag)
            labels += rect(l.ground, fmt::format("rx=\"2\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.5\"",
                                                 colour::background, l.text.colour));
        labels += text(l.text);
    }
    SvgFigure f;
    f.width = layout.width;
    f.height = layout.height;
    f.svg = svg_open(f.width, f.height) + frames + lines + boxes + labels + "</svg>\n";
    return f;
}

SvgFigure cost_svg(const Plan& plan) {
    std::vector<std::pair<std::string, double>> cats;
    for (const auto& c : plan.cost_lines) {
        auto it = std::find_if(cats.begin(), cats.end(), [&](const auto& p) { return p.first == c.category; });
        if (it == cats.end())
            cats.emplace_back(c.category, plan.monthly_usd(c.cost));
        else
            it->second += plan.monthly_usd(c.cost);
    }
    std::stable_sort(cats.begin(), cats.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    constexpr double label_w = 110, bar_max = 360, bar_h = 20, gap = 8, top = 30, value_w = 120;
    const double biggest = cats.empty() ? 1 : std::max(cats.front().second, 1e-9);
    SvgFigure f;
    f.width = 20 + label_w + bar_max + value_w;
    f.height = top + static_cast<double>(cats.size()) * (bar_h + gap) + 16;
    std::string s = svg_open(f.width, f.height);
    s += text(20, 18, fmt::format("Cost per month by category: {} in all", money_str(plan.monthly_usd())),
              "font-weight=\"bold\"");
    double y = top;
    for (const auto& [cat, usd] : cats) {
        const double w = std::max(1.0, bar_max * usd / biggest);
        s += text(20 + label_w - 6, y + 14, cat, "text-anchor=\"end\"");
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#4a6fa5\"/>\n",
                         20 + label_w, y, w, bar_h);
        s += text(20 + label_w + w + 6, y + 14, money_str(usd));
        y += bar_h + gap;
    }
    f.svg = s + "</svg>\n";
    return f;
}

SvgFigure growth_svg(const Plan& plan) {
    constexpr double left = 70, right = 150, top = 30, bottom = 40, plot_w = 420, plot_h = 200;
    SvgFigure f;
    f.width = left + plot_w + right;
    f.height = top + plot_h + bottom;
    std::string s = svg_open(f.width, f.height);
    s += text(20, 18, "Database and data-volume capacity by year (GiB)", "font-weight=\"bold\"");
    const auto& ys = plan.projection;
    if (ys.empty()) {
        s += text(left, top + 40, "No growth projection in this plan.");
        f.svg = s + "</svg>\n";
        return f;
    }
    double ymax = 0;
    for (const auto& y : ys)
        ymax = std::max({ymax, u::in_GiB(y.database), u::in_GiB(y.data_needed), u::in_GiB(y.data_planned)});
    const double step = nice_step(ymax, 5);
    ymax = std::max(step, std::ceil(ymax / step) * step);
    const int y0 = ys.front().year, y1 = std::max(ys.back().year, y0 + 1);
    auto px = [&](double year) { return left + plot_w * (year - y0) / (y1 - y0); };
    auto py = [&](double gib) { return top + plot_h - plot_h * gib / ymax; };

    for (double v = 0; v <= ymax + step / 2; v += step) {
        s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#dddddd\"/>\n", left,
                         py(v), left + plot_w, py(v));
        s += text(left - 6, py(v) + 4, num(v), "text-anchor=\"end\" font-size=\"10\"");
    }
    for (const auto& y : ys)
        s += text(px(y.year), top + plot_h + 16, fmt::format("{}", y.year), "text-anchor=\"middle\" font-size=\"10\"");
    s += text(left + plot_w / 2, top + plot_h + 32, "year", "text-anchor=\"middle\" font-size=\"10\"");
    s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" "
                     "stroke=\"#888888\"/>\n",
                     left, top, plot_w, plot_h);

    struct Series {
        const char* name;
        const char* colour;
        const char* dash;
        units::capacity YearProjection::*field;
    };
    const Series series[] = {{"database", "#23395d", "", &YearProjection::database},
                             {"data volume need", "#b7791f", "6 4", &YearProjection::data_needed},
                             {"planned data volumes", "#2f855a", "", &YearProjection::data_planned}};
    double ly = top + 10;
    for (const auto& se : series) {
        std::string pts;
        for (const auto& y : ys)
            pts += fmt::format("{:.1f},{:.1f} ", px(y.year), py(u::in_GiB(y.*se.field)));
        s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", pts, se.colour,
                         *se.dash ? fmt::format(" stroke-dasharray=\"{}\"", se.dash) : "");
        s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                         "stroke-width=\"2\"{}/>\n",
                         left + plot_w + 10, ly, left + plot_w + 30, ly, se.colour,
                         *se.dash ? fmt::format(" stroke-dasharray=\"{}\"", se.dash) : "");
        s += text(left + plot_w + 34, ly + 4, se.name, "font-size=\"10\"");
        ly += 16;
    }
    f.svg = s + "</svg>\n";
    return f;
}

} // namespace irisize
