// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the tests: the catalog loaded once from the source tree's data/, the bundled
// examples and their plans, files read and written whole, and scratch directories.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "irisize/data/catalog.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/deployment.hpp"
#include "irisize/workload/workload.hpp"

namespace irisize::test {

// --- files ------------------------------------------------------------------------------------

/// The bytes of a file; empty when it cannot be read.
inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// Writes `content` as the whole of `p` (its directory made first).
inline void spit(const std::filesystem::path& p, std::string_view content) {
    if (p.has_parent_path())
        std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
    REQUIRE(out.good());
}

/// `s` as one word for the shell, in single quotes.
inline std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (const char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// A fresh directory under the temporary directory (irisize-WHAT-XXXXXX), removed with what is
/// in it when the object goes.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& what = "test") {
        std::string name = (std::filesystem::temp_directory_path() / ("irisize-" + what + "-XXXXXX")).string();
        if (!::mkdtemp(name.data()))
            throw std::runtime_error("cannot create a directory like " + name);
        path = name;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

// --- data ------------------------------------------------------------------------------------

inline const Catalog& catalog() {
    static const Catalog cat = [] {
        auto c = load_catalog(IRISIZE_TEST_DATA_DIR);
        if (!c)
            throw std::runtime_error("cannot load test data: " + c.error().what());
        return std::move(c).value();
    }();
    return cat;
}

inline const RuleSet& rules(std::string_view id) {
    const RuleSet* r = catalog().rule_set(id);
    if (!r)
        throw std::runtime_error("no rule set " + std::string(id));
    return *r;
}

inline const VolumeTypeRules& type(std::string_view rules_id, std::string_view t) {
    const auto* vt = rules(rules_id).find(t);
    if (!vt)
        throw std::runtime_error("no type " + std::string(t));
    return *vt;
}

/// Whether a bundled JSON example is a deployment (`"kind": "deployment"`) rather than a workload.
inline bool is_deployment_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    return is_deployment_document(doc);
}

/// Whether a bundled workload is a hybrid site (`ha.failover_site` "on_premises"): its failover
/// members are not in AWS, which the tests of AWS-hosted mirrors do not apply to.
inline bool is_hybrid_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    return doc.is_object() && doc.contains("ha") && doc["ha"].is_object() && doc["ha"].contains("failover_site") &&
           doc["ha"]["failover_site"] == "on_premises";
}

/// Every workload bundled under data/examples/ (whatever is bundled today) with its mirror in
/// AWS, sorted by name; the deployments are deployment_example_files(), the hybrid sites
/// hybrid_example_files() (both also go through the golden tests).
inline std::vector<std::filesystem::path> example_files() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(IRISIZE_TEST_DATA_DIR) / "examples"))
        if (e.path().extension() == ".json" && !is_deployment_file(e.path()) && !is_hybrid_file(e.path()))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    REQUIRE(out.size() >= 4);
    return out;
}

/// Every hybrid site bundled under data/examples/, sorted by name.
inline std::vector<std::filesystem::path> hybrid_example_files() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(IRISIZE_TEST_DATA_DIR) / "examples"))
        if (e.path().extension() == ".json" && is_hybrid_file(e.path()))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    REQUIRE(!out.empty());
    return out;
}

/// Every deployment bundled under data/examples/, sorted by name.
inline std::vector<std::filesystem::path> deployment_example_files() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(IRISIZE_TEST_DATA_DIR) / "examples"))
        if (e.path().extension() == ".json" && is_deployment_file(e.path()))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    REQUIRE(out.size() >= 2);
    return out;
}

/// A workload file, read and sized with the defaults.
struct SizedExample {
    std::string file; ///< its name, without the directory
    Workload workload;
    Plan plan;
};

inline SizedExample size_example(const std::filesystem::path& file) {
    std::ifstream in(file);
    REQUIRE(in);
    auto w = read_workload(in, file.filename().string());
    INFO(file.string() << ": " << (w ? "" : w.error().what()));
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    INFO(file.string() << ": " << (p ? "" : p.error().what()));
    REQUIRE(p.ok());
    return {file.filename().string(), std::move(w).value(), std::move(p).value()};
}

/// The plan of a workload file.
inline Plan plan_of(const std::filesystem::path& file) {
    return size_example(file).plan;
}

/// Every bundled example, sized, in file name order.
inline std::vector<SizedExample> sized_examples() {
    std::vector<SizedExample> out;
    for (const auto& f : example_files())
        out.push_back(size_example(f));
    return out;
}

/// A measured workload document that tests modify.
inline nlohmann::json base_workload() {
    return nlohmann::json::parse(R"({
      "schema": 1, "name": "test", "product": "trakcare", "region": "us-east-1", "rules": "aws-2025",
      "database": {"size_gib": 1000, "growth_percent_per_year": 10, "horizon_years": 3, "read_iops": 5000,
                   "write_iops": 1000, "journal_mibps": 8, "peak_cores": 6, "global_buffers_gib": 32},
      "ha": {"mirror": true, "arbiter": true},
      "dr": {"region": "us-west-2", "members": 1, "capacity_percent": 100},
      "tiers": {"web_servers": 2, "app_servers": 0, "print_servers": 0},
      "target_cpu_percent": 65,
      "backup": {"snapshot_retention_days": 7}
    })");
}

} // namespace irisize::test
