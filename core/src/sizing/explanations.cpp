// SPDX-License-Identifier: GPL-3.0-or-later
// Explanations, written after the optimisation from the numbers it chose: each database
// volume's demand and the cheapest layout of every candidate type, the database member's CPU,
// memory and EBS arithmetic, its memory boundary against the next smaller instance, the
// running site's server against the same rule, and the cheaper instances turned down.
#include "sizer.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace irisize::sizing {

void Sizer::purpose_why(TextBuffer& out, const PurposeDemand& p, double read_fraction, u::capacity gb) const {
    const auto block = N.database_block;
    if (p.purpose == VolumePurpose::data) {
        const double free = N.database_free_space_percent / 100.0;
        append(out, FMT_COMPILE("Holds {} = "), gib(p.demand.capacity));
        if (m_d.fit_note.empty())
            append(out, FMT_COMPILE("{} x (1 + {} %)^{} years"), gib(m_d.size), fnum(m_d.growth, 2), m_d.horizon);
        else
            append(out, FMT_COMPILE("{} (growth {})"), gib(m_d.at_horizon), m_d.fit_note);
        append(out, FMT_COMPILE(" / (1 - {} % free); sustains {} = {} reads"), fnum(free * 100), io(p.demand.iops),
               fnum(u::in_iops(m_d.read)));
        if (read_fraction < 1)
            append(out, FMT_COMPILE(" x {} %"), fnum(read_fraction * 100));
        append(out, FMT_COMPILE(" + {} writes of {} KiB = {}"), fnum(u::in_iops(m_d.write)), fnum(u::in_KiB(block)),
               mibps(p.demand.throughput));
    } else if (p.purpose == VolumePurpose::wij)
        append(out,
               FMT_COMPILE("Holds the WIJ at its maximum, the global buffers: {} + {} % = {}; carries the database "
                           "writes ({} x {} KiB = {}) in {} KiB blocks = {}"),
               gib(gb), fnum(N.wij_margin_percent), gib(p.demand.capacity), fnum(u::in_iops(m_d.write)),
               fnum(u::in_KiB(block)), mibps(p.demand.throughput), fnum(u::in_KiB(N.wij_io)), io(p.demand.iops));
    else if (p.purpose == VolumePurpose::journal1 || p.purpose == VolumePurpose::journal2)
        append(out,
               FMT_COMPILE("The {} journal holds {} = max({} GiB, {} peak x {} average/peak x 24 h x {} days kept "
                           "x {} headroom for journals kept longer by a late backup or a long transaction "
                           "(estimate)); sustains {} in {} KiB blocks = {}"),
               p.purpose == VolumePurpose::journal1 ? "primary" : "alternate", gib(p.demand.capacity),
               fnum(u::in_GiB(N.journal_min)), mibps(m_d.journal), fnum(N.journal_average_to_peak, 2),
               fnum(N.journal_retention_days), fnum(N.journal_headroom_factor), mibps(m_d.journal),
               fnum(u::in_KiB(N.journal_io)), io(p.demand.iops));
    else
        append(out, FMT_COMPILE("Installation directory and system databases: {} ({})"), gib(p.demand.capacity),
               pol().at("install_volume_gib").source);
}

