// SPDX-License-Identifier: GPL-3.0-or-later
// Terraform for a plan: a small HCL writer (hcl_string, hcl_identifier, a body and file
// builder laid out as `terraform fmt` does), the deployment laid out as servers and volumes,
// then one function per file (versions.tf ... outputs.tf).
#include "irisize/deploy/terraform.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "irisize/format.hpp"

namespace irisize {

namespace u = units;

// --- HCL text -----------------------------------------------------------------------------

std::string hcl_string(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool template_start = i + 1 < text.size() && text[i + 1] == '{';
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '$':
        case '%':
            out += c;
            if (template_start)
                out += c; // $${ and %%{ are a literal ${ and %{
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
            else
                out += c;
        }
    }
    return out + "\"";
}

std::string hcl_identifier(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto uc = static_cast<unsigned char>(c);
        if (std::isalnum(uc) && uc < 0x80)
            out += static_cast<char>(std::tolower(uc));
        else if (out.empty() || out.back() != '_')
            out += '_';
    }
    while (out.size() > 1 && out.back() == '_')
        out.pop_back();
    if (out.empty() || out == "_")
        return "_unnamed";
    if (std::isdigit(static_cast<unsigned char>(out.front())))
        out = "_" + out;
    return out;
}

namespace {

/// A block body as `terraform fmt` writes it: runs of single-line attributes with their `=`
/// aligned; object attributes and nested blocks set off by blank lines.
class Body {
public:
    Body& attr(std::string key, std::string expr) {
        m_items.push_back({Kind::attr, std::move(key), std::move(expr), {}, {}, {}, nullptr});
        return *this;
    }
    Body& object(std::string key, std::vector<std::pair<std::string, std::string>> entries) {
        m_items.push_back({Kind::object, std::move(key), {}, std::move(entries), {}, {}, nullptr});
        return *this;
    }
    Body& block(std::string type, std::vector<std::string> labels = {}) {
        m_items.push_back({Kind::block, {}, {}, {}, std::move(type), std::move(labels), std::make_unique<Body>()});
        return *m_items.back().body;
    }

    void render(std::string& out, int indent) const {
        const std::string pad(static_cast<std::size_t>(indent), ' ');
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            const Item& it = m_items[i];
            if (i > 0 && (it.kind != Kind::attr || m_items[i - 1].kind != Kind::attr))
                out += '\n';
            switch (it.kind) {
            case Kind::attr: {
                std::size_t width = 0;
                for (std::size_t j = i; j > 0 && m_items[j - 1].kind == Kind::attr; --j)
                    width = std::max(width, m_items[j - 1].key.size());
                for (std::size_t j = i; j < m_items.size() && m_items[j].kind == Kind::attr; ++j)
                    width = std::max(width, m_items[j].key.size());
                out += fmt::format("{}{:<{}} = {}\n", pad, it.key, width, it.expr);
                break;
            }
            case Kind::object: {
                if (it.entries.empty()) {
                    out += fmt::format("{}{} = {{}}\n", pad, it.key);
                    break;
                }
                std::size_t width = 0;
                for (const auto& e : it.entries)
                    width = std::max(width, e.first.size());
                out += fmt::format("{}{} = {{\n", pad, it.key);
                for (const auto& e : it.entries)
                    out += fmt::format("{}  {:<{}} = {}\n", pad, e.first, width, e.second);
                out += pad + "}\n";
                break;
            }
            case Kind::block:
                out += pad + it.type;
                for (const auto& l : it.labels)
                    out += " " + hcl_string(l);
                out += " {\n";
                it.body->render(out, indent + 2);
                out += pad + "}\n";
                break;
            }
        }
    }

private:
    enum class Kind { attr, object, block };
    struct Item {
        Kind kind;
        std::string key;
        std::string expr;
        std::vector<std::pair<std::string, std::string>> entries;
        std::string type;
        std::vector<std::string> labels;
        std::unique_ptr<Body> body;
    };
    std::vector<Item> m_items;
};

/// One .tf file: a header comment and top-level blocks separated by blank lines.
class HclFile {
public:
    HclFile(std::string name, std::vector<std::string> header) : m_name(std::move(name)), m_header(std::move(header)) {}
    Body& block(std::string type, std::vector<std::string> labels = {}) {
        return m_top.block(std::move(type), std::move(labels));
    }

    [[nodiscard]] GeneratedFile finish() const {
        std::string out;
        for (const auto& line : m_header)
            out += line.empty() ? "#\n" : "# " + line + "\n";
        std::string body;
        m_top.render(body, 0);
        if (!body.empty())
            out += (out.empty() ? "" : "\n") + body;
        return {m_name, out};
    }

private:
    std::string m_name;
    std::vector<std::string> m_header;
    Body m_top;
};

std::string q(std::string_view s) {
    return hcl_string(s);
}
std::string integer(long long v) {
    return std::to_string(v);
}

/// What a single-metric CloudWatch alarm watches and when it fires.
struct MetricCheck {
    std::string_view ns;
    std::string_view metric;
    std::string_view statistic;
    std::string_view comparison;
    std::string threshold;
    int period_seconds;
    int evaluation_periods;
};

