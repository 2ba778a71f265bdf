// SPDX-License-Identifier: GPL-3.0-or-later
// Warnings: what a reviewer must see about the plan: an old rule set, EBS headroom, burst
// buckets, estimated prices, no mirror or arbiter, DR caveats, CPU above the Health Monitor
// threshold, demand from the illustrative profile.
#include "sizer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "irisize/rules/rule_engine.hpp"

namespace irisize::sizing {

void Sizer::warnings() {
    auto& w = m_plan.warnings;
    if (m_rules->id != m_cat.default_rule_set().id)
        w.push_back(format_text(FMT_COMPILE("Rule set {} ({}) is not today's: {} has the current EBS limits."), m_rules->id,
                                m_rules->as_of, m_cat.default_rule_set().id));
    for (const auto& m : m_plan.members) {
        if ((m.role != Role::primary && m.role != Role::dr_async) || m.on_premises)
            continue;
        const auto& inst = m_cat.instances.instances[*m_cat.instances.find(m.instance_type)];
        // Only where the demand comes near the baseline: there the instance's higher, short-lived maximum
        // is what a reader might count on, and must not.
        const double iops_use = u::in_iops(m.demand.iops) / u::in_iops(inst.ebs.baseline_iops);
        const double tput_use = u::in_MiBps(m.demand.throughput) / u::in_MiBps(inst.ebs.baseline_throughput);
        const double use = std::max(iops_use, tput_use);
        if (use * 100.0 >= N.ebs_headroom_warning_percent - 1e-9)
            w.push_back(fmt::format(
                FMT_COMPILE("{} {} runs at {} % of its sustained EBS {} ({} / {}) at peak: little headroom for growth in I/O{}."),
                m.role, m.instance_type, fnum(use * 100), iops_use >= tput_use ? "IOPS" : "throughput",
                io(inst.ebs.baseline_iops), mibps(inst.ebs.baseline_throughput),
                inst.ebs.max_is_burst
                    ? format_text(FMT_COMPILE("; its EBS maximum ({} / {}) holds only {} minutes in 24 hours and is not counted"),
                                  io(inst.ebs.max_iops), mibps(inst.ebs.max_throughput),
                                  fnum(u::in_minutes(m_cat.instances.ebs_max_burst)))
                    : std::string()));
        const VolumeTypeRules* t = nullptr; // the last volume's type (a member's volumes are mostly one type)
        for (const auto& v : m.volumes) {
            if (!t || t->type != v.type)
                t = m_rules->find(v.type);
            if (!t || !t->burst_bucket)
                continue;
            if (auto mins = burst_minutes(*t, v.size, v.demand_iops / static_cast<double>(v.stripe_width)))
                w.push_back(format_text(FMT_COMPILE("{} {} on {}: peak demand drains the burst bucket in {} minutes."), m.role,
                                        v.purpose, v.type, fnum(*mins, 1)));
        }
        if (m.price_estimate)
            w.push_back(format_text(FMT_COMPILE("{} {}: the instance price in {} is an ESTIMATE (the Sources say how it was "
                                    "estimated)."),
                                    m.role, m.instance_type, m.region));
    }
    if (!m_w.mirror)
        w.push_back("No mirror: a failure of the database server or its availability zone stops the service until it "
                    "is rebuilt.");
    else if (!m_w.arbiter)
        w.push_back("Mirror without an arbiter: automatic failover is not possible when the primary's host or "
                    "availability zone is lost.");
    if (!m_w.mirror && m_w.arbiter)
        assume([&] { return std::string("ha.arbiter ignored: an arbiter only serves a mirror."); });
    if (m_w.failover_on_premises)
        w.push_back(format_text(FMT_COMPILE("Hybrid site: only the DR members run in AWS ({}). After a promotion there, "
                                            "clients need web and application servers in AWS too, which this plan does not "
                                            "size."),
                                m_prices->region));
    if (m_d.dr_members > 0) {
        w.push_back(format_text(FMT_COMPILE("{} in {}: asynchronous, so a {} failover may lose the journal "
                                "not yet shipped; promotion to primary is a decision and an action of a person."),
                                m_d.dr_members == 1 ? "The DR async member" : "The DR async members",
                                m_dr_prices->region, m_w.failover_on_premises ? "data-centre" : "regional"));
        if (m_d.dr_fraction < 1)
            w.push_back(format_text(FMT_COMPILE("DR sized at {} % of production CPU and memory: after a promotion the service "
                                    "runs degraded."),
                                    fnum(m_d.dr_fraction * 100)));
    } else {
        w.push_back("No DR member in a second region: a regional outage stops the service.");
    }
    if (m_d.target * 100 > N.cpu_health_monitor_warning_percent)
        w.push_back(format_text(FMT_COMPILE("Target CPU {} % is above the InterSystems Health Monitor warning threshold ({} %)."),
                                fnum(m_d.target * 100), fnum(N.cpu_health_monitor_warning_percent)));
    if (m_profile_used)
        w.push_back(format_text(FMT_COMPILE("Some demand comes from the illustrative '{}' profile, not measurements: import a "
                                "SystemPerformance report or type measured figures before relying on this plan."),
                                m_profile->product));
    if (m_plan.price_estimates)
        w.push_back("Some prices in this plan are ESTIMATES (marked \"est.\" in the cost lines): the total may change "
                    "when AWS's published prices for the region are used.");
}

} // namespace irisize::sizing
