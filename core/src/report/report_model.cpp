// SPDX-License-Identifier: GPL-3.0-or-later
// build_report(): the plan turned into the report model, a title page with key figures and
// sections of paragraphs, lists, tables and SVG figures, which the HTML, Markdown and PDF
// writers lay out.
#include "irisize/report/report_model.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "irisize/data/catalog.hpp"
#include "irisize/format.hpp"
#include "irisize/report/report_svg.hpp"

#include "detail/role_format.hpp"

namespace irisize {

namespace u = units;

namespace {

using Kind = ReportBlock::Kind;

ReportBlock paragraph(std::string s, Kind k = Kind::paragraph) {
    ReportBlock b;
    b.kind = k;
    b.text = std::move(s);
    return b;
}
ReportBlock bullets(std::vector<std::string> items) {
    ReportBlock b;
    b.kind = Kind::bullets;
    b.items = std::move(items);
    return b;
}
ReportBlock table(std::vector<std::string> columns, std::vector<bool> numeric, std::vector<std::vector<std::string>> rows,
                  bool total_row = false) {
    ReportBlock b;
    b.kind = Kind::table;
    b.table = {std::move(columns), std::move(numeric), std::move(rows), total_row};
    return b;
}
ReportBlock figure(const SvgFigure& f, std::string caption) {
    ReportBlock b;
    b.kind = Kind::figure;
    b.svg = f.svg;
    b.svg_width = f.width;
    b.svg_height = f.height;
    b.text = std::move(caption);
    return b;
}

/// The Sources section: the documents behind the figures of `what` ("plan", "deployment"), by topic.
ReportSection sources_section(const std::vector<PlanSource>& sources, std::string_view what, const ReportOptions& options) {
    ReportSection s{"sources", "Sources", {}};
    s.blocks.push_back(paragraph(fmt::format("The public documents this {}'s figures rest on, with the date of the edition "
                                             "read; where a figure was estimated from a document, how.",
                                             what)));
    std::vector<std::string> topics;
    for (const auto& src : sources)
        if (std::find(topics.begin(), topics.end(), src.topic) == topics.end())
            topics.push_back(src.topic);
    for (const auto& topic : topics) {
        std::vector<std::string> items;
        for (const auto& src : sources)
            if (src.topic == topic)
                items.push_back(fmt::format("{}, {}{}.", src.title, src.as_of,
                                            src.estimate.empty() ? "" : fmt::format(" (estimate: {})", src.estimate)));
        s.blocks.push_back(paragraph(topic, Kind::subheading));
        s.blocks.push_back(bullets(std::move(items)));
    }
    s.blocks.push_back(paragraph(fmt::format("Prepared with irisize {} on {}.", options.version, options.date)));
    return s;
}

std::string money(const Plan& plan, u::cost_rate r) {
    return money_str(plan.monthly_usd(r));
}

// A workload value as words and grouped numbers, never raw JSON: yes/no, lists joined with commas,
// objects as "key value" pairs.
std::string plain_value(const nlohmann::json& v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_boolean())
        return v.get<bool>() ? "yes" : "no";
    if (v.is_number_integer() || v.is_number_unsigned())
        return num(v.get<double>());
    if (v.is_number_float())
        return num(v.get<double>(), 4);
    if (v.is_null())
        return "none";
    std::vector<std::string> parts;
    if (v.is_array())
        for (const auto& x : v)
            parts.push_back(plain_value(x));
    else
        for (auto it = v.begin(); it != v.end(); ++it)
            parts.push_back(it.key() + " " + plain_value(it.value()));
    return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, v.is_array() ? ", " : "; "));
}

// One line per workload field as given, nested objects as dotted names ("database.size_gib");
// long lists summarised.
void workload_rows(const nlohmann::json& doc, const std::string& prefix, std::vector<std::vector<std::string>>& rows) {
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (!it.key().empty() && it.key().front() == '_')
            continue;
        const std::string name = prefix.empty() ? it.key() : prefix + "." + it.key();
        const auto& v = it.value();
        if (v.is_object() && !v.empty()) {
            workload_rows(v, name, rows);
            continue;
        }
        std::string shown;
        if (v.is_array() && v.size() > 6)
            shown = fmt::format("{} entries, from {} to {}", num(static_cast<double>(v.size())), plain_value(v.front()),
                                plain_value(v.back()));
        else
            shown = plain_value(v);
        if (shown.size() > 300)
            shown = shown.substr(0, 297) + "...";
        rows.push_back({name, shown});
    }
}

