// SPDX-License-Identifier: GPL-3.0-or-later
// The generated Terraform read back as HCL: every resource checked against the AWS provider's
// schema (provider 5.100.0, `terraform providers schema -json`, in tests/data/terraform), and
// the deployment it describes checked against the plan: the web tier's load balancer with
// sticky sessions holds every web server, Route 53 health checks never target an internal
// load balancer, and every database member has its alarms. No terraform binary is needed.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <zlib.h>

#include "irisize/data/deploy_defaults.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/deploy/terraform.hpp"
#include "test_support.hpp"

using namespace irisize;
using test::catalog;
namespace fs = std::filesystem;

namespace {

// --- a small HCL reader ----------------------------------------------------------------------

/// A block: `type "label" … { attr = expr … nested { … } }`. Attributes keep their expression text.
struct HclBlock {
    std::string type;
    std::vector<std::string> labels;
    std::map<std::string, std::string> attrs;
    std::vector<HclBlock> blocks;
    int line = 0;

    [[nodiscard]] std::string attr(const std::string& key) const {
        auto it = attrs.find(key);
        return it == attrs.end() ? std::string() : it->second;
    }
    [[nodiscard]] std::vector<const HclBlock*> nested(const std::string& t) const {
        std::vector<const HclBlock*> out;
        for (const auto& b : blocks)
            if (b.type == t)
                out.push_back(&b);
        return out;
    }
};

/// Reads the structure of HCL native syntax: blocks, labels, attributes (an expression runs to
/// the end of its line outside brackets and strings), comments. Throws on malformed text.
class HclReader {
public:
    explicit HclReader(std::string text) : m_t(std::move(text)) {}

    std::vector<HclBlock> read() {
        auto out = body();
        if (m_i < m_t.size())
            fail("unexpected '}'");
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("HCL line " + std::to_string(line()) + ": " + what);
    }
    [[nodiscard]] int line() const {
        return 1 + static_cast<int>(
                       std::count(m_t.begin(), m_t.begin() + static_cast<long>(std::min(m_i, m_t.size())), '\n'));
    }
    [[nodiscard]] bool at_end() const { return m_i >= m_t.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : m_t[m_i]; }

    void skip_space(bool newlines) {
        while (!at_end()) {
            const char c = m_t[m_i];
            if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n'))
                ++m_i;
            else if (c == '#' || (c == '/' && m_i + 1 < m_t.size() && m_t[m_i + 1] == '/')) {
                while (!at_end() && m_t[m_i] != '\n')
                    ++m_i;
            } else
                break;
        }
    }

    std::string identifier() {
        const auto start = m_i;
        while (!at_end() && (std::isalnum(static_cast<unsigned char>(m_t[m_i])) || m_t[m_i] == '_' || m_t[m_i] == '-'))
            ++m_i;
        if (m_i == start)
            fail(std::string("expected a name, found '") + peek() + "'");
        return m_t.substr(start, m_i - start);
    }

    /// Skips a quoted template starting at m_i (on the quote), interpolations included.
    void skip_string() {
        ++m_i;
        while (!at_end()) {
            const char c = m_t[m_i];
            if (c == '\\') {
                m_i += 2;
                continue;
            }
            if (c == '\n')
                fail("line break in a quoted string");
            if (c == '"') {
                ++m_i;
                return;
            }
            if ((c == '$' || c == '%') && m_i + 1 < m_t.size() && m_t[m_i + 1] == c) {
                m_i += 2; // $$ or %%: a literal
                continue;
            }
            if ((c == '$' || c == '%') && m_i + 1 < m_t.size() && m_t[m_i + 1] == '{') {
                m_i += 2;
                skip_expression('}');
                ++m_i;
                continue;
            }
            ++m_i;
        }
        fail("unterminated string");
    }

    /// Skips an expression up to `close` at depth 0 (not consumed); `close` '\n' ends at a line end.
    void skip_expression(char close) {
        std::string stack;
        while (!at_end()) {
            const char c = m_t[m_i];
            if (stack.empty() && c == close)
                return;
            if (c == '"') {
                skip_string();
                continue;
            }
            if (c == '#' && close == '\n' && stack.empty())
                return;
            if (c == '(' || c == '[' || c == '{')
                stack += c == '(' ? ')' : c == '[' ? ']' : '}';
            else if (c == ')' || c == ']' || c == '}') {
                if (stack.empty() || stack.back() != c)
                    fail(std::string("unbalanced '") + c + "'");
                stack.pop_back();
            }
            ++m_i;
        }
        if (close != '\n' || !stack.empty())
            fail("unterminated expression");
    }

