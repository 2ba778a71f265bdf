// SPDX-License-Identifier: GPL-3.0-or-later
// Provenance of the sizing policy (data/sizing.json) and the workload profiles (data/profiles/):
// every figure says how sure it is (published, estimate or policy) and where it comes from, and a
// figure marked published names a public document and its section, never an internal file.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "irisize/data/catalog.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::set<std::string> kConfidences = {"published", "estimate", "policy"};

json read_json(const fs::path& path) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    return json::parse(in);
}

fs::path data_dir() { return fs::path(IRISIZE_TEST_DATA_DIR); }

json sizing_doc() { return read_json(data_dir() / "sizing.json"); }

std::vector<fs::path> profile_files() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(data_dir() / "profiles"))
        if (e.path().extension() == ".json")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

/// Why a source cannot stand behind a figure marked published; empty when it can.
/// A published source names a public document (a documentation set, guide or reference) and a
/// section of it in single quotes, and points to no internal file or irisize's own reasoning.
std::string published_source_problem(const std::string& src) {
    for (std::string_view internal : {"FACTS.md", ".md", ".json", "../shared", "irisize"})
        if (contains(src, internal))
            return "mentions '" + std::string(internal) + "', which is not a public document";
    if (!contains(src, "documentation") && !contains(src, "Guide") && !contains(src, "Reference"))
        return "names no document (documentation, guide or reference)";
    static const std::regex section("'[^']{3,}'");
    if (!std::regex_search(src, section))
        return "names no section in quotes";
    return {};
}

/// Checks one {confidence, source} entry; `what` names it in failure messages.
void check_entry(const std::string& what, const std::string& confidence, const std::string& source) {
    INFO(what << ": confidence '" << confidence << "', source '" << source << "'");
    CHECK(kConfidences.count(confidence) == 1);
    CHECK_FALSE(source.empty());
    if (confidence == "published")
        CHECK(published_source_problem(source).empty());
    // An estimate is irisize's own figure: it says so, so nobody mistakes it for a published one.
    // (A policy may instead cite the guidance it follows.)
    if (confidence == "estimate")
        CHECK(contains(source, "irisize"));
}

} // namespace

TEST_CASE ("A published source names a public document and its section; internal notes do not pass") {
    // The checker itself, so that the data tests below can fail.
    CHECK(published_source_problem(
              "InterSystems IRIS documentation, Configuration Parameter File Reference, 'jrnbufs': default").empty());
    CHECK_FALSE(published_source_problem("FACTS.md section 6: 'Memory'").empty());
    CHECK_FALSE(published_source_problem("InterSystems: routine buffers at most 1,023 MB").empty());
    CHECK_FALSE(published_source_problem("InterSystems IRIS documentation, memory settings").empty());
    CHECK_FALSE(published_source_problem("irisize estimate in the 'Guide' style").empty());
}

TEST_CASE ("Every sizing policy value has a known confidence and a source") {
    const json doc = sizing_doc();
    REQUIRE(doc.at("values").is_object());
    REQUIRE_FALSE(doc.at("values").empty());
    for (const auto& [name, entry] : doc.at("values").items()) {
        REQUIRE(entry.contains("confidence"));
        REQUIRE(entry.contains("source"));
        check_entry("sizing.json values." + name, entry.at("confidence").get<std::string>(),
                    entry.at("source").get<std::string>());
    }
}

TEST_CASE ("Every profile, and every fixed figure of it, has a known confidence and a source") {
    const auto files = profile_files();
    REQUIRE_FALSE(files.empty());
    for (const auto& file : files) {
        const json doc = read_json(file);
        const std::string name = file.filename().string();
        INFO(name);
        REQUIRE(doc.contains("confidence"));
        REQUIRE(doc.contains("source"));
        const std::string confidence = doc.at("confidence").get<std::string>();
        const std::string source = doc.at("source").get<std::string>();
        CHECK(kConfidences.count(confidence) == 1);
        CHECK_FALSE(source.empty());
        if (confidence == "published")
            CHECK(published_source_problem(source).empty());

        // Each fixed figure carries its own provenance in fixed_sources, key for key.
        REQUIRE(doc.contains("fixed_sources"));
        const json& fixed = doc.at("fixed");
        const json& sources = doc.at("fixed_sources");
        for (const auto& [key, value] : fixed.items()) {
            INFO(name << " fixed." << key);
            REQUIRE(sources.contains(key));
            check_entry(name + " fixed_sources." + key, sources.at(key).at("confidence").get<std::string>(),
                        sources.at(key).at("source").get<std::string>());
        }
        for (const auto& [key, value] : sources.items()) {
            INFO(name << " fixed_sources." << key << " describes no fixed figure");
            CHECK(fixed.contains(key));
        }
    }
}