std::string volume_text(const PlannedVolume& v) {
    return fmt::format("{}{}", v.stripe_width > 1 ? fmt::format("{} x ", v.stripe_width) : "", v.type);
}

} // namespace

Report build_report(const Plan& plan, const ReportOptions& options) {
    Report r;
    r.title = fmt::format("Sizing of {}", plan.name);
    r.subtitle = plan.hybrid()
                     ? fmt::format("{}: failover mirror on premises, disaster recovery on AWS in {}", plan.product_name,
                                   plan.region)
                     : fmt::format("{} on AWS, {}{}", plan.product_name, plan.region,
                                   plan.dr_region.empty() ? "" : fmt::format(" with disaster recovery in {}", plan.dr_region));
    const int years = std::max(plan.horizon_years, 1);
    r.facts = {{"System", plan.name},
               {"Product", plan.product_name},
               {"Region", plan.region},
               {"DR region", plan.dr_region.empty() ? "none" : plan.dr_region},
               {"Cost per month", money_str(plan.monthly_usd()) + (plan.price_estimates ? " (contains estimates)" : "")},
               {fmt::format("Cost over {} year{}", years, years == 1 ? "" : "s"),
                money_str(to_cents(plan.monthly_usd()) * 12.0 * years)},
               {"Database at the horizon", fmt::format("{} GiB", num(u::in_GiB(plan.database_at_horizon)))},
               {"EBS rule set", fmt::format("{} (as of {})", plan.rules, plan.rules_as_of)},
               {"Price data", fmt::format("as of {}{}", plan.price_as_of,
                                          plan.dr_price_as_of.empty() ? ""
                                                                      : fmt::format("; DR region as of {}", plan.dr_price_as_of))},
               {"Prepared", fmt::format("{} with irisize {}", options.date, options.version)}};
    r.footer = fmt::format("irisize {} - {} - EBS rule set {} ({}) - prices as of {}", options.version, options.date,
                           plan.rules, plan.rules_as_of, plan.price_as_of);

    // Summary
    {
        ReportSection s{"summary", "Summary", {}};
        if (!plan.description.empty())
            s.blocks.push_back(paragraph(plan.description));
        std::size_t instances = 0;
        std::vector<Role> roles;
        for (const auto& m : plan.members) {
            if (m.on_premises)
                continue; // not an EC2 instance
            instances += static_cast<std::size_t>(m.count);
            if (std::find(roles.begin(), roles.end(), m.role) == roles.end())
                roles.push_back(m.role);
        }
        const double monthly = to_cents(plan.monthly_usd());
        s.blocks.push_back(paragraph(fmt::format(
            "{} EC2 instance{} in {} role{} ({}); {} a month ({} a year) at the prices below, sized for {} year{} of "
            "growth. Every volume was checked against the EBS rule set {} and every instance against its EBS limits.",
            instances, instances == 1 ? "" : "s", roles.size(), roles.size() == 1 ? "" : "s", fmt::join(roles, ", "),
            money_str(monthly), money_str(monthly * 12.0), years, years == 1 ? "" : "s", plan.rules)));
        if (plan.hybrid())
            s.blocks.push_back(paragraph("A hybrid site: the failover members stay in the customer's data centre, listed "
                                         "with what they need and never priced; only what runs in AWS is costed.",
                                         Kind::note));
        if (plan.price_estimates)
            s.blocks.push_back(paragraph("Some prices are ESTIMATES (marked \"est.\" below), derived as the Sources "
                                         "section says: the total may change when AWS's published prices are used.",
                                         Kind::note));
        r.sections.push_back(std::move(s));
    }

    // The workload as given
    if (options.workload.is_object()) {
        ReportSection s{"workload", "Workload as given", {}};
        s.blocks.push_back(paragraph("The input of this sizing, field by field, as the architect gave it."));
        std::vector<std::vector<std::string>> rows;
        workload_rows(options.workload, "", rows);
        s.blocks.push_back(table({"Field", "Value"}, {false, false}, std::move(rows)));
        r.sections.push_back(std::move(s));
    }

    // Architecture
    {
        ReportSection s{"architecture", "Architecture", {}};
        s.blocks.push_back(figure(architecture_svg(plan), architecture_caption(plan)));
        r.sections.push_back(std::move(s));
    }

    // Servers
    {
        ReportSection s{"servers", "Servers", {}};
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : plan.members)
            rows.push_back(
                m.on_premises
                    ? std::vector<std::string>{std::string(name(m.role)), "on premises", "the site's own",
                                               std::to_string(m.count), "-", "-", num(m.demand.vcpu, 1),
                                               num(u::in_GiB(m.demand.memory), 1), "not priced"}
                    : std::vector<std::string>{std::string(name(m.role)), m.availability_zone, m.instance_type,
                                               std::to_string(m.count), std::to_string(m.vcpu),
                                               num(u::in_GiB(m.memory), 1), num(m.demand.vcpu, 1),
                                               num(u::in_GiB(m.demand.memory), 1),
                                               money_str(plan.monthly_usd(m.instance_cost) * m.count) +
                                                   (m.price_estimate ? " est." : "")});
        s.blocks.push_back(table({"Role", "Zone", "Instance", "Count", "vCPU", "Memory (GiB)", "vCPU needed",
                                  "Memory needed (GiB)", "Per month (USD)"},
                                 {false, false, false, true, true, true, true, true, true}, std::move(rows)));
        std::vector<std::string> why; // one explanation per role
        std::vector<Role> roles;
        for (const auto& m : plan.members) {
            if (m.explanation.empty() || std::find(roles.begin(), roles.end(), m.role) != roles.end())
                continue;
            roles.push_back(m.role);
            why.push_back(m.explanation);
        }
        if (!why.empty())
            s.blocks.push_back(bullets(std::move(why)));
        r.sections.push_back(std::move(s));
    }

    // Storage, member by member (the backup mirrors the primary)
    {
        ReportSection s{"storage", "Storage", {}};
        s.blocks.push_back(paragraph("Separate volumes for the database, the write image journal (WIJ) and the two "
                                     "journal directories, as InterSystems recommends. Sizes, IOPS and throughput are "
                                     "per volume; a stripe of several volumes is one LVM logical volume."));
        for (const auto& m : plan.members) {
            if (m.volumes.size() <= 1 || (m.role == Role::backup && plan.member(Role::primary)))
                continue;
            s.blocks.push_back(paragraph(fmt::format("{} ({}, {})", m.role, m.instance_type, m.availability_zone),
                                         Kind::subheading));
            std::vector<std::vector<std::string>> rows;
            std::vector<std::string> why;
            for (const auto& v : m.volumes) {
                rows.push_back({std::string(name(v.purpose)), volume_text(v), num(u::in_GiB(v.size)),
                                num(u::in_iops(v.iops)), num(u::in_MiBps(v.throughput), 1),
                                num(u::in_GiB(v.demand_capacity)), num(u::in_iops(v.demand_iops)),
                                num(u::in_MiBps(v.demand_throughput), 1), money(plan, v.cost())});
                if (!v.explanation.empty())
                    why.push_back(v.explanation);
            }
            s.blocks.push_back(table({"Purpose", "Volume", "Size (GiB)", "IOPS", "Throughput (MiB/s)", "Need (GiB)",
                                      "Need (IOPS)", "Need (MiB/s)", "Per month (USD)"},
                                     {false, false, true, true, true, true, true, true, true}, std::move(rows)));
            if (!why.empty())
                s.blocks.push_back(bullets(std::move(why)));
        }
        if (plan.member(Role::backup) && plan.member(Role::primary) && !plan.hybrid())
            s.blocks.push_back(paragraph("The backup member has the same volumes as the primary."));
        r.sections.push_back(std::move(s));
    }

    // Instance limits
    if (options.instances) {
        ReportSection s{"limits", "Instance EBS limits", {}};
        s.blocks.push_back(paragraph(fmt::format("What each member's volumes must sustain against the instance's "
                                                 "EBS-optimized baseline (the maximum of smaller instances holds only "
                                                 "{} minutes a day).",
                                                 num(units::in_minutes(options.instances->ebs_max_burst)))));
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : plan.members) {
            const auto idx = options.instances->find(m.instance_type);
            if (!idx)
                continue;
            const auto& e = options.instances->instances[*idx].ebs;
            const double bi = u::in_iops(e.baseline_iops), bt = u::in_MiBps(e.baseline_throughput);
            const double di = u::in_iops(m.demand.iops), dt = u::in_MiBps(m.demand.throughput);
            rows.push_back({fmt::format("{} ({})", m.role, m.availability_zone), m.instance_type, num(di), num(bi),
                            bi > 0 ? num(100.0 * di / bi) + " %" : "-", num(dt, 1), num(bt, 1),
                            bt > 0 ? num(100.0 * dt / bt) + " %" : "-"});
        }
        s.blocks.push_back(table({"Member", "Instance", "IOPS needed", "Baseline IOPS", "Share", "MiB/s needed",
                                  "Baseline MiB/s", "Share"},
                                 {false, false, true, true, true, true, true, true}, std::move(rows)));
        r.sections.push_back(std::move(s));
    }

    // Cost
    {
        ReportSection s{"cost", "Cost", {}};
        s.blocks.push_back(paragraph(fmt::format(
            "Every charge of the plan, per month at {} hours a month: instances, EBS storage, provisioned IOPS and "
            "throughput, snapshots and data transfer.",
            num(u::in_hours(plan.month), 1))));
        std::vector<std::vector<std::string>> rows;
        for (const auto& c : plan.cost_lines)
            rows.push_back({c.component, c.category, money(plan, c.cost) + (c.estimate ? " est." : "")});
        rows.push_back({"Total", "", money_str(plan.monthly_usd())});
        s.blocks.push_back(table({"Component", "Category", "Per month (USD)"}, {false, false, true}, std::move(rows), true));
        s.blocks.push_back(figure(cost_svg(plan), "Figure 2. Cost per month by category."));
        r.sections.push_back(std::move(s));
    }

    // Growth
    {
        ReportSection s{"growth", "Growth", {}};
        s.blocks.push_back(paragraph(fmt::format(
            "The data volumes are provisioned for the database at the horizon, {} GiB, plus free space. The last "
            "column shows what the whole plan would cost a month with the data volumes sized for that year only.",
            num(u::in_GiB(plan.database_at_horizon)))));
        std::vector<std::vector<std::string>> rows;
        for (const auto& y : plan.projection)
            rows.push_back({std::to_string(y.year), num(u::in_GiB(y.database)), num(u::in_GiB(y.data_needed)),
                            num(u::in_GiB(y.data_planned)), money(plan, y.monthly_if_sized_for_year)});
        s.blocks.push_back(table({"Year", "Database (GiB)", "Data volumes needed (GiB)", "Planned (GiB)",
                                  "Per month if sized for that year (USD)"},
                                 {true, true, true, true, true}, std::move(rows)));
        s.blocks.push_back(figure(growth_svg(plan), "Figure 3. Growth of the database against the planned capacity."));
        r.sections.push_back(std::move(s));
    }

    // Disaster recovery
    if (!plan.dr_region.empty()) {
        ReportSection s{"dr", "Disaster recovery", {}};
        const Member* primary = plan.member(Role::primary);
        std::vector<std::string> items;
        for (const auto& m : plan.members) {
            if (m.role != Role::dr_async)
                continue;
            std::string share;
            if (primary && primary->vcpu > 0 && u::in_GiB(primary->memory) > 0)
                share = fmt::format(": {} % of the primary's vCPU and {} % of its memory",
                                    num(100.0 * m.vcpu / primary->vcpu),
                                    num(100.0 * u::in_GiB(m.memory) / u::in_GiB(primary->memory)));
            items.push_back(fmt::format("{} x {} in {} ({}){}", m.count, m.instance_type, m.region,
                                        m.availability_zone, share));
        }
        s.blocks.push_back(bullets(std::move(items)));
        s.blocks.push_back(paragraph(
            plan.hybrid()
                ? "A hybrid site: the failover members stay on premises and the DR members in AWS are asynchronous mirror "
                  "members, fed over the link from the data centre; a failover to AWS may lose the journal not yet "
                  "shipped. Promoting a DR member to primary is a decision and an action of a person; it is not automatic."
                : "The DR members are asynchronous mirror members: a regional failover may lose the journal not yet "
                  "shipped to the DR region. Promoting a DR member to primary is a decision and an action of a person; it "
                  "is not automatic.",
            Kind::note));
        r.sections.push_back(std::move(s));
    }

    if (!plan.warnings.empty()) {
        ReportSection s{"warnings", "Warnings", {}};
        s.blocks.push_back(bullets(plan.warnings));
        r.sections.push_back(std::move(s));
    }

    {
        ReportSection s{"assumptions", "Assumptions and alternatives", {}};
        if (!plan.assumptions.empty())
            s.blocks.push_back(bullets(plan.assumptions));
        if (!plan.rejected.empty()) {
            s.blocks.push_back(paragraph("Cheaper instances considered and turned down", Kind::subheading));
            // One basis for the turned-down and the chosen: one server, the instance with its volumes.
            std::vector<std::vector<std::string>> rows;
            for (const auto& x : plan.rejected) {
                std::string chosen;
                if (const Member* m = plan.member(x.role)) {
                    // As the member's explanation prints it: the instance and its volumes, each to the cent.
                    units::cost_rate volumes = u::usd_per_hour(0);
                    for (const auto& v : m->volumes)
                        volumes += v.cost();
                    chosen = m->instance_type + " " +
                             money_str(to_cents(plan.monthly_usd(m->instance_cost)) + to_cents(plan.monthly_usd(volumes)));
                }
                rows.push_back({std::string(name(x.role)), x.instance_type, money(plan, x.cost), chosen, x.reason});
            }
            s.blocks.push_back(table({"Role", "Instance", "Instance and volumes, per month (USD)",
                                      "Chosen, same basis (USD)", "Reason"},
                                     {false, false, true, true, false}, std::move(rows)));
        }
        if (!s.blocks.empty())
            r.sections.push_back(std::move(s));
    }

    {
        ReportSection s{"why", "Why: the rules behind every number", {}};
        std::vector<std::string> items;
        for (const auto& e : plan.all_explanations())
            items.push_back(fmt::format("{}: {}", e.subject, e.text));
        s.blocks.push_back(bullets(std::move(items)));
        r.sections.push_back(std::move(s));
    }

    r.sections.push_back(sources_section(plan.sources, "plan", options));
    return r;
}

