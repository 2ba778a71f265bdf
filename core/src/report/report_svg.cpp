// SPDX-License-Identifier: GPL-3.0-or-later
// The report's figures as standalone SVG, drawn from the plan alone: the architecture
// (regions, zones, members), the monthly cost by category and the database growth against
// the planned data volumes.
#include "irisize/report/report_svg.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "irisize/format.hpp"
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

namespace {

// --- the architecture figure -------------------------------------------------------------------
// Drawn as the deployment code (deploy/terraform.cpp) builds it: regions one above the other, each with
// its availability zones as dashed columns; member rows top to bottom web, application (ECP),
// print, database; the web load balancer over the web servers, the mirror's network load balancer
// (in place of the mirror's virtual IP) under the failover pair, Route 53 failover between the
// regions' load balancers, the journal stream from the primary down the regions' left gutter.

constexpr double font_px = 12, small_px = 10;

/// Width of a line of text, estimated generously for DejaVu Sans (the widest of the fonts named)
/// so that a box sized with it holds its text in any of them.
double text_w(std::string_view s, double px, bool bold = false) {
    double em = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) == 0x80)
            continue; // UTF-8 continuation byte
        if (c == ' ' || c == '.' || c == ',' || c == 'i' || c == 'l' || c == '(' || c == ')' || c == '-' || c == '\'')
            em += 0.36;
        else if (std::isupper(c) || c == 'm' || c == 'w')
            em += 0.82;
        else
            em += 0.63;
    }
    return em * px * (bold ? 1.1 : 1.0);
}

bool is_failover(std::string_view role) {
    return role == "primary" || role == "backup";
}
bool is_ecp_client(std::string_view role) {
    return role == "app" || role == "print";
}

/// Rows top to bottom inside a region: web, application (ECP), print and any other role, database.
int row_of(std::string_view role) {
    if (role == "web")
        return 0;
    if (role == "app")
        return 1;
    if (role == "primary" || role == "backup" || role == "arbiter" || role == "dr-async")
        return 3;
    return 2;
}
constexpr int row_count = 4;

