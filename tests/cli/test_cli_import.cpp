// SPDX-License-Identifier: GPL-3.0-or-later
// `irisize import-metrics` as a user runs it on the files sites send (issue 13, items 8-12): an HTML
// report, stand-alone mgstat / vmstat / iostat files of one run together, a Windows report, and
// files it cannot read.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace irisize::test;

namespace {

const std::string data = IRISIZE_TEST_DATA_DIR;
const std::string fixtures = data + "/../tests/data/systemperformance/";

std::string quoted(const std::string& name) {
    return shell_quoted(fixtures + name);
}

} // namespace

TEST_CASE ("import-metrics joins a stand-alone mgstat, vmstat and iostat file of one run", "[cli][import]") {
    const auto out = scratch_path("irisdb02.json");
    auto r = run_irisize("--data '" + data + "' import-metrics " + quoted("vmstat-irisdb02.txt") + " " +
                             quoted("irisdb02_TRAK_20240311_0800_mgstat.mgst") + " " +
                             quoted("iostat-xmt-irisdb02.txt") + " -o '" + out.string() + "'",
                         true);
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("3 file(s) read; samples: 60 mgstat, 60 vmstat, 60 iostat, 0 perfmon") &&
                          Catch::Contains("host irisdb02") && Catch::Contains("journal_mibps is an estimate"));
    std::ifstream in(out);
    const json doc = json::parse(in);
    CHECK(doc["name"] == "irisdb02");
    CHECK(doc["database"]["read_iops"] == 1710);
    CHECK(doc["database"]["peak_cores"].get<double>() == Approx(6.08));
    CHECK(doc["_import"]["files"].size() == 3);
    CHECK(doc["_import"]["fields"]["journal_mibps"]["estimate"] == true);
    CHECK(doc["_import"]["fields"]["journal_mibps"]["journal_block_kib"] == 64);
}

TEST_CASE ("import-metrics reads a Windows report and names the workload after its host", "[cli][import]") {
    auto r = run_irisize("--data '" + data + "' import-metrics " + quoted("sp_windows_perfmon.html") + " -o -");
    REQUIRE(r.status == 0);
    const json doc = json::parse(r.out);
    CHECK(doc["name"] == "IRISWIN01");
    CHECK(doc["database"]["peak_cores"].get<double>() == Approx(9.2));
    CHECK(doc["_import"]["cross_checks"]["disk_mibps"]["value"] == 46);
}

TEST_CASE ("import-metrics on the 2023 report and a dsp132 capture: host from the title; --name wins",
           "[cli][import]") {
    auto r = run_irisize("--data '" + data + "' import-metrics " + quoted("sp_2023_ubuntu.html") + " -o -");
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.out)["name"] == "irisprod01");
    auto d =
        run_irisize("--data '" + data + "' import-metrics --name trak-test " + quoted("dsp132_capture.txt") + " -o -");
    REQUIRE(d.status == 0);
    CHECK(json::parse(d.out)["name"] == "trak-test");
    CHECK(json::parse(d.out)["_import"]["samples"]["mgstat"] == 24);
}

TEST_CASE ("import-metrics: a file of no known kind is refused with its line; readable ones still count",
           "[cli][import]") {
    const auto bad = scratch_path("notes.txt");
    std::ofstream(bad) << "\n\nthese are my notes\n";
    auto r = run_irisize("--data '" + data + "' import-metrics '" + bad.string() + "' -o -", true);
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains(bad.string() + ": line 3: 'these are my notes' is not a file import-metrics "
                                                     "reads") &&
                          Catch::Contains("no file could be read; nothing written"));
    auto mixed = run_irisize("--data '" + data + "' import-metrics '" + bad.string() + "' " +
                                 quoted("perfmon-IRISWIN02.csv") + " -o '" + scratch_path("mixed.json").string() + "'",
                             true);
    CHECK(mixed.status == 0);
    CHECK_THAT(mixed.out, Catch::Contains("1 skipped") && Catch::Contains("warning: skipped: " + bad.string()));
}