    std::vector<HclBlock> body() {
        std::vector<HclBlock> out;
        while (true) {
            skip_space(true);
            if (at_end() || peek() == '}')
                break;
            const int at = line();
            const std::string name = identifier();
            skip_space(false);
            if (peek() == '=') {
                ++m_i;
                skip_space(false);
                const auto start = m_i;
                skip_expression('\n');
                std::string expr = m_t.substr(start, m_i - start);
                while (!expr.empty() && (expr.back() == ' ' || expr.back() == '\r'))
                    expr.pop_back();
                if (expr.empty())
                    fail("attribute '" + name + "' without a value");
                HclBlock a;
                a.type = "=" + name; // attributes travel as pseudo-blocks until the caller sorts them
                a.labels = {expr};
                a.line = at;
                out.push_back(std::move(a));
                continue;
            }
            HclBlock b;
            b.type = name;
            b.line = at;
            while (peek() == '"') {
                const auto start = m_i;
                skip_string();
                b.labels.push_back(m_t.substr(start + 1, m_i - start - 2));
                skip_space(false);
            }
            if (peek() != '{')
                fail("expected '{' after block '" + name + "'");
            ++m_i;
            for (auto& item : body()) {
                if (item.type.front() == '=') {
                    if (!b.attrs.emplace(item.type.substr(1), item.labels.front()).second)
                        fail("attribute '" + item.type.substr(1) + "' set twice in block '" + name + "'");
                } else
                    b.blocks.push_back(std::move(item));
            }
            if (peek() != '}')
                fail("block '" + name + "' not closed");
            ++m_i;
            out.push_back(std::move(b));
        }
        return out;
    }

