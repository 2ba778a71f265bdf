// SPDX-License-Identifier: GPL-3.0-or-later
// icm_files(): the ICM files of every bundled example, of a plan without a mirror and of a DR
// plan, checked against the InterSystems Cloud Manager Guide's rules (issue 12, section 7).
// Every expectation is derived from the plan's members, never from fixed counts.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "deploy_test_support.hpp"
#include "irisize/sizing/deployment_sizing.hpp"
#include "irisize/data/deploy_defaults.hpp"
#include "irisize/deploy/icm.hpp"
#include "irisize/sizing/sizing.hpp"

using namespace irisize;
using nlohmann::json;
using test::base_workload;
using test::catalog;
using test::deploy;
using test::example_files;
using test::plan_of;

namespace {

Plan plan_of(const json& doc) {
    auto w = parse_workload(doc);
    INFO((w ? "" : w.error().what()));
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    INFO((p ? "" : p.error().what()));
    REQUIRE(p.ok());
    return std::move(p).value();
}

struct RegionFiles {
    json defaults;
    json definitions;
};

struct Icm {
    std::string readme;
    std::map<std::string, RegionFiles> regions; ///< by directory
    std::vector<std::string> names;             ///< every file, in order
};

Icm icm(const Plan& p) {
    auto files = icm_files(p, deploy());
    INFO((files ? "" : files.error().what()));
    REQUIRE(files.ok());
    Icm out;
    for (const auto& f : *files) {
        out.names.push_back(f.name);
        if (f.name == "README.md") {
            out.readme = f.content;
            continue;
        }
        const auto slash = f.name.find('/');
        REQUIRE(slash != std::string::npos);
        const std::string dir = f.name.substr(0, slash);
        const std::string base = f.name.substr(slash + 1);
        if (base == "defaults.json")
            out.regions[dir].defaults = json::parse(f.content);
        else if (base == "definitions.json")
            out.regions[dir].definitions = json::parse(f.content);
        else
            FAIL("unexpected file " << f.name);
    }
    return out;
}

const PlannedVolume* volume(const Member& m, VolumePurpose purpose) {
    for (const auto& v : m.volumes)
        if (v.purpose == purpose)
            return &v;
    return nullptr;
}

/// A field of a definitions entry, or the defaults' value it inherits ("" when neither has it).
std::string effective(const json& entry, const json& defaults, const std::string& key) {
    if (entry.contains(key))
        return entry.at(key).get<std::string>();
    return defaults.contains(key) ? defaults.at(key).get<std::string>() : std::string();
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string part; std::getline(in, part, ',');)
        out.push_back(part);
    return out;
}

std::string icm_role(Role role) {
    switch (role) {
    case Role::primary:
    case Role::backup:
    case Role::dr_async:
        return "DM";
    case Role::arbiter:
        return "AR";
    case Role::app:
        return "AM";
    case Role::web:
        return "WS";
    case Role::print:
        break;
    }
    return "VM";
}

// The fields the files may hold: ICM Reference, "ICM Configuration Parameters". Anything else
// (a "Comment", a "_comment") is a field ICM is not documented to accept.
const std::set<std::string>& icm_fields() {
    static const std::set<std::string> fields = [] {
        std::set<std::string> f = {"Provider",      "Label",        "Tag",
                                   "Region",        "Zone",         "ZoneMap",
                                   "Credentials",   "SSHUser",      "SSHPublicKey",
                                   "SSHPrivateKey", "TLSKeyDir",    "LicenseDir",
                                   "LicenseKey",    "DockerImage",  "Mirror",
                                   "MirrorMap",     "Role",         "Count",
                                   "InstanceType",  "OSVolumeSize", "SkipTopologyValidation"};
        for (const char* p : {"Data", "WIJ", "Journal1", "Journal2"})
            for (const char* s : {"VolumeSize", "VolumeType", "VolumeIOPS"})
                f.insert(std::string(p) + s);
        return f;
    }();
    return fields;
}

