// SPDX-License-Identifier: GPL-3.0-or-later
// loadbalancer.tf: the web tier's Application Load Balancer on each side (sticky sessions,
// every web server a target), the mirror's network load balancers health-checked on the
// mirror-status page through the members' Web Gateway, and Route 53 failover to the DR side on
// CloudWatch-alarm health checks.
#include <algorithm>

#include <fmt/format.h>

#include "deploy/hcl_writer.hpp"
#include "deploy/terraform_files.hpp"
#include "deploy/terraform_layout.hpp"
#include "irisize/deploy/terraform.hpp"
#include "irisize/format.hpp"

namespace irisize::detail::tf {

namespace {

/// The web tier's Application Load Balancer: sticky sessions, every web server a target.
void web_load_balancer(HclFile& f, const Plan& plan, const Layout& L, const DeployDefaults& d, Where w) {
    const WebLb& web = L.web[static_cast<int>(w)];
    if (web.targets.empty())
        return;
    const auto& wd = d.web_load_balancer;
    const auto& lbd = d.load_balancer;
    const std::string lb = suffixed("web", w);
    std::vector<std::string> subnets;
    for (const auto& s : web.subnets)
        subnets.push_back(fmt::format("aws_subnet.{}.id", s));
    HclBody& b = f.block("resource", {"aws_lb", lb});
    provider(b, w);
    b.attr("name", interpolated(w == Where::dr ? "dr-web" : "web"))
        .attr("internal", "var.web_lb_internal")
        .attr("load_balancer_type", hcl_quoted("application"))
        .attr("security_groups", hcl_list({fmt::format("aws_security_group.{}.id", suffixed("web_lb", w))}))
        .attr("subnets", hcl_list(subnets));
    b.object("tags", {{"Name", interpolated(lb)}, {"System", hcl_quoted(plan.name)}});

    HclBody& g = f.block("resource", {"aws_lb_target_group", lb});
    provider(g, w);
    g.attr("name", interpolated(w == Where::dr ? "dr-web" : "web"))
        .attr("port", hcl_integer(d.port(wd.target_port)))
        .attr("protocol", hcl_quoted("HTTP"))
        .attr("vpc_id", fmt::format("aws_vpc.{}.id", region_key(w)));
    HclBody& hc = g.block("health_check");
    hc.attr("protocol", hcl_quoted("HTTP"))
        .attr("port", hcl_quoted("traffic-port"))
        .attr("path", hcl_quoted(wd.health_check_path))
        .attr("matcher", hcl_quoted(wd.health_check_matcher))
        .attr("interval", hcl_integer(lbd.health_check_interval_seconds))
        .attr("healthy_threshold", hcl_integer(lbd.healthy_threshold))
        .attr("unhealthy_threshold", hcl_integer(lbd.unhealthy_threshold));
    HclBody& st = g.block("stickiness");
    st.attr("type", hcl_quoted(wd.stickiness_type))
        .attr("enabled", "true")
        .attr("cookie_duration", hcl_integer(wd.stickiness_cookie_duration_seconds));
    g.object("tags", {{"Name", interpolated(lb)}, {"System", hcl_quoted(plan.name)}});

    for (const Server* t : web.targets) {
        HclBody& a = f.block("resource", {"aws_lb_target_group_attachment", lb + "_" + t->id});
        provider(a, w);
        a.attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", lb))
            .attr("target_id", fmt::format("aws_instance.{}.id", t->id))
            .attr("port", hcl_integer(d.port(wd.target_port)));
    }

    HclBody& http = f.block("resource", {"aws_lb_listener", lb + "_" + hcl_identifier(wd.listener_port)});
    provider(http, w);
    http.attr("load_balancer_arn", fmt::format("aws_lb.{}.arn", lb))
        .attr("port", hcl_integer(d.port(wd.listener_port)))
        .attr("protocol", hcl_quoted("HTTP"));
    http.block("default_action")
        .attr("type", hcl_quoted("forward"))
        .attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", lb));

    HclBody& https = f.block("resource", {"aws_lb_listener", lb + "_" + hcl_identifier(wd.https_port)});
    provider(https, w);
    https.attr("count", "var.web_certificate_arn == \"\" ? 0 : 1")
        .attr("load_balancer_arn", fmt::format("aws_lb.{}.arn", lb))
        .attr("port", hcl_integer(d.port(wd.https_port)))
        .attr("protocol", hcl_quoted("HTTPS"))
        .attr("ssl_policy", hcl_quoted(wd.ssl_policy))
        .attr("certificate_arn", "var.web_certificate_arn");
    https.block("default_action")
        .attr("type", hcl_quoted("forward"))
        .attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", lb));

    HclBody& al = f.block("resource", {"aws_cloudwatch_metric_alarm", lb + "_unhealthy_hosts"});
    provider(al, w);
    al.attr("alarm_name", interpolated(lb + "-unhealthy-hosts"))
        .attr("alarm_description",
              hcl_quoted(
                  fmt::format("A web server fails the web load balancer's health check ({}); its users move to the "
                              "other {} web server{}",
                              wd.health_check_path, irisize::num(static_cast<double>(web.targets.size() - 1)),
                              web.targets.size() == 2 ? "" : "s")));
    metric_check(al, {"AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", "GreaterThanThreshold", "0",
                      lbd.healthy_hosts_period_seconds, lbd.healthy_hosts_evaluation_periods});
    al.attr("alarm_actions", "var.alarm_actions");
    al.object("dimensions", {{"TargetGroup", fmt::format("aws_lb_target_group.{}.arn_suffix", lb)},
                             {"LoadBalancer", fmt::format("aws_lb.{}.arn_suffix", lb)}});
}

} // namespace

GeneratedFile loadbalancer_tf(const Plan& plan, const Layout& L, const DeployDefaults& d) {
    const auto& lbd = d.load_balancer;
    const std::string gateway_port = hcl_integer(d.port(lbd.health_check_port));
    std::vector<std::string> head = header(plan, "Load balancers");
    head.emplace_back("");
    for (const Where w : {Where::primary, Where::dr}) {
        const WebLb& web = L.web[static_cast<int>(w)];
        if (web.targets.empty())
            continue;
        std::string zones;
        for (const auto& z : web.web_zones)
            zones += (zones.empty() ? "" : ", ") + z;
        head.push_back(fmt::format("Web tier{}: an Application Load Balancer with sticky sessions ({}) in front of "
                                   "{} {} web server{}, in {}.",
                                   w == Where::dr ? " (DR region)" : "", d.web_load_balancer.stickiness_type,
                                   web.targets.size() == 1 ? "its" : "all", web.targets.size(),
                                   web.targets.size() == 1 ? "" : "s", zones));
        if (web.web_zones.size() < 2)
            head.push_back(web.extra_subnet
                               ? "The web servers use one zone and the plan no other in this region: an ALB needs "
                                 "two, so it also gets a subnet of its own in another zone (network.tf)."
                               : "The web servers use one zone; an ALB needs two, so it also has a subnet of another "
                                 "zone the plan uses.");
    }
    head.push_back(fmt::format("Mirror: network load balancers in front of the failover members (and the DR "
                               "asyncs); only the current primary answers {} with 200, so only it is a healthy target.",
                               lbd.health_check_path));
    head.push_back(fmt::format("The page is checked on port {} (deploy.json ports.{}): the web server with the "
                               "Web Gateway on each database member.",
                               gateway_port, lbd.health_check_port));
    head.push_back("Since IRIS 2023.2 new installations have no private web server, so port " +
                   std::to_string(d.port("web")) + " no longer serves it; docs/deploy.md says more.");
    HclFile f("loadbalancer.tf", std::move(head));
    for (const Where w : {Where::primary, Where::dr})
        web_load_balancer(f, plan, L, d, w);
    const auto groups = mirror_groups(plan);
    for (const MirrorGroup& group : groups) {
    const std::string system_tag = group.system.empty() ? plan.name : group.system;
    for (const Where w : {Where::primary, Where::dr}) {
        const auto targets = mirror_lb_targets(L, w, &group.system);
        if (targets.empty())
            continue;
        const std::string lb = suffixed("mirror", w) + group.resource_suffix;
        std::vector<std::string> subnets;
        for (const auto* t : targets) {
            const auto ref = fmt::format("aws_subnet.{}.id", t->subnet);
            if (std::find(subnets.begin(), subnets.end(), ref) == subnets.end())
                subnets.push_back(ref);
        }
        HclBody& b = f.block("resource", {"aws_lb", lb});
        provider(b, w);
        b.attr("name", interpolated((w == Where::dr ? "dr-mirror" : "mirror") + group.aws_suffix))
            .attr("internal", "var.lb_internal")
            .attr("load_balancer_type", hcl_quoted("network"))
            .attr("subnets", hcl_list(subnets))
            .attr("enable_cross_zone_load_balancing", "true");
        b.object("tags", {{"Name", interpolated(lb)}, {"System", hcl_quoted(system_tag)}});
        for (const auto& port_name : lbd.ports) {
            const std::string tg = lb + "_" + hcl_identifier(port_name);
            HclBody& g = f.block("resource", {"aws_lb_target_group", tg});
            provider(g, w);
            // Named by port: load balancer and target group names hold 32 characters, letters, digits and '-'.
            g.attr("name",
                   interpolated(fmt::format("{}{}-{}", w == Where::dr ? "dr-mirror" : "mirror", group.aws_suffix,
                                            d.port(port_name))))
                .attr("port", hcl_integer(d.port(port_name)))
                .attr("protocol", hcl_quoted("TCP"))
                .attr("vpc_id", fmt::format("aws_vpc.{}.id", region_key(w)));
            HclBody& hc = g.block("health_check");
            hc.attr("protocol", hcl_quoted("HTTP"))
                .attr("port", hcl_quoted(gateway_port))
                .attr("path", hcl_quoted(lbd.health_check_path))
                .attr("interval", hcl_integer(lbd.health_check_interval_seconds))
                .attr("healthy_threshold", hcl_integer(lbd.healthy_threshold))
                .attr("unhealthy_threshold", hcl_integer(lbd.unhealthy_threshold));
            for (const auto* t : targets) {
                HclBody& a = f.block("resource", {"aws_lb_target_group_attachment", tg + "_" + t->id});
                provider(a, w);
                a.attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", tg))
                    .attr("target_id", fmt::format("aws_instance.{}.id", t->id))
                    .attr("port", hcl_integer(d.port(port_name)));
            }
            HclBody& l = f.block("resource", {"aws_lb_listener", tg});
            provider(l, w);
            l.attr("load_balancer_arn", fmt::format("aws_lb.{}.arn", lb))
                .attr("port", hcl_integer(d.port(port_name)))
                .attr("protocol", hcl_quoted("TCP"));
            HclBody& act = l.block("default_action");
            act.attr("type", hcl_quoted("forward"))
                .attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", tg));
        }
        // The region is up while its mirror target group has a healthy target (the primary). Route 53
        // health checkers run on the internet and cannot reach an internal load balancer; they can
        // watch this alarm wherever the load balancer is.
        const std::string tg = lb + "_" + hcl_identifier(lbd.ports.front());
        HclBody& al = f.block("resource", {"aws_cloudwatch_metric_alarm", lb + "_healthy_hosts"});
        provider(al, w);
        al.attr("alarm_name", interpolated(lb + "-healthy-hosts"))
            .attr("alarm_description",
                  hcl_quoted(
                      fmt::format("No mirror member{} in {} answers {} with 200: no primary behind the {} load balancer",
                                  group.system.empty() ? std::string() : " of " + group.system,
                                  w == Where::dr ? plan.dr_region : plan.region, lbd.health_check_path,
                                  w == Where::dr ? "DR" : "mirror")));
        metric_check(al, {"AWS/NetworkELB", "HealthyHostCount", "Minimum", "LessThanThreshold", "1",
                          lbd.healthy_hosts_period_seconds, lbd.healthy_hosts_evaluation_periods});
        al.attr("treat_missing_data", hcl_quoted("breaching")).attr("alarm_actions", "var.alarm_actions");
        al.object("dimensions", {{"TargetGroup", fmt::format("aws_lb_target_group.{}.arn_suffix", tg)},
                                 {"LoadBalancer", fmt::format("aws_lb.{}.arn_suffix", lb)}});
    }
    if (L.has_dr && !mirror_lb_targets(L, Where::primary, &group.system).empty() &&
        !mirror_lb_targets(L, Where::dr, &group.system).empty()) {
        for (const Where w : {Where::primary, Where::dr}) {
            const std::string name = region_key(w) + group.resource_suffix;
            const std::string lb = suffixed("mirror", w) + group.resource_suffix;
            HclBody& hc = f.block("resource", {"aws_route53_health_check", name});
            hc.attr("type", hcl_quoted("CLOUDWATCH_METRIC"))
                .attr("cloudwatch_alarm_name",
                      fmt::format("aws_cloudwatch_metric_alarm.{}_healthy_hosts.alarm_name", lb))
                .attr("cloudwatch_alarm_region", hcl_quoted(w == Where::dr ? plan.dr_region : plan.region))
                .attr("insufficient_data_health_status", hcl_quoted(lbd.route53_insufficient_data_health_status));
            hc.object("tags", {{"Name", interpolated(name + "-mirror-status")}, {"System", hcl_quoted(system_tag)}});

            HclBody& r = f.block("resource", {"aws_route53_record", name});
            r.attr("zone_id", "var.route53_zone_id")
                .attr("name", group.dns_prefix.empty() ? std::string("var.dns_name")
                                                       : fmt::format("\"{}${{var.dns_name}}\"", group.dns_prefix))
                .attr("type", hcl_quoted("CNAME"))
                .attr("ttl", hcl_integer(lbd.dns_ttl_seconds))
                .attr("set_identifier", hcl_quoted(name))
                .attr("health_check_id", fmt::format("aws_route53_health_check.{}.id", name))
                .attr("records", hcl_list({fmt::format("aws_lb.{}.dns_name", lb)}));
            r.block("failover_routing_policy").attr("type", hcl_quoted(w == Where::dr ? "SECONDARY" : "PRIMARY"));
        }
    }
    }
    return f.finish();
}

} // namespace irisize::detail::tf