std::string role_label(std::string_view role) {
    if (role == "primary")
        return "Primary";
    if (role == "backup")
        return "Backup";
    if (role == "arbiter")
        return "Arbiter";
    if (role == "dr-async")
        return "DR async member";
    if (role == "app")
        return "App server (ECP)";
    if (role == "web")
        return "Web server";
    if (role == "print")
        return "Print server";
    return std::string(role);
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

/// One box: the members of one role, zone and instance type (their counts add up).
struct Node {
    std::string role, region, zone, instance_type;
    int count = 0;
    int vcpu = 0;
    double memory_gib = 0;
    Box box;
};

std::string node_type_line(const Node& n) {
    return n.count > 1 ? fmt::format("{} x {}", num(n.count), n.instance_type) : n.instance_type;
}
std::string node_size_line(const Node& n) {
    return fmt::format("{} vCPU, {} GiB{}", num(n.vcpu), num(n.memory_gib, 1), n.count > 1 ? " each" : "");
}

/// The members the deployment builds (a count below one builds nothing), grouped into boxes.
std::vector<Node> nodes_of(const Plan& plan) {
    std::vector<Node> out;
    for (const auto& m : plan.members) {
        if (m.count < 1)
            continue;
        auto it = std::find_if(out.begin(), out.end(), [&](const Node& n) {
            return n.role == m.role && n.region == m.region && n.zone == m.availability_zone &&
                   n.instance_type == m.instance_type;
        });
        if (it != out.end()) {
            it->count += m.count;
            continue;
        }
        out.push_back(
            {m.role, m.region, m.availability_zone, m.instance_type, m.count, m.vcpu, units::in_GiB(m.memory), {}});
    }
    return out;
}

int count_of(const std::vector<Node>& nodes, std::string_view role) {
    int n = 0;
    for (const auto& x : nodes)
        if (x.role == role)
            n += x.count;
    return n;
}

std::string types_of(const std::vector<Node>& nodes, std::string_view role) {
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

std::string rect(const Box& b, std::string_view attrs) {
    return fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" {}/>\n", b.x, b.y, b.w, b.h,
                       attrs);
}

/// A line through `pts`, of class `cls` (what it stands for: ecp, mirror, arbiter, journal, ...).
std::string polyline(std::string_view cls, std::initializer_list<std::pair<double, double>> pts,
                     std::string_view colour, double width, std::string_view dash = {}) {
    std::string p;
    for (const auto& [x, y] : pts)
        p += fmt::format("{}{:.1f},{:.1f}", p.empty() ? "" : " ", x, y);
    return fmt::format("<polyline class=\"{}\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n",
                       cls, p, colour, width,
                       dash.empty() ? std::string() : fmt::format(" stroke-dasharray=\"{}\"", dash));
}

/// A label on a white ground, so that no line runs through it; `anchor` start, middle or end.
std::string tag(double x, double y, std::string_view s, std::string_view colour, std::string_view anchor = "middle") {
    const double w = text_w(s, small_px) + 6;
    const double left = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x;
    const double tx = anchor == "middle" ? x : anchor == "end" ? x - 3 : x + 3;
    return rect({left, y - 10, w, 14},
                fmt::format("rx=\"2\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"0.5\"", colour)) +
           text(tx, y, s, fmt::format("text-anchor=\"{}\" font-size=\"10\" fill=\"{}\"", anchor, colour));
}

/// A load balancer (or DNS record) box: a bold first line and a smaller second one.
std::string service_box(const Box& b, std::string_view cls, std::string_view title, std::string_view detail,
                        std::string_view fill, std::string_view stroke, std::string_view ink) {
    std::string s = fmt::format("<g class=\"{}\">\n", cls);
    s += rect(b, fmt::format("rx=\"4\" fill=\"{}\" stroke=\"{}\"", fill, stroke));
    s += text(b.cx(), b.y + 15, title, fmt::format("text-anchor=\"middle\" font-weight=\"bold\" fill=\"{}\"", ink));
    s += text(b.cx(), b.y + 29, detail, fmt::format("text-anchor=\"middle\" font-size=\"10\" fill=\"{}\"", ink));
    return s + "</g>\n";
}

double service_w(std::string_view title, std::string_view detail) {
    return std::max(text_w(title, font_px, true), text_w(detail, small_px)) + 20;
}

struct RegionLayout {
    std::string name;
    bool production = false;
    std::vector<std::string> zones;
    Box frame;
    double columns_top = 0, columns_bottom = 0;
    std::optional<Box> web_lb, mirror_lb;
    double ecp_y = 0, arbiter_y = 0, journal_y = 0; ///< the channels above the database row
};

std::string mirror_lb_detail(bool production, int targets) {
    if (!production)
        return targets == 1 ? "in front of the DR async member" : "in front of the DR async members";
    return targets == 1 ? "in front of the primary (in place of a virtual IP)"
                        : "in place of the mirror's virtual IP: to the current primary";
}

} // namespace

std::string architecture_caption(const Plan& plan) {
    const auto nodes = nodes_of(plan);
    const int primaries = count_of(nodes, "primary"), backups = count_of(nodes, "backup"),
              arbiters = count_of(nodes, "arbiter"), drs = count_of(nodes, "dr-async"), apps = count_of(nodes, "app"),
              prints = count_of(nodes, "print"), webs = count_of(nodes, "web");
    std::vector<std::string> parts;
    if (primaries > 0 && backups > 0) {
        std::string s = fmt::format("primary and backup failover members ({}) in two availability zones, mirrored "
                                    "synchronously",
                                    types_of(nodes, "primary"));
        if (arbiters > 0)
            s += fmt::format(", the arbiter ({}) in a third zone linked to both", types_of(nodes, "arbiter"));
        parts.push_back(s);
        parts.push_back("a network load balancer in place of the mirror's virtual IP, sending clients to the current "
                        "primary");
    } else if (primaries > 0) {
        parts.push_back(fmt::format("one database server ({}), not mirrored, behind a network load balancer",
                                    types_of(nodes, "primary")));
    }
    if (apps > 0 || prints > 0) {
        std::string who;
        if (apps > 0)
            who = fmt::format("{} ({})", servers(apps, "ECP application server"), types_of(nodes, "app"));
        if (prints > 0)
            who += fmt::format("{}{} ({})", who.empty() ? "" : " and ", servers(prints, "print server"),
                               types_of(nodes, "print"));
        parts.push_back(who + " connected to the data server by ECP");
    }
    if (webs > 0)
        parts.push_back(
            fmt::format("{} ({}) behind the web load balancer", servers(webs, "web server"), types_of(nodes, "web")));
    if (drs > 0) {
        const bool failover = primaries > 0;
        parts.push_back(fmt::format("{} ({}) in the disaster-recovery region {} receiving the journal "
                                    "asynchronously{}",
                                    servers(drs, "async DR member"), types_of(nodes, "dr-async"), plan.dr_region,
                                    failover ? ", and Route 53 failover between the two regions' load balancers" : ""));
    }
    std::string s = fmt::format("Figure 1. Deployment in {}", plan.region);
    for (std::size_t i = 0; i < parts.size(); ++i)
        s += (i == 0 ? ": " : "; ") + parts[i];
    return s + ".";
}