/// Checks the ICM files of `p` against every rule of issue 12 section 7, from the plan's members.
void check_rules(const Plan& p) {
    const Icm out = icm(p);
    const auto& d = deploy();
    const Member* primary = p.member(Role::primary);
    const Member* backup = p.member(Role::backup);
    REQUIRE(primary);
    const bool mirror = std::any_of(p.members.begin(), p.members.end(),
                                    [](const Member& m) { return m.role == Role::backup || m.role == Role::dr_async; });

    // One directory per region the plan uses, the primary's first, and a README next to them.
    std::vector<std::string> regions = {primary->region};
    for (const auto& m : p.members)
        if (std::find(regions.begin(), regions.end(), m.region) == regions.end())
            regions.push_back(m.region);
    std::vector<std::string> want_names = {"README.md"};
    for (const auto& r : regions) {
        want_names.push_back(r + "/defaults.json");
        want_names.push_back(r + "/definitions.json");
    }
    CHECK(out.names == want_names);

    // The README: the deprecation, pointing to Terraform, in its first lines.
    const std::string head = out.readme.substr(0, out.readme.find("\n## "));
    CHECK_THAT(head, Catch::Contains("deprecated") && Catch::Contains(d.icm.deprecated_since) &&
                         Catch::Contains("--format terraform"));

    std::set<std::pair<std::string, std::string>> label_tags;
    // Nodes per (region, ICM role, instance type, zone) and DM nodes per (region, mirror role, zone),
    // as the files place them and as the plan has them.
    using NodeKey = std::tuple<std::string, std::string, std::string, std::string>;
    std::map<NodeKey, int> placed, planned, mirror_placed, mirror_planned;
    for (const auto& m : p.members) {
        planned[{m.region, icm_role(m.role), m.instance_type, m.availability_zone}] += m.count;
        if (icm_role(m.role) == "DM")
            mirror_planned[{m.region, m.role == Role::dr_async ? "async" : std::string(name(m.role)), "",
                            m.availability_zone}] += m.count;
    }

    for (const auto& region : regions) {
        INFO("region " << region);
        REQUIRE(out.regions.count(region));
        const json& defaults = out.regions.at(region).defaults;
        const json& definitions = out.regions.at(region).definitions;
        REQUIRE(defaults.is_object());
        REQUIRE(definitions.is_array());

        // Only ICM's own fields, as strings.
        for (const auto& [key, value] : defaults.items()) {
            INFO("defaults." << key);
            CHECK(icm_fields().count(key));
            CHECK(value.is_string());
        }
        for (const auto& e : definitions)
            for (const auto& [key, value] : e.items()) {
                INFO("definitions " << e.value("Role", "?") << "." << key);
                CHECK(icm_fields().count(key));
                CHECK(value.is_string());
            }

        CHECK(defaults.at("Provider") == "AWS");
        CHECK(defaults.at("Region") == region);
        // Region is the deployment's, never an entry's: other regions are other deployments.
        for (const auto& e : definitions) {
            CHECK_FALSE(e.contains("Region"));
            CHECK_FALSE(e.contains("Zone"));
        }

        // Label and Tag: no dashes, and unique per region so node names stay unique after icm merge.
        const std::string label = defaults.at("Label").get<std::string>();
        const std::string tag = defaults.at("Tag").get<std::string>();
        CHECK_FALSE(label.empty());
        CHECK_FALSE(tag.empty());
        CHECK(label.find('-') == std::string::npos);
        CHECK(tag.find('-') == std::string::npos);
        CHECK(label_tags.insert({label, tag}).second);
        // Node names, Label-Role-Tag-NNNN, fit a host name.
        for (const auto& e : definitions) {
            const std::string node = label + "-" + e.at("Role").get<std::string>() + "-" + tag + "-0001";
            CHECK(node.size() <= static_cast<std::size_t>(d.icm.host_name_max_chars));
        }

        // Placeholders are present.
        for (const char* key : {"Credentials", "SSHUser", "SSHPublicKey", "SSHPrivateKey", "TLSKeyDir", "DockerImage"})
            CHECK_FALSE(defaults.at(key).get<std::string>().empty());

        // LicenseKey alongside LicenseDir on every node that runs InterSystems IRIS.
        CHECK(defaults.at("LicenseDir") == d.icm.license_dir);
        for (const auto& e : definitions)
            if (e.at("Role") == "DM" || e.at("Role") == "AM") {
                INFO(e.dump());
                CHECK(effective(e, defaults, "LicenseKey") == d.icm.license_key);
            }

        // Images: IRIS from the defaults on DM and AM; the arbiter and Web Gateway images on AR and WS.
        CHECK(defaults.at("DockerImage") == d.icm.docker_image);
        for (const auto& e : definitions) {
            const std::string role = e.at("Role").get<std::string>();
            INFO(e.dump());
            if (role == "AR")
                CHECK(effective(e, defaults, "DockerImage") == d.icm.arbiter_image);
            else if (role == "WS")
                CHECK(effective(e, defaults, "DockerImage") == d.icm.webgateway_image);
            else if (role == "DM" || role == "AM")
                CHECK(effective(e, defaults, "DockerImage") == d.icm.docker_image);
        }
        CHECK(d.icm.arbiter_image != d.icm.docker_image);
        CHECK(d.icm.webgateway_image != d.icm.docker_image);

        // Zones: the region's zones in the defaults, each entry's by position in ZoneMap.
        const auto zones = split(defaults.at("Zone").get<std::string>());
        std::set<std::string> member_zones;
        for (const auto& m : p.members)
            if (m.region == region)
                member_zones.insert(m.availability_zone);
        CHECK(std::set<std::string>(zones.begin(), zones.end()) == member_zones);
        CHECK(zones.size() == member_zones.size());

        // Mirror and topology.
        const bool region_has_pair = primary->region == region && backup && backup->region == region;
        const bool region_has_dm =
            std::any_of(definitions.begin(), definitions.end(), [](const json& e) { return e.at("Role") == "DM"; });
        if (region_has_dm && !region_has_pair)
            CHECK(defaults.value("SkipTopologyValidation", "") == "true");
        else
            CHECK_FALSE(defaults.contains("SkipTopologyValidation"));
        if (primary->region == region) {
            CHECK(defaults.at("Mirror") == (mirror ? "true" : "false"));
            REQUIRE_FALSE(definitions.empty());
            const json& dm = definitions.at(0);
            CHECK(dm.at("Role") == "DM");
            CHECK(dm.at("InstanceType") == primary->instance_type);
            if (backup) {
                CHECK(dm.at("MirrorMap").get<std::string>().rfind("primary,backup", 0) == 0);
                CHECK(dm.at("Count") == "2");
            } else {
                CHECK(dm.at("Count") == "1");
            }
            if (!mirror)
                CHECK_FALSE(dm.contains("MirrorMap"));
        }
        if (!mirror)
            for (const auto& e : definitions)
                CHECK(e.at("Role") != "AR");

        for (const auto& e : definitions) {
            INFO(e.dump());
            const std::string role = e.at("Role").get<std::string>();
            const int count = std::stoi(e.at("Count").get<std::string>());
            REQUIRE(count > 0);
            const auto map = split(e.at("ZoneMap").get<std::string>());
            REQUIRE_FALSE(map.empty());
            std::vector<std::string> mirror_map;
            if (e.contains("MirrorMap"))
                mirror_map = split(e.at("MirrorMap").get<std::string>());
            // ICM's placement: node i on zone ZoneMap[i mod k], mirror role MirrorMap[i mod m].
            for (int i = 0; i < count; ++i) {
                const int position = std::stoi(map[static_cast<std::size_t>(i) % map.size()]);
                REQUIRE(position >= 1);
                REQUIRE(position <= static_cast<int>(zones.size()));
                const std::string& zone = zones[static_cast<std::size_t>(position - 1)];
                placed[{region, role, e.at("InstanceType").get<std::string>(), zone}] += 1;
                if (role == "DM") {
                    const std::string mirror_role =
                        mirror_map.empty() ? "primary" : mirror_map[static_cast<std::size_t>(i) % mirror_map.size()];
                    mirror_placed[{region, mirror_role, "", zone}] += 1;
                }
            }
        }
    }
    CHECK(placed == planned);
    CHECK(mirror_placed == mirror_planned);

    // The database volumes of each DM entry are its member's, striped purposes as one volume;
    // no other entry inherits them.
    for (const auto& m : p.members) {
        if (m.role != Role::primary && m.role != Role::dr_async)
            continue;
        const auto& files = out.regions.at(m.region);
        bool found = false;
        for (const auto& e : files.definitions) {
            if (e.at("Role") != "DM" || e.at("InstanceType") != m.instance_type)
                continue;
            const bool is_async =
                e.contains("MirrorMap") && e.at("MirrorMap").get<std::string>().rfind("async", 0) == 0;
            if (is_async != (m.role == Role::dr_async))
                continue;
            found = true;
            for (const auto& [purpose, prefix] :
                 std::vector<std::pair<VolumePurpose, std::string>>{{VolumePurpose::data, "Data"},
                                                                    {VolumePurpose::wij, "WIJ"},
                                                                    {VolumePurpose::journal1, "Journal1"},
                                                                    {VolumePurpose::journal2, "Journal2"}}) {
                const auto* v = volume(m, purpose);
                REQUIRE(v);
                const auto fig = volume_figures(*v);
                INFO(name(m.role) << " " << name(purpose));
                CHECK(effective(e, files.defaults, prefix + "VolumeType") == v->type);
                CHECK(effective(e, files.defaults, prefix + "VolumeSize") ==
                      std::to_string(fig.size_gib * v->stripe_width));
                if (deploy().volume_types.takes_iops(v->type))
                    CHECK(effective(e, files.defaults, prefix + "VolumeIOPS") ==
                          std::to_string(fig.iops * v->stripe_width));
            }
        }
        CHECK(found);
    }
    for (const auto& [region, files] : out.regions) {
        CHECK_FALSE(files.defaults.contains("DataVolumeSize"));
        for (const auto& e : files.definitions)
            if (e.at("Role") != "DM")
                CHECK_FALSE(e.contains("DataVolumeSize"));
    }

    // The order of commands: each region provisioned (primary's first), then merged, then run.
    const auto provision = out.readme.find("`cd " + primary->region + "` and `icm provision`");
    CHECK(provision != std::string::npos);
    const auto run = out.readme.find("`icm run`");
    CHECK(run != std::string::npos);
    CHECK(provision < run);
    if (regions.size() > 1) {
        const auto merge = out.readme.find("`icm merge`");
        CHECK(merge != std::string::npos);
        CHECK(merge < run);
        for (std::size_t i = 1; i < regions.size(); ++i) {
            const auto other = out.readme.find("`cd " + regions[i] + "` and `icm provision`");
            CHECK(other != std::string::npos);
            CHECK(provision < other);
            CHECK(other < merge);
        }
    } else {
        CHECK(out.readme.find("icm merge") == std::string::npos);
    }
}

