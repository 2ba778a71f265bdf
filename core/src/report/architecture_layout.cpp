// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture figure's layout, computed from the plan alone and drawn by the report's SVG
// and the desktop application alike. Drawn as the deployment code (deploy/terraform.cpp) builds
// it: regions one above the other, each with its availability zones as dashed columns; member
// rows top to bottom web, application (ECP), print, database; the web load balancer over the web
// servers, the mirror's network load balancer (in place of the mirror's virtual IP) under the
// failover pair, Route 53 failover between the regions' load balancers, the journal stream from
// the primary down the regions' left gutter.
#include "irisize/report/architecture_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "irisize/format.hpp"

namespace irisize {

namespace colour = architecture_colour;

ArchitectureTier architecture_tier(Role role) {
    switch (role) {
    case Role::web:
        return ArchitectureTier::web;
    case Role::app:
        return ArchitectureTier::app;
    case Role::print:
        return ArchitectureTier::print;
    case Role::primary:
    case Role::backup:
        return ArchitectureTier::database;
    case Role::arbiter:
        return ArchitectureTier::arbiter;
    case Role::dr_async:
        return ArchitectureTier::dr;
    }
    return ArchitectureTier::other;
}

std::string_view architecture_tier_fill(ArchitectureTier tier) {
    switch (tier) {
    case ArchitectureTier::database:
    case ArchitectureTier::dr:
        return "#dbe8f6";
    case ArchitectureTier::arbiter:
        return "#eeeeee";
    case ArchitectureTier::app:
        return "#e2f0dc";
    case ArchitectureTier::web:
    case ArchitectureTier::print:
    case ArchitectureTier::other:
        break;
    }
    return "#fbeed5";
}

double architecture_text_px(ArchitectureTextStyle style) {
    switch (style) {
    case ArchitectureTextStyle::zone_label:
        return 11;
    case ArchitectureTextStyle::member_size:
    case ArchitectureTextStyle::service_detail:
    case ArchitectureTextStyle::tag:
    case ArchitectureTextStyle::channel_label:
        return 10;
    case ArchitectureTextStyle::region_title:
    case ArchitectureTextStyle::member_role:
    case ArchitectureTextStyle::member_type:
    case ArchitectureTextStyle::service_title:
        break;
    }
    return 12;
}

bool architecture_text_bold(ArchitectureTextStyle style) {
    return style == ArchitectureTextStyle::region_title || style == ArchitectureTextStyle::member_role ||
           style == ArchitectureTextStyle::service_title || style == ArchitectureTextStyle::channel_label;
}

double architecture_text_width(std::string_view s, double px, bool bold) {
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

std::vector<ArchitectureMember> architecture_members(const Plan& plan) {
    std::vector<ArchitectureMember> out;
    for (const auto& m : plan.members) {
        if (m.count < 1)
            continue;
        auto it = std::find_if(out.begin(), out.end(), [&](const ArchitectureMember& n) {
            return n.role == m.role && n.region == m.region && n.zone == m.availability_zone &&
                   n.instance_type == m.instance_type && n.system == m.system;
        });
        if (it != out.end()) {
            it->count += m.count;
            continue;
        }
        if (m.on_premises) {
            out.push_back({m.role, m.region, m.availability_zone, std::string(), m.count,
                           static_cast<int>(std::ceil(m.demand.vcpu - 1e-9)), units::in_GiB(m.demand.memory),
                           m.system == "shared" ? std::string() : m.system, true});
            continue;
        }
        out.push_back({m.role, m.region, m.availability_zone, m.instance_type, m.count, m.vcpu, units::in_GiB(m.memory),
                       m.system == "shared" ? std::string() : m.system, false});
    }
    return out;
}

namespace {

using Style = ArchitectureTextStyle;
using Box = LayoutRect;

constexpr double font_px = 12, small_px = 10;

double text_w(std::string_view s, double px, bool bold = false) {
    return architecture_text_width(s, px, bold);
}

bool is_ecp_client(Role role) {
    return role == Role::app || role == Role::print;
}

/// Rows top to bottom inside a region: web, application (ECP), print, database.
int row_of(Role role) {
    if (role == Role::web)
        return 0;
    if (role == Role::app)
        return 1;
    if (holds_databases(role) || role == Role::arbiter)
        return 3;
    return 2;
}
constexpr int row_count = 4;

std::string role_label(Role role) {
    switch (role) {
    case Role::primary:
        return "Primary";
    case Role::backup:
        return "Backup";
    case Role::arbiter:
        return "Arbiter";
    case Role::dr_async:
        return "DR async member";
    case Role::app:
        return "App server (ECP)";
    case Role::web:
        return "Web server";
    case Role::print:
        return "Print server";
    }
    return std::string(name(role));
}

/// A member box's first line: its role, and in a deployment its system ("Primary: Patient
/// Index"), a long name cut to 28 characters.
std::string member_title(const ArchitectureMember& n) {
    if (n.system.empty())
        return role_label(n.role);
    std::string system = n.system;
    if (system.size() > 28) {
        system.resize(25);
        while (!system.empty() && (system.back() == ' ' || (static_cast<unsigned char>(system.back()) & 0xC0) == 0x80))
            system.pop_back();
        if (!system.empty() && static_cast<unsigned char>(system.back()) >= 0xC0)
            system.pop_back();
        system += "...";
    }
    return role_label(n.role) + ": " + system;
}

/// One member box being placed.
struct Node {
    ArchitectureMember member;
    Box box;
};

std::string node_type_line(const ArchitectureMember& n) {
    if (n.on_premises)
        return "the site's own server";
    return n.count > 1 ? fmt::format("{} x {}", num(n.count), n.instance_type) : n.instance_type;
}
std::string node_size_line(const ArchitectureMember& n) {
    if (n.on_premises)
        return fmt::format("needs {} vCPU, {} GiB; not priced", num(n.vcpu), num(n.memory_gib, 1));
    return fmt::format("{} vCPU, {} GiB{}", num(n.vcpu), num(n.memory_gib, 1), n.count > 1 ? " each" : "");
}

std::string servers(int n, std::string_view what) {
    return fmt::format("{} {}{}", num(n), what, n == 1 ? "" : "s");
}

ArchitectureLine line(std::string_view cls, std::initializer_list<LayoutPoint> pts, std::string_view colour,
                      double width, std::string_view dash = {}) {
    return {std::string(cls), pts, colour, width, std::string(dash), false};
}

/// A label on a white ground, so that no line runs through it.
ArchitectureLabel tag(double x, double y, std::string_view s, std::string_view colour,
                      TextAnchor anchor = TextAnchor::middle) {
    const double w = text_w(s, small_px) + 6;
    const double left = anchor == TextAnchor::middle ? x - w / 2 : anchor == TextAnchor::end ? x - w : x;
    const double tx = anchor == TextAnchor::middle ? x : anchor == TextAnchor::end ? x - 3 : x + 3;
    return {true, {left, y - 10, w, 14}, {Style::tag, std::string(s), tx, y, anchor, colour}};
}

/// A load balancer (or DNS record) box: a bold first line and a smaller second one.
ArchitectureBox service_box(const Box& b, std::string_view cls, std::string_view title, std::string_view detail,
                            std::string_view fill, std::string_view border, std::string_view ink) {
    ArchitectureBox s;
    s.css_class = cls;
    s.rect = b;
    s.radius = 4;
    s.fill = fill;
    s.border = border;
    s.lines.push_back({Style::service_title, std::string(title), b.cx(), b.y + 15, TextAnchor::middle, ink});
    s.lines.push_back({Style::service_detail, std::string(detail), b.cx(), b.y + 29, TextAnchor::middle, ink});
    return s;
}

double service_w(std::string_view title, std::string_view detail) {
    return std::max(text_w(title, font_px, true), text_w(detail, small_px)) + 20;
}

struct RegionPlace {
    std::string name;
    bool production = false;
    std::vector<std::string> zones;
    Box frame;
    double columns_top = 0, columns_bottom = 0;
    std::optional<Box> web_lb, mirror_lb;
    double ecp_y = 0, arbiter_y = 0, journal_y = 0; ///< the channels above the database row
};

/// "Mirror load balancer (NLB)", or in a deployment of several mirrors "Mirror load balancers (NLB), one per system".
std::string lb_title(bool production, std::size_t mirrors) {
    if (mirrors > 1)
        return production ? "Mirror load balancers (NLB), one per system" : "DR load balancers (NLB), one per system";
    return production ? "Mirror load balancer (NLB)" : "DR load balancer (NLB)";
}

std::string mirror_lb_detail(bool production, int targets) {
    if (!production)
        return targets == 1 ? "in front of the DR async member" : "in front of the DR async members";
    return targets == 1 ? "in front of the primary (in place of a virtual IP)"
                        : "in place of the mirror's virtual IP: to the current primary";
}

std::string region_title(const RegionPlace& r, bool hybrid) {
    if (r.name == "on-premises")
        return "On premises: the customer's data centre";
    if (hybrid)
        return fmt::format("AWS region {}: disaster recovery", r.name);
    return fmt::format("{} region {}", r.production ? "Production" : "Disaster recovery", r.name);
}

} // namespace

ArchitectureLayout architecture_layout(const Plan& plan) {
    constexpr double margin = 20, pad = 12, gutter = 24, lane = 12, title_h = 30, zone_head = 22, row_gap = 12,
                     box_h = 52, lb_h = 36, stub = 22, ecp_ch = 24, arbiter_ch = 18, journal_ch = 22, region_gap = 60,
                     route_lane = 16;

    std::vector<Node> nodes;
    for (auto& m : architecture_members(plan))
        nodes.push_back({std::move(m), {}});
    // The mirrors drawn: one per system of a deployment (each has its own load balancers).
    std::vector<std::string> systems_with_primary;
    for (const auto& n : nodes)
        if (n.member.role == Role::primary && !n.member.on_premises &&
            std::find(systems_with_primary.begin(), systems_with_primary.end(), n.member.system) ==
                systems_with_primary.end())
            systems_with_primary.push_back(n.member.system);
    const std::size_t mirrors = systems_with_primary.size();

    // Regions: production first, then the DR region, then any other in the order met.
    std::vector<RegionPlace> regions;
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
        std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.member.region == plan.dr_region; }))
        region_index(plan.dr_region);
    for (const auto& n : nodes) {
        auto& zs = regions[region_index(n.member.region)].zones;
        if (std::find(zs.begin(), zs.end(), n.member.zone) == zs.end())
            zs.push_back(n.member.zone); // primary, backup and arbiter come first in the plan: their zones lead
    }

    // One width for every member box, enough for the longest line of any.
    double box_w = 150;
    for (const auto& n : nodes)
        box_w =
            std::max({box_w, text_w(member_title(n.member), font_px, true) + 16,
                      text_w(node_type_line(n.member), font_px) + 16, text_w(node_size_line(n.member), small_px) + 16});
    const double col_w = box_w + 2 * lane;
    // Room between columns for the mirror's label on the line between primary and backup.
    const double col_gap = std::max(24.0, text_w("mirror (sync)", small_px) + 18 - 2 * lane);
    const double x0 = margin;
    auto col_x = [&](std::size_t i) { return x0 + gutter + static_cast<double>(i) * (col_w + col_gap); };
    auto zone_index = [](const RegionPlace& r, const std::string& zone) {
        return static_cast<std::size_t>(std::find(r.zones.begin(), r.zones.end(), zone) - r.zones.begin());
    };

    const Node* primary = nullptr;
    for (const auto& n : nodes)
        if (n.member.role == Role::primary && n.member.region == plan.region && !primary)
            primary = &n;
    auto in_region = [&](const RegionPlace& r, auto pred) {
        return std::any_of(nodes.begin(), nodes.end(),
                           [&](const Node& n) { return n.member.region == r.name && pred(n.member.role); });
    };
    auto mirror_target = [&](const RegionPlace& r, const Node& n) {
        return n.member.region == r.name &&
               (r.production ? is_failover_member(n.member.role) : n.member.role == Role::dr_async);
    };

    // Route 53 failover: the deployment writes it when both regions have a mirror load balancer.
    const bool has_dr = regions.size() > 1 && in_region(regions[1], [](Role r) { return r == Role::dr_async; });
    const bool route53 = has_dr && in_region(regions[0], is_failover_member);
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
        if (in_region(r, [](Role role) { return role == Role::web; })) {
            r.web_lb = Box{x0 + pad, y, 0, lb_h};
            y += lb_h + stub;
        }
        r.columns_top = y;
        y += zone_head;
        for (int row = 0; row < row_count; ++row) {
            // Every box of this row, stacked within its zone when a zone has more than one.
            std::map<std::string, int> stacked;
            if (!in_region(r, [&](Role role) { return row_of(role) == row; }))
                continue;
            if (row == 3) {
                const bool ecp = primary && r.production && in_region(r, is_ecp_client);
                const bool arbiter =
                    primary && r.production && in_region(r, [](Role role) { return role == Role::arbiter; });
                if (ecp) {
                    r.ecp_y = y + ecp_ch / 2 - row_gap / 2;
                    y += ecp_ch;
                }
                if (arbiter) {
                    r.arbiter_y = y + arbiter_ch / 2 - (ecp ? 0 : row_gap / 2);
                    y += arbiter_ch;
                }
                if (!r.production && primary && in_region(r, [](Role role) { return role == Role::dr_async; })) {
                    r.journal_y = y + journal_ch / 2 - row_gap / 2;
                    y += journal_ch;
                }
            }
            int deepest = 0;
            for (auto& n : nodes) {
                if (n.member.region != r.name || row_of(n.member.role) != row)
                    continue;
                const int k = stacked[n.member.zone]++;
                deepest = std::max(deepest, k + 1);
                n.box = {col_x(zone_index(r, n.member.zone)) + lane, y + k * (box_h + row_gap), box_w, box_h};
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
                targets += n.member.count;
            }
        if (targets > 0) {
            y += stub;
            const std::string title = lb_title(r.production, mirrors);
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
        region_w = std::max(region_w, gutter + text_w(region_title(r, plan.hybrid()), font_px, true) + pad);
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

    ArchitectureLayout out;
    auto& lines = out.lines;
    auto& boxes = out.boxes;
    auto& labels = out.labels;
    auto zone_label_w = [&](const std::string& z) { return text_w("Zone " + z, 11) + 8; };
    for (const auto& r : regions) {
        ArchitectureRegion region{
            r.name,
            r.production,
            r.frame,
            {Style::region_title, region_title(r, plan.hybrid()), x0 + gutter, r.frame.y + 19, TextAnchor::start, colour::ink},
            {}};
        for (std::size_t zi = 0; zi < r.zones.size(); ++zi)
            region.zones.push_back({r.zones[zi],
                                    {col_x(zi), r.columns_top, col_w, r.columns_bottom - r.columns_top},
                                    {Style::zone_label, "Zone " + r.zones[zi], col_x(zi) + 8, r.columns_top + 15,
                                     TextAnchor::start, colour::zone_label}});
        out.regions.push_back(std::move(region));
        // Web load balancer and its web servers.
        if (r.web_lb) {
            int webs = 0;
            for (const auto& n : nodes)
                if (n.member.region == r.name && n.member.role == Role::web) {
                    webs += n.member.count;
                    const auto zi = zone_index(r, n.member.zone);
                    const double sx =
                        std::min(n.box.x + n.box.w - 8,
                                 std::max(n.box.x + n.box.w * 0.8, col_x(zi) + zone_label_w(n.member.zone) + 6));
                    lines.push_back(
                        line("web-link", {{sx, r.web_lb->y + r.web_lb->h}, {sx, n.box.y}}, colour::web, 1.5));
                }
            boxes.push_back(service_box(*r.web_lb, "web-lb", "Web load balancer (ALB)",
                                        webs == 1 ? std::string("in front of the web server")
                                                  : fmt::format("in front of the {}", servers(webs, "web server")),
                                        colour::web_lb_fill, colour::web_lb_border, colour::web));
        }
        // The mirror's load balancer and its targets.
        if (r.mirror_lb) {
            int targets = 0;
            for (const auto& n : nodes)
                if (mirror_target(r, n)) {
                    targets += n.member.count;
                    lines.push_back(line("lb-link", {{n.box.cx(), n.box.y + n.box.h}, {n.box.cx(), r.mirror_lb->y}},
                                         colour::ink, 1.5));
                }
            boxes.push_back(service_box(*r.mirror_lb, r.production ? "mirror-lb" : "dr-lb", lb_title(r.production, mirrors),
                                        mirror_lb_detail(r.production, targets), colour::mirror_lb_fill,
                                        colour::region_border, colour::ink));
        }
    }

    // Member boxes.
    for (const auto& n : nodes) {
        ArchitectureBox b;
        b.member = true;
        b.css_class = "member role-" + std::string(name(n.member.role));
        b.role = n.member.role;
        b.instance_type = n.member.instance_type;
        b.tier = architecture_tier(n.member.role);
        b.rect = n.box;
        b.radius = 3;
        b.fill = architecture_tier_fill(b.tier);
        b.border = colour::member_border;
        b.lines.push_back(
            {Style::member_role, member_title(n.member), n.box.cx(), n.box.y + 17, TextAnchor::middle, {}});
        b.lines.push_back(
            {Style::member_type, node_type_line(n.member), n.box.cx(), n.box.y + 32, TextAnchor::middle, {}});
        b.lines.push_back({Style::member_size, node_size_line(n.member), n.box.cx(), n.box.y + 45, TextAnchor::middle,
                           colour::member_detail});
        boxes.push_back(std::move(b));
    }

    const RegionPlace& prod = regions.front();
    if (primary) {
        const Box p = primary->box;
        // ECP: each application and print server into its zone's lane, the lanes into one bus, the
        // bus down into the primary (the data server).
        if (prod.ecp_y > 0) {
            double bx1 = p.x + p.w * 0.3, bx2 = bx1;
            std::map<double, double> lane_top; // lane x -> highest client y
            for (const auto& n : nodes)
                if (n.member.region == prod.name && is_ecp_client(n.member.role)) {
                    const double lx = n.box.x - lane / 2;
                    lines.push_back(line("ecp", {{n.box.x, n.box.cy()}, {lx, n.box.cy()}}, colour::ecp, 1.5));
                    auto it = lane_top.find(lx);
                    lane_top[lx] = it == lane_top.end() ? n.box.cy() : std::min(it->second, n.box.cy());
                    bx1 = std::min(bx1, lx);
                    bx2 = std::max(bx2, lx);
                }
            for (const auto& [lx, top] : lane_top)
                lines.push_back(line("ecp", {{lx, top}, {lx, prod.ecp_y}}, colour::ecp, 1.5));
            lines.push_back(line("ecp", {{bx1, prod.ecp_y}, {bx2, prod.ecp_y}}, colour::ecp, 1.5));
            lines.push_back(line("ecp", {{p.x + p.w * 0.3, prod.ecp_y}, {p.x + p.w * 0.3, p.y}}, colour::ecp, 1.5));
            labels.push_back(
                {false,
                 {},
                 {Style::channel_label, "ECP", p.x + p.w * 0.3 + 5, prod.ecp_y - 4, TextAnchor::start, colour::ecp}});
        }
        // The mirror: primary and backup side by side.
        for (const auto& n : nodes) {
            if (n.member.role != Role::backup || n.member.region != prod.name)
                continue;
            const Box b = n.box;
            const bool right = b.x > p.x;
            const double x1 = right ? p.x + p.w : p.x, x2 = right ? b.x : b.x + b.w;
            lines.push_back(line("mirror", {{x1, p.cy()}, {x2, b.cy()}}, colour::ink, 2.5));
            labels.push_back(tag((x1 + x2) / 2, (p.cy() + b.cy()) / 2 + 4, "mirror (sync)", colour::ink));
        }
        // The arbiter, linked to both failover members: beside it directly, farther over the top.
        for (const auto& a : nodes) {
            if (a.member.role != Role::arbiter || a.member.region != prod.name)
                continue;
            for (const auto& f : nodes) {
                if (!is_failover_member(f.member.role) || f.member.region != prod.name)
                    continue;
                const bool right = a.box.x > f.box.x;
                const double lo = std::min(a.box.x, f.box.x), hi = std::max(a.box.x, f.box.x);
                const bool between = std::any_of(nodes.begin(), nodes.end(), [&](const Node& o) {
                    return &o != &a && &o != &f && o.member.region == prod.name && row_of(o.member.role) == 3 &&
                           o.box.x > lo && o.box.x < hi;
                });
                if (!between && std::abs(a.box.y - f.box.y) < 1) {
                    const double x1 = right ? f.box.x + f.box.w : f.box.x, x2 = right ? a.box.x : a.box.x + a.box.w;
                    lines.push_back(line("arbiter", {{x1, f.box.cy()}, {x2, a.box.cy()}}, colour::arbiter, 1.5, "4 3"));
                } else if (prod.arbiter_y > 0) {
                    const double fx = f.box.x + f.box.w * 0.75, ax = a.box.cx();
                    lines.push_back(line("arbiter",
                                         {{fx, f.box.y}, {fx, prod.arbiter_y}, {ax, prod.arbiter_y}, {ax, a.box.y}},
                                         colour::arbiter, 1.5, "4 3"));
                }
            }
        }
        // The journal, asynchronously to the DR members: out of the primary's left side, down the
        // regions' left gutter, along the channel over the DR members, into each.
        if (regions.size() > 1 && regions[1].journal_y > 0) {
            const RegionPlace& dr = regions[1];
            const double jx = x0 + gutter / 2, py = p.y + p.h * 0.7;
            double far = jx;
            for (const auto& n : nodes)
                if (n.member.region == dr.name && n.member.role == Role::dr_async) {
                    far = std::max(far, n.box.cx());
                    lines.push_back(line("journal", {{n.box.cx(), dr.journal_y}, {n.box.cx(), n.box.y - 5}},
                                         colour::journal, 2, "6 4"));
                    lines.push_back(
                        {"journal",
                         {{n.box.cx() - 4, n.box.y - 7}, {n.box.cx() + 4, n.box.y - 7}, {n.box.cx(), n.box.y}},
                         colour::journal,
                         0,
                         {},
                         true});
                }
            lines.push_back(line("journal", {{p.x, py}, {jx, py}, {jx, dr.journal_y}, {far, dr.journal_y}},
                                 colour::journal, 2, "6 4"));
            labels.push_back(
                tag(jx + 6, dr.frame.y - region_gap / 2 + 4, "journal (async)", colour::journal, TextAnchor::start));
        }
    }
    // Route 53: one failover record, primary to the production load balancer, secondary to the DR one.
    if (r53_box && prod.mirror_lb && regions.size() > 1 && regions[1].mirror_lb) {
        const Box& a = *prod.mirror_lb;
        const Box& b = *regions[1].mirror_lb;
        lines.push_back(line("route53",
                             {{r53_box->x + r53_box->w, r53_box->cy()},
                              {route_x, r53_box->cy()},
                              {route_x, a.cy()},
                              {a.x + a.w, a.cy()}},
                             colour::route53, 1.5));
        lines.push_back(
            line("route53", {{route_x, a.cy()}, {route_x, b.cy()}, {b.x + b.w, b.cy()}}, colour::route53, 1.5));
        // The record's roles on the lines, inside the regions, clear of their borders.
        labels.push_back(tag(x0 + region_w - 10, a.cy() + 4, "primary", colour::route53, TextAnchor::end));
        labels.push_back(tag(x0 + region_w - 10, b.cy() + 4, "secondary", colour::route53, TextAnchor::end));
        boxes.push_back(service_box(*r53_box, "route53", r53_title, r53_detail, colour::route53_fill, colour::route53,
                                    colour::route53));
    }

    out.width = x0 + region_w + (route53 ? route_lane + 8 : 0) + margin;
    out.height = height_end + margin;
    return out;
}

} // namespace irisize
