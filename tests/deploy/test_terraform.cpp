// SPDX-License-Identifier: GPL-3.0-or-later
// terraform_files(): resources match the plan; the text is laid out as terraform fmt would;
// data/deploy.json is checked; write_generated_files() writes a directory.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <unistd.h>

#include "deploy_test_support.hpp"
#include "generated_files.hpp"
#include "irisize/data/deploy_defaults.hpp"
#include "irisize/deploy/terraform.hpp"
#include "irisize/sizing/deployment_sizing.hpp"
#include "irisize/sizing/sizing.hpp"

using namespace irisize;
using test::base_workload;
using test::catalog;
using test::deploy;

namespace {

std::string deploy_text() {
    std::ifstream in(std::string(IRISIZE_TEST_DATA_DIR) + "/deploy.json");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* const examples[] = {"trakcare-regional-hospital", "healthshare-ie-region", "healthconnect-small",
                                "trakcare-users-only"};

Plan example_plan(const std::string& name) {
    return test::plan_of(std::filesystem::path(IRISIZE_TEST_DATA_DIR) / "examples" / (name + ".json"));
}

std::vector<GeneratedFile> tf(const Plan& p) {
    auto files = terraform_files(p, catalog(), deploy());
    INFO((files ? "" : files.error().what()));
    REQUIRE(files.ok());
    return std::move(files).value();
}

const std::string& file(const std::vector<GeneratedFile>& files, const std::string& name) {
    for (const auto& f : files)
        if (f.name == name)
            return f.content;
    FAIL("no file " << name);
    throw std::logic_error("unreachable");
}

std::string all(const std::vector<GeneratedFile>& files) {
    std::string out;
    for (const auto& f : files)
        out += f.content;
    return out;
}

/// A top-level resource: its type, name and top-level attributes (key -> expression).
struct Resource {
    std::string type, name;
    std::map<std::string, std::string> attrs;
    std::string body;
};

std::vector<Resource> resources(const std::string& text, const std::string& type) {
    std::vector<Resource> out;
    std::istringstream in(text);
    std::string line;
    Resource* cur = nullptr;
    while (std::getline(in, line)) {
        if (line.rfind("resource \"", 0) == 0) {
            const auto t1 = line.find('"') + 1;
            const auto t2 = line.find('"', t1);
            const auto n1 = line.find('"', t2 + 1) + 1;
            const auto n2 = line.find('"', n1);
            out.push_back({line.substr(t1, t2 - t1), line.substr(n1, n2 - n1), {}, {}});
            cur = &out.back();
            continue;
        }
        if (line == "}") {
            cur = nullptr;
            continue;
        }
        if (!cur)
            continue;
        cur->body += line + "\n";
        if (line.size() > 2 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ') {
            const auto eq = line.find(" = ");
            if (eq != std::string::npos) {
                auto key = line.substr(2, eq - 2);
                key.erase(key.find_last_not_of(' ') + 1);
                cur->attrs[key] = line.substr(eq + 3);
            }
        }
    }
    std::erase_if(out, [&](const Resource& r) { return r.type != type; });
    return out;
}

std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

/// Layout checks: no tabs, balanced braces outside strings, and `=` aligned in each run of
/// consecutive single-line attributes of one block (one space after the longest key).
void check_layout(const GeneratedFile& f) {
    INFO(f.name);
    CHECK(f.content.find('\t') == std::string::npos);
    CHECK(!f.content.empty());
    CHECK(f.content.back() == '\n');
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < f.content.size(); ++i) {
        const char c = f.content[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '#') {
            i = f.content.find('\n', i);
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{')
            ++depth;
        else if (c == '}') {
            --depth;
            REQUIRE(depth >= 0);
        }
    }
    CHECK(depth == 0);
    CHECK_FALSE(in_string);

    std::istringstream in(f.content);
    std::string line;
    std::vector<std::pair<std::size_t, std::size_t>> group; // (key end, '=' column)
    std::size_t group_indent = std::string::npos;
    auto close = [&] {
        if (!group.empty()) {
            std::size_t longest = 0;
            for (const auto& g : group)
                longest = std::max(longest, g.first);
            for (const auto& g : group)
                CHECK(g.second == longest + 1);
        }
        group.clear();
    };
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        INFO("line " << n << ": " << line);
        const auto indent = line.find_first_not_of(' ');
        const auto eq = line.find(" = ");
        const bool attr = indent != std::string::npos && eq != std::string::npos && line[indent] != '#' &&
                          line.compare(indent, 1, "\"") != 0;
        if (!attr || indent != group_indent)
            close();
        if (!attr) {
            group_indent = std::string::npos;
            continue;
        }
        // Multi-line values (objects) stand alone, set off by blank lines.
        if (line.back() == '{') {
            group_indent = std::string::npos;
            continue;
        }
        group_indent = indent;
        std::size_t key_end = line.find(' ', indent);
        group.emplace_back(key_end, eq + 1);
    }
    close();
}

} // namespace

TEST_CASE ("deploy.json loads with a source for every value", "[terraform][deploy]") {
    const auto& d = deploy();
    CHECK(d.port("superserver") == 1972);
    CHECK(d.port("web") == 52773);
    CHECK(d.port("iscagent") == 2188);
    CHECK(d.load_balancer.health_check_path == "/csp/bin/mirror_status.cxw");
    CHECK(d.sources.count("ports.superserver") == 1);
    CHECK(d.sources.count("alarms.burst_balance_percent") == 1);
    CHECK(d.instances.device_names.size() >= 33); // 4 purposes x 8-wide stripes + install
    // The mirror status page is served through the members' Web Gateway, not the private web
    // server that new IRIS installations (2023.2 and later) no longer have.
    CHECK(d.load_balancer.health_check_port != "web");
    CHECK(d.port(d.load_balancer.health_check_port) != d.port("web"));
    CHECK(d.web_load_balancer.stickiness_type == "lb_cookie");
}

TEST_CASE ("bad deploy.json files give an error naming file and field", "[terraform][deploy]") {
    const auto good = nlohmann::json::parse(deploy_text());
    auto error_of = [](const nlohmann::json& doc) {
        auto r = parse_deploy_defaults(doc.dump(), "deploy.json");
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    {
        auto doc = good;
        doc["ports"]["web"].erase("source");
        const auto e = error_of(doc);
        CHECK(e.field == "deploy.json: ports.web.source");
    }
    {
        auto doc = good;
        doc["kind"] = "price-list";
        CHECK(error_of(doc).field == "deploy.json: kind");
    }
    {
        auto doc = good;
        doc["instances"]["root_volume_purpose"]["value"] = "boot";
        const auto e = error_of(doc);
        CHECK(e.field == "deploy.json: instances.root_volume_purpose.value");
        CHECK(e.message.find("'boot'") != std::string::npos);
    }
    {
        auto doc = good;
        doc["alarms"]["volume_queue_purposes"]["value"] = {"data", "journal3"};
        CHECK(error_of(doc).field == "deploy.json: alarms.volume_queue_purposes.value[1]");
    }
    {
        auto doc = good;
        doc["security_groups"]["web"]["value"] = {"http", "gopher"};
        const auto e = error_of(doc);
        CHECK(e.field == "deploy.json: security_groups.web.value[1]");
        CHECK(e.message.find("gopher") != std::string::npos);
    }
    {
        auto doc = good;
        doc["network"]["vpc_cidr"]["value"] = "10.0.0/16";
        CHECK(error_of(doc).field == "deploy.json: network.vpc_cidr.value");
    }
    {
        auto doc = good;
        doc["ports"]["superserver"]["value"] = 70000;
        CHECK(error_of(doc).field == "deploy.json: ports.superserver.value");
    }
    {
        auto doc = good;
        doc["alarms"]["period_seconds"]["value"] = 45;
        CHECK(error_of(doc).field == "deploy.json: alarms.period_seconds.value");
    }
    {
        auto doc = good;
        doc.erase("as_of");
        CHECK(error_of(doc).field == "deploy.json: as_of");
    }
    {
        auto doc = good;
        doc["web_load_balancer"]["listener_port"]["value"] = "gopher";
        CHECK(error_of(doc).field == "deploy.json: web_load_balancer.listener_port.value[0]");
    }
    {
        auto doc = good;
        doc["web_load_balancer"]["stickiness_cookie_duration_seconds"]["value"] = 700000; // above 7 days
        CHECK(error_of(doc).field == "deploy.json: web_load_balancer.stickiness_cookie_duration_seconds.value");
    }
    {
        auto doc = good;
        doc["load_balancer"]["route53_insufficient_data_health_status"]["value"] = "Maybe";
        CHECK(error_of(doc).field == "deploy.json: load_balancer.route53_insufficient_data_health_status.value");
    }
    {
        auto doc = good;
        doc["load_balancer"]["health_check_port"]["value"] = "nowhere";
        CHECK(error_of(doc).field == "deploy.json: load_balancer.health_check_port.value[0]");
    }
    {
        auto doc = good;
        doc["alarms"]["volume_queue_latency_ms"]["value"] = 0;
        CHECK(error_of(doc).field == "deploy.json: alarms.volume_queue_latency_ms.value");
    }
    auto r = parse_deploy_defaults("{ not json", "x.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "x.json");
    // A number beyond a double is the library's out_of_range, not a parse_error: still an Error.
    auto huge = parse_deploy_defaults(R"({"schema": 1e400})", "x.json");
    REQUIRE_FALSE(huge.ok());
    CHECK_THAT(huge.error().message, Catch::Contains("not valid JSON"));
    auto missing = load_deploy_defaults("/nonexistent-irisize-dir");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field.find("deploy.json") != std::string::npos);
}

TEST_CASE ("HCL strings and identifiers are escaped", "[terraform]") {
    SECTION ("strings") {
        const auto [text, hcl] = GENERATE(table<std::string, std::string>({
            {"plain", "\"plain\""},
            {"a\"b\\c", "\"a\\\"b\\\\c\""},
            {"${var.x} %{if} $5 100%", "\"$${var.x} %%{if} $5 100%\""},
            {"line\nbreak\x01", "\"line\\nbreak\\u0001\""},
        }));
        CHECK(hcl_string(text) == hcl);
    }
    SECTION ("identifiers") {
        const auto [text, identifier] = GENERATE(table<std::string, std::string>({
            {"dr-async", "dr_async"},
            {"us-east-1a", "us_east_1a"},
            {"1st", "_1st"},
            {"", "_unnamed"},
            {"--", "_unnamed"},
            {"Journal 1!", "journal_1"},
        }));
        CHECK(hcl_identifier(text) == identifier);
    }
}

TEST_CASE ("every example: one resource per planned instance and volume, laid out as terraform fmt",
           "[terraform][examples]") {
    const auto& d = deploy();
    for (const char* name : examples) {
        INFO(name);
        const Plan p = example_plan(name);
        const auto files = tf(p);
        std::vector<std::string> names;
        for (const auto& f : files) {
            names.push_back(f.name);
            check_layout(f);
        }
        CHECK(names == std::vector<std::string>{"versions.tf", "providers.tf", "variables.tf", "network.tf",
                                                "security.tf", "instances.tf", "storage.tf", "loadbalancer.tf",
                                                "monitoring.tf", "outputs.tf"});

        // Instances: one per server, with the planned type and AZ, in the AZ's subnet.
        std::multiset<std::pair<std::string, std::string>> want_instances, got_instances;
        // Volumes: stripe_width per purpose and server; the os volume is the root volume.
        std::multiset<std::vector<std::string>> want_volumes, got_volumes;
        std::size_t want_roots = 0;
        for (const auto& m : p.members)
            for (int i = 0; i < m.count; ++i) {
                want_instances.insert({quoted(m.instance_type), quoted(m.availability_zone)});
                for (const auto& v : m.volumes)
                    for (int k = 0; k < v.stripe_width; ++k) {
                        if (v.purpose == d.instances.root_volume_purpose && k == 0) {
                            ++want_roots;
                            continue;
                        }
                        const auto fig = volume_figures(v);
                        want_volumes.insert(
                            {quoted(m.availability_zone), quoted(v.type), std::to_string(fig.size_gib),
                             d.volume_types.takes_iops(v.type) ? std::to_string(fig.iops) : "",
                             d.volume_types.takes_throughput(v.type) ? std::to_string(fig.throughput_mibps) : "",
                             quoted(std::string(irisize::name(v.purpose)))});
                    }
            }
        const auto instances = resources(file(files, "instances.tf"), "aws_instance");
        for (const auto& r : instances) {
            got_instances.insert({r.attrs.at("instance_type"), r.attrs.at("availability_zone")});
            CHECK(r.attrs.at("ebs_optimized") == "true");
            const auto az = r.attrs.at("availability_zone");
            CHECK(r.attrs.at("subnet_id") == "aws_subnet." + hcl_identifier(az.substr(1, az.size() - 2)) + ".id");
            CHECK(r.body.find("root_block_device {") != std::string::npos);
            CHECK(r.body.find("Role") != std::string::npos);
            CHECK(r.body.find("System") != std::string::npos);
        }
        CHECK(got_instances == want_instances);
        CHECK(want_roots == instances.size());

        const auto volumes = resources(file(files, "storage.tf"), "aws_ebs_volume");
        for (const auto& r : volumes) {
            CHECK(r.attrs.at("encrypted") == "true");
            const auto purpose_at = r.body.find("Purpose = ");
            REQUIRE(purpose_at != std::string::npos);
            const auto purpose_end = r.body.find('\n', purpose_at);
            std::string purpose = r.body.substr(purpose_at + 10, purpose_end - purpose_at - 10);
            auto get = [&](const char* k) { return r.attrs.count(k) ? r.attrs.at(k) : std::string(); };
            got_volumes.insert(
                {get("availability_zone"), get("type"), get("size"), get("iops"), get("throughput"), purpose});
        }
        CHECK(volumes.size() == want_volumes.size());
        CHECK(got_volumes == want_volumes);

        // One attachment per volume, device names distinct per instance.
        const auto attachments = resources(file(files, "storage.tf"), "aws_volume_attachment");
        CHECK(attachments.size() == volumes.size());
        std::map<std::string, std::set<std::string>> devices;
        for (const auto& a : attachments) {
            CHECK(devices[a.attrs.at("instance_id")].insert(a.attrs.at("device_name")).second);
            CHECK(a.attrs.at("volume_id") == "aws_ebs_volume." + a.name + ".id");
        }

        // Every resource in the DR region, and only those, uses the aliased provider.
        const std::string text = all(files);
        for (const char* type : {"aws_instance", "aws_ebs_volume", "aws_subnet"})
            for (const auto& r : resources(text, type)) {
                const auto az = r.attrs.at("availability_zone");
                const bool in_dr = !p.dr_region.empty() && az.rfind("\"" + p.dr_region, 0) == 0;
                INFO(type << " " << r.name << " " << az);
                CHECK((r.attrs.count("provider") && r.attrs.at("provider") == "aws.dr") == in_dr);
            }
        const bool has_dr = p.member(Role::dr_async) != nullptr;
        CHECK((file(files, "providers.tf").find("alias  = \"dr\"") != std::string::npos) == has_dr);
        for (const char* type : {"aws_vpc", "aws_security_group", "aws_lb", "aws_lb_target_group", "aws_lb_listener",
                                 "aws_volume_attachment", "aws_lb_target_group_attachment"})
            for (const auto& r : resources(text, type)) {
                const bool dr_named = r.name == "dr" || r.name.find("_dr") != std::string::npos ||
                                      r.name.find("dr_async") != std::string::npos;
                INFO(type << " " << r.name);
                CHECK((r.attrs.count("provider") > 0) == dr_named);
            }

        // The mirror health check and, with DR, the failover pair.
        const auto& lb = file(files, "loadbalancer.tf");
        CHECK(lb.find("path                = \"/csp/bin/mirror_status.cxw\"") != std::string::npos);
        const auto records = resources(lb, "aws_route53_record");
        CHECK(records.size() == (has_dr ? 2u : 0u));
        if (has_dr) {
            CHECK(lb.find("type = \"PRIMARY\"") != std::string::npos);
            CHECK(lb.find("type = \"SECONDARY\"") != std::string::npos);
            CHECK(resources(lb, "aws_route53_health_check").size() == 2);
        }
        // Security groups carry the InterSystems ports from deploy.json.
        const auto& sg = file(files, "security.tf");
        for (int port : {1972, 52773, 2188})
            CHECK(sg.find("from_port   = " + std::to_string(port)) != std::string::npos);
    }
}

TEST_CASE ("names and descriptions from the workload are escaped", "[terraform]") {
    auto doc = base_workload();
    doc["name"] = "Evil \"site\" ${path.root} \\ %{if}";
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    REQUIRE(p.ok());
    const auto files = tf(*p);
    const std::string text = all(files);
    CHECK(text.find("System = \"Evil \\\"site\\\" $${path.root} \\\\ %%{if}\"") != std::string::npos);
    for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 1)) {
        // Either an escape ($${) or one of the generator's own interpolations; comments are free text.
        const auto line_start = text.rfind('\n', at) + 1;
        if (text[line_start] == '#')
            continue;
        const bool escaped = at > 0 && text[at - 1] == '$';
        const bool own = text.compare(at, 18, "${var.name_prefix}") == 0;
        CHECK((escaped || own));
    }
    for (const auto& f : files)
        check_layout(f);
}