Report build_report(const DeploymentPlan& plan, const ReportOptions& options) {
    const Plan whole = plan.combined();
    Report r;
    r.title = fmt::format("Sizing of {}", plan.name);
    r.subtitle = fmt::format("{} system{} on AWS, {}{}", plan.systems.size(), plan.systems.size() == 1 ? "" : "s",
                             plan.region,
                             plan.dr_region.empty() ? "" : fmt::format(" with disaster recovery in {}", plan.dr_region));
    const int years = std::max(plan.horizon_years, 1);
    const double monthly = to_cents(plan.monthly_usd());
    std::vector<std::string> names;
    for (const auto& s : plan.systems)
        names.push_back(s.name);
    r.facts = {{"Deployment", plan.name},
               {"Systems", fmt::format("{}", fmt::join(names, "; "))},
               {"Region", plan.region},
               {"DR region", plan.dr_region.empty() ? "none" : plan.dr_region},
               {"Cost per month", money_str(monthly) + (plan.price_estimates() ? " (contains estimates)" : "")},
               {fmt::format("Cost over {} year{}", years, years == 1 ? "" : "s"), money_str(monthly * 12.0 * years)},
               {"EBS rule set", fmt::format("{} (as of {})", plan.rules, plan.rules_as_of)},
               {"Price data", fmt::format("as of {}{}", whole.price_as_of,
                                          whole.dr_price_as_of.empty() ? ""
                                                                       : fmt::format("; DR region as of {}", whole.dr_price_as_of))},
               {"Prepared", fmt::format("{} with irisize {}", options.date, options.version)}};
    r.footer = fmt::format("irisize {} - {} - EBS rule set {} ({}) - prices as of {}", options.version, options.date,
                           plan.rules, plan.rules_as_of, whole.price_as_of);

    {
        ReportSection s{"summary", "Deployment summary", {}};
        if (!plan.description.empty())
            s.blocks.push_back(paragraph(plan.description));
        int instances = 0;
        for (const auto& m : whole.members)
            instances += m.count;
        s.blocks.push_back(paragraph(fmt::format(
            "{} system{}{} in one VPC of {}: {} EC2 instances, {} a month ({} a year) at the prices below. Each system is "
            "sized as it would be alone; the deployment's cost is the sum of theirs{}.",
            plan.systems.size(), plan.systems.size() == 1 ? "" : "s", plan.has_shared() ? " and a shared web gateway tier" : "", plan.region, instances,
            money_str(monthly), money_str(monthly * 12.0), plan.has_shared() ? " and the shared tier's" : "")));
        std::vector<std::vector<std::string>> rows;
        auto servers = [](const Plan& p) {
            int n = 0;
            for (const auto& m : p.members)
                n += m.count;
            return n;
        };
        for (const auto& sys : plan.systems)
            rows.push_back({sys.name, sys.product_name, std::to_string(servers(sys)),
                            money_str(to_cents(sys.monthly_usd())),
                            money_str(to_cents(sys.monthly_usd()) * 12.0 * std::max(sys.horizon_years, 1))});
        if (plan.has_shared())
            rows.push_back({"Shared web tier", "web gateway servers", std::to_string(servers(plan.shared)),
                            money_str(to_cents(plan.shared.monthly_usd())),
                            money_str(to_cents(plan.shared.monthly_usd()) * 12.0 * years)});
        rows.push_back({"Total", "", std::to_string(instances), money_str(monthly), money_str(monthly * 12.0 * years)});
        s.blocks.push_back(table({"System", "Product", "Instances", "Per month (USD)", "Over the horizon (USD)"},
                                 {false, false, true, true, true}, std::move(rows), true));
        if (plan.price_estimates())
            s.blocks.push_back(paragraph("Some prices are ESTIMATES (marked \"est.\" in the systems' sections), derived as "
                                         "the Sources section says.",
                                         Kind::note));
        if (!plan.assumptions.empty())
            s.blocks.push_back(bullets(plan.assumptions));
        r.sections.push_back(std::move(s));
    }
    {
        ReportSection s{"architecture", "Architecture", {}};
        s.blocks.push_back(figure(architecture_svg(whole), architecture_caption(whole)));
        r.sections.push_back(std::move(s));
    }
    if (plan.has_shared()) {
        ReportSection s{"shared", "Shared web gateway tier", {}};
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : plan.shared.members)
            rows.push_back({m.availability_zone, m.instance_type, std::to_string(m.count), std::to_string(m.vcpu),
                            num(u::in_GiB(m.memory), 1),
                            money_str(plan.shared.monthly_usd(m.instance_cost) * m.count) + (m.price_estimate ? " est." : "")});
        s.blocks.push_back(table({"Zone", "Instance", "Count", "vCPU", "Memory (GiB)", "Per month (USD)"},
                                 {false, false, true, true, true, true}, std::move(rows)));
        rows.clear();
        for (const auto& c : plan.shared.cost_lines)
            rows.push_back({c.component, c.category, money(plan.shared, c.cost) + (c.estimate ? " est." : "")});
        rows.push_back({"Total", "", money_str(to_cents(plan.shared.monthly_usd()))});
        s.blocks.push_back(table({"Component", "Category", "Per month (USD)"}, {false, false, true}, std::move(rows), true));
        std::vector<std::string> why = plan.shared.assumptions;
        if (!plan.shared.members.empty() && !plan.shared.members.front().explanation.empty())
            why.push_back(plan.shared.members.front().explanation);
        if (!why.empty())
            s.blocks.push_back(bullets(std::move(why)));
        r.sections.push_back(std::move(s));
    }
    // Each system as its own report says it, its sections named after it; the sources once, at the end.
    ReportOptions per_system = options;
    per_system.workload = nullptr;
    for (std::size_t i = 0; i < plan.systems.size(); ++i) {
        const Plan& sys = plan.systems[i];
        Report one = build_report(sys, per_system);
        for (auto& sec : one.sections) {
            if (sec.id == "sources")
                continue;
            sec.id = fmt::format("system{}-{}", i + 1, sec.id);
            sec.title = fmt::format("{}: {}", sys.name, sec.title);
            r.sections.push_back(std::move(sec));
        }
    }
    r.sections.push_back(sources_section(whole.sources, "deployment", options));
    return r;
}

} // namespace irisize
