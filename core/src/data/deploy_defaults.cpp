// SPDX-License-Identifier: GPL-3.0-or-later
// Reading data/deploy.json (ports, network ranges, device names, alarm thresholds,
// placeholders, each with its source) into DeployDefaults, and the per-volume figures the
// Terraform and ICM writers print.
#include "irisize/data/deploy_defaults.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "detail/json_read.hpp"

namespace irisize {

using detail::FieldError;
using detail::Obj;
namespace fs = std::filesystem;

namespace {

bool contains(const std::vector<std::string>& list, std::string_view x) {
    return std::find(list.begin(), list.end(), x) != list.end();
}

/// Reads the `{value, source, confidence?}` entries of a deployment-defaults document and
/// remembers each value's source.
class Leaves {
public:
    explicit Leaves(DeployDefaults& out) : m_out(out) {}

    const nlohmann::json& value(const Obj& parent, std::string_view key) {
        const Obj entry = parent.obj(key);
        const auto src = entry.string("source");
        m_out.sources[entry.path()] = src;
        if (!entry.has("value"))
            throw FieldError(entry.field("value"), "is required but missing");
        return entry.raw().at("value");
    }
    double number(const Obj& parent, std::string_view key) {
        return Obj::as_number(value(parent, key), parent.field(key) + ".value");
    }
    double positive(const Obj& parent, std::string_view key) {
        const double v = number(parent, key);
        if (!(v > 0))
            throw FieldError(parent.field(key) + ".value", fmt::format("must be greater than 0, found {}", v));
        return v;
    }
    int whole(const Obj& parent, std::string_view key, int lo, int hi) {
        const double v = number(parent, key);
        if (v < lo || v > hi || v != std::floor(v))
            throw FieldError(parent.field(key) + ".value",
                             fmt::format("must be a whole number from {} to {}, found {}", lo, hi, v));
        return static_cast<int>(v);
    }
    double share(const Obj& parent, std::string_view key) {
        const double v = number(parent, key);
        if (!(v > 0) || v > 1)
            throw FieldError(parent.field(key) + ".value", fmt::format("must be above 0 and at most 1, found {}", v));
        return v;
    }
    double percent(const Obj& parent, std::string_view key) {
        const double v = number(parent, key);
        if (!(v > 0) || v >= 100)
            throw FieldError(parent.field(key) + ".value", fmt::format("must be above 0 and below 100, found {}", v));
        return v;
    }
    std::string text(const Obj& parent, std::string_view key) {
        const auto& v = value(parent, key);
        const auto field = parent.field(key) + ".value";
        if (!v.is_string())
            throw FieldError(field, std::string("must be text, found ") + detail::json_kind(v));
        auto s = v.get<std::string>();
        if (s.empty())
            throw FieldError(field, "must not be empty");
        return s;
    }
    std::vector<std::string> texts(const Obj& parent, std::string_view key) {
        const auto& v = value(parent, key);
        const auto field = parent.field(key) + ".value";
        if (!v.is_array() || v.empty())
            throw FieldError(field, "must be a non-empty list of text");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string() || v[i].get<std::string>().empty())
                throw FieldError(field + "[" + std::to_string(i) + "]", "must be non-empty text");
            out.push_back(v[i].get<std::string>());
        }
        return out;
    }
    VolumePurpose purpose(const Obj& parent, std::string_view key) {
        return detail::volume_purpose(text(parent, key), parent.field(key) + ".value");
    }
    std::vector<VolumePurpose> purposes(const Obj& parent, std::string_view key) {
        std::vector<VolumePurpose> out;
        const auto names = texts(parent, key);
        for (std::size_t i = 0; i < names.size(); ++i)
            out.push_back(detail::volume_purpose(names[i], parent.field(key) + ".value[" + std::to_string(i) + "]"));
        return out;
    }

private:
    DeployDefaults& m_out;
};