TEST_CASE ("gp2 volumes get burst-balance alarms, busy instances EBS alarms", "[terraform][monitoring]") {
    Plan p = example_plan("trakcare-regional-hospital");
    int gp2 = 0;
    for (auto& m : p.members) {
        for (auto& v : m.volumes)
            if (v.purpose == VolumePurpose::wij || v.purpose == VolumePurpose::os) {
                v.type = "gp2";
                gp2 += m.count * v.stripe_width;
            }
        m.demand.iops = units::iops(0);
        m.demand.throughput = units::MiBps(0);
    }
    Member* primary = nullptr;
    for (auto& m : p.members)
        if (m.role == Role::primary)
            primary = &m;
    REQUIRE(primary);
    const auto idx = catalog().instances.find(primary->instance_type);
    REQUIRE(idx);
    const auto& limits = catalog().instances.instances[*idx].ebs;
    primary->demand.iops = limits.baseline_iops * 0.95;

    const auto files = tf(p);
    const auto& mon = file(files, "monitoring.tf");
    const auto alarms = resources(mon, "aws_cloudwatch_metric_alarm");
    int burst = 0, ebs_iops = 0, ebs_bytes = 0;
    for (const auto& a : alarms) {
        if (a.name.ends_with("_burst_balance")) {
            ++burst;
            CHECK(a.attrs.at("metric_name") == "\"BurstBalance\"");
            CHECK(a.attrs.at("threshold") == "20");
            CHECK(a.attrs.at("period") == "300");
        }
        if (a.name.ends_with("_ebs_iops")) {
            ++ebs_iops;
            CHECK(a.name == "primary_ebs_iops");
            CHECK(a.attrs.at("threshold") == std::to_string(std::llround(units::in_iops(limits.baseline_iops) * 0.9)));
            CHECK(a.body.find("EBSReadOps") != std::string::npos);
        }
        if (a.name.ends_with("_ebs_bytes"))
            ++ebs_bytes;
    }
    CHECK(burst == gp2);
    CHECK(ebs_iops == 1);
    CHECK(ebs_bytes == 0);
    // gp2 takes neither provisioned IOPS nor throughput.
    for (const auto& v : resources(file(files, "storage.tf"), "aws_ebs_volume"))
        if (v.attrs.at("type") == "\"gp2\"") {
            CHECK(v.attrs.count("iops") == 0);
            CHECK(v.attrs.count("throughput") == 0);
        }
    check_layout(GeneratedFile{"monitoring.tf", mon});
}