void metric_check(Body& b, const MetricCheck& c) {
    b.attr("namespace", q(c.ns))
        .attr("metric_name", q(c.metric))
        .attr("statistic", q(c.statistic))
        .attr("comparison_operator", q(c.comparison))
        .attr("threshold", c.threshold)
        .attr("period", integer(c.period_seconds))
        .attr("evaluation_periods", integer(c.evaluation_periods));
}
std::string list(const std::vector<std::string>& exprs) {
    std::string out = "[";
    for (std::size_t i = 0; i < exprs.size(); ++i)
        out += (i ? ", " : "") + exprs[i];
    return out + "]";
}
/// A comment line: no line breaks.
std::string one_line(std::string_view s) {
    std::string out;
    for (const char c : s)
        out += (c == '\n' || c == '\r') ? ' ' : c;
    return out;
}
std::string interpolated(std::string_view suffix) {
    // "${var.name_prefix}-<suffix>" with the suffix escaped as literal text, words joined by hyphens.
    std::string text(suffix);
    std::replace(text.begin(), text.end(), '_', '-');
    return "\"${var.name_prefix}-" + hcl_string(text).substr(1);
}

// --- the deployment as resources ----------------------------------------------------------

enum class Where { primary, dr };

struct Server {
    const Member* member = nullptr;
    std::string id; ///< HCL name of the aws_instance
    Where where = Where::primary;
    std::string subnet; ///< HCL name of its subnet
    std::string tier;   ///< database, app, web
};

struct Volume {
    const Server* server = nullptr;
    const PlannedVolume* planned = nullptr;
    int stripe_index = 1; ///< 1-based position in the stripe
    std::string id;       ///< HCL name of the aws_ebs_volume and its attachment
    std::string device;
};

/// Where the web tier's Application Load Balancer goes in one region. An ALB needs subnets in
/// at least two zones: the web servers' zones first, then other zones of the plan, then (when the
/// plan uses one zone of the region only) a subnet of its own in another zone.
struct WebLb {
    std::vector<const Server*> targets;
    std::vector<std::string> subnets; ///< HCL names of aws_subnet resources
    std::vector<std::string> web_zones;
    bool extra_subnet = false;       ///< `subnets` ends with the extra subnet
    std::string extra_subnet_avoids; ///< the zone the extra subnet must not be in
};

struct Layout {
    std::vector<Server> servers;
    std::vector<Volume> volumes;                             ///< attached, not root
    std::map<std::string, const PlannedVolume*> root;        ///< server id -> root volume (none: defaults)
    std::vector<std::pair<std::string, std::string>> azs[2]; ///< per Where: (subnet id, AZ) in order
    bool has_dr = false;
    WebLb web[2]; ///< per Where
};

const char* region_key(Where w) {
    return w == Where::dr ? "dr" : "primary";
}
std::string suffixed(const std::string& base, Where w) {
    return w == Where::dr ? base + "_dr" : base;
}
/// Sets the provider of a DR resource (the first attribute, as usual).
void provider(Body& b, Where w) {
    if (w == Where::dr)
        b.attr("provider", "aws.dr");
}

std::string tier_of(std::string_view role) {
    if (role == "primary" || role == "backup" || role == "arbiter" || role == "dr-async")
        return "database";
    if (role == "web")
        return "web";
    return "app"; // app and print servers
}

/// Fills `L` (in place: volumes point at its servers). An Error when the plan cannot be laid out.
std::optional<Error> lay_out(const Plan& plan, const DeployDefaults& d, Layout& L) {
    std::map<std::string, int> per_role;
    for (const auto& m : plan.members)
        per_role[m.role] += std::max(m.count, 0);
    std::map<std::string, int> seen;
    std::set<std::string> ids;
    for (const auto& m : plan.members) {
        Where w = Where::primary;
        if (m.region == plan.region)
            w = Where::primary;
        else if (!plan.dr_region.empty() && m.region == plan.dr_region)
            w = Where::dr;
        else
            return Error{"members." + m.role + ".region",
                         fmt::format("'{}' is neither the plan's region '{}' nor its DR region '{}'", m.region,
                                     plan.region, plan.dr_region)};
        if (m.count < 1)
            continue; // no server, so no subnet either
        L.has_dr = L.has_dr || w == Where::dr;
        auto& zones = L.azs[static_cast<int>(w)];
        const std::string subnet = hcl_identifier(m.availability_zone);
        if (std::none_of(zones.begin(), zones.end(), [&](const auto& z) { return z.second == m.availability_zone; }))
            zones.emplace_back(subnet, m.availability_zone);
        for (int i = 0; i < m.count; ++i) {
            const std::string role = hcl_identifier(m.role);
            std::string id = per_role[m.role] == 1 ? role : fmt::format("{}_{}", role, ++seen[m.role]);
            while (!ids.insert(id).second)
                id += "_";
            L.servers.push_back({&m, id, w, subnet, tier_of(m.role)});
        }
    }
    for (const Where w : {Where::primary, Where::dr}) {
        WebLb& web = L.web[static_cast<int>(w)];
        for (const auto& s : L.servers)
            if (s.where == w && s.tier == "web") {
                web.targets.push_back(&s);
                if (std::find(web.subnets.begin(), web.subnets.end(), s.subnet) == web.subnets.end()) {
                    web.subnets.push_back(s.subnet);
                    web.web_zones.push_back(s.member->availability_zone);
                }
            }
        if (web.targets.empty())
            continue;
        for (const auto& z : L.azs[static_cast<int>(w)])
            if (web.subnets.size() < 2 &&
                std::find(web.subnets.begin(), web.subnets.end(), z.first) == web.subnets.end())
                web.subnets.push_back(z.first);
        if (web.subnets.size() < 2) {
            web.extra_subnet = true;
            web.extra_subnet_avoids = web.web_zones.front();
            web.subnets.push_back(suffixed("web_lb_extra", w));
        }
    }
    const auto& devices = d.instances.device_names;
    for (const auto& s : L.servers) {
        std::size_t next_device = 0;
        for (const auto& v : s.member->volumes) {
            for (int k = 1; k <= std::max(v.stripe_width, 1); ++k) {
                if (v.purpose == d.instances.root_volume_purpose && k == 1 && !L.root.count(s.id)) {
                    L.root[s.id] = &v;
                    continue;
                }
                if (next_device >= devices.size())
                    return Error{"instances.device_names",
                                 fmt::format("lists {} device names, but server {} ({} {}) needs more attached volumes",
                                             devices.size(), s.id, s.member->role, s.member->instance_type)};
                const std::string base = s.id + "_" + hcl_identifier(v.purpose);
                const std::string id = v.stripe_width > 1 ? fmt::format("{}_{}", base, k) : base;
                L.volumes.push_back({&s, &v, k, id, devices[next_device++]});
            }
        }
    }
    return std::nullopt;
}