SvgFigure architecture_svg(const Plan& plan) {
    constexpr double margin = 20, pad = 12, gutter = 24, lane = 12, title_h = 30, zone_head = 22, row_gap = 12,
                     box_h = 52, lb_h = 36, stub = 22, ecp_ch = 24, arbiter_ch = 18, journal_ch = 22, region_gap = 60,
                     route_lane = 16;
    const char* ink = "#23395d";
    const char* mirror_ink = "#23395d";
    const char* journal_ink = "#9b2c2c";
    const char* ecp_ink = "#2f6b2f";
    const char* arbiter_ink = "#666666";
    const char* route_ink = "#6b46c1";
    const char* web_ink = "#7b4a0e";

    auto nodes = nodes_of(plan);

    // Regions: production first, then the DR region, then any other in the order met.
    std::vector<RegionLayout> regions;
    auto region_index = [&](const std::string& name) {
        for (std::size_t i = 0; i < regions.size(); ++i)
            if (regions[i].name == name)
                return i;
        regions.push_back({name, false, {}, {}, 0, 0, {}, {}, 0, 0, 0});
        return regions.size() - 1;
    };
    region_index(plan.region);
    regions[0].production = true;
    if (!plan.dr_region.empty() &&
        std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.region == plan.dr_region; }))
        region_index(plan.dr_region);
    for (const auto& n : nodes) {
        auto& zs = regions[region_index(n.region)].zones;
        if (std::find(zs.begin(), zs.end(), n.zone) == zs.end())
            zs.push_back(n.zone); // primary, backup and arbiter come first in the plan: their zones lead
    }

    // One width for every member box, enough for the longest line of any.
    double box_w = 150;
    for (const auto& n : nodes)
        box_w = std::max({box_w, text_w(role_label(n.role), font_px, true) + 16,
                          text_w(node_type_line(n), font_px) + 16, text_w(node_size_line(n), small_px) + 16});
    const double col_w = box_w + 2 * lane;
    // Room between columns for the mirror's label on the line between primary and backup.
    const double col_gap = std::max(24.0, text_w("mirror (sync)", small_px) + 18 - 2 * lane);
    const double x0 = margin;
    auto col_x = [&](std::size_t i) { return x0 + gutter + static_cast<double>(i) * (col_w + col_gap); };

    const Node* primary = nullptr;
    for (const auto& n : nodes)
        if (n.role == "primary" && n.region == plan.region && !primary)
            primary = &n;
    auto in_region = [&](const RegionLayout& r, auto pred) {
        return std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.region == r.name && pred(n); });
    };
    auto mirror_target = [&](const RegionLayout& r, const Node& n) {
        return n.region == r.name && (r.production ? is_failover(n.role) : n.role == "dr-async");
    };

    // Route 53 failover: the deployment writes it when both regions have a mirror load balancer.
    const bool has_dr = regions.size() > 1 && in_region(regions[1], [](const Node& n) { return n.role == "dr-async"; });
    const bool route53 = has_dr && in_region(regions[0], [](const Node& n) { return is_failover(n.role); });
    const std::string r53_title = "Route 53 failover record";
    const std::string r53_detail = "the name clients use: production, else the DR region";

    // Vertical layout, region by region.
    double y = margin;
    std::optional<Box> r53_box;
    if (route53) {
        r53_box = Box{0, y, service_w(r53_title, r53_detail), lb_h}; // x once the width is known
        y += lb_h + 22;
    }
    double content_w = 0;
    for (auto& r : regions) {
        const double top = y;
        y += title_h;
        if (in_region(r, [](const Node& n) { return n.role == "web"; })) {
            r.web_lb = Box{x0 + pad, y, 0, lb_h};
            y += lb_h + stub;
        }
        r.columns_top = y;
        y += zone_head;
        for (int row = 0; row < row_count; ++row) {
            // Every box of this row, stacked within its zone when a zone has more than one.
            std::map<std::string, int> stacked;
            bool any = false;
            for (const auto& n : nodes)
                if (n.region == r.name && row_of(n.role) == row)
                    any = true;
            if (!any)
                continue;
            if (row == 3) {
                const bool ecp =
                    primary && r.production && in_region(r, [](const Node& n) { return is_ecp_client(n.role); });
                const bool arbiter =
                    primary && r.production && in_region(r, [](const Node& n) { return n.role == "arbiter"; });
                if (ecp) {
                    r.ecp_y = y + ecp_ch / 2 - row_gap / 2;
                    y += ecp_ch;
                }
                if (arbiter) {
                    r.arbiter_y = y + arbiter_ch / 2 - (ecp ? 0 : row_gap / 2);
                    y += arbiter_ch;
                }
                if (!r.production && primary && in_region(r, [](const Node& n) { return n.role == "dr-async"; })) {
                    r.journal_y = y + journal_ch / 2 - row_gap / 2;
                    y += journal_ch;
                }
            }
            int deepest = 0;
            for (auto& n : nodes) {
                if (n.region != r.name || row_of(n.role) != row)
                    continue;
                const auto zi =
                    static_cast<std::size_t>(std::find(r.zones.begin(), r.zones.end(), n.zone) - r.zones.begin());
                const int k = stacked[n.zone]++;
                deepest = std::max(deepest, k + 1);
                n.box = {col_x(zi) + lane, y + k * (box_h + row_gap), box_w, box_h};
                content_w = std::max(content_w, n.box.x + n.box.w + lane - x0);
            }
            y += deepest * (box_h + row_gap);
        }
        r.columns_bottom = y - row_gap + 8;
        y = r.columns_bottom;
        // The mirror's load balancer under its targets.
        double lx1 = 1e18, lx2 = -1e18;
        int targets = 0;
        for (const auto& n : nodes)
            if (mirror_target(r, n)) {
                lx1 = std::min(lx1, n.box.x);
                lx2 = std::max(lx2, n.box.x + n.box.w);
                targets += n.count;
            }
        if (targets > 0) {
            y += stub;
            const std::string title = r.production ? "Mirror load balancer (NLB)" : "DR load balancer (NLB)";
            const double w = std::max(lx2 - lx1, service_w(title, mirror_lb_detail(r.production, targets)));
            r.mirror_lb = Box{lx1, y, w, lb_h};
            content_w = std::max(content_w, lx1 + w - x0);
            y += lb_h;
        }
        y += pad;
        r.frame = {x0, top, 0, y - top};
        y += region_gap;
    }
    const double height_end = y - region_gap;

    // One width for every region: the widest content, title or load balancer text.
    double region_w = content_w + pad;
    for (const auto& r : regions) {
        const std::string title =
            fmt::format("{} region {}", r.production ? "Production" : "Disaster recovery", r.name);
        region_w = std::max(region_w, gutter + text_w(title, font_px, true) + pad);
        if (r.web_lb)
            region_w =
                std::max(region_w, 2 * pad + service_w("Web load balancer (ALB)", "in front of the web servers"));
    }
    for (auto& r : regions) {
        r.frame.w = region_w;
        if (r.web_lb)
            r.web_lb->w = region_w - 2 * pad;
    }
    const double route_x = x0 + region_w + route_lane;
    if (r53_box)
        r53_box->x = x0 + region_w - r53_box->w;

    std::string frames, lines, boxes, labels;
    auto zone_label_w = [&](const std::string& z) { return text_w("Zone " + z, 11) + 8; };
    for (const auto& r : regions) {
        frames += rect(r.frame, "class=\"region\" rx=\"6\" fill=\"#f7f9fc\" stroke=\"#4a6fa5\" stroke-width=\"1.5\"");
        frames += text(x0 + gutter, r.frame.y + 19,
                       fmt::format("{} region {}", r.production ? "Production" : "Disaster recovery", r.name),
                       fmt::format("font-weight=\"bold\" fill=\"{}\"", ink));
        for (std::size_t zi = 0; zi < r.zones.size(); ++zi) {
            frames += rect({col_x(zi), r.columns_top, col_w, r.columns_bottom - r.columns_top},
                           "rx=\"4\" fill=\"none\" stroke=\"#8aa2c8\" stroke-dasharray=\"5 3\"");
            frames +=
                text(col_x(zi) + 8, r.columns_top + 15, "Zone " + r.zones[zi], "fill=\"#4a6fa5\" font-size=\"11\"");
        }
        // Web load balancer and its web servers.
        if (r.web_lb) {
            int webs = 0;
            for (const auto& n : nodes)
                if (n.region == r.name && n.role == "web") {
                    webs += n.count;
                    const auto zi =
                        static_cast<std::size_t>(std::find(r.zones.begin(), r.zones.end(), n.zone) - r.zones.begin());
                    const double sx = std::min(n.box.x + n.box.w - 8,
                                               std::max(n.box.x + n.box.w * 0.8, col_x(zi) + zone_label_w(n.zone) + 6));
                    lines += polyline("web-link", {{sx, r.web_lb->y + r.web_lb->h}, {sx, n.box.y}}, web_ink, 1.5);
                }
            boxes += service_box(*r.web_lb, "web-lb", "Web load balancer (ALB)",
                                 webs == 1 ? std::string("in front of the web server")
                                           : fmt::format("in front of the {}", servers(webs, "web server")),
                                 "#fff7e6", "#b7791f", web_ink);
        }
        // The mirror's load balancer and its targets.
        if (r.mirror_lb) {
            int targets = 0;
            for (const auto& n : nodes)
                if (mirror_target(r, n)) {
                    targets += n.count;
                    lines += polyline("lb-link", {{n.box.cx(), n.box.y + n.box.h}, {n.box.cx(), r.mirror_lb->y}},
                                      mirror_ink, 1.5);
                }
            boxes += service_box(*r.mirror_lb, r.production ? "mirror-lb" : "dr-lb",
                                 r.production ? "Mirror load balancer (NLB)" : "DR load balancer (NLB)",
                                 mirror_lb_detail(r.production, targets), "#eef3fb", "#4a6fa5", ink);
        }
    }

    // Member boxes.
    for (const auto& n : nodes) {
        boxes += fmt::format("<g class=\"member role-{}\">\n", xml_escape(n.role));
        boxes += rect(n.box, fmt::format("rx=\"3\" fill=\"{}\" stroke=\"#555555\"", fill_for(n.role)));
        boxes += text(n.box.cx(), n.box.y + 17, role_label(n.role), "text-anchor=\"middle\" font-weight=\"bold\"");
        boxes += text(n.box.cx(), n.box.y + 32, node_type_line(n), "text-anchor=\"middle\"");
        boxes += text(n.box.cx(), n.box.y + 45, node_size_line(n),
                      "text-anchor=\"middle\" font-size=\"10\" fill=\"#4a5568\"");
        boxes += "</g>\n";
    }

    const RegionLayout& prod = regions.front();
    if (primary) {
        const Box p = primary->box;
        // ECP: each application and print server into its zone's lane, the lanes into one bus, the
        // bus down into the primary (the data server).
        if (prod.ecp_y > 0) {
            double bx1 = p.x + p.w * 0.3, bx2 = bx1;
            std::map<double, double> lane_top; // lane x -> highest client y
            for (const auto& n : nodes)
                if (n.region == prod.name && is_ecp_client(n.role)) {
                    const double lx = n.box.x - lane / 2;
                    lines += polyline("ecp", {{n.box.x, n.box.cy()}, {lx, n.box.cy()}}, ecp_ink, 1.5);
                    auto it = lane_top.find(lx);
                    lane_top[lx] = it == lane_top.end() ? n.box.cy() : std::min(it->second, n.box.cy());
                    bx1 = std::min(bx1, lx);
                    bx2 = std::max(bx2, lx);
                }
            for (const auto& [lx, top] : lane_top)
                lines += polyline("ecp", {{lx, top}, {lx, prod.ecp_y}}, ecp_ink, 1.5);
            lines += polyline("ecp", {{bx1, prod.ecp_y}, {bx2, prod.ecp_y}}, ecp_ink, 1.5);
            lines += polyline("ecp", {{p.x + p.w * 0.3, prod.ecp_y}, {p.x + p.w * 0.3, p.y}}, ecp_ink, 1.5);
            labels += text(p.x + p.w * 0.3 + 5, prod.ecp_y - 4, "ECP",
                           fmt::format("font-size=\"10\" font-weight=\"bold\" fill=\"{}\"", ecp_ink));
        }
        // The mirror: primary and backup side by side.
        for (const auto& n : nodes) {
            if (n.role != "backup" || n.region != prod.name)
                continue;
            const Box b = n.box;
            const bool right = b.x > p.x;
            const double x1 = right ? p.x + p.w : p.x, x2 = right ? b.x : b.x + b.w;
            lines += polyline("mirror", {{x1, p.cy()}, {x2, b.cy()}}, mirror_ink, 2.5);
            labels += tag((x1 + x2) / 2, (p.cy() + b.cy()) / 2 + 4, "mirror (sync)", mirror_ink);
        }
        // The arbiter, linked to both failover members: beside it directly, farther over the top.
        for (const auto& a : nodes) {
            if (a.role != "arbiter" || a.region != prod.name)
                continue;
            for (const auto& f : nodes) {
                if (!is_failover(f.role) || f.region != prod.name)
                    continue;
                const bool right = a.box.x > f.box.x;
                const double lo = std::min(a.box.x, f.box.x), hi = std::max(a.box.x, f.box.x);
                const bool between = std::any_of(nodes.begin(), nodes.end(), [&](const Node& o) {
                    return &o != &a && &o != &f && o.region == prod.name && row_of(o.role) == 3 && o.box.x > lo &&
                           o.box.x < hi;
                });
                if (!between && std::abs(a.box.y - f.box.y) < 1) {
                    const double x1 = right ? f.box.x + f.box.w : f.box.x, x2 = right ? a.box.x : a.box.x + a.box.w;
                    lines += polyline("arbiter", {{x1, f.box.cy()}, {x2, a.box.cy()}}, arbiter_ink, 1.5, "4 3");
                } else if (prod.arbiter_y > 0) {
                    const double fx = f.box.x + f.box.w * 0.75, ax = a.box.cx();
                    lines +=
                        polyline("arbiter", {{fx, f.box.y}, {fx, prod.arbiter_y}, {ax, prod.arbiter_y}, {ax, a.box.y}},
                                 arbiter_ink, 1.5, "4 3");
                }
            }
        }
        // The journal, asynchronously to the DR members: out of the primary's left side, down the
        // regions' left gutter, along the channel over the DR members, into each.
        if (regions.size() > 1 && regions[1].journal_y > 0) {
            const RegionLayout& dr = regions[1];
            const double jx = x0 + gutter / 2, py = p.y + p.h * 0.7;
            double far = jx;
            for (const auto& n : nodes)
                if (n.region == dr.name && n.role == "dr-async") {
                    far = std::max(far, n.box.cx());
                    lines += polyline("journal", {{n.box.cx(), dr.journal_y}, {n.box.cx(), n.box.y - 5}}, journal_ink,
                                      2, "6 4");
                    lines += fmt::format("<polygon class=\"journal\" points=\"{:.1f},{:.1f} {:.1f},{:.1f} "
                                         "{:.1f},{:.1f}\" fill=\"{}\"/>\n",
                                         n.box.cx() - 4, n.box.y - 7, n.box.cx() + 4, n.box.y - 7, n.box.cx(), n.box.y,
                                         journal_ink);
                }
            lines += polyline("journal", {{p.x, py}, {jx, py}, {jx, dr.journal_y}, {far, dr.journal_y}}, journal_ink, 2,
                              "6 4");
            labels += tag(jx + 6, dr.frame.y - region_gap / 2 + 4, "journal (async)", journal_ink, "start");
        }
    }
    // Route 53: one failover record, primary to the production load balancer, secondary to the DR one.
    if (r53_box && prod.mirror_lb && regions.size() > 1 && regions[1].mirror_lb) {
        const Box& a = *prod.mirror_lb;
        const Box& b = *regions[1].mirror_lb;
        lines += polyline("route53",
                          {{r53_box->x + r53_box->w, r53_box->cy()},
                           {route_x, r53_box->cy()},
                           {route_x, a.cy()},
                           {a.x + a.w, a.cy()}},
                          route_ink, 1.5);
        lines += polyline("route53", {{route_x, a.cy()}, {route_x, b.cy()}, {b.x + b.w, b.cy()}}, route_ink, 1.5);
        // The record's roles on the lines, inside the regions, clear of their borders.
        labels += tag(x0 + region_w - 10, a.cy() + 4, "primary", route_ink, "end");
        labels += tag(x0 + region_w - 10, b.cy() + 4, "secondary", route_ink, "end");
        boxes += service_box(*r53_box, "route53", r53_title, r53_detail, "#f3efff", route_ink, route_ink);
    }

    SvgFigure f;
    f.width = x0 + region_w + (route53 ? route_lane + 8 : 0) + margin;
    f.height = height_end + margin;
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