/// A no-mirror plan: one DM, no arbiter, no DR.
Plan no_mirror_plan() {
    auto doc = base_workload();
    doc["ha"] = {{"mirror", false}, {"arbiter", false}};
    doc["dr"]["members"] = 0;
    return plan_of(doc);
}

/// A plan with a mirror, an arbiter and DR async members in another region.
Plan dr_plan() {
    auto doc = base_workload();
    doc["dr"]["members"] = 2;
    return plan_of(doc);
}

} // namespace

TEST_CASE ("every bundled example: the ICM files follow the ICM Guide's rules", "[icm][examples]") {
    const auto files = example_files();
    REQUIRE_FALSE(files.empty());
    for (const auto& f : files) {
        INFO(f.filename().string());
        check_rules(plan_of(f));
    }
}

TEST_CASE ("every bundled deployment: each system's ICM files follow the ICM Guide's rules, labels differ",
           "[icm][examples]") {
    for (const auto& file : test::deployment_example_files()) {
        INFO(file.filename().string());
        std::ifstream in(file);
        auto d = read_deployment(in, file.filename().string(), file.parent_path());
        REQUIRE(d.ok());
        auto plan = size(*d, catalog());
        REQUIRE(plan.ok());
        std::set<std::string> labels;
        for (std::size_t i = 0; i < plan->systems.size(); ++i) {
            // As the writer does: the shared web tier's WS nodes go with the first system.
            Plan part = plan->systems[i];
            if (i == 0)
                part.members.insert(part.members.end(), plan->shared.members.begin(), plan->shared.members.end());
            INFO(part.name);
            check_rules(part);
            for (const auto& [dir, region] : icm(part).regions)
                labels.insert(region.defaults.at("Label").get<std::string>() + "/" + dir);
        }
        // One ICM deployment per system and region: no two share a label in a region.
        std::size_t regions = 0;
        for (const auto& s : plan->systems)
            regions += s.dr_region.empty() ? 1 : 2;
        CHECK(labels.size() == regions);
    }
}