std::vector<std::string> header(const Plan& plan, std::string_view what) {
    return {fmt::format("{} for \"{}\" ({}), generated by irisize.", what, one_line(plan.name), one_line(plan.product)),
            fmt::format("Rules {} ({}); review before terraform apply: docs/deploy.md says what to fill in.",
                        one_line(plan.rules), one_line(plan.rules_as_of))};
}

std::vector<std::string> security_group_refs(const Server& s) {
    return {fmt::format("aws_security_group.{}.id", suffixed(s.tier, s.where))};
}

// --- the files ----------------------------------------------------------------------------

GeneratedFile versions_tf(const Plan& plan, const DeployDefaults& d) {
    HclFile f("versions.tf", header(plan, "Terraform and provider versions"));
    Body& t = f.block("terraform");
    t.attr("required_version", q(d.terraform.required_version));
    Body& rp = t.block("required_providers");
    rp.object("aws",
              {{"source", q(d.terraform.aws_provider_source)}, {"version", q(d.terraform.aws_provider_version)}});
    return f.finish();
}

GeneratedFile providers_tf(const Plan& plan, const Layout& L) {
    HclFile f("providers.tf", header(plan, "AWS providers: the production region and, aliased dr, the DR region"));
    f.block("provider", {"aws"}).attr("region", q(plan.region));
    if (L.has_dr)
        f.block("provider", {"aws"}).attr("alias", q("dr")).attr("region", q(plan.dr_region));
    return f.finish();
}

bool has_mirror_lb(const Layout& L, Where w) {
    return std::any_of(L.servers.begin(), L.servers.end(), [&](const Server& s) {
        const auto& r = s.member->role;
        return s.where == w && (w == Where::primary ? (r == "primary" || r == "backup") : r == "dr-async");
    });
}

GeneratedFile variables_tf(const Plan& plan, const Layout& L, const DeployDefaults& d) {
    HclFile f("variables.tf", header(plan, "Input variables: set ami_id, key_name and allowed_cidr"));
    auto var = [&](const std::string& name, const std::string& description, const std::string& type,
                   const std::string& default_expr = {}) {
        Body& b = f.block("variable", {name});
        b.attr("description", q(description)).attr("type", type);
        if (!default_expr.empty())
            b.attr("default", default_expr);
    };
    var("ami_id",
        fmt::format("AMI of the servers in {} (an image for InterSystems IRIS on Linux; fill in)", plan.region),
        "string");
    if (L.has_dr)
        var("ami_id_dr", fmt::format("AMI of the servers in the DR region {} (fill in)", plan.dr_region), "string");
    var("key_name", "EC2 key pair for SSH to every server (fill in)", "string");
    var("allowed_cidr", "Client network allowed to reach the servers, e.g. 192.0.2.0/24 (fill in)", "string");
    var("name_prefix", "Prefix of resource names (keep it short: load balancer names hold 32 characters)", "string",
        q(d.terraform.name_prefix));
    if (has_mirror_lb(L, Where::primary) || has_mirror_lb(L, Where::dr))
        var("lb_internal",
            "Whether the mirror load balancers are internal. Route 53 observes them through CloudWatch alarms, so "
            "failover works either way",
            "bool", "true");
    if (!L.web[0].targets.empty() || !L.web[1].targets.empty()) {
        var("web_lb_internal", "Whether the web load balancer is internal (reached from the client network only)",
            "bool", "true");
        var("web_certificate_arn",
            "ACM certificate of the web load balancer's HTTPS listener; empty: HTTP listener only (fill in)", "string",
            q(""));
    }
    if (L.has_dr && has_mirror_lb(L, Where::primary)) {
        var("route53_zone_id", "Route 53 hosted zone of the failover record (fill in)", "string");
        var("dns_name", "Name clients connect to, e.g. iris.example.com (fill in)", "string");
    }
    var("alarm_actions", "ARNs notified when an alarm fires, e.g. an SNS topic", "list(string)", "[]");
    return f.finish();
}