TEST_CASE ("plans terraform cannot express are errors, not bad code", "[terraform]") {
    Plan p = example_plan("healthconnect-small");
    SECTION ("more volumes than device names") {
        for (auto& m : p.members)
            for (auto& v : m.volumes)
                if (v.purpose == VolumePurpose::data)
                    v.stripe_width = 60;
        auto r = terraform_files(p, catalog(), deploy());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == "instances.device_names");
    }
    SECTION ("a member outside the plan's regions") {
        p.members.back().region = "ap-south-1";
        auto r = terraform_files(p, catalog(), deploy());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("ap-south-1") != std::string::npos);
    }
}

TEST_CASE ("write_generated_files creates the directory and refuses a file in its place", "[terraform][output]") {
    namespace fs = std::filesystem;
    const fs::path base = fs::temp_directory_path() / ("irisize-gen-" + std::to_string(::getpid()));
    fs::remove_all(base);
    const std::vector<GeneratedFile> files = {{"main.tf", "a\n"}, {"sub/x.json", "{}\n"}};

    auto ok = app::write_generated_files(base / "out", files);
    INFO((ok ? "" : ok.error().what()));
    REQUIRE(ok.ok());
    std::ifstream in(base / "out" / "main.tf");
    std::string line;
    std::getline(in, line);
    CHECK(line == "a");
    CHECK(fs::is_regular_file(base / "out" / "sub" / "x.json"));
    // Again into the existing directory: files are replaced.
    CHECK(app::write_generated_files(base / "out", {{"main.tf", "b\n"}}).ok());

    std::ofstream(base / "plain") << "x";
    auto refused = app::write_generated_files(base / "plain", files);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("not a directory") != std::string::npos);

    auto escape = app::write_generated_files(base / "out2", {{"../evil.tf", "x"}});
    REQUIRE_FALSE(escape.ok());
    CHECK_FALSE(fs::exists(base / "evil.tf"));
    CHECK_FALSE(fs::exists(base / "out2"));
    fs::remove_all(base);
}

TEST_CASE ("every bundled deployment's Terraform is laid out as terraform fmt writes it", "[terraform][examples]") {
    for (const auto& file : test::deployment_example_files()) {
        INFO(file.filename().string());
        std::ifstream in(file);
        auto d = read_deployment(in, file.filename().string(), file.parent_path());
        REQUIRE(d.ok());
        auto p = size(*d, catalog());
        REQUIRE(p.ok());
        for (const auto& f : tf(p->combined()))
            check_layout(f);
    }
    for (const auto& file : test::hybrid_example_files())
        for (const auto& f : tf(test::plan_of(file)))
            check_layout(f);
}