    std::string m_t;
    std::size_t m_i = 0;
};

std::vector<HclBlock> read_hcl(const std::vector<GeneratedFile>& files) {
    std::vector<HclBlock> out;
    for (const auto& f : files) {
        INFO(f.name);
        std::vector<HclBlock> blocks;
        REQUIRE_NOTHROW(blocks = HclReader(f.content).read());
        for (auto& b : blocks) {
            REQUIRE(b.type.front() != '='); // no attributes at the top level
            out.push_back(std::move(b));
        }
    }
    return out;
}

// --- the provider schema ---------------------------------------------------------------------

std::string gunzip(const fs::path& file) {
    gzFile in = gzopen(file.string().c_str(), "rb");
    if (!in)
        throw std::runtime_error("cannot open " + file.string());
    std::string out;
    char buffer[1 << 16];
    int n = 0;
    while ((n = gzread(in, buffer, sizeof buffer)) > 0)
        out.append(buffer, static_cast<std::size_t>(n));
    const bool ok = n == 0;
    gzclose(in);
    if (!ok)
        throw std::runtime_error("cannot decompress " + file.string());
    return out;
}

const nlohmann::json& resource_schemas() {
    static const nlohmann::json schemas = [] {
        const auto doc = nlohmann::json::parse(gunzip(IRISIZE_TERRAFORM_SCHEMA));
        return doc.at("provider_schemas").at("registry.terraform.io/hashicorp/aws").at("resource_schemas");
    }();
    return schemas;
}

/// Problems of one block against its schema block: unknown attributes and blocks, computed-only
/// attributes set, required attributes and blocks missing, too many or too few nested blocks.
void check_against(const nlohmann::json& schema, const HclBlock& b, const std::string& where, bool resource_level,
                   std::vector<std::string>& problems) {
    static const std::set<std::string> meta = {"provider", "count", "for_each", "depends_on"};
    const auto attrs = schema.value("attributes", nlohmann::json::object());
    const auto block_types = schema.value("block_types", nlohmann::json::object());
    for (const auto& [key, expr] : b.attrs) {
        (void)expr;
        if (resource_level && meta.count(key))
            continue;
        if (!attrs.contains(key)) {
            problems.push_back(where + ": unknown attribute '" + key + "'" +
                               (block_types.contains(key) ? " (it is a block)" : ""));
            continue;
        }
        const auto& a = attrs.at(key);
        if (a.value("computed", false) && !a.value("optional", false) && !a.value("required", false))
            problems.push_back(where + ": attribute '" + key + "' is computed only and cannot be set");
    }
    for (const auto& [key, a] : attrs.items())
        if (a.value("required", false) && !b.attrs.count(key))
            problems.push_back(where + ": required attribute '" + key + "' missing");
    std::map<std::string, int> counts;
    for (const auto& nb : b.blocks) {
        if (resource_level && nb.type == "lifecycle")
            continue;
        ++counts[nb.type];
        if (!block_types.contains(nb.type) && attrs.contains(nb.type)) {
            // Terraform's "attributes as blocks": a list or set of objects (aws_security_group's
            // ingress and egress) may be written as repeated blocks; their keys are the object's.
            const auto& type = attrs.at(nb.type).at("type");
            const bool objects = type.is_array() && type.size() == 2 && (type[0] == "list" || type[0] == "set") &&
                                 type[1].is_array() && type[1].size() == 2 && type[1][0] == "object";
            if (!objects) {
                problems.push_back(where + ": '" + nb.type + "' is an attribute, not a block");
                continue;
            }
            for (const auto& [key, expr] : nb.attrs) {
                (void)expr;
                if (!type[1][1].contains(key))
                    problems.push_back(where + "." + nb.type + ": unknown attribute '" + key + "'");
            }
            if (!nb.blocks.empty())
                problems.push_back(where + "." + nb.type + ": nested blocks in an attribute written as a block");
            continue;
        }
        if (!block_types.contains(nb.type)) {
            problems.push_back(where + ": unknown block '" + nb.type + "'" +
                               (attrs.contains(nb.type) ? " (it is an attribute)" : ""));
            continue;
        }
        check_against(block_types.at(nb.type).at("block"), nb, where + "." + nb.type, false, problems);
    }
    for (const auto& [key, bt] : block_types.items()) {
        const int n = counts.count(key) ? counts.at(key) : 0;
        const std::string mode = bt.value("nesting_mode", "");
        const int min_items = bt.value("min_items", 0);
        const int max_items = bt.value("max_items", mode == "single" ? 1 : 0);
        if (n < min_items)
            problems.push_back(where + ": block '" + key + "' needs at least " + std::to_string(min_items));
        if (max_items > 0 && n > max_items)
            problems.push_back(where + ": block '" + key + "' allows at most " + std::to_string(max_items));
    }
}

/// Every problem of the generated HCL against the schema, and every reference to a resource,
/// data source or variable that is not declared (or names an attribute the type lacks).
std::vector<std::string> schema_problems(const std::vector<HclBlock>& blocks) {
    std::vector<std::string> problems;
    const auto& schemas = resource_schemas();
    std::map<std::string, std::string> declared; // "type.name" -> type
    std::set<std::string> variables, data_sources;
    // The reference file leaves data sources out; the generator may use this one only.
    const std::map<std::string, std::set<std::string>> known_data = {
        {"aws_availability_zones", {"state", "provider", "all_availability_zones", "exclude_names"}}};
    for (const auto& b : blocks) {
        if (b.type == "resource") {
            REQUIRE(b.labels.size() == 2);
            const std::string where = b.labels[0] + "." + b.labels[1];
            if (!declared.emplace(where, b.labels[0]).second)
                problems.push_back(where + ": declared twice");
            if (!schemas.contains(b.labels[0])) {
                problems.push_back(where + ": unknown resource type");
                continue;
            }
            check_against(schemas.at(b.labels[0]).at("block"), b, where, true, problems);
        } else if (b.type == "data") {
            REQUIRE(b.labels.size() == 2);
            data_sources.insert(b.labels[0] + "." + b.labels[1]);
            auto known = known_data.find(b.labels[0]);
            if (known == known_data.end())
                problems.push_back("data." + b.labels[0] + ": a data source the test cannot check");
            else
                for (const auto& [key, expr] : b.attrs)
                    if (!known->second.count(key))
                        problems.push_back("data." + b.labels[0] + ": unknown attribute '" + key + "'");
        } else if (b.type == "variable") {
            variables.insert(b.labels.at(0));
        } else if (b.type != "terraform" && b.type != "provider" && b.type != "output") {
            problems.push_back("unexpected top-level block '" + b.type + "'");
        }
    }
    // References in every expression.
    const std::regex ref(R"((data\.)?\b(aws_[a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+))");
    const std::regex var(R"(\bvar\.([a-z0-9_]+))");
    std::function<void(const HclBlock&, const std::string&)> visit = [&](const HclBlock& b, const std::string& at) {
        std::vector<std::string> exprs;
        for (const auto& [k, e] : b.attrs)
            exprs.push_back(e);
        for (const auto& e : exprs) {
            for (std::sregex_iterator it(e.begin(), e.end(), ref), end; it != end; ++it) {
                const auto& m = *it;
                const std::string target = m[2].str() + "." + m[3].str();
                if (m[1].matched) {
                    if (!data_sources.count(target))
                        problems.push_back(at + ": refers to undeclared data." + target);
                    continue;
                }
                auto d = declared.find(target);
                if (d == declared.end()) {
                    problems.push_back(at + ": refers to undeclared " + target);
                    continue;
                }
                const auto& block = schemas.at(d->second).at("block");
                const std::string attr = m[4].str();
                if (!block.value("attributes", nlohmann::json::object()).contains(attr) &&
                    !block.value("block_types", nlohmann::json::object()).contains(attr))
                    problems.push_back(at + ": " + target + " has no attribute '" + attr + "'");
            }
            for (std::sregex_iterator it(e.begin(), e.end(), var), end; it != end; ++it)
                if (!variables.count((*it)[1].str()))
                    problems.push_back(at + ": refers to undeclared var." + (*it)[1].str());
        }
        for (const auto& nb : b.blocks)
            visit(nb, at + "." + nb.type);
    };
    for (const auto& b : blocks)
        visit(b, b.type + (b.labels.empty() ? "" : "." + b.labels.back()));
    return problems;
}

// --- plans and their Terraform ---------------------------------------------------------------

const DeployDefaults& deploy() {
    static const DeployDefaults d = [] {
        auto r = load_deploy_defaults(IRISIZE_TEST_DATA_DIR);
        if (!r)
            throw std::runtime_error("cannot load deploy.json: " + r.error().what());
        return std::move(r).value();
    }();
    return d;
}

std::vector<fs::path> example_files() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(fs::path(IRISIZE_TEST_DATA_DIR) / "examples"))
        if (e.path().extension() == ".json")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

