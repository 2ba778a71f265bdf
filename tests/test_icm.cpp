// SPDX-License-Identifier: GPL-3.0-or-later
// icm_files(): defaults.json and definitions.json parse and match the plan.
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "irisize/deploy.hpp"
#include "irisize/icm.hpp"
#include "irisize/sizing.hpp"
#include "test_support.hpp"

using namespace irisize;
using nlohmann::json;
using test::base_workload;
using test::catalog;

namespace {

const DeployDefaults& deploy() {
    static const DeployDefaults d = [] {
        auto r = load_deploy_defaults(IRISIZE_TEST_DATA_DIR);
        if (!r)
            throw std::runtime_error("cannot load deploy.json: " + r.error().what());
        return std::move(r).value();
    }();
    return d;
}

Plan example_plan(const std::string& name) {
    std::ifstream in(std::string(IRISIZE_TEST_DATA_DIR) + "/examples/" + name + ".json");
    REQUIRE(in);
    auto w = read_workload(in, name);
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    REQUIRE(p.ok());
    return std::move(p).value();
}

struct Icm {
    json defaults;
    json definitions;
};

Icm icm(const Plan& p) {
    auto files = icm_files(p, deploy());
    INFO((files ? "" : files.error().what()));
    REQUIRE(files.ok());
    REQUIRE(files->size() == 2);
    CHECK((*files)[0].name == "defaults.json");
    CHECK((*files)[1].name == "definitions.json");
    return {json::parse((*files)[0].content), json::parse((*files)[1].content)};
}

const PlannedVolume* volume(const Member& m, std::string_view purpose) {
    for (const auto& v : m.volumes)
        if (v.purpose == purpose)
            return &v;
    return nullptr;
}

/// A field of a definitions entry, or the defaults' value it inherits.
std::string effective(const json& entry, const json& defaults, const std::string& key) {
    if (entry.contains(key))
        return entry.at(key).get<std::string>();
    return defaults.contains(key) ? defaults.at(key).get<std::string>() : std::string();
}

/// The plan's figures for a member's volumes, as ICM writes them (whole stripes).
void check_volumes(const Member& m, const json& entry, const json& defaults) {
    const std::pair<const char*, const char*> purposes[] = {
        {"data", "Data"}, {"wij", "WIJ"}, {"journal1", "Journal1"}, {"journal2", "Journal2"}};
    for (const auto& [purpose, prefix] : purposes) {
        const auto* v = volume(m, purpose);
        REQUIRE(v);
        const auto fig = volume_figures(*v);
        const std::string p(prefix);
        INFO(m.role << " " << purpose);
        CHECK(effective(entry, defaults, p + "VolumeType") == v->type);
        CHECK(effective(entry, defaults, p + "VolumeSize") == std::to_string(fig.size_gib * v->stripe_width));
        if (deploy().volume_types.takes_iops(v->type))
            CHECK(effective(entry, defaults, p + "VolumeIOPS") == std::to_string(fig.iops * v->stripe_width));
    }
    if (const auto* os = volume(m, "os"))
        CHECK(effective(entry, defaults, "OSVolumeSize") == std::to_string(volume_figures(*os).size_gib));
}

} // namespace

TEST_CASE ("every example: ICM files parse and match the plan", "[icm][examples]") {
    for (const char* name :
         {"trakcare-regional-hospital", "healthshare-ie-region", "healthconnect-small", "trakcare-users-only"}) {
        INFO(name);
        const Plan p = example_plan(name);
        const auto [defaults, definitions] = icm(p);
        const Member* primary = p.member("primary");
        const Member* backup = p.member("backup");
        REQUIRE(primary);

        CHECK(defaults.at("Provider") == "AWS");
        CHECK(defaults.at("Region") == p.region);
        CHECK(defaults.at("Mirror") == (backup ? "true" : "false"));
        CHECK(defaults.at("Zone").get<std::string>().find(primary->availability_zone) != std::string::npos);
        for (const char* placeholder : {"Credentials", "SSHPublicKey", "SSHPrivateKey", "TLSKeyDir", "Label", "Tag"})
            CHECK_FALSE(defaults.at(placeholder).get<std::string>().empty());
        check_volumes(*primary, json::object(), defaults);

        REQUIRE(definitions.is_array());
        const json& dm = definitions.at(0);
        CHECK(dm.at("Role") == "DM");
        CHECK(dm.at("Count") == (backup ? "2" : "1"));
        CHECK(dm.at("InstanceType") == primary->instance_type);
        if (backup) {
            CHECK(dm.at("MirrorMap") == "primary,backup");
            CHECK(dm.at("Zone") == primary->availability_zone + "," + backup->availability_zone);
        }

        // Node counts per ICM role match the plan's servers.
        std::map<std::string, int> want, got;
        for (const auto& m : p.members) {
            const std::string role = m.role == "primary" || m.role == "backup" || m.role == "dr-async" ? "DM"
                                     : m.role == "arbiter"                                             ? "AR"
                                     : m.role == "app"                                                 ? "AM"
                                     : m.role == "web"                                                 ? "WS"
                                                                                                       : "VM";
            want[role] += m.count;
        }
        for (const auto& e : definitions)
            got[e.at("Role").get<std::string>()] += std::stoi(e.at("Count").get<std::string>());
        CHECK(got == want);

        // Instance types, zones and DR placement.
        for (const auto& m : p.members) {
            INFO(m.role << " " << m.instance_type);
            bool found = false;
            for (const auto& e : definitions) {
                const bool same_type = e.at("InstanceType") == m.instance_type;
                const bool in_zone = e.at("Zone").get<std::string>().find(m.availability_zone) != std::string::npos;
                if (!same_type || !in_zone)
                    continue;
                if (m.role == "dr-async") {
                    if (!e.contains("Region") || e.at("Region") != m.region)
                        continue;
                    CHECK(e.at("MirrorMap").get<std::string>().find("async") == 0);
                    check_volumes(m, e, defaults);
                }
                found = true;
            }
            CHECK(found);
        }
    }
}

TEST_CASE ("a DR member sized smaller gets its own volumes in its entry", "[icm]") {
    const Plan p = example_plan("healthshare-ie-region");
    const Member* dr = p.member("dr-async");
    REQUIRE(dr);
    REQUIRE(dr->instance_type != p.member("primary")->instance_type);
    const auto [defaults, definitions] = icm(p);
    int entries = 0;
    for (const auto& e : definitions)
        if (e.contains("Region")) {
            ++entries;
            CHECK(e.at("Region") == "eu-west-1");
            CHECK(e.contains("DataVolumeSize")); // differs from the primary's
            CHECK(e.at("Comment").get<std::string>().find("primary,backup,async") != std::string::npos);
        }
    CHECK(entries == 1);
}

TEST_CASE ("without a mirror: one DM, Mirror false, no MirrorMap", "[icm]") {
    auto doc = base_workload();
    doc["ha"] = {{"mirror", false}, {"arbiter", false}};
    doc["dr"]["members"] = 0;
    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    REQUIRE(p.ok());
    const auto [defaults, definitions] = icm(*p);
    CHECK(defaults.at("Mirror") == "false");
    CHECK(definitions.at(0).at("Count") == "1");
    CHECK_FALSE(definitions.at(0).contains("MirrorMap"));
    for (const auto& e : definitions)
        CHECK(e.at("Role") != "AR");
}

TEST_CASE ("a plan without a primary is an error", "[icm]") {
    Plan p = example_plan("healthconnect-small");
    std::erase_if(p.members, [](const Member& m) { return m.role == "primary"; });
    auto r = icm_files(p, deploy());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "members");
}