GeneratedFile network_tf(const Plan& plan, const Layout& L, const DeployDefaults& d) {
    HclFile f("network.tf", header(plan, "VPCs and one subnet per availability zone the plan uses (and a second "
                                         "zone for the web load balancer when the plan uses one)"));
    for (const Where w : {Where::primary, Where::dr}) {
        const auto& zones = L.azs[static_cast<int>(w)];
        if (zones.empty())
            continue;
        const std::string vpc = region_key(w);
        Body& v = f.block("resource", {"aws_vpc", vpc});
        provider(v, w);
        v.attr("cidr_block", q(w == Where::dr ? d.network.dr_vpc_cidr : d.network.vpc_cidr))
            .attr("enable_dns_support", "true")
            .attr("enable_dns_hostnames", "true");
        v.object("tags", {{"Name", interpolated(vpc)}, {"System", q(plan.name)}});
        for (std::size_t i = 0; i < zones.size(); ++i) {
            Body& s = f.block("resource", {"aws_subnet", zones[i].first});
            provider(s, w);
            s.attr("vpc_id", fmt::format("aws_vpc.{}.id", vpc))
                .attr("availability_zone", q(zones[i].second))
                .attr("cidr_block",
                      fmt::format("cidrsubnet(aws_vpc.{}.cidr_block, {}, {})", vpc, d.network.subnet_newbits, i));
            s.object("tags", {{"Name", interpolated(zones[i].second)}, {"System", q(plan.name)}});
        }
        const WebLb& web = L.web[static_cast<int>(w)];
        if (web.extra_subnet) {
            // The plan uses one zone of this region; an Application Load Balancer needs two.
            const std::string zones_of = suffixed("web_lb", w);
            Body& z = f.block("data", {"aws_availability_zones", zones_of});
            provider(z, w);
            z.attr("state", q("available"));
            Body& s = f.block("resource", {"aws_subnet", web.subnets.back()});
            provider(s, w);
            s.attr("vpc_id", fmt::format("aws_vpc.{}.id", vpc))
                .attr("availability_zone",
                      fmt::format("[for z in data.aws_availability_zones.{}.names : z if z != {}][0]", zones_of,
                                  q(web.extra_subnet_avoids)))
                .attr("cidr_block", fmt::format("cidrsubnet(aws_vpc.{}.cidr_block, {}, {})", vpc,
                                                d.network.subnet_newbits, zones.size()));
            s.object("tags", {{"Name", interpolated(web.subnets.back())},
                              {"Purpose", q("second zone of the web load balancer (no server in it)")},
                              {"System", q(plan.name)}});
        }
    }
    return f.finish();
}

GeneratedFile security_tf(const Plan& plan, const Layout& L, const DeployDefaults& d) {
    HclFile f("security.tf", header(plan, "Security groups per tier: database (mirror members, arbiter, DR), app, web; "
                                          "and the web load balancer's"));
    std::vector<std::string> sources = {"var.allowed_cidr", "aws_vpc.primary.cidr_block"};
    if (L.has_dr)
        sources.push_back("aws_vpc.dr.cidr_block");
    for (const Where w : {Where::primary, Where::dr})
        for (const auto& [tier, ports] : d.security_groups) {
            if (std::none_of(L.servers.begin(), L.servers.end(),
                             [&, &t = tier](const Server& s) { return s.where == w && s.tier == t; }))
                continue;
            Body& g = f.block("resource", {"aws_security_group", suffixed(tier, w)});
            provider(g, w);
            g.attr("name", interpolated(suffixed(tier, w)))
                .attr("description", q(fmt::format("irisize {} tier", tier)))
                .attr("vpc_id", fmt::format("aws_vpc.{}.id", region_key(w)));
            for (const auto& p : ports) {
                Body& in = g.block("ingress");
                in.attr("description", q(p))
                    .attr("from_port", integer(d.port(p)))
                    .attr("to_port", integer(d.port(p)))
                    .attr("protocol", q("tcp"))
                    .attr("cidr_blocks", list(sources));
            }
            Body& out = g.block("egress");
            out.attr("from_port", "0")
                .attr("to_port", "0")
                .attr("protocol", q("-1"))
                .attr("cidr_blocks", list({q(d.network.egress_cidr)}));
            g.object("tags", {{"Name", interpolated(suffixed(tier, w))}, {"System", q(plan.name)}});
        }
    for (const Where w : {Where::primary, Where::dr}) {
        if (L.web[static_cast<int>(w)].targets.empty())
            continue;
        const std::string id = suffixed("web_lb", w);
        Body& g = f.block("resource", {"aws_security_group", id});
        provider(g, w);
        g.attr("name", interpolated(id))
            .attr("description", q("irisize web load balancer"))
            .attr("vpc_id", fmt::format("aws_vpc.{}.id", region_key(w)));
        for (const auto& p : {d.web_load_balancer.listener_port, d.web_load_balancer.https_port}) {
            Body& in = g.block("ingress");
            in.attr("description", q(p))
                .attr("from_port", integer(d.port(p)))
                .attr("to_port", integer(d.port(p)))
                .attr("protocol", q("tcp"))
                .attr("cidr_blocks", list({"var.allowed_cidr"}));
        }
        Body& out = g.block("egress");
        out.attr("from_port", "0")
            .attr("to_port", "0")
            .attr("protocol", q("-1"))
            .attr("cidr_blocks", list({q(d.network.egress_cidr)}));
        g.object("tags", {{"Name", interpolated(id)}, {"System", q(plan.name)}});
    }
    return f.finish();
}