Plan plan_of(const fs::path& file) {
    std::ifstream in(file);
    REQUIRE(in);
    auto w = read_workload(in, file.filename().string());
    INFO(file << ": " << (w ? "" : w.error().what()));
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    INFO(file << ": " << (p ? "" : p.error().what()));
    REQUIRE(p.ok());
    return std::move(p).value();
}

std::vector<HclBlock> terraform_of(const Plan& p) {
    auto files = terraform_files(p, catalog(), deploy());
    INFO((files ? "" : files.error().what()));
    REQUIRE(files.ok());
    return read_hcl(*files);
}

std::vector<const HclBlock*> resources(const std::vector<HclBlock>& blocks, const std::string& type) {
    std::vector<const HclBlock*> out;
    for (const auto& b : blocks)
        if (b.type == "resource" && b.labels.at(0) == type)
            out.push_back(&b);
    return out;
}

const HclBlock* resource(const std::vector<HclBlock>& blocks, const std::string& type, const std::string& name) {
    for (const auto* b : resources(blocks, type))
        if (b->labels.at(1) == name)
            return b;
    return nullptr;
}

/// "aws_lb.web.arn" -> "web" for a reference to a resource of `type`; empty otherwise.
std::string referenced(const std::string& expr, const std::string& type) {
    const std::regex r("\\b" + type + R"(\.([a-z0-9_]+)\.)");
    std::smatch m;
    return std::regex_search(expr, m, r) ? m[1].str() : std::string();
}

std::set<std::string> all_referenced(const std::string& expr, const std::string& type) {
    std::set<std::string> out;
    const std::regex r("\\b" + type + R"(\.([a-z0-9_]+)\.)");
    for (std::sregex_iterator it(expr.begin(), expr.end(), r), end; it != end; ++it)
        out.insert((*it)[1].str());
    return out;
}

/// The aws_instance names of the servers with `role` (from their Role tag).
std::set<std::string> instances_with_role(const std::vector<HclBlock>& blocks, const std::string& role) {
    std::set<std::string> out;
    for (const auto* b : resources(blocks, "aws_instance"))
        if (std::regex_search(b->attr("tags"), std::regex("Role +=  *\"" + role + "\"")))
            out.insert(b->labels.at(1));
    return out;
}

