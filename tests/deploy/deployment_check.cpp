// SPDX-License-Identifier: GPL-3.0-or-later
// The deployment the generated Terraform describes, checked against its plan
// (deployment_check.hpp).
#include "deployment_check.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include <catch2/catch.hpp>

#include "deploy_test_support.hpp"

namespace irisize::test {

std::set<std::string> instances_with_role(const std::vector<HclBlock>& blocks, Role role) {
    std::set<std::string> out;
    for (const auto* b : resources(blocks, "aws_instance"))
        if (std::regex_search(b->attr("tags"), std::regex("Role +=  *\"" + std::string(name(role)) + "\"")))
            out.insert(b->labels.at(1));
    return out;
}

int servers_with_role(const Plan& p, Role role) {
    int n = 0;
    for (const auto& m : p.members)
        if (m.role == role)
            n += m.count;
    return n;
}

void check_deployment(const Plan& p, const std::vector<HclBlock>& tf) {
    const auto& d = deploy();

    // The web tier: an Application Load Balancer, sticky, every web server a target, two zones at least.
    const auto web_servers = instances_with_role(tf, Role::web);
    CHECK(static_cast<int>(web_servers.size()) == servers_with_role(p, Role::web));
    std::vector<const HclBlock*> albs;
    for (const auto* lb : resources(tf, "aws_lb"))
        if (lb->attr("load_balancer_type") == "\"application\"")
            albs.push_back(lb);
    CHECK(albs.size() == (web_servers.empty() ? 0u : 1u));
    if (!web_servers.empty() && albs.size() == 1) {
        const std::string alb = albs.front()->labels.at(1);
        const auto alb_subnets = all_referenced(albs.front()->attr("subnets"), "aws_subnet");
        CHECK(alb_subnets.size() >= 2);
        // Every zone a web server is in holds a subnet of the load balancer.
        for (const auto& w : web_servers)
            CHECK(alb_subnets.count(referenced(resource(tf, "aws_instance", w)->attr("subnet_id"), "aws_subnet")) == 1);
        // Its listeners forward to target groups that are sticky and hold every web server.
        const auto listeners = resources(tf, "aws_lb_listener");
        std::set<std::string> groups;
        for (const auto* l : listeners)
            if (referenced(l->attr("load_balancer_arn"), "aws_lb") == alb)
                for (const auto* act : l->nested("default_action"))
                    groups.insert(referenced(act->attr("target_group_arn"), "aws_lb_target_group"));
        REQUIRE(groups.size() == 1);
        const auto* tg = resource(tf, "aws_lb_target_group", *groups.begin());
        REQUIRE(tg);
        const auto stickiness = tg->nested("stickiness");
        REQUIRE(stickiness.size() == 1);
        CHECK(stickiness.front()->attr("type") == "\"lb_cookie\"");
        CHECK(stickiness.front()->attr("enabled") == "true");
        const auto health = tg->nested("health_check");
        REQUIRE(health.size() == 1);
        CHECK(health.front()->attr("path") == "\"" + d.web_load_balancer.health_check_path + "\"");
        std::set<std::string> targets;
        for (const auto* a : resources(tf, "aws_lb_target_group_attachment"))
            if (referenced(a->attr("target_group_arn"), "aws_lb_target_group") == tg->labels.at(1))
                CHECK(targets.insert(referenced(a->attr("target_id"), "aws_instance")).second);
        CHECK(targets == web_servers);
    }

    // The mirror load balancers check the mirror-status page on the members' Web Gateway port.
    for (const auto* tg : resources(tf, "aws_lb_target_group")) {
        const auto health = tg->nested("health_check");
        if (health.size() == 1 && health.front()->attr("path") == "\"" + d.load_balancer.health_check_path + "\"") {
            CHECK(health.front()->attr("port") ==
                  "\"" + std::to_string(d.port(d.load_balancer.health_check_port)) + "\"");
            CHECK(health.front()->attr("port") != "\"" + std::to_string(d.port("web")) + "\"");
        }
    }

    // Load balancer and target group names (with the default prefix): at most 32 letters, digits and '-'.
    for (const char* type : {"aws_lb", "aws_lb_target_group"})
        for (const auto* b : resources(tf, type)) {
            std::string name = b->attr("name");
            const std::string prefix = "\"${var.name_prefix}";
            REQUIRE(name.rfind(prefix, 0) == 0);
            name = d.terraform.name_prefix + name.substr(prefix.size(), name.size() - prefix.size() - 1);
            INFO(type << " " << name);
            CHECK(name.size() <= 32);
            CHECK(std::regex_match(name, std::regex("[A-Za-z0-9-]+")));
        }

    // Route 53 health checks never aim at an internal load balancer: they watch a CloudWatch alarm
    // on the mirror target group, or (public endpoint) a load balancer that is literally not internal.
    const bool has_dr = servers_with_role(p, Role::dr_async) > 0;
    const auto checks = resources(tf, "aws_route53_health_check");
    CHECK(checks.size() == (has_dr ? 2u : 0u));
    std::set<std::string> regions;
    for (const auto* hc : checks) {
        INFO(hc->labels.at(1));
        for (const char* key : {"fqdn", "ip_address"}) {
            const std::string target = hc->attr(key);
            if (target.empty())
                continue;
            const std::string lb = referenced(target, "aws_lb");
            REQUIRE_FALSE(lb.empty());
            CHECK(resource(tf, "aws_lb", lb)->attr("internal") == "false");
        }
        if (hc->attr("type") == "\"CLOUDWATCH_METRIC\"") {
            const std::string alarm = referenced(hc->attr("cloudwatch_alarm_name"), "aws_cloudwatch_metric_alarm");
            const auto* a = resource(tf, "aws_cloudwatch_metric_alarm", alarm);
            REQUIRE(a);
            CHECK(a->attr("metric_name") == "\"HealthyHostCount\"");
            const std::string lb = referenced(a->attr("dimensions"), "aws_lb");
            REQUIRE(resource(tf, "aws_lb", lb));
            CHECK(resource(tf, "aws_lb", lb)->attr("load_balancer_type") == "\"network\"");
            CHECK_FALSE(hc->attr("insufficient_data_health_status").empty());
            regions.insert(hc->attr("cloudwatch_alarm_region"));
        } else {
            CHECK_FALSE(hc->attr("fqdn").empty());
        }
    }
    if (has_dr)
        CHECK(regions == std::set<std::string>{"\"" + p.region + "\"", "\"" + p.dr_region + "\""});

    // Alarms for every database member: CPU at the Health Monitor warning, status check, a queue
    // alarm per data and journal volume, burst balance per gp2 volume.
    std::map<std::string, std::vector<const HclBlock*>> alarms_of; // instance -> alarms on it or its volumes
    std::map<std::string, std::string> volume_owner;               // aws_ebs_volume -> instance
    for (const auto* att : resources(tf, "aws_volume_attachment"))
        volume_owner[referenced(att->attr("volume_id"), "aws_ebs_volume")] =
            referenced(att->attr("instance_id"), "aws_instance");
    const auto alarms = resources(tf, "aws_cloudwatch_metric_alarm");
    for (const auto* a : alarms) {
        const std::string dims = a->attr("dimensions");
        if (auto i = referenced(dims, "aws_instance"); !i.empty())
            alarms_of[i].push_back(a);
        if (auto v = referenced(dims, "aws_ebs_volume"); !v.empty())
            alarms_of[volume_owner.at(v)].push_back(a);
        // Numbers in the text carry thousands separators.
        CHECK_FALSE(std::regex_search(a->attr("alarm_description"), std::regex(R"((^|[^0-9.,])[0-9]{4,})")));
    }
    const std::string cpu = std::to_string(static_cast<int>(catalog().policy.n.cpu_health_monitor_warning_percent));
    int members = 0;
    for (const Role role : {Role::primary, Role::backup, Role::dr_async})
        for (const auto& server : instances_with_role(tf, role)) {
            ++members;
            INFO(name(role) << " " << server);
            int cpu_alarms = 0, status = 0, queues = 0, bursts = 0;
            for (const auto* a : alarms_of[server]) {
                const auto metric = a->attr("metric_name");
                if (metric == "\"CPUUtilization\"") {
                    ++cpu_alarms;
                    CHECK(a->attr("threshold") == cpu);
                }
                status += metric == "\"StatusCheckFailed\"";
                queues += metric == "\"VolumeQueueLength\"";
                bursts += metric == "\"BurstBalance\"";
            }
            CHECK(cpu_alarms == 1);
            CHECK(status == 1);
            int want_queues = 0, want_bursts = 0;
            for (const auto* v : resources(tf, "aws_ebs_volume")) {
                if (volume_owner[v->labels.at(1)] != server)
                    continue;
                const auto purpose = parse_volume_purpose(std::regex_replace(
                    v->attr("tags"), std::regex(R"re([\s\S]*Purpose *= "([a-z0-9]+)"[\s\S]*)re"), "$1"));
                REQUIRE(purpose);
                const auto& qp = d.alarms.volume_queue_purposes;
                want_queues += std::find(qp.begin(), qp.end(), *purpose) != qp.end();
                want_bursts += v->attr("type") == "\"gp2\"";
            }
            CHECK(want_queues > 0);
            CHECK(queues == want_queues);
            CHECK(bursts == want_bursts);
        }
    CHECK(members == servers_with_role(p, Role::primary) + servers_with_role(p, Role::backup) +
                         servers_with_role(p, Role::dr_async));
}

} // namespace irisize::test