void check_cidr(const std::string& cidr, const std::string& field) {
    unsigned a = 0, b = 0, c = 0, d = 0, bits = 0;
    char dot1 = 0, dot2 = 0, dot3 = 0, slash = 0;
    std::istringstream in(cidr);
    in >> a >> dot1 >> b >> dot2 >> c >> dot3 >> d >> slash >> bits;
    if (!in || !in.eof() || dot1 != '.' || dot2 != '.' || dot3 != '.' || slash != '/' || a > 255 || b > 255 ||
        c > 255 || d > 255 || bits > 32)
        throw FieldError(field, fmt::format("must be an IPv4 CIDR block such as 10.0.0.0/16, found '{}'", cidr));
}

DeployDefaults parse(const nlohmann::json& json) {
    DeployDefaults d;
    Leaves leaf(d);
    Obj doc(json, "");
    if (doc.number("schema") != 1)
        throw FieldError("schema", "must be 1 (this irisize reads schema 1)");
    if (doc.string("kind") != "deployment-defaults")
        throw FieldError("kind", fmt::format("must be 'deployment-defaults', found '{}'", doc.string("kind")));
    d.as_of = doc.string("as_of");
    if (doc.raw().contains("source") && doc.raw().at("source").is_string())
        d.source = {doc.string("source")};
    else
        d.source = doc.strings("source");
    if (d.source.empty())
        throw FieldError("source", "must name where the figures come from");

    const auto ports = doc.obj("ports");
    for (const auto& [name, entry] : ports.raw().items()) {
        (void)entry;
        d.ports.emplace(name, leaf.whole(ports, name, 1, 65535));
    }
    for (const char* required : {"superserver", "web", "iscagent"})
        if (!d.ports.count(required))
            throw FieldError(ports.field(required), "is required but missing");
    auto check_port_names = [&](const std::vector<std::string>& names, const std::string& field) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (!d.ports.count(names[i]))
                throw FieldError(field + "[" + std::to_string(i) + "]",
                                 fmt::format("names port '{}', which `ports` does not define", names[i]));
    };

    const auto groups = doc.obj("security_groups");
    for (const char* tier : {"database", "app", "web"}) {
        auto names = leaf.texts(groups, tier);
        check_port_names(names, groups.field(tier) + ".value");
        d.security_groups.emplace(tier, std::move(names));
    }

    const auto lb = doc.obj("load_balancer");
    auto& l = d.load_balancer;
    l.ports = leaf.texts(lb, "ports");
    check_port_names(l.ports, lb.field("ports") + ".value");
    l.health_check_path = leaf.text(lb, "health_check_path");
    if (l.health_check_path.front() != '/')
        throw FieldError(lb.field("health_check_path") + ".value", "must start with /");
    l.health_check_port = leaf.text(lb, "health_check_port");
    check_port_names({l.health_check_port}, lb.field("health_check_port") + ".value");
    l.health_check_interval_seconds = leaf.whole(lb, "health_check_interval_seconds", 5, 300);
    l.healthy_threshold = leaf.whole(lb, "healthy_threshold", 2, 10);
    l.unhealthy_threshold = leaf.whole(lb, "unhealthy_threshold", 2, 10);
    l.healthy_hosts_period_seconds = leaf.whole(lb, "healthy_hosts_period_seconds", 60, 86400);
    if (l.healthy_hosts_period_seconds % 60 != 0)
        throw FieldError(lb.field("healthy_hosts_period_seconds") + ".value",
                         "must be a multiple of 60 (a standard-resolution CloudWatch period)");
    l.healthy_hosts_evaluation_periods = leaf.whole(lb, "healthy_hosts_evaluation_periods", 1, 100);
    l.route53_insufficient_data_health_status = leaf.text(lb, "route53_insufficient_data_health_status");
    if (!contains({"Healthy", "Unhealthy", "LastKnownStatus"}, l.route53_insufficient_data_health_status))
        throw FieldError(lb.field("route53_insufficient_data_health_status") + ".value",
                         fmt::format("must be Healthy, Unhealthy or LastKnownStatus, found '{}'",
                                     l.route53_insufficient_data_health_status));
    l.dns_ttl_seconds = leaf.whole(lb, "dns_ttl_seconds", 0, 86400);

    const auto web = doc.obj("web_load_balancer");
    auto& wl = d.web_load_balancer;
    wl.listener_port = leaf.text(web, "listener_port");
    check_port_names({wl.listener_port}, web.field("listener_port") + ".value");
    wl.https_port = leaf.text(web, "https_port");
    check_port_names({wl.https_port}, web.field("https_port") + ".value");
    wl.target_port = leaf.text(web, "target_port");
    check_port_names({wl.target_port}, web.field("target_port") + ".value");
    wl.health_check_path = leaf.text(web, "health_check_path");
    if (wl.health_check_path.front() != '/')
        throw FieldError(web.field("health_check_path") + ".value", "must start with /");
    wl.health_check_matcher = leaf.text(web, "health_check_matcher");
    wl.stickiness_type = leaf.text(web, "stickiness_type");
    if (wl.stickiness_type != "lb_cookie" && wl.stickiness_type != "app_cookie")
        throw FieldError(web.field("stickiness_type") + ".value",
                         fmt::format("must be lb_cookie or app_cookie, found '{}'", wl.stickiness_type));
    wl.stickiness_cookie_duration_seconds = leaf.whole(web, "stickiness_cookie_duration_seconds", 1, 604800);
    wl.ssl_policy = leaf.text(web, "ssl_policy");

    const auto net = doc.obj("network");
    d.network.vpc_cidr = leaf.text(net, "vpc_cidr");
    check_cidr(d.network.vpc_cidr, net.field("vpc_cidr") + ".value");
    d.network.dr_vpc_cidr = leaf.text(net, "dr_vpc_cidr");
    check_cidr(d.network.dr_vpc_cidr, net.field("dr_vpc_cidr") + ".value");
    d.network.subnet_newbits = leaf.whole(net, "subnet_newbits", 1, 16);
    d.network.egress_cidr = leaf.text(net, "egress_cidr");
    check_cidr(d.network.egress_cidr, net.field("egress_cidr") + ".value");

    const auto inst = doc.obj("instances");
    d.instances.root_volume_purpose = leaf.purpose(inst, "root_volume_purpose");
    d.instances.root_volume_gib = leaf.positive(inst, "root_volume_gib");
    d.instances.root_volume_type = leaf.text(inst, "root_volume_type");
    d.instances.device_names = leaf.texts(inst, "device_names");
    for (std::size_t i = 0; i < d.instances.device_names.size(); ++i) {
        const auto& n = d.instances.device_names[i];
        const auto field = inst.field("device_names") + ".value[" + std::to_string(i) + "]";
        if (n.rfind("/dev/", 0) != 0)
            throw FieldError(field, fmt::format("must be a device path such as /dev/sdf, found '{}'", n));
        if (std::count(d.instances.device_names.begin(), d.instances.device_names.end(), n) > 1)
            throw FieldError(field, fmt::format("'{}' is listed twice", n));
    }

    const auto vt = doc.obj("volume_types");
    d.volume_types.with_iops = leaf.texts(vt, "with_iops");
    d.volume_types.with_throughput = leaf.texts(vt, "with_throughput");
    d.volume_types.with_burst_balance = leaf.texts(vt, "with_burst_balance");

    const auto al = doc.obj("alarms");
    d.alarms.period_seconds = leaf.whole(al, "period_seconds", 10, 86400);
    if (d.alarms.period_seconds % 60 != 0)
        throw FieldError(al.field("period_seconds") + ".value", "must be a multiple of 60 (CloudWatch periods)");
    d.alarms.evaluation_periods = leaf.whole(al, "evaluation_periods", 1, 100);
    d.alarms.burst_balance_percent = leaf.percent(al, "burst_balance_percent");
    d.alarms.instance_ebs_watch_share = leaf.share(al, "instance_ebs_watch_share");
    d.alarms.instance_ebs_alarm_share = leaf.share(al, "instance_ebs_alarm_share");
    d.alarms.instance_ebs_balance_percent = leaf.percent(al, "instance_ebs_balance_percent");
    d.alarms.status_check_period_seconds = leaf.whole(al, "status_check_period_seconds", 60, 86400);
    if (d.alarms.status_check_period_seconds % 60 != 0)
        throw FieldError(al.field("status_check_period_seconds") + ".value", "must be a multiple of 60");
    d.alarms.status_check_evaluation_periods = leaf.whole(al, "status_check_evaluation_periods", 1, 100);
    d.alarms.volume_queue_latency_ms = leaf.positive(al, "volume_queue_latency_ms");
    d.alarms.volume_queue_min = leaf.positive(al, "volume_queue_min");
    d.alarms.volume_queue_purposes = leaf.purposes(al, "volume_queue_purposes");

    const auto tf = doc.obj("terraform");
    d.terraform.required_version = leaf.text(tf, "required_version");
    d.terraform.aws_provider_source = leaf.text(tf, "aws_provider_source");
    d.terraform.aws_provider_version = leaf.text(tf, "aws_provider_version");
    d.terraform.name_prefix = leaf.text(tf, "name_prefix");

    const auto icm = doc.obj("icm");
    d.icm.tag = leaf.text(icm, "tag");
    d.icm.credentials = leaf.text(icm, "credentials");
    d.icm.ssh_user = leaf.text(icm, "ssh_user");
    d.icm.ssh_public_key = leaf.text(icm, "ssh_public_key");
    d.icm.ssh_private_key = leaf.text(icm, "ssh_private_key");
    d.icm.tls_key_dir = leaf.text(icm, "tls_key_dir");
    d.icm.license_dir = leaf.text(icm, "license_dir");
    d.icm.license_key = leaf.text(icm, "license_key");
    d.icm.docker_image = leaf.text(icm, "docker_image");
    d.icm.arbiter_image = leaf.text(icm, "arbiter_image");
    d.icm.webgateway_image = leaf.text(icm, "webgateway_image");
    d.icm.dr_tag = leaf.text(icm, "dr_tag");
    d.icm.deprecated_since = leaf.text(icm, "deprecated_since");
    d.icm.host_name_max_chars = leaf.whole(icm, "host_name_max_chars", 16, 255);
    return d;
}

} // namespace

