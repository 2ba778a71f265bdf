// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the deploy tests: data/deploy.json loaded once, the bundled examples and their
// plans, and skip() for a check that cannot run on this machine.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "irisize/data/deploy_defaults.hpp"
#include "irisize/sizing/sizing.hpp"
#include "test_support.hpp"

namespace irisize::test {

inline const DeployDefaults& deploy() {
    static const DeployDefaults d = [] {
        auto r = load_deploy_defaults(IRISIZE_TEST_DATA_DIR);
        if (!r)
            throw std::runtime_error("cannot load deploy.json: " + r.error().what());
        return std::move(r).value();
    }();
    return d;
}

/// Every workload under data/examples/ (whatever is bundled today), sorted.
inline std::vector<std::filesystem::path> example_files() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(IRISIZE_TEST_DATA_DIR) / "examples"))
        if (e.path().extension() == ".json")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

/// The plan of a workload file.
inline Plan plan_of(const std::filesystem::path& file) {
    std::ifstream in(file);
    REQUIRE(in);
    auto w = read_workload(in, file.filename().string());
    INFO(file.string() << ": " << (w ? "" : w.error().what()));
    REQUIRE(w.ok());
    auto p = size(*w, catalog());
    INFO(file.string() << ": " << (p ? "" : p.error().what()));
    REQUIRE(p.ok());
    return std::move(p).value();
}

/// CTest's "skipped" (SKIP_RETURN_CODE in tests/deploy/CMakeLists.txt).
inline constexpr int skip_return_code = 77;

/// Says why the running test case cannot make its checks on this machine (a Catch2 warning).
/// The caller returns at once. When every test case a run ran was skipped (as when CTest runs
/// this one alone), the program exits with skip_return_code instead of 0 (deploy_test_main.cpp):
/// the case shows as Skipped, never as Passed.
void skip(const std::string& reason);

} // namespace irisize::test