GeneratedFile instances_tf(const Plan& plan, const Layout& L, const DeployDefaults& d) {
    HclFile f("instances.tf", header(plan, "One EC2 instance per server of the plan"));
    const VolumeTypeDefaults& vt = d.volume_types;
    for (const auto& s : L.servers) {
        const Member& m = *s.member;
        Body& b = f.block("resource", {"aws_instance", s.id});
        provider(b, s.where);
        b.attr("ami", s.where == Where::dr ? "var.ami_id_dr" : "var.ami_id")
            .attr("instance_type", q(m.instance_type))
            .attr("availability_zone", q(m.availability_zone))
            .attr("subnet_id", fmt::format("aws_subnet.{}.id", s.subnet))
            .attr("key_name", "var.key_name")
            .attr("vpc_security_group_ids", list(security_group_refs(s)))
            .attr("ebs_optimized", "true");
        Body& root = b.block("root_block_device");
        auto it = L.root.find(s.id);
        if (it != L.root.end()) {
            const PlannedVolume& v = *it->second;
            const VolumeFigures fig = volume_figures(v);
            root.attr("volume_type", q(v.type)).attr("volume_size", integer(fig.size_gib));
            if (vt.takes_iops(v.type))
                root.attr("iops", integer(fig.iops));
            if (vt.takes_throughput(v.type))
                root.attr("throughput", integer(fig.throughput_mibps));
        } else {
            root.attr("volume_type", q(d.instances.root_volume_type))
                .attr("volume_size", integer(static_cast<long long>(std::ceil(d.instances.root_volume_gib))));
        }
        root.attr("encrypted", "true").attr("delete_on_termination", "true");
        b.object("tags",
                 {{"Name", interpolated(s.id)}, {"Role", q(m.role)}, {"System", q(plan.name)}, {"Tier", q(s.tier)}});
    }
    return f.finish();
}

GeneratedFile storage_tf(const Plan& plan, const Layout& L, const DeployDefaults& d) {
    HclFile f("storage.tf", header(plan, "One EBS volume per planned volume (a stripe of k volumes is k resources), "
                                         "attached to its server"));
    const VolumeTypeDefaults& vt = d.volume_types;
    for (const auto& v : L.volumes) {
        const PlannedVolume& p = *v.planned;
        const VolumeFigures fig = volume_figures(p);
        Body& b = f.block("resource", {"aws_ebs_volume", v.id});
        provider(b, v.server->where);
        b.attr("availability_zone", q(v.server->member->availability_zone))
            .attr("type", q(p.type))
            .attr("size", integer(fig.size_gib));
        if (vt.takes_iops(p.type))
            b.attr("iops", integer(fig.iops));
        if (vt.takes_throughput(p.type))
            b.attr("throughput", integer(fig.throughput_mibps));
        b.attr("encrypted", "true");
        std::vector<std::pair<std::string, std::string>> tags = {{"Name", interpolated(v.id)},
                                                                 {"Purpose", q(p.purpose)},
                                                                 {"Server", q(v.server->id)},
                                                                 {"System", q(plan.name)}};
        if (p.stripe_width > 1)
            tags.emplace_back("Stripe", q(fmt::format("{} of {}", v.stripe_index, p.stripe_width)));
        b.object("tags", std::move(tags));

        Body& a = f.block("resource", {"aws_volume_attachment", v.id});
        provider(a, v.server->where);
        a.attr("device_name", q(v.device))
            .attr("volume_id", fmt::format("aws_ebs_volume.{}.id", v.id))
            .attr("instance_id", fmt::format("aws_instance.{}.id", v.server->id));
    }
    return f.finish();
}