int servers_with_role(const Plan& p, const std::string& role) {
    int n = 0;
    for (const auto& m : p.members)
        if (m.role == role)
            n += m.count;
    return n;
}

/// What the generated HCL must hold for plan `p`.
void check_deployment(const Plan& p, const std::vector<HclBlock>& tf) {
    const auto& d = deploy();

    // The web tier: an Application Load Balancer, sticky, every web server a target, two zones at least.
    const auto web_servers = instances_with_role(tf, "web");
    CHECK(static_cast<int>(web_servers.size()) == servers_with_role(p, "web"));
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
    const bool has_dr = servers_with_role(p, "dr-async") > 0;
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
    for (const char* role : {"primary", "backup", "dr-async"})
        for (const auto& server : instances_with_role(tf, role)) {
            ++members;
            INFO(role << " " << server);
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
                const auto purpose = std::regex_replace(
                    v->attr("tags"), std::regex(R"re([\s\S]*Purpose *= "([a-z0-9]+)"[\s\S]*)re"), "$1");
                const auto& qp = d.alarms.volume_queue_purposes;
                want_queues += std::find(qp.begin(), qp.end(), purpose) != qp.end();
                want_bursts += v->attr("type") == "\"gp2\"";
            }
            CHECK(want_queues > 0);
            CHECK(queues == want_queues);
            CHECK(bursts == want_bursts);
        }
    CHECK(members ==
          servers_with_role(p, "primary") + servers_with_role(p, "backup") + servers_with_role(p, "dr-async"));
}

} // namespace

TEST_CASE ("the HCL reader reads blocks, labels, nested blocks and multi-line expressions", "[terraform][schema]") {
    const auto blocks = HclReader(R"(# comment
resource "aws_lb" "web" {
  name    = "${var.name_prefix}-web" # trailing
  subnets = [aws_subnet.a.id, aws_subnet.b.id]
  x       = [for z in data.aws_availability_zones.w.names : z if z != "a"][0]

  tags = {
    Name = "a}b{"
  }

  nested "label" {
    inner = "q\"uote"
  }
}
)")
                            .read();
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].labels == std::vector<std::string>{"aws_lb", "web"});
    CHECK(blocks[0].attrs.size() == 4);
    CHECK(blocks[0].attr("tags").find("a}b{") != std::string::npos);
    REQUIRE(blocks[0].blocks.size() == 1);
    CHECK(blocks[0].blocks[0].attr("inner") == R"("q\"uote")");
    CHECK_THROWS(HclReader("resource \"a\" \"b\" {\n  x = 1\n  x = 2\n}\n").read());
    CHECK_THROWS(HclReader("resource \"a\" \"b\" {\n  x = [1\n").read());
    CHECK_THROWS(HclReader("resource \"a\" \"b\" {\n").read());
}

TEST_CASE ("the schema check finds unknown, computed-only and missing attributes", "[terraform][schema]") {
    const auto blocks = HclReader(R"(variable "x" {
  type = string
}
resource "aws_lb_target_group" "t" {
  port     = 80
  colour   = "red"
  arn      = "arn:aws:x"
  vpc_id   = var.y

  stickiness {
    enabled = true
  }

  stickiness {
    type = "lb_cookie"
  }
}
resource "aws_cloudwatch_metric_alarm" "a" {
  alarm_name = "a"
  threshold  = aws_lb_target_group.t.no_such_thing

  metric {
    id = "m"
  }
}
resource "aws_not_a_type" "n" {
}
resource "aws_security_group" "g" {
  ingress {
    from_port = 1
    colour    = "red"
  }

  name {
    x = 1
  }
}
)")
                            .read();
    const auto problems = schema_problems(blocks);
    auto found = [&](const std::string& text) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const std::string& p) { return p.find(text) != std::string::npos; });
    };
    CHECK(found("aws_lb_target_group.t: unknown attribute 'colour'"));
    CHECK(found("aws_lb_target_group.t: attribute 'arn' is computed only"));
    CHECK(found("aws_lb_target_group.t.stickiness: required attribute 'type' missing"));
    CHECK(found("aws_lb_target_group.t: block 'stickiness' allows at most 1"));
    CHECK(found("undeclared var.y"));
    CHECK(found("aws_cloudwatch_metric_alarm.a: required attribute 'comparison_operator' missing"));
    CHECK(found("aws_cloudwatch_metric_alarm.a: unknown block 'metric'"));
    CHECK(found("aws_lb_target_group.t has no attribute 'no_such_thing'"));
    CHECK(found("aws_not_a_type.n: unknown resource type"));
    CHECK(found("aws_security_group.g.ingress: unknown attribute 'colour'"));
    CHECK_FALSE(found("aws_security_group.g.ingress: unknown attribute 'from_port'"));
    CHECK(found("aws_security_group.g: 'name' is an attribute, not a block"));
}

