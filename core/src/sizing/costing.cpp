// SPDX-License-Identifier: GPL-3.0-or-later
// Costing: what one volume layout costs a month (storage, provisioned IOPS and throughput),
// and the plan's cost lines, each rounded to the cent once so that every format adds up.
#include "sizer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace irisize {

namespace u = units;

// --- pricing ------------------------------------------------------------------------------

VolumeCost volume_cost(const VolumeTypeRules& rules, const EbsPrice& p, const VolumeSpec& v, int width) {
    return volume_cost(rules, p, v.size, v.iops, v.throughput, width);
}

VolumeCost volume_cost(const VolumeTypeRules& rules, const EbsPrice& p, u::capacity size, u::io_rate iops,
                       u::throughput throughput, int width) {
    const double n = width;
    VolumeCost c{p.per_gib * size * n, u::usd_per_hour(0), u::usd_per_hour(0)};
    if (rules.provisions_iops() && !p.iops_tiers.empty()) {
        // Billed IOPS: all provisioned (io1, io2), or those above the included amount (gp3).
        const u::io_rate billed = std::max(iops - rules.iops_included, u::iops(0));
        u::io_rate done = u::iops(0);
        for (const auto& tier : p.iops_tiers) {
            const u::io_rate top = tier.up_to ? std::min(*tier.up_to, billed) : billed;
            if (top > done) {
                c.iops += tier.price * (top - done) * n;
                done = top;
            }
        }
    }
    if (rules.provisions_throughput() && p.per_mibps) {
        const u::throughput billed = std::max(throughput - *rules.tput_included, u::MiBps(0));
        c.throughput = *p.per_mibps * billed * n;
    }
    return c;
}

std::optional<VolumeCost> volume_cost(const VolumeTypeRules& rules, const PriceList& prices, const VolumeSpec& v,
                                      int width) {
    const EbsPrice* p = prices.ebs_price(v.type);
    if (!p)
        return std::nullopt;
    return volume_cost(rules, *p, v, width);
}