std::vector<const Server*> lb_targets(const Layout& L, Where w) {
    std::vector<const Server*> out;
    for (const auto& s : L.servers) {
        const auto& r = s.member->role;
        if (s.where == w && (w == Where::primary ? (r == "primary" || r == "backup") : r == "dr-async"))
            out.push_back(&s);
    }
    return out;
}

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
    Body& b = f.block("resource", {"aws_lb", lb});
    provider(b, w);
    b.attr("name", interpolated(w == Where::dr ? "dr-web" : "web"))
        .attr("internal", "var.web_lb_internal")
        .attr("load_balancer_type", q("application"))
        .attr("security_groups", list({fmt::format("aws_security_group.{}.id", suffixed("web_lb", w))}))
        .attr("subnets", list(subnets));
    b.object("tags", {{"Name", interpolated(lb)}, {"System", q(plan.name)}});

    Body& g = f.block("resource", {"aws_lb_target_group", lb});
    provider(g, w);
    g.attr("name", interpolated(w == Where::dr ? "dr-web" : "web"))
        .attr("port", integer(d.port(wd.target_port)))
        .attr("protocol", q("HTTP"))
        .attr("vpc_id", fmt::format("aws_vpc.{}.id", region_key(w)));
    Body& hc = g.block("health_check");
    hc.attr("protocol", q("HTTP"))
        .attr("port", q("traffic-port"))
        .attr("path", q(wd.health_check_path))
        .attr("matcher", q(wd.health_check_matcher))
        .attr("interval", integer(lbd.health_check_interval_seconds))
        .attr("healthy_threshold", integer(lbd.healthy_threshold))
        .attr("unhealthy_threshold", integer(lbd.unhealthy_threshold));
    Body& st = g.block("stickiness");
    st.attr("type", q(wd.stickiness_type))
        .attr("enabled", "true")
        .attr("cookie_duration", integer(wd.stickiness_cookie_duration_seconds));
    g.object("tags", {{"Name", interpolated(lb)}, {"System", q(plan.name)}});

    for (const Server* t : web.targets) {
        Body& a = f.block("resource", {"aws_lb_target_group_attachment", lb + "_" + t->id});
        provider(a, w);
        a.attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", lb))
            .attr("target_id", fmt::format("aws_instance.{}.id", t->id))
            .attr("port", integer(d.port(wd.target_port)));
    }

    Body& http = f.block("resource", {"aws_lb_listener", lb + "_" + hcl_identifier(wd.listener_port)});
    provider(http, w);
    http.attr("load_balancer_arn", fmt::format("aws_lb.{}.arn", lb))
        .attr("port", integer(d.port(wd.listener_port)))
        .attr("protocol", q("HTTP"));
    http.block("default_action")
        .attr("type", q("forward"))
        .attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", lb));

    Body& https = f.block("resource", {"aws_lb_listener", lb + "_" + hcl_identifier(wd.https_port)});
    provider(https, w);
    https.attr("count", "var.web_certificate_arn == \"\" ? 0 : 1")
        .attr("load_balancer_arn", fmt::format("aws_lb.{}.arn", lb))
        .attr("port", integer(d.port(wd.https_port)))
        .attr("protocol", q("HTTPS"))
        .attr("ssl_policy", q(wd.ssl_policy))
        .attr("certificate_arn", "var.web_certificate_arn");
    https.block("default_action")
        .attr("type", q("forward"))
        .attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", lb));

    Body& al = f.block("resource", {"aws_cloudwatch_metric_alarm", lb + "_unhealthy_hosts"});
    provider(al, w);
    al.attr("alarm_name", interpolated(lb + "-unhealthy-hosts"))
        .attr("alarm_description",
              q(fmt::format("A web server fails the web load balancer's health check ({}); its users move to the "
                            "other {} web server{}",
                            wd.health_check_path, irisize::num(static_cast<double>(web.targets.size() - 1)),
                            web.targets.size() == 2 ? "" : "s")));
    metric_check(al, {"AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", "GreaterThanThreshold", "0",
                      lbd.healthy_hosts_period_seconds, lbd.healthy_hosts_evaluation_periods});
    al.attr("alarm_actions", "var.alarm_actions");
    al.object("dimensions", {{"TargetGroup", fmt::format("aws_lb_target_group.{}.arn_suffix", lb)},
                             {"LoadBalancer", fmt::format("aws_lb.{}.arn_suffix", lb)}});
}