TEST_CASE ("every bundled example's Terraform matches the AWS provider 5.100.0 schema and the plan",
           "[terraform][schema][examples]") {
    const auto examples = example_files();
    REQUIRE(examples.size() >= 4);
    for (const auto& file : examples) {
        INFO(file.filename().string());
        const Plan p = plan_of(file);
        const auto tf = terraform_of(p);
        const auto problems = schema_problems(tf);
        for (const auto& problem : problems)
            UNSCOPED_INFO(problem);
        CHECK(problems.empty());
        check_deployment(p, tf);
        // monitoring.tf is never comments only.
        auto files = terraform_files(p, catalog(), deploy());
        REQUIRE(files.ok());
        for (const auto& f : *files)
            if (f.name == "monitoring.tf")
                CHECK(HclReader(f.content).read().size() > 0);
    }
}

TEST_CASE ("web servers over three zones are all targets of one load balancer in the three zones",
           "[terraform][schema][web]") {
    Plan p = plan_of(fs::path(IRISIZE_TEST_DATA_DIR) / "examples" / "trakcare-regional-hospital.json");
    // Spread the web tier by hand over the three zones of the region (as the sizer does with three).
    std::vector<std::string> zones;
    for (const auto& m : p.members)
        if (m.region == p.region && std::find(zones.begin(), zones.end(), m.availability_zone) == zones.end())
            zones.push_back(m.availability_zone);
    for (const char* z : {"a", "b", "c"})
        if (zones.size() < 3 && std::find(zones.begin(), zones.end(), p.region + z) == zones.end())
            zones.push_back(p.region + z);
    auto web = std::find_if(p.members.begin(), p.members.end(), [](const Member& m) { return m.role == "web"; });
    REQUIRE(web != p.members.end());
    Member one = *web;
    one.count = 2;
    p.members.erase(web);
    for (const auto& z : zones) {
        one.availability_zone = z;
        p.members.push_back(one);
    }
    const auto tf = terraform_of(p);
    CHECK(schema_problems(tf).empty());
    check_deployment(p, tf);
    const auto* alb = resource(tf, "aws_lb", "web");
    REQUIRE(alb);
    CHECK(all_referenced(alb->attr("subnets"), "aws_subnet").size() == 3);
    CHECK(resources(tf, "aws_lb_target_group_attachment").size() >= 6);
}

TEST_CASE ("a one-zone plan still gives the web load balancer two zones, and says so", "[terraform][schema][web]") {
    Plan p = plan_of(fs::path(IRISIZE_TEST_DATA_DIR) / "examples" / "healthconnect-small.json");
    std::string zone;
    for (auto& m : p.members)
        if (m.region == p.region) {
            if (zone.empty())
                zone = m.availability_zone;
            m.availability_zone = zone;
        }
    if (std::none_of(p.members.begin(), p.members.end(), [](const Member& m) { return m.role == "web"; })) {
        Member web = p.members.front();
        web.role = "web";
        web.count = 1;
        web.volumes.clear();
        p.members.push_back(web);
    }
    auto files = terraform_files(p, catalog(), deploy());
    REQUIRE(files.ok());
    const auto tf = read_hcl(*files);
    CHECK(schema_problems(tf).empty());
    check_deployment(p, tf);
    const auto* alb = resource(tf, "aws_lb", "web");
    REQUIRE(alb);
    CHECK(all_referenced(alb->attr("subnets"), "aws_subnet").size() == 2);
    const auto* extra = resource(tf, "aws_subnet", "web_lb_extra");
    REQUIRE(extra);
    CHECK(extra->attr("availability_zone").find("!= \"" + zone + "\"") != std::string::npos);
    for (const auto& f : *files)
        if (f.name == "loadbalancer.tf")
            CHECK(f.content.find("an ALB needs two") != std::string::npos);
}