namespace sizing {

void Sizer::cost_lines() {
    auto& lines = m_plan.cost_lines;
    lines.reserve(2 * m_plan.members.size() + 5); // compute and storage per member; IOPS, throughput, snapshots, transfer
    const auto& month = m_plan.month;
    // `why` is a callable: the arithmetic is written out only when the plan is to be explained.
    // Each line is rounded to the cent once, here; the total is the sum of the rounded lines, so that
    // every format prints lines that add up to its total.
    auto add = [&](std::string component, std::string category, u::cost_rate exact, bool estimate, const auto& why) {
        const u::cost_rate c = u::per_month(u::usd(to_cents(u::usd_per_month(exact, month))), month);
        lines.push_back({std::move(component), std::move(category), c, estimate,
                         m_opt.explain ? std::string(why()) : std::string(), std::string()});
        m_plan.total += c;
        m_plan.price_estimates = m_plan.price_estimates || estimate;
    };
    m_plan.total = u::usd_per_hour(0);
    u::cost_rate iops_total = u::usd_per_hour(0), tput_total = u::usd_per_hour(0);
    bool iops_estimate = false;
    for (const auto& m : m_plan.members) {
        if (m.on_premises)
            continue; // in the customer's data centre: never priced
        const double n = m.count;
        // "web x2 (us-east-1a)": the member's role, count and zone, in both of its lines.
        TextBuffer who;
        append(who, FMT_COMPILE("{}"), m.role);
        if (m.count > 1)
            append(who, FMT_COMPILE(" x{}"), m.count);
        append(who, FMT_COMPILE(" ({}) "), m.availability_zone);
        const std::size_t who_size = who.size();
        const PriceList& prices = m.region == m_prices->region ? *m_prices : *m_dr_prices;
        append(who, FMT_COMPILE("{}"), m.instance_type);
        add(to_string(who), "compute", m.instance_cost * n, m.price_estimate, [&] {
            return format_text(FMT_COMPILE("{} x {}/hour x {} hours"), m.count, frate(u::in_usd(m.instance_cost * u::hours(1))),
                               fnum(u::in_hours(prices.month)));
        });
        u::cost_rate storage = u::usd_per_hour(0), iops = u::usd_per_hour(0), tput = u::usd_per_hour(0);
        u::capacity gib_total = u::GiB(0);
        bool ebs_estimate = false;
        std::string_view looked_up; // the last type whose price was read (a member's volumes are mostly one type)
        for (const auto& v : m.volumes) {
            storage += v.storage_cost * n;
            iops += v.iops_cost * n;
            tput += v.throughput_cost * n;
            gib_total += v.size * static_cast<double>(v.stripe_width) * n;
            if (ebs_estimate || v.type == looked_up)
                continue;
            looked_up = v.type;
            if (const auto* ep = prices.ebs_price(v.type))
                ebs_estimate = ep->estimate;
        }
        who.resize(who_size);
        append(who, "EBS storage");
        add(to_string(who), "storage", storage, ebs_estimate,
            [&] {
                TextBuffer b;
                append(b, FMT_COMPILE("{} provisioned for {} purpose{} ("), gib(gib_total), m.volumes.size(),
                       m.volumes.size() == 1 ? "" : "s");
                append_volume_purposes(b, m);
                append(b, ")");
                return to_string(b);
            });
        iops_total += iops;
        tput_total += tput;
        iops_estimate = iops_estimate || ebs_estimate;
    }
    // Provisioned IOPS and throughput are always shown, even at $0, so that no charge is silently left out.
    // What each volume type includes before it bills, "gp3: above 3,000 IOPS per volume; io1: all of
    // them", appended to `out`; false when no type bills any.
    auto included = [&](TextBuffer& out, bool for_iops) {
        bool any = false;
        for (const auto& t : m_rules->types) {
            const bool all = for_iops && t.iops_mode == IopsMode::Provisioned;
            const bool above_iops = for_iops && t.iops_mode == IopsMode::IncludedPlusProvisioned;
            const bool above_tput = !for_iops && t.tput_included.has_value();
            if (!all && !above_iops && !above_tput)
                continue;
            if (any)
                append(out, "; ");
            any = true;
            if (all)
                append(out, FMT_COMPILE("{}: all of them"), t.type);
            else if (above_iops)
                append(out, FMT_COMPILE("{}: above {} per volume"), t.type, io(t.iops_included));
            else
                append(out, FMT_COMPILE("{}: above {} per volume"), t.type, mibps(*t.tput_included));
        }
        return any;
    };
    add("EBS provisioned IOPS (all members)", "iops", iops_total, iops_estimate, [&] {
        TextBuffer b;
        append(b, "IOPS provisioned beyond what each volume type includes (");
        included(b, true);
        append(b, ")");
        return to_string(b);
    });
    add("EBS provisioned throughput (all members)", "throughput", tput_total, iops_estimate, [&] {
        TextBuffer b;
        append(b, "throughput provisioned beyond what each volume type includes (");
        if (!included(b, false)) {
            b.clear();
            append(b, FMT_COMPILE("no volume type of rule set {} bills provisioned throughput"), m_rules->id);
        } else {
            append(b, ")");
        }
        return to_string(b);
    });
    // Snapshots of the primary's database volumes: a full copy plus daily changes kept.
    if (m_d.retention_days > 0) {
        const double change = N.snapshot_daily_change_percent / 100.0;
        const u::capacity stored = m_d.size * (1.0 + change * m_d.retention_days);
        add("EBS snapshots (database)", "snapshots", m_prices->snapshot.price * stored, m_prices->snapshot.estimate,
            [&] {
                return format_text(FMT_COMPILE("{} stored = {} database x (1 + {} % daily change x {} days kept) at {}/GiB-month"),
                                   gib(stored), gib(m_d.size), fnum(change * 100, 1), m_d.retention_days,
                                   frate(u::in_usd(m_prices->snapshot.price * u::GiB(1) * month)));
            });
        assume([&] {
            return format_text(FMT_COMPILE("Snapshots: daily, kept {} days; {} % of the database changes per "
                               "day (ESTIMATE, irisize sizing policy)."),
                               m_d.retention_days, fnum(change * 100, 1));
        });
    }
    const double avg = N.journal_average_to_peak;
    const u::throughput journal_avg = m_d.journal * avg;
    if (m_w.failover_on_premises) {
        // A hybrid site: the link from the data centre, and the journal stream coming in over it.
        const bool dx = m_w.link == "direct_connect";
        const Priced<u::cost_rate>& port = dx ? m_prices->direct_connect_port : m_prices->vpn_connection;
        add(dx ? "Direct Connect port (1 Gbps, dedicated)" : "Site-to-Site VPN connection", "network", port.price,
            port.estimate, [&] {
                return format_text(FMT_COMPILE("1 {} x {}/hour x {} hours: the link from the data centre that carries the "
                                               "journal to the DR members (ha.link \"{}\")"),
                                   dx ? "port" : "connection", frate(u::in_usd(port.price * u::hours(1))),
                                   fnum(u::in_hours(month)), dx ? "direct_connect" : "vpn");
            });
        const u::cost_rate c = m_prices->transfer_in.price * journal_avg * static_cast<double>(m_d.dr_members);
        add("async journal in from on premises", "transfer", c, m_prices->transfer_in.estimate, [&] {
            const double gb_month = u::in_GB(journal_avg * month) * m_d.dr_members;
            return format_text(FMT_COMPILE("{} GB/month = {} average journal x {} h x {} DR member{}, into AWS at {}/GB"),
                               fnum(gb_month), mibps(journal_avg), fnum(u::in_hours(month)), m_d.dr_members,
                               m_d.dr_members == 1 ? "" : "s", frate(u::in_usd(m_prices->transfer_in.price * u::GB(1))));
        });
        return;
    }
    if (m_w.mirror) {
        // The primary ships its journal to the backup in another AZ; billed out and in.
        const u::cost_rate c = m_prices->cross_az.price * journal_avg * 2.0;
        add("mirror journal cross-AZ transfer", "transfer", c, m_prices->cross_az.estimate, [&] {
            return format_text(FMT_COMPILE("{} peak x {} average/peak = {} shipped to the backup, {}/GB each direction"),
                               mibps(m_d.journal), fnum(avg, 2), mibps(journal_avg),
                               frate(u::in_usd(m_prices->cross_az.price * u::GB(1))));
        });
    }
    if (m_d.dr_members > 0) {
        const u::cost_rate c = m_prices->inter_region_out.price * journal_avg * static_cast<double>(m_d.dr_members);
        add("async journal to " + m_dr_prices->region + " (inter-region)", "transfer", c,
            m_prices->inter_region_out.estimate, [&] {
                const double gb_month = u::in_GB(journal_avg * month) * m_d.dr_members;
                return format_text(FMT_COMPILE("{} GB/month = {} average journal x {} h x {} DR member{}, at {}/GB out of {}"),
                                   fnum(gb_month), mibps(journal_avg), fnum(u::in_hours(month)), m_d.dr_members,
                                   m_d.dr_members == 1 ? "" : "s", frate(u::in_usd(m_prices->inter_region_out.price * u::GB(1))), m_prices->region);
            });
    }
}

} // namespace sizing

} // namespace irisize
