// SPDX-License-Identifier: GPL-3.0-or-later
// monitoring.tf: CloudWatch alarms for every server (status checks), every database member
// (CPU at the Health Monitor warning, volume queues), every gp2 volume (burst balance) and
// every instance whose planned demand is a high share of its EBS limits.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "deploy/deploy_layout.hpp"
#include "deploy/hcl_writer.hpp"
#include "deploy/terraform_files.hpp"
#include "deploy/terraform_layout.hpp"
#include "detail/role_format.hpp"
#include "irisize/format.hpp"

namespace irisize::detail::tf {

namespace u = units;

namespace {

void common_alarm(HclBody& b, const Server& s, const std::string& name, const std::string& description) {
    provider(b, s.where);
    b.attr("alarm_name", interpolated(name)).attr("alarm_description", hcl_quoted(description));
}

/// The instance-level EBS alarms of a server whose demand is a high share of its EBS limits.
void instance_alarms(HclFile& f, const Server& s, const InstanceType& it, const DeployDefaults& d) {
    const Member& m = *s.member;
    const auto& a = d.alarms;
    const double base_iops = u::in_iops(it.ebs.baseline_iops);
    const double base_bps = u::in_MiBps(it.ebs.baseline_throughput) * 1024.0 * 1024.0;
    const double iops_share = base_iops > 0 ? u::in_iops(m.demand.iops) / base_iops : 0;
    const double bps_share = base_bps > 0 ? u::in_MiBps(m.demand.throughput) * 1024.0 * 1024.0 / base_bps : 0;

    auto rate_alarm = [&](const std::string& what, const char* read_metric, const char* write_metric, double limit,
                          double share, const std::string& limit_text, const std::string& demand_text) {
        const std::string id = s.id + "_ebs_" + what;
        HclBody& b = f.block("resource", {"aws_cloudwatch_metric_alarm", id});
        const char* words = what == "iops" ? "I/O operations" : "bytes";
        common_alarm(b, s, s.id + "-ebs-" + what,
                     fmt::format("{} {}: EBS {} per second above {} % of the instance baseline of {} (planned "
                                 "demand {}, {} % of it)",
                                 m.role, m.instance_type, words, num(a.instance_ebs_alarm_share * 100), limit_text,
                                 demand_text, num(share * 100)));
        b.attr("comparison_operator", hcl_quoted("GreaterThanThreshold"))
            .attr("threshold", hcl_integer(std::llround(limit * a.instance_ebs_alarm_share)))
            .attr("evaluation_periods", hcl_integer(a.evaluation_periods))
            .attr("alarm_actions", "var.alarm_actions");
        HclBody& e = b.block("metric_query");
        e.attr("id", hcl_quoted("total"))
            .attr("expression", hcl_quoted("(reads + writes) / PERIOD(reads)"))
            .attr("label", hcl_quoted(fmt::format("EBS {} per second", words)))
            .attr("return_data", "true");
        for (const auto& [qid, metric] : {std::pair{"reads", read_metric}, std::pair{"writes", write_metric}}) {
            HclBody& mq = b.block("metric_query");
            mq.attr("id", hcl_quoted(qid));
            HclBody& met = mq.block("metric");
            met.attr("namespace", hcl_quoted("AWS/EC2"))
                .attr("metric_name", hcl_quoted(metric))
                .attr("period", hcl_integer(a.period_seconds))
                .attr("stat", hcl_quoted("Sum"));
            met.object("dimensions", {{"InstanceId", fmt::format("aws_instance.{}.id", s.id)}});
        }
    };
    auto balance_alarm = [&](const std::string& what, const char* metric) {
        const std::string id = s.id + "_ebs_" + what + "_balance";
        HclBody& b = f.block("resource", {"aws_cloudwatch_metric_alarm", id});
        common_alarm(b, s, s.id + "-ebs-" + what + "-balance",
                     fmt::format("{} {}: the instance's EBS burst bucket ({}) is running out; it sustains only its "
                                 "baseline then",
                                 m.role, m.instance_type, metric));
        metric_check(b, {"AWS/EC2", metric, "Minimum", "LessThanThreshold",
                         fmt::format("{}", a.instance_ebs_balance_percent), a.period_seconds, a.evaluation_periods});
        b.attr("alarm_actions", "var.alarm_actions");
        b.object("dimensions", {{"InstanceId", fmt::format("aws_instance.{}.id", s.id)}});
    };
    if (iops_share >= a.instance_ebs_watch_share)
        rate_alarm("iops", "EBSReadOps", "EBSWriteOps", base_iops, iops_share, num(base_iops) + " IOPS",
                   num(u::in_iops(m.demand.iops)) + " IOPS");
    if (bps_share >= a.instance_ebs_watch_share)
        rate_alarm("bytes", "EBSReadBytes", "EBSWriteBytes", base_bps, bps_share,
                   num(u::in_MiBps(it.ebs.baseline_throughput)) + " MiB/s",
                   num(u::in_MiBps(m.demand.throughput), 1) + " MiB/s");
    if (it.ebs.max_is_burst && iops_share >= a.instance_ebs_watch_share)
        balance_alarm("io", "EBSIOBalance%");
    if (it.ebs.max_is_burst && bps_share >= a.instance_ebs_watch_share)
        balance_alarm("byte", "EBSByteBalance%");
}

bool is_database_member(const Server& s) {
    return holds_databases(s.member->role);
}

/// A number as CloudWatch reads it: no thousands separators, at most one decimal.
std::string threshold_number(double v) {
    return fmt::format("{}", std::round(v * 10) / 10);
}

} // namespace

GeneratedFile monitoring_tf(const Plan& plan, const Layout& L, const Catalog& catalog, const DeployDefaults& d) {
    const auto& a = d.alarms;
    const double cpu_warning = catalog.policy.n.cpu_health_monitor_warning_percent;
    HclFile f("monitoring.tf",
              header(plan, fmt::format("CloudWatch alarms: CPU at the Health Monitor warning ({} %), status checks "
                                       "and volume queues of every database member; status checks of every server; "
                                       "gp2 burst balance; instance EBS limits where the planned demand is at least "
                                       "{} % of the baseline",
                                       num(cpu_warning), num(a.instance_ebs_watch_share * 100))));
    auto alarm = [&](const Server& s, const std::string& id, const std::string& description) -> HclBody& {
        HclBody& b = f.block("resource", {"aws_cloudwatch_metric_alarm", id});
        provider(b, s.where);
        b.attr("alarm_name", interpolated(id)).attr("alarm_description", hcl_quoted(description));
        return b;
    };
    auto instance_dimension = [](HclBody& b, const Server& s) {
        b.object("dimensions", {{"InstanceId", fmt::format("aws_instance.{}.id", s.id)}});
    };
    auto burst_alarm = [&](const Server& s, const std::string& id, const std::string& volume_ref,
                           const std::string& what) {
        HclBody& b = alarm(s, id + "_burst_balance",
                           fmt::format("{}: gp2 burst credits below {} %; the volume falls back to its baseline IOPS",
                                       what, num(a.burst_balance_percent)));
        metric_check(b, {"AWS/EBS", "BurstBalance", "Minimum", "LessThanThreshold",
                         threshold_number(a.burst_balance_percent), a.period_seconds, a.evaluation_periods});
        b.attr("alarm_actions", "var.alarm_actions");
        b.object("dimensions", {{"VolumeId", volume_ref}});
    };
    for (const auto& s : L.servers) {
        const Member& m = *s.member;
        if (is_database_member(s)) {
            HclBody& cpu = alarm(s, s.id + "_cpu",
                                 fmt::format("{} {}: average CPU above the InterSystems Health Monitor warning of {} % "
                                             "(data/sizing.json) for {} periods of {} s; planned for {} of its {} vCPU",
                                             m.role, m.instance_type, num(cpu_warning), num(a.evaluation_periods),
                                             num(a.period_seconds), num(m.demand.vcpu, 1), num(m.vcpu)));
            metric_check(cpu, {"AWS/EC2", "CPUUtilization", "Average", "GreaterThanThreshold",
                               threshold_number(cpu_warning), a.period_seconds, a.evaluation_periods});
            cpu.attr("alarm_actions", "var.alarm_actions");
            instance_dimension(cpu, s);
        }
        HclBody& st = alarm(s, s.id + "_status_check",
                            fmt::format("{} {}: an EC2 status check (instance or system) failed for {} periods of {} s",
                                        m.role, m.instance_type, num(a.status_check_evaluation_periods),
                                        num(a.status_check_period_seconds)));
        metric_check(st, {"AWS/EC2", "StatusCheckFailed", "Maximum", "GreaterThanThreshold", "0",
                          a.status_check_period_seconds, a.status_check_evaluation_periods});
        st.attr("alarm_actions", "var.alarm_actions");
        instance_dimension(st, s);

        auto root = L.root.find(s.id);
        if (root != L.root.end() && d.volume_types.has_burst_balance(root->second->type))
            burst_alarm(s, s.id + "_root", fmt::format("aws_instance.{}.root_block_device[0].volume_id", s.id),
                        fmt::format("{} root volume", s.id));
        for (const auto& v : L.volumes) {
            if (v.server != &s)
                continue;
            const PlannedVolume& p = *v.planned;
            const std::string what = p.stripe_width > 1 ? fmt::format("{} {} volume {} of {}", s.id, p.purpose,
                                                                      v.stripe_index, p.stripe_width)
                                                        : fmt::format("{} {} volume", s.id, p.purpose);
            if (d.volume_types.has_burst_balance(p.type))
                burst_alarm(s, v.id, fmt::format("aws_ebs_volume.{}.id", v.id), what);
            const auto& purposes = a.volume_queue_purposes;
            if (is_database_member(s) && std::find(purposes.begin(), purposes.end(), p.purpose) != purposes.end()) {
                const double volume_iops = static_cast<double>(volume_figures(p).iops);
                const double queue = std::max(a.volume_queue_min, volume_iops * a.volume_queue_latency_ms / 1000.0);
                HclBody& b = alarm(s, v.id + "_queue_length",
                                   fmt::format("{} ({} {}): average VolumeQueueLength above {}, which at the volume's "
                                               "{} IOPS means I/O waits longer than {} ms",
                                               what, num(u::in_GiB(p.size)) + " GiB", p.type, num(queue, 1),
                                               num(volume_iops), num(a.volume_queue_latency_ms, 1)));
                metric_check(b, {"AWS/EBS", "VolumeQueueLength", "Average", "GreaterThanThreshold",
                                 threshold_number(queue), a.period_seconds, a.evaluation_periods});
                b.attr("alarm_actions", "var.alarm_actions");
                b.object("dimensions", {{"VolumeId", fmt::format("aws_ebs_volume.{}.id", v.id)}});
            }
        }
        if (auto idx = catalog.instances.find(m.instance_type))
            instance_alarms(f, s, catalog.instances.instances[*idx], d);
    }
    return f.finish();
}

} // namespace irisize::detail::tf