TEST_CASE ("without a mirror: one DM, Mirror false, no MirrorMap, topology validation skipped", "[icm]") {
    const Plan p = no_mirror_plan();
    REQUIRE(p.member(Role::backup) == nullptr);
    REQUIRE(p.member(Role::dr_async) == nullptr);
    check_rules(p);
    const auto out = icm(p);
    REQUIRE(out.regions.size() == 1);
    const auto& region = out.regions.begin()->second;
    CHECK(region.defaults.at("Mirror") == "false");
    CHECK(region.defaults.at("SkipTopologyValidation") == "true");
    CHECK_FALSE(region.definitions.at(0).contains("MirrorMap"));
}

TEST_CASE ("DR members: their own region's directory, joined with icm merge", "[icm]") {
    const Plan p = dr_plan();
    std::set<std::string> dr_regions;
    int asyncs = 0;
    for (const auto& m : p.members)
        if (m.role == Role::dr_async) {
            dr_regions.insert(m.region);
            asyncs += m.count;
        }
    REQUIRE_FALSE(dr_regions.empty());
    REQUIRE(dr_regions.count(p.region) == 0);
    check_rules(p);

    const auto out = icm(p);
    for (const auto& r : dr_regions) {
        INFO(r);
        REQUIRE(out.regions.count(r));
        const auto& files = out.regions.at(r);
        CHECK(files.defaults.at("Region") == r);
        CHECK(files.defaults.at("Mirror") == "true");
        CHECK(files.defaults.at("Tag") != out.regions.at(p.region).defaults.at("Tag"));
        CHECK_THAT(out.readme, Catch::Contains("`" + r + "/`"));
    }
    // Every async member is an async in some DM entry's MirrorMap, and the README gives the whole mirror.
    int async_tokens = 0;
    for (const auto& [region, files] : out.regions)
        for (const auto& e : files.definitions)
            if (e.contains("MirrorMap"))
                for (const auto& token : split(e.at("MirrorMap").get<std::string>()))
                    async_tokens += token == "async" ? 1 : 0;
    CHECK(async_tokens == asyncs);
    CHECK_THAT(out.readme, Catch::Contains("`primary,backup,async"));
}