GeneratedFile loadbalancer_tf(const Plan& plan, const Layout& L, const DeployDefaults& d) {
    const auto& lbd = d.load_balancer;
    const std::string gateway_port = integer(d.port(lbd.health_check_port));
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
    for (const Where w : {Where::primary, Where::dr}) {
        const auto targets = lb_targets(L, w);
        if (targets.empty())
            continue;
        const std::string lb = suffixed("mirror", w);
        std::vector<std::string> subnets;
        for (const auto* t : targets) {
            const auto ref = fmt::format("aws_subnet.{}.id", t->subnet);
            if (std::find(subnets.begin(), subnets.end(), ref) == subnets.end())
                subnets.push_back(ref);
        }
        Body& b = f.block("resource", {"aws_lb", lb});
        provider(b, w);
        b.attr("name", interpolated(w == Where::dr ? "dr-mirror" : "mirror"))
            .attr("internal", "var.lb_internal")
            .attr("load_balancer_type", q("network"))
            .attr("subnets", list(subnets))
            .attr("enable_cross_zone_load_balancing", "true");
        b.object("tags", {{"Name", interpolated(lb)}, {"System", q(plan.name)}});
        for (const auto& port_name : lbd.ports) {
            const std::string tg = lb + "_" + hcl_identifier(port_name);
            Body& g = f.block("resource", {"aws_lb_target_group", tg});
            provider(g, w);
            // Named by port: load balancer and target group names hold 32 characters, letters, digits and '-'.
            g.attr("name",
                   interpolated(fmt::format("{}-{}", w == Where::dr ? "dr-mirror" : "mirror", d.port(port_name))))
                .attr("port", integer(d.port(port_name)))
                .attr("protocol", q("TCP"))
                .attr("vpc_id", fmt::format("aws_vpc.{}.id", region_key(w)));
            Body& hc = g.block("health_check");
            hc.attr("protocol", q("HTTP"))
                .attr("port", q(gateway_port))
                .attr("path", q(lbd.health_check_path))
                .attr("interval", integer(lbd.health_check_interval_seconds))
                .attr("healthy_threshold", integer(lbd.healthy_threshold))
                .attr("unhealthy_threshold", integer(lbd.unhealthy_threshold));
            for (const auto* t : targets) {
                Body& a = f.block("resource", {"aws_lb_target_group_attachment", tg + "_" + t->id});
                provider(a, w);
                a.attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", tg))
                    .attr("target_id", fmt::format("aws_instance.{}.id", t->id))
                    .attr("port", integer(d.port(port_name)));
            }
            Body& l = f.block("resource", {"aws_lb_listener", tg});
            provider(l, w);
            l.attr("load_balancer_arn", fmt::format("aws_lb.{}.arn", lb))
                .attr("port", integer(d.port(port_name)))
                .attr("protocol", q("TCP"));
            Body& act = l.block("default_action");
            act.attr("type", q("forward")).attr("target_group_arn", fmt::format("aws_lb_target_group.{}.arn", tg));
        }
        // The region is up while its mirror target group has a healthy target (the primary). Route 53
        // health checkers run on the internet and cannot reach an internal load balancer; they can
        // watch this alarm wherever the load balancer is.
        const std::string tg = lb + "_" + hcl_identifier(lbd.ports.front());
        Body& al = f.block("resource", {"aws_cloudwatch_metric_alarm", lb + "_healthy_hosts"});
        provider(al, w);
        al.attr("alarm_name", interpolated(lb + "-healthy-hosts"))
            .attr("alarm_description",
                  q(fmt::format("No mirror member in {} answers {} with 200: no primary behind the {} load balancer",
                                w == Where::dr ? plan.dr_region : plan.region, lbd.health_check_path,
                                w == Where::dr ? "DR" : "mirror")));
        metric_check(al, {"AWS/NetworkELB", "HealthyHostCount", "Minimum", "LessThanThreshold", "1",
                          lbd.healthy_hosts_period_seconds, lbd.healthy_hosts_evaluation_periods});
        al.attr("treat_missing_data", q("breaching")).attr("alarm_actions", "var.alarm_actions");
        al.object("dimensions", {{"TargetGroup", fmt::format("aws_lb_target_group.{}.arn_suffix", tg)},
                                 {"LoadBalancer", fmt::format("aws_lb.{}.arn_suffix", lb)}});
    }
    if (L.has_dr && !lb_targets(L, Where::primary).empty() && !lb_targets(L, Where::dr).empty()) {
        for (const Where w : {Where::primary, Where::dr}) {
            const std::string name = region_key(w);
            const std::string lb = suffixed("mirror", w);
            Body& hc = f.block("resource", {"aws_route53_health_check", name});
            hc.attr("type", q("CLOUDWATCH_METRIC"))
                .attr("cloudwatch_alarm_name",
                      fmt::format("aws_cloudwatch_metric_alarm.{}_healthy_hosts.alarm_name", lb))
                .attr("cloudwatch_alarm_region", q(w == Where::dr ? plan.dr_region : plan.region))
                .attr("insufficient_data_health_status", q(lbd.route53_insufficient_data_health_status));
            hc.object("tags", {{"Name", interpolated(name + "-mirror-status")}, {"System", q(plan.name)}});

            Body& r = f.block("resource", {"aws_route53_record", name});
            r.attr("zone_id", "var.route53_zone_id")
                .attr("name", "var.dns_name")
                .attr("type", q("CNAME"))
                .attr("ttl", integer(lbd.dns_ttl_seconds))
                .attr("set_identifier", q(name))
                .attr("health_check_id", fmt::format("aws_route53_health_check.{}.id", name))
                .attr("records", list({fmt::format("aws_lb.{}.dns_name", lb)}));
            r.block("failover_routing_policy").attr("type", q(w == Where::dr ? "SECONDARY" : "PRIMARY"));
        }
    }
    return f.finish();
}

void common_alarm(Body& b, const Server& s, const std::string& name, const std::string& description) {
    provider(b, s.where);
    b.attr("alarm_name", interpolated(name)).attr("alarm_description", q(description));
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
        Body& b = f.block("resource", {"aws_cloudwatch_metric_alarm", id});
        const char* words = what == "iops" ? "I/O operations" : "bytes";
        common_alarm(b, s, s.id + "-ebs-" + what,
                     fmt::format("{} {}: EBS {} per second above {} % of the instance baseline of {} (planned "
                                 "demand {}, {} % of it)",
                                 m.role, m.instance_type, words, num(a.instance_ebs_alarm_share * 100), limit_text,
                                 demand_text, num(share * 100)));
        b.attr("comparison_operator", q("GreaterThanThreshold"))
            .attr("threshold", integer(std::llround(limit * a.instance_ebs_alarm_share)))
            .attr("evaluation_periods", integer(a.evaluation_periods))
            .attr("alarm_actions", "var.alarm_actions");
        Body& e = b.block("metric_query");
        e.attr("id", q("total"))
            .attr("expression", q("(reads + writes) / PERIOD(reads)"))
            .attr("label", q(fmt::format("EBS {} per second", words)))
            .attr("return_data", "true");
        for (const auto& [qid, metric] : {std::pair{"reads", read_metric}, std::pair{"writes", write_metric}}) {
            Body& mq = b.block("metric_query");
            mq.attr("id", q(qid));
            Body& met = mq.block("metric");
            met.attr("namespace", q("AWS/EC2"))
                .attr("metric_name", q(metric))
                .attr("period", integer(a.period_seconds))
                .attr("stat", q("Sum"));
            met.object("dimensions", {{"InstanceId", fmt::format("aws_instance.{}.id", s.id)}});
        }
    };
    auto balance_alarm = [&](const std::string& what, const char* metric) {
        const std::string id = s.id + "_ebs_" + what + "_balance";
        Body& b = f.block("resource", {"aws_cloudwatch_metric_alarm", id});
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
    const auto& r = s.member->role;
    return r == "primary" || r == "backup" || r == "dr-async";
}

