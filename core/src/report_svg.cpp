// SPDX-License-Identifier: GPL-3.0-or-later
#include "irisize/report_svg.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "irisize/format.hpp"
#include "irisize/report_model.hpp"

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

// Tiers top to bottom inside an availability zone, as in the reference architecture figures.
int tier(std::string_view role) {
    static const char* order[] = {"web", "app", "print", "primary", "backup", "arbiter", "dr-async"};
    for (int i = 0; i < 7; ++i)
        if (role == order[i])
            return i;
    return 7;
}

const char* fill_for(std::string_view role) {
    if (role == "primary" || role == "backup" || role == "dr-async")
        return "#dbe8f6";
    if (role == "arbiter")
        return "#eeeeee";
    if (role == "app")
        return "#e2f0dc";
    return "#fbeed5"; // web, print
}

struct Box {
    double x = 0, y = 0, w = 0, h = 0;
    [[nodiscard]] double cx() const { return x + w / 2; }
    [[nodiscard]] double cy() const { return y + h / 2; }
};

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

} // namespace

SvgFigure architecture_svg(const Plan& plan) {
    constexpr double box_w = 150, box_h = 42, gap = 10, pad = 12, title_h = 24, az_title_h = 22, region_gap = 60,
                     lb_h = 30;
    // Regions in the order they appear (production first), their zones sorted by name.
    std::vector<std::string> regions;
    std::map<std::string, std::vector<std::string>> zones;
    for (const auto& m : plan.members) {
        if (std::find(regions.begin(), regions.end(), m.region) == regions.end())
            regions.push_back(m.region);
        auto& z = zones[m.region];
        if (std::find(z.begin(), z.end(), m.availability_zone) == z.end())
            z.push_back(m.availability_zone);
    }
    for (auto& [r, z] : zones)
        std::sort(z.begin(), z.end());

    // Member boxes per zone, in tier order.
    std::map<std::string, std::vector<const Member*>> in_zone;
    for (const auto& m : plan.members)
        in_zone[m.availability_zone].push_back(&m);
    for (auto& [z, ms] : in_zone)
        std::stable_sort(ms.begin(), ms.end(), [](const Member* a, const Member* b) { return tier(a->role) < tier(b->role); });

    const bool has_lb = plan.member("web") != nullptr || plan.member("app") != nullptr;

    std::string body;
    std::map<const Member*, Box> placed;
    std::map<std::string, double> region_top;
    const double x = 20;
    double y = 20, width = 0;
    for (std::size_t ri = 0; ri < regions.size(); ++ri) {
        const auto& region = regions[ri];
        const auto& zs = zones[region];
        const bool production = ri == 0;
        const std::string title = fmt::format("{} region {}", production ? "Production" : "Disaster recovery", region);
        const double lb = production && has_lb ? lb_h + gap : 0;
        const double region_w = std::max(pad * 2 + static_cast<double>(zs.size()) * (box_w + 2 * gap) +
                                             static_cast<double>(zs.size() - 1) * gap,
                                         pad * 2 + 7.5 * static_cast<double>(title.size()));
        // Only as many rows as this region's fullest zone.
        std::size_t region_rows = 1;
        for (const auto& z : zs)
            region_rows = std::max(region_rows, in_zone[z].size());
        const double col_h = az_title_h + static_cast<double>(region_rows) * (box_h + gap);
        const double region_h = title_h + pad + lb + col_h + pad;
        region_top[region] = y;
        width = std::max(width, x + region_w + 20);
        body += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" rx=\"6\" fill=\"#f7f9fc\" "
                            "stroke=\"#4a6fa5\" stroke-width=\"1.5\"/>\n",
                            x, y, region_w, region_h);
        body += text(x + pad, y + 17, title, "font-weight=\"bold\" fill=\"#23395d\"");
        double y0 = y + title_h + pad;
        if (lb > 0) {
            body += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" rx=\"4\" "
                                "fill=\"#fff7e6\" stroke=\"#b7791f\"/>\n",
                                x + pad, y0, region_w - 2 * pad, lb_h);
            body += text(x + region_w / 2, y0 + 19, "Load balancer (web and application tiers)",
                         "text-anchor=\"middle\" fill=\"#7b4a0e\"");
            y0 += lb;
        }
        for (std::size_t zi = 0; zi < zs.size(); ++zi) {
            const double cx = x + pad + static_cast<double>(zi) * (box_w + 3 * gap);
            body += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" rx=\"4\" "
                                "fill=\"none\" stroke=\"#8aa2c8\" stroke-dasharray=\"5 3\"/>\n",
                                cx, y0, box_w + 2 * gap, col_h);
            body += text(cx + gap, y0 + 15, fmt::format("Zone {}", zs[zi]), "fill=\"#4a6fa5\" font-size=\"11\"");
            double by = y0 + az_title_h;
            for (const Member* m : in_zone[zs[zi]]) {
                const Box bx{cx + gap, by, box_w, box_h};
                placed[m] = bx;
                body += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" rx=\"3\" "
                                    "fill=\"{}\" stroke=\"#555555\"/>\n",
                                    bx.x, bx.y, bx.w, bx.h, fill_for(m->role));
                body += text(bx.cx(), bx.y + 17, m->role, "text-anchor=\"middle\" font-weight=\"bold\"");
                body += text(bx.cx(), bx.y + 33,
                             m->count > 1 ? fmt::format("{} x {}", m->count, m->instance_type) : m->instance_type,
                             "text-anchor=\"middle\"");
                by += box_h + gap;
            }
        }
        y += region_h + region_gap;
    }
    const double height = y - region_gap;

    // The mirror (synchronous, side to side within the region) and the async journal stream
    // down to the DR region; labels on a white ground so lines never cross them.
    std::string links, labels;
    const Member* primary = plan.member("primary");
    auto line = [&](double x1, double y1, double x2, double y2, const char* colour, bool dashed,
                    std::string_view label, double lx, double ly) {
        links += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                             "stroke-width=\"2\"{}/>\n",
                             x1, y1, x2, y2, colour, dashed ? " stroke-dasharray=\"6 4\"" : "");
        const double w = 6.0 * static_cast<double>(label.size()) + 6;
        labels += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"14\" fill=\"#ffffff\" "
                              "stroke=\"{}\" stroke-width=\"0.5\" rx=\"2\"/>\n",
                              lx - w / 2, ly - 10, w, colour);
        labels += text(lx, ly, label, fmt::format("text-anchor=\"middle\" font-size=\"10\" fill=\"{}\"", colour));
    };
    if (primary && placed.count(primary)) {
        const Box p = placed[primary];
        for (const auto& m : plan.members) {
            if (!placed.count(&m) || &m == primary)
                continue;
            const Box o = placed[&m];
            if (m.role == "backup") {
                const bool right = o.x > p.x;
                const double x1 = right ? p.x + p.w : p.x, x2 = right ? o.x : o.x + o.w;
                line(x1, p.cy(), x2, o.cy(), "#23395d", false, "mirror (sync)", (x1 + x2) / 2, std::max(p.y, o.y) + box_h + 14);
            } else if (m.role == "dr-async") {
                // Around the left of the drawing, clear of every label: out of the primary's left
                // side, down the margin, into the DR member's left side.
                const double margin = x - 10;
                const char* colour = "#9b2c2c";
                links += fmt::format("<polyline points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\" "
                                     "fill=\"none\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
                                     p.x, p.cy(), margin, p.cy(), margin, o.cy(), o.x, o.cy(), colour);
                const std::string label = "journal (async)";
                const double w = 6.0 * static_cast<double>(label.size()) + 6;
                const double ly = region_top[m.region] - region_gap / 2 + 4;
                labels += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"14\" fill=\"#ffffff\" "
                                      "stroke=\"{}\" stroke-width=\"0.5\" rx=\"2\"/>\n",
                                      margin + 6, ly - 10, w, colour);
                labels += text(margin + 6 + w / 2, ly, label,
                               fmt::format("text-anchor=\"middle\" font-size=\"10\" fill=\"{}\"", colour));
            }
        }
    }
    SvgFigure f;
    f.width = width;
    f.height = height + 20;
    f.svg = svg_open(f.width, f.height) + body + links + labels + "</svg>\n";
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
        s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", pts,
                         se.colour, *se.dash ? fmt::format(" stroke-dasharray=\"{}\"", se.dash) : "");
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