TEST_CASE ("servers spread unevenly over the zones are split by zone, so ICM's round-robin places them as planned",
           "[icm]") {
    Plan p = dr_plan();
    const Member* primary = p.member(Role::primary);
    const Member* backup = p.member(Role::backup);
    REQUIRE(primary);
    REQUIRE(backup);
    REQUIRE(primary->availability_zone != backup->availability_zone);
    // Three web servers in the primary's zone, one in the backup's: round-robin over two zones
    // cannot give 3 + 1, so the files need one entry per zone.
    std::erase_if(p.members, [](const Member& m) { return m.role == Role::web; });
    Member web;
    web.role = Role::web;
    web.region = primary->region;
    web.instance_type = "m6i.large";
    web.availability_zone = primary->availability_zone;
    web.count = 3;
    p.members.push_back(web);
    web.availability_zone = p.member(Role::backup)->availability_zone;
    web.count = 1;
    p.members.push_back(web);
    check_rules(p);

    const auto out = icm(p);
    int ws_entries = 0;
    for (const auto& e : out.regions.at(p.region).definitions)
        ws_entries += e.at("Role") == "WS" ? 1 : 0;
    CHECK(ws_entries == 2);
}

TEST_CASE ("a workload name with dashes and spaces gives a Label of letters and digits", "[icm]") {
    auto doc = base_workload();
    doc["name"] = "St-Mary's Hospital - Site 2";
    const auto out = icm(plan_of(doc));
    for (const auto& [region, files] : out.regions) {
        const std::string label = files.defaults.at("Label").get<std::string>();
        CHECK(label == "stmaryshospitalsite2");
    }
}

TEST_CASE ("a long workload name gives a Label short enough for ICM's node names", "[icm]") {
    auto doc = base_workload();
    doc["name"] = std::string(200, 'x');
    const Plan p = plan_of(doc);
    check_rules(p);
    const auto out = icm(p);
    const std::string label = out.regions.at(p.region).defaults.at("Label").get<std::string>();
    CHECK(label.size() < 200);
    CHECK(label == std::string(label.size(), 'x'));
}

TEST_CASE ("a plan without a primary is an error", "[icm]") {
    Plan p = no_mirror_plan();
    std::erase_if(p.members, [](const Member& m) { return m.role == Role::primary; });
    auto r = icm_files(p, deploy());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "members");
}