TEST_CASE ("The catalog still loads and keeps each policy value, published or not, as the file says") {
    auto loaded = irisize::load_catalog(data_dir());
    REQUIRE(loaded.ok());
    const auto& policy = loaded.value().policy;
    const json doc = sizing_doc();
    for (const auto& [name, entry] : doc.at("values").items()) {
        INFO(name);
        const auto& v = policy.at(name);
        CHECK(v.value == Approx(entry.at("value").get<double>()));
        CHECK(v.estimate == (entry.at("confidence").get<std::string>() != "published"));
        CHECK(v.source == entry.at("source").get<std::string>());
    }
    CHECK(loaded.value().profiles.size() == profile_files().size());
}

TEST_CASE ("No profile asks for more routine buffers than the policy allows, so the plan uses the profile's figure") {
    const auto& cat = irisize::test::catalog();
    const double cap = cat.policy["memory_routine_buffers_max_mib"];
    REQUIRE_FALSE(cat.profiles.empty());
    for (const auto& [product, profile] : cat.profiles) {
        const double routine_mib = irisize::units::in_MiB(profile.routine_buffers);
        INFO(product << ": routine_buffers_mib " << routine_mib << ", cap " << cap);
        CHECK(routine_mib > 0);
        CHECK(routine_mib <= cap);
    }
}

TEST_CASE ("The policy reader accepts the three confidence kinds and refuses any other word") {
    json doc = sizing_doc();
    const std::string name = doc.at("values").begin().key();

    SECTION ("policy is read, and counts as not published") {
        doc["values"][name]["confidence"] = "policy";
        auto p = irisize::parse_sizing_policy(doc, "sizing.json");
        REQUIRE(p.ok());
        CHECK(p.value().at(name).estimate);
    }
    SECTION ("published counts as published") {
        doc["values"][name]["confidence"] = "published";
        auto p = irisize::parse_sizing_policy(doc, "sizing.json");
        REQUIRE(p.ok());
        CHECK_FALSE(p.value().at(name).estimate);
    }
    SECTION ("a misspelt confidence is an error naming the field") {
        doc["values"][name]["confidence"] = "publihsed";
        auto p = irisize::parse_sizing_policy(doc, "sizing.json");
        REQUIRE_FALSE(p.ok());
        CHECK(contains(p.error().what(), "values." + name + ".confidence"));
        CHECK(contains(p.error().what(), "publihsed"));
    }
}

TEST_CASE ("The policy reader refuses a volume purpose it does not know, naming the field") {
    json doc = sizing_doc();
    SECTION ("in stripe_purposes") {
        doc["stripe_purposes"] = {"data", "journal"};
        auto p = irisize::parse_sizing_policy(doc, "sizing.json");
        REQUIRE_FALSE(p.ok());
        CHECK(contains(p.error().what(), "stripe_purposes[1]"));
        CHECK(contains(p.error().what(), "'journal'"));
    }
    SECTION ("as a key of volume_candidates") {
        doc["volume_candidates"]["boot"] = {"gp3"};
        auto p = irisize::parse_sizing_policy(doc, "sizing.json");
        REQUIRE_FALSE(p.ok());
        CHECK(contains(p.error().what(), "volume_candidates.boot"));
    }
    SECTION ("the purposes read are the enums") {
        auto p = irisize::parse_sizing_policy(doc, "sizing.json");
        REQUIRE(p.ok());
        CHECK(p.value().volume_candidates.size() == irisize::all_volume_purposes.size());
        CHECK(p.value().stripe_purposes.size() == 4);
    }
}
