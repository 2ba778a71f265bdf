// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file report/architecture_layout.hpp
/// The architecture figure as a plain value, computed once from the plan and drawn by every
/// front end: the report's SVG (report_svg.cpp) and the desktop application's Architecture tab
/// (app/gui/diagram_view.cpp). It holds where every region, zone, box, line and label goes, in
/// figure units (pixels at a 12 px font, text widths estimated generously for DejaVu Sans), and
/// the colours of the figure, which are named here and nowhere else.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irisize/plan/plan.hpp"

namespace irisize {

/// The colours of the architecture figure ("#rrggbb"), for every renderer.
namespace architecture_colour {
inline constexpr std::string_view background = "#ffffff";
inline constexpr std::string_view ink = "#23395d";     ///< titles, the mirror and its load balancer
inline constexpr std::string_view journal = "#9b2c2c"; ///< the async journal to the DR members
inline constexpr std::string_view ecp = "#2f6b2f";     ///< ECP links to the data server
inline constexpr std::string_view arbiter = "#666666"; ///< the arbiter's links
inline constexpr std::string_view route53 = "#6b46c1"; ///< Route 53 failover
inline constexpr std::string_view web = "#7b4a0e";     ///< the web load balancer and its links
inline constexpr std::string_view region_fill = "#f7f9fc";
inline constexpr std::string_view region_border = "#4a6fa5";
inline constexpr std::string_view zone_border = "#8aa2c8";
inline constexpr std::string_view zone_label = "#4a6fa5";
inline constexpr std::string_view member_border = "#555555";
inline constexpr std::string_view member_detail = "#4a5568"; ///< the size line of a member box
inline constexpr std::string_view web_lb_fill = "#fff7e6";
inline constexpr std::string_view web_lb_border = "#b7791f";
inline constexpr std::string_view mirror_lb_fill = "#eef3fb";
inline constexpr std::string_view route53_fill = "#f3efff";
} // namespace architecture_colour

/// The tier a member box belongs to, which gives its fill.
enum class ArchitectureTier { web, app, print, database, arbiter, dr, other };

ArchitectureTier architecture_tier(Role role);
/// The fill of a member box of the tier: the failover and DR members alike, the arbiter grey,
/// the application servers green, web, print and other servers sand.
std::string_view architecture_tier_fill(ArchitectureTier tier);

/// A rectangle in figure units, y downwards.
struct LayoutRect {
    double x = 0, y = 0, w = 0, h = 0;
    [[nodiscard]] double cx() const { return x + w / 2; }
    [[nodiscard]] double cy() const { return y + h / 2; }
};

struct LayoutPoint {
    double x = 0, y = 0;
};

/// What a text is, which says its size and weight (architecture_text_px, architecture_text_bold).
enum class ArchitectureTextStyle {
    region_title,   ///< "Production region eu-west-2"
    zone_label,     ///< "Zone eu-west-2a"
    member_role,    ///< the role, bold
    member_type,    ///< "2 x m6i.xlarge"
    member_size,    ///< "4 vCPU, 16 GiB each", small
    service_title,  ///< "Web load balancer (ALB)", bold
    service_detail, ///< what the load balancer is in front of, small
    tag,            ///< a small label on a white ground on a line ("mirror (sync)")
    channel_label,  ///< a small bold label beside a channel ("ECP")
};

double architecture_text_px(ArchitectureTextStyle style);
bool architecture_text_bold(ArchitectureTextStyle style);
/// Width of a line of text at `px`, estimated generously for DejaVu Sans (the widest of the fonts
/// the figure names), so that a box sized with it holds its text in any of them.
double architecture_text_width(std::string_view s, double px, bool bold = false);

enum class TextAnchor { start, middle, end };

/// A line of text: (x, y) is the point on its baseline that `anchor` names.
struct ArchitectureText {
    ArchitectureTextStyle style = ArchitectureTextStyle::member_type;
    std::string text;
    double x = 0, y = 0;
    TextAnchor anchor = TextAnchor::start;
    std::string_view colour; ///< empty: the default black
};

/// A region: its frame and title, and its availability zones as dashed columns.
struct ArchitectureRegion {
    std::string name;
    bool production = false;
    LayoutRect frame;
    ArchitectureText title;
    struct Zone {
        std::string name;
        LayoutRect column;
        ArchitectureText label;
    };
    std::vector<Zone> zones;
};

/// A box: a member box (the members of one role, zone and instance type) or a service (a load
/// balancer or the Route 53 record).
struct ArchitectureBox {
    bool member = false;
    std::string css_class; ///< "member role-primary", "web-lb", "mirror-lb", "dr-lb", "route53"
    std::optional<Role> role; ///< members: the plan's role
    std::string instance_type;
    ArchitectureTier tier = ArchitectureTier::other;
    LayoutRect rect;
    double radius = 3;
    std::string_view fill, border;
    std::vector<ArchitectureText> lines;
};

/// A line between boxes (`css_class` says what it stands for: web-link, lb-link, ecp, mirror,
/// arbiter, journal, route53) or, when `filled`, an arrowhead polygon.
struct ArchitectureLine {
    std::string css_class;
    std::vector<LayoutPoint> points;
    std::string_view colour;
    double width = 1.5;
    std::string dash; ///< SVG dash array, "6 4"; empty: solid
    bool filled = false;
};

/// A label over the lines: a tag has a white ground framed in its colour (`ground`).
struct ArchitectureLabel {
    bool tag = false;
    LayoutRect ground;
    ArchitectureText text;
};

/// The whole figure, in drawing order: regions (frames, titles, zones), then lines, then boxes,
/// then labels.
struct ArchitectureLayout {
    double width = 0, height = 0;
    std::vector<ArchitectureRegion> regions;
    std::vector<ArchitectureLine> lines;
    std::vector<ArchitectureBox> boxes;
    std::vector<ArchitectureLabel> labels;
};

/// The members the deployment builds (a count below one builds nothing), one entry per role,
/// region, zone and instance type with their counts added up: what the figure draws a box for.
struct ArchitectureMember {
    Role role = Role::primary;
    std::string region, zone, instance_type;
    int count = 0;
    int vcpu = 0;
    double memory_gib = 0;
    std::string system; ///< in a deployment: the member's system, named on its box (not the shared tier's)
    bool on_premises = false; ///< a hybrid site's member in the data centre: `vcpu` and `memory_gib` are its demand
};
std::vector<ArchitectureMember> architecture_members(const Plan& plan);

/// What the deployment builds for the plan, and nothing it lacks: the production region above
/// the DR region, each with its availability zones as columns holding one box per member role and
/// zone; the web load balancer over the web servers, the mirror's network load balancer under the
/// failover pair, the mirror line between primary and backup, the arbiter linked to both, the ECP
/// links of the application and print servers to the data server, the async journal line to the
/// DR members and Route 53 failover between the regions' load balancers.
ArchitectureLayout architecture_layout(const Plan& plan);

} // namespace irisize