/// A number as CloudWatch reads it: no thousands separators, at most one decimal.
std::string threshold_number(double v) {
    return fmt::format("{}", std::round(v * 10) / 10);
}

GeneratedFile monitoring_tf(const Plan& plan, const Layout& L, const Catalog& catalog, const DeployDefaults& d) {
    const auto& a = d.alarms;
    const double cpu_warning = catalog.policy.n.cpu_health_monitor_warning_percent;
    HclFile f("monitoring.tf",
              header(plan, fmt::format("CloudWatch alarms: CPU at the Health Monitor warning ({} %), status checks "
                                       "and volume queues of every database member; status checks of every server; "
                                       "gp2 burst balance; instance EBS limits where the planned demand is at least "
                                       "{} % of the baseline",
                                       num(cpu_warning), num(a.instance_ebs_watch_share * 100))));
    auto alarm = [&](const Server& s, const std::string& id, const std::string& description) -> Body& {
        Body& b = f.block("resource", {"aws_cloudwatch_metric_alarm", id});
        provider(b, s.where);
        b.attr("alarm_name", interpolated(id)).attr("alarm_description", q(description));
        return b;
    };
    auto instance_dimension = [](Body& b, const Server& s) {
        b.object("dimensions", {{"InstanceId", fmt::format("aws_instance.{}.id", s.id)}});
    };
    auto burst_alarm = [&](const Server& s, const std::string& id, const std::string& volume_ref,
                           const std::string& what) {
        Body& b = alarm(s, id + "_burst_balance",
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
            Body& cpu = alarm(s, s.id + "_cpu",
                              fmt::format("{} {}: average CPU above the InterSystems Health Monitor warning of {} % "
                                          "(data/sizing.json) for {} periods of {} s; planned for {} of its {} vCPU",
                                          m.role, m.instance_type, num(cpu_warning), num(a.evaluation_periods),
                                          num(a.period_seconds), num(m.demand.vcpu, 1), num(m.vcpu)));
            metric_check(cpu, {"AWS/EC2", "CPUUtilization", "Average", "GreaterThanThreshold",
                               threshold_number(cpu_warning), a.period_seconds, a.evaluation_periods});
            cpu.attr("alarm_actions", "var.alarm_actions");
            instance_dimension(cpu, s);
        }
        Body& st = alarm(s, s.id + "_status_check",
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
                Body& b = alarm(s, v.id + "_queue_length",
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

GeneratedFile outputs_tf(const Plan& plan, const Layout& L) {
    HclFile f("outputs.tf", header(plan, "Outputs: server addresses, the web and the mirror endpoints"));
    for (const auto& s : L.servers) {
        Body& o = f.block("output", {s.id + "_private_ip"});
        o.attr("description",
               q(fmt::format("{} {} in {}", s.member->role, s.member->instance_type, s.member->availability_zone)))
            .attr("value", fmt::format("aws_instance.{}.private_ip", s.id));
    }
    for (const Where w : {Where::primary, Where::dr})
        if (!L.web[static_cast<int>(w)].targets.empty()) {
            const std::string lb = suffixed("web", w);
            Body& o = f.block("output", {lb + "_lb_dns_name"});
            o.attr("description", q(w == Where::dr ? "DR web load balancer" : "Web load balancer (sticky sessions)"))
                .attr("value", fmt::format("aws_lb.{}.dns_name", lb));
        }
    for (const Where w : {Where::primary, Where::dr})
        if (!lb_targets(L, w).empty()) {
            const std::string lb = suffixed("mirror", w);
            Body& o = f.block("output", {lb + "_dns_name"});
            o.attr("description", q(w == Where::dr ? "DR mirror load balancer" : "Mirror load balancer (the primary)"))
                .attr("value", fmt::format("aws_lb.{}.dns_name", lb));
        }
    return f.finish();
}

} // namespace

Result<std::vector<GeneratedFile>> terraform_files(const Plan& plan, const Catalog& catalog,
                                                   const DeployDefaults& defaults) {
    Layout L;
    if (auto error = lay_out(plan, defaults, L))
        return *error;
    std::vector<GeneratedFile> files;
    files.push_back(versions_tf(plan, defaults));
    files.push_back(providers_tf(plan, L));
    files.push_back(variables_tf(plan, L, defaults));
    files.push_back(network_tf(plan, L, defaults));
    files.push_back(security_tf(plan, L, defaults));
    files.push_back(instances_tf(plan, L, defaults));
    files.push_back(storage_tf(plan, L, defaults));
    files.push_back(loadbalancer_tf(plan, L, defaults));
    files.push_back(monitoring_tf(plan, L, catalog, defaults));
    files.push_back(outputs_tf(plan, L));
    return files;
}

} // namespace irisize