void Sizer::explain_database(DatabaseChoice& c, Member& m) {
    TextBuffer out;
    for (std::size_t i = 0; i < c.purposes.size(); ++i) {
        auto& v = m.volumes[i];
        out.clear();
        append(out, FMT_COMPILE("{}: "), v.purpose);
        describe_layout(out, v);
        append(out, ". ");
        purpose_why(out, c.purposes[i], c.fraction, c.gb);
        append(out, ". Cheapest valid layout of each type");
        if (c.purposes[i].stripable)
            append(out, FMT_COMPILE(" (a wider stripe must save {} a month per extra volume)"),
                   fmoney(u::in_usd(N.stripe_extra_volume_per_month)));
        append(out, ": ");
        describe_considered(out, c.considered[i]);
        append(out, ".");
        if (c.limited)
            append(out,
                   FMT_COMPILE(" The member's volumes must fit {} EBS attachments, so the layouts were chosen "
                               "together within that limit."),
                   c.budget);
        v.explanation = to_string(out);
    }
    if (c.role == Role::primary && m_w.database.site_memory) {
        // The running site's own server against the same rule.
        const double site_gib = u::in_GiB(*m_w.database.site_memory);
        const double pct = shared_memory(c.gb, c.best->vcpu) / *m_w.database.site_memory * 100.0;
        const double ceiling = m_d.shared_fraction * 100, stretch = N.memory_shared_fraction_stretch * 100;
        m_plan.assumptions.push_back(fmt::format(
            FMT_COMPILE("The running site's database server has {} GiB of RAM (database.site_memory_gib): the memory plan "
            "estimate for its {} GiB of global buffers is {} % of it, {}."),
            fnum(site_gib, 1), fnum(u::in_GiB(c.gb), 1), fnum(pct, 1),
            pct <= ceiling + 1e-9 ? format_text(FMT_COMPILE("within this plan's {} % ceiling: the site passes the rule"), fnum(ceiling, 1))
            : pct <= stretch + 1e-9
                ? format_text(FMT_COMPILE("above this plan's {} % ceiling but within the {} % that running sites accept: the site "
                              "runs closer to its RAM than this plan allows"),
                              fnum(ceiling, 1), fnum(stretch))
                : format_text(FMT_COMPILE("above both this plan's {} % ceiling and the {} % that running sites accept: the site "
                              "itself fails the rule"),
                              fnum(ceiling, 1), fnum(stretch))));
    }
    // An instance's EBS volume allowance, as the member and the rejected candidates say it.
    auto attachments = [&](const InstanceType& it) {
        append(out, FMT_COMPILE(" ({} attachments shared with {} network interface{}"), it.attachments.limit, c.nics,
               c.nics == 1 ? "" : "s");
        if (it.nvme_store_volumes > 0)
            append(out, FMT_COMPILE(" and {} NVMe instance store volumes"), it.nvme_store_volumes);
        append(out, ")");
    };
    out.clear();
    append(out, FMT_COMPILE("{} {}: {} vCPU, {} RAM, EBS baseline {} / {}. CPU: {} busy cores"), c.role, c.best->type,
           c.best->vcpu, gib(c.best->memory), io(c.best->ebs.baseline_iops), mibps(c.best->ebs.baseline_throughput),
           fnum(m_d.cores, 2));
    if (c.fraction < 1)
        append(out, FMT_COMPILE(" x {} % DR capacity"), fnum(c.fraction * 100));
    append(out,
           FMT_COMPILE(" / {} % target = {} vCPU. Memory (InterSystems memory plan estimate): global buffers {} MiB x {} "
                       "+ routine buffers {} MiB x {} + gmheap + {} MiB per CPU + journal buffers {} MiB + {} MiB "
                       "connections + {} MiB = {} MiB of shared memory, kept within {} % of RAM ({}) = {}. EBS: data + "
                       "WIJ + primary journal need {} and {} sustained. Volumes: {} EBS volumes of the {} the instance "
                       "takes"),
           fnum(m_d.target * 100), fnum(c.vcpu_need, 2), fnum(u::in_MiB(c.gb)), fnum(N.memory_global_buffers_factor, 2),
           fnum(u::in_MiB(m_d.routine_buffers)), fnum(N.memory_routine_buffers_factor, 2),
           fnum(u::in_MiB(N.memory_per_logical_cpu)), fnum(u::in_MiB(N.memory_journal_buffers)),
           fnum(u::in_MiB(N.memory_per_server_connection * N.memory_server_connections)),
           fnum(u::in_MiB(N.memory_fixed)), fnum(u::in_MiB(shared_memory(c.gb, c.best->vcpu))),
           fnum(m_d.shared_fraction * 100, 1),
           m_w.database.shared_memory_percent_of_ram ? "the workload's ceiling"
                                                     : "the policy's, after the huge-pages guidance",
           gib(c.mem_need), io(c.ebs_iops), mibps(c.ebs_tput), m.ebs_volumes, c.budget);
    if (c.best->attachments.kind == AttachmentLimitKind::Shared)
        attachments(*c.best);
    else
        append(out, FMT_COMPILE(" ({} limit)"), to_string(c.best->attachments.kind));
    append(out, FMT_COMPILE(". Monthly {}: {} for the instance, {} for its volumes."),
           fmoney(to_cents(c.best_instance_monthly) + to_cents(c.best_monthly - c.best_instance_monthly)),
           fmoney(c.best_instance_monthly), fmoney(c.best_monthly - c.best_instance_monthly));
    if (m.smaller) {
        const auto& s = *m.smaller;
        const double shared_gib = u::in_GiB(shared_memory(c.gb, c.smaller->vcpu));
        append(out,
               FMT_COMPILE(" Memory boundary: the next smaller {}, {} ({} RAM), would hold the {} GiB of shared memory "
                           "at {} % of its RAM, {} the {} % that running sites accept (estimate) and above this "
                           "plan's {} %"),
               c.best->family, s.instance_type, gib(s.memory), fnum(shared_gib, 1), fnum(s.shared_percent_needed, 1),
               s.fits_at_stretch ? "within" : "beyond", fnum(s.stretch_percent), fnum(m_d.shared_fraction * 100, 1));
        if (!s.blocked_by.empty())
            append(out, FMT_COMPILE("; it is also ruled out by: {}"), s.blocked_by);
        else if (s.fits_at_stretch)
            append(out,
                   FMT_COMPILE("; at that ceiling it would save {} a month per member and leave {} GiB instead of {} "
                               "GiB for the operating system, processes and file cache"),
                   fmoney(u::usd_per_month(s.saving, c.prices.month)), fnum(u::in_GiB(s.memory) - shared_gib, 1),
                   fnum(u::in_GiB(c.best->memory) - u::in_GiB(shared_memory(c.gb, c.best->vcpu)), 1));
        append(out, ".");
    }
    m.explanation = to_string(out);

    // The cheaper candidates turned down, nearest first (instance and volumes, as the chosen one's monthly).
    std::sort(c.scored.begin(), c.scored.end(),
              [](const ScoredInstance& a, const ScoredInstance& b) { return a.monthly > b.monthly; });
    constexpr int kListed = 5; // the nearest few say enough; more would bury them
    int listed = 0;
    // Reserved: a plan's structs hold Boost.Units quantities, whose moves are not noexcept, so a
    // growing vector would copy every entry (and its text) rather than move it.
    m_plan.rejected.reserve(m_plan.rejected.size() + kListed);
    for (const auto& s : c.scored) {
        if (s.fits || s.monthly >= c.best_monthly - 1e-9 || listed >= kListed)
            continue;
        const auto& it = m_cat.instances.instances[s.idx];
        out.clear();
        auto reason = [&] {
            if (out.size() > 0)
                append(out, "; ");
            return fmt::appender(out);
        };
        if (it.vcpu < c.vcpu_need - 1e-9)
            fmt::format_to(reason(), FMT_COMPILE("{} vCPU < {} needed"), it.vcpu, fnum(c.vcpu_need, 1));
        const auto need = memory_needed(c.gb, it.vcpu);
        if (it.memory < need) {
            // The need depends a little on the vCPU count (memory per CPU): when this candidate's differs
            // in print from the chosen instance's, say why, so that one figure never shows two values.
            const bool differs = fmt::to_string(gib(need)) != fmt::to_string(gib(c.mem_need));
            fmt::format_to(reason(), FMT_COMPILE("{} RAM < {} needed"), gib(it.memory), gib(need));
            if (differs)
                append(out, FMT_COMPILE(" with its {} vCPU"), it.vcpu);
        }
        if (!it.ebs.dedicated)
            fmt::format_to(reason(), FMT_COMPILE("no dedicated EBS bandwidth (EBS shares {})"), it.ebs.shares);
        else {
            if (it.ebs.baseline_iops < c.ebs_iops)
                fmt::format_to(reason(), FMT_COMPILE("EBS baseline {} < {}"), io(it.ebs.baseline_iops), io(c.ebs_iops));
            if (it.ebs.baseline_throughput < c.ebs_tput)
                fmt::format_to(reason(), FMT_COMPILE("EBS baseline {} < {}"), mibps(it.ebs.baseline_throughput),
                               mibps(c.ebs_tput));
        }
        if (s.over_volume_limit) {
            fmt::format_to(reason(), FMT_COMPILE("takes {} EBS volumes"),
                           it.attachments.ebs_volumes(c.nics, it.nvme_store_volumes));
            if (it.attachments.kind == AttachmentLimitKind::Shared)
                attachments(it);
            append(out, FMT_COMPILE(", the fewest valid layout needs {}"), s.fewest_volumes);
        }
        m_plan.rejected.push_back({c.role, it.type, u::per_month(u::usd(s.monthly), c.prices.month), to_string(out)});
        ++listed;
    }

}

} // namespace irisize::sizing