bool VolumeTypeDefaults::takes_iops(std::string_view type) const {
    return contains(with_iops, type);
}
bool VolumeTypeDefaults::takes_throughput(std::string_view type) const {
    return contains(with_throughput, type);
}
bool VolumeTypeDefaults::has_burst_balance(std::string_view type) const {
    return contains(with_burst_balance, type);
}

VolumeFigures volume_figures(const PlannedVolume& volume) {
    // A hair below a whole number is that number (sizes come out of floating-point arithmetic).
    const double gib = units::in_GiB(volume.size);
    return {static_cast<long long>(std::ceil(gib - 1e-6)), std::llround(units::in_iops(volume.iops)),
            std::llround(units::in_MiBps(volume.throughput))};
}

int DeployDefaults::port(std::string_view name) const {
    auto it = ports.find(name);
    if (it == ports.end())
        throw std::out_of_range(fmt::format("deployment defaults define no port '{}'", name));
    return it->second;
}

Result<DeployDefaults> parse_deploy_defaults(std::string_view json_text, const std::string& origin) {
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(json_text.begin(), json_text.end());
    } catch (const nlohmann::json::exception& e) { // parse errors, and numbers beyond a double (1e400)
        return Error{origin, fmt::format("is not valid JSON: {}", e.what())};
    }
    return detail::guarded<DeployDefaults>(origin, [&]() -> Result<DeployDefaults> { return parse(json); });
}

Result<DeployDefaults> load_deploy_defaults(const fs::path& data_dir) {
    const auto file = data_dir / "deploy.json";
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error{file.string(), "cannot be opened (missing or unreadable data file)"};
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return Error{file.string(), "cannot be read"};
    return parse_deploy_defaults(text.str(), file.string());
}

} // namespace irisize
