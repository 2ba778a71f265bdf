// SPDX-License-Identifier: GPL-3.0-or-later
// What fuzzing found stays found: every input under tests/fuzz/regressions/<target>/ (and the
// seed corpora under tests/fuzz/corpus/<target>/) replayed through the same driver code the
// libFuzzer targets run (tests/fuzz/drivers.cpp), here in the ordinary build and under the
// asan preset. See docs/reliability.md.
#include "drivers.hpp"
#include "project_file.hpp"

#include "irisize/workload/csv_row.hpp"
#include "irisize/plan/plan_json.hpp"
#include "irisize/sizing/sizing.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

using namespace irisize;
using test::slurp;
namespace fs = std::filesystem;

namespace {

const fs::path kFuzzDir = IRISIZE_FUZZ_DIR;

// Every input of one target, regressions first.
std::vector<fs::path> inputs(const std::string& target) {
    std::vector<fs::path> out;
    for (const char* kind : {"regressions", "corpus"}) {
        std::vector<fs::path> some;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(kFuzzDir / kind / target, ec))
            if (e.is_regular_file())
                some.push_back(e.path());
        std::sort(some.begin(), some.end());
        out.insert(out.end(), some.begin(), some.end());
    }
    return out;
}

// No bug, and the input was either read or refused: an answer, never silence.
void check(const fuzz::Outcome& o, const fs::path& input, std::size_t size) {
    INFO(input.string());
    for (const auto& b : o.bugs)
        FAIL_CHECK(b);
    if (size > 1)
        CHECK(o.accepted + o.refused > 0);
}

} // namespace

TEST_CASE("fuzz regressions and seeds: the workload JSON reader", "[fuzz]") {
    const auto files = inputs("fuzz_workload");
    REQUIRE_FALSE(files.empty());
    for (const auto& f : files) {
        const auto bytes = slurp(f);
        check(fuzz::workload_json(bytes, test::catalog()), f, bytes.size());
    }
}

TEST_CASE("fuzz regressions and seeds: batch rows", "[fuzz][batch]") {
    const auto files = inputs("fuzz_batch_row");
    REQUIRE_FALSE(files.empty());
    for (const auto& f : files) {
        const auto bytes = slurp(f);
        check(fuzz::batch_rows(bytes, test::catalog()), f, bytes.size());
    }
}

TEST_CASE("fuzz regressions and seeds: batch files, all or nothing", "[fuzz][batch]") {
    const auto files = inputs("fuzz_batch_file");
    REQUIRE_FALSE(files.empty());
    const test::TempDir scratch("fuzz-regressions");
    for (const auto& f : files) {
        const auto bytes = slurp(f);
        check(fuzz::batch_file(bytes, test::catalog(), scratch.path), f, bytes.size());
    }
}

TEST_CASE("fuzz regressions and seeds: data files", "[fuzz][data]") {
    const auto files = inputs("fuzz_data_files");
    REQUIRE_FALSE(files.empty());
    std::size_t accepted = 0;
    for (const auto& f : files) {
        const auto bytes = slurp(f);
        const auto o = fuzz::data_file(bytes, test::catalog());
        INFO(fuzz::data_file_kind(bytes));
        check(o, f, bytes.size());
        accepted += o.accepted;
    }
    CHECK(accepted >= 9); // the seeds taken from data/ (rules, trimmed instances and prices, profiles, policy)
}

// Found by fuzz_batch_row: a batch CSV saved in a legacy code page (Windows-1252 "Zürich")
// gave a plan whose name was not UTF-8; writing it as JSON threw, and `irisize batch --details`
// died on std::terminate leaving its temporary output behind. Text cells are now read as UTF-8,
// each stray byte replaced by U+FFFD.
TEST_CASE("a batch row that is not UTF-8 gives a plan that can be written as JSON", "[fuzz][batch]") {
    auto header = BatchHeader::make({"name", "product", "size_gib", "region", "concurrent_users", "families"}, false);
    REQUIRE(header.ok());
    auto w = workload_from_row(*header, {"Z\xFCrich \xE9t\xE9 \xC3\xA9", "iris", "10", "eu-west-1", "50",
                                         "r6i;m6\xFF"});
    REQUIRE(w.ok());
    CHECK(w->name == "Z\xEF\xBF\xBDrich \xEF\xBF\xBDt\xEF\xBF\xBD \xC3\xA9"); // valid UTF-8 (the last é) kept
    CHECK(w->families == std::vector<std::string>{"r6i", "m6\xEF\xBF\xBD"});
    w->families = {"r6i"};
    auto plan = size(*w, test::catalog());
    REQUIRE(plan.ok());
    std::string json;
    REQUIRE_NOTHROW(json = to_json(*plan).dump(2));
    CHECK_THAT(json, Catch::Contains("Z\xEF\xBF\xBDrich"));

    // Overlong forms, surrogates, code points past U+10FFFF and cut sequences are not UTF-8 either.
    for (std::string_view bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80",
                                 "\xE2\x82", "\x80"}) {
        auto r = workload_from_row(*header, {"a" + std::string(bad) + "b", "iris", "10", "eu-west-1", "50", ""});
        REQUIRE(r.ok());
        std::string expected = "a";
        for (std::size_t i = 0; i < bad.size(); ++i) // here every byte is a stray one
            expected += "\xEF\xBF\xBD";
        CHECK(r->name == expected + "b");
        CHECK_NOTHROW((void)nlohmann::json(r->name).dump());
    }
}

// Found while choosing what to fuzz and confirmed with fuzz_data_files (clang's UBSan): a vCPU
// count beyond int's range was converted to int before it was checked, which is undefined.
// It is now bounded first; the catalog refuses it by name.
TEST_CASE("an instance catalog with an absurd vCPU count is refused, not converted", "[fuzz][data]") {
    for (double vcpu : {1e10, -1e10, 2147483648.0, 100001.0, 0.5, 2.5}) {
        nlohmann::json doc = nlohmann::json::parse(R"({"schema": 1, "as_of": "x", "source": ["s"], "instances": [
            {"type": "a.b", "family": "a", "purpose": "general", "memory_gib": 1,
             "ebs": {"baseline_throughput_mbps": 1, "max_throughput_mbps": 1, "baseline_iops": 1, "max_iops": 1}}]})");
        doc["instances"][0]["vcpu"] = vcpu;
        auto c = parse_instance_catalog(doc, "test.json");
        INFO(vcpu);
        REQUIRE_FALSE(c.ok());
        CHECK(c.error().field == "test.json: instances[0].vcpu");
        CHECK_THAT(c.error().message, Catch::Contains("whole number"));
    }
}

TEST_CASE ("fuzz regressions and seeds: SystemPerformance reports", "[fuzz][import]") {
    const auto files = inputs("fuzz_metrics");
    REQUIRE_FALSE(files.empty());
    std::size_t accepted = 0, planned = 0;
    for (const auto& f : files) {
        const auto bytes = slurp(f);
        const auto o = fuzz::metrics_report(bytes, test::catalog());
        check(o, f, bytes.size());
        accepted += o.accepted;
        planned += o.planned;
    }
    CHECK(accepted >= 4); // the four reports from tests/data/systemperformance
    CHECK(planned >= 1);  // at least one shows the database size, so its workload is sized
}

TEST_CASE ("fuzz regressions and seeds: AWS price-list offer files", "[fuzz][import]") {
    const auto files = inputs("fuzz_prices");
    REQUIRE_FALSE(files.empty());
    std::size_t accepted = 0;
    for (const auto& f : files) {
        const auto bytes = slurp(f);
        const auto o = fuzz::price_offer(bytes, test::catalog());
        check(o, f, bytes.size());
        accepted += o.accepted;
    }
    CHECK(accepted >= 2); // offer-2019.csv and offer-2025.csv
}

TEST_CASE ("fuzz regressions and seeds: project files", "[fuzz][project]") {
    const auto files = inputs("fuzz_project");
    REQUIRE_FALSE(files.empty());
    std::size_t planned = 0;
    for (const auto& f : files) {
        const auto bytes = slurp(f);
        const auto o = fuzz::project_file(bytes, test::catalog());
        check(o, f, bytes.size());
        planned += o.planned;
    }
    CHECK(planned >= 5); // the examples, alone and in projects
}

// Found by fuzz_project in its first seconds: a project file whose "kind" or "schema" had the
// wrong type made json::value() throw; irisize-gui opening it died with std::terminate (exit
// 134). Both are now refused with an error naming the file and the field.
TEST_CASE ("a project file with a mistyped schema or kind is refused, not thrown", "[fuzz][project]") {
    auto kind = app::parse_project_file(R"({"schema": 1, "kind": {"a": 1}})", "p.irisize.json");
    REQUIRE_FALSE(kind.ok());
    CHECK(kind.error().field == "p.irisize.json");
    CHECK(kind.error().message == "kind: must be a string (\"irisize-project\" for a project), found object");
    for (std::string_view text :
         {R"({"schema": "1", "kind": "irisize-project", "systems": [{}]})", R"({"schema": 1e300, "name": "x"})",
          R"({"schema": 1.5})", R"({"schema": null})", R"({"kind": "irisize-project", "systems": [{}]})"}) {
        INFO(text);
        auto p = app::parse_project_file(text, "p.irisize.json");
        REQUIRE_FALSE(p.ok());
        CHECK(p.error().message == "has no \"schema\": 1 (not an irisize file of this version)");
    }
    // What was accepted before still is: schema 1 written as 1.0, a workload file without kind.
    auto one = app::parse_project_file(R"({"schema": 1.0, "name": "x"})", "w.json");
    REQUIRE(one.ok());
    CHECK(one->size() == 1);
    auto two = app::parse_project_file(R"({"schema": 1, "kind": "irisize-project", "systems": [{"a": 1}, {}]})",
                                       "p.irisize.json");
    REQUIRE(two.ok());
    CHECK(two->size() == 2);
    // A deployment is not opened as a project: its systems alone would lose the shared tier.
    auto deployment = app::parse_project_file(R"({"schema": 1, "kind": "deployment", "systems": [{}]})", "d.json");
    REQUIRE_FALSE(deployment.ok());
    CHECK(deployment.error().message.find("is a deployment file") != std::string::npos);
}

// Found by fuzz_project (the 60 s run for docs/reliability.md): a number too large for a double
// (`1e400`) makes nlohmann::json::parse throw out_of_range, not parse_error, and only
// parse_error was caught. `irisize size` on such a workload, irisize-gui opening such a project
// and load_catalog on such a data file all died on std::terminate. Each is now "not valid JSON".
TEST_CASE("a number beyond a double is invalid JSON, not a crash", "[fuzz][project][data]") {
    const std::string text = R"({"schema": 1, "name": "x", "database": {"size_gib": 1e400}})";
    std::istringstream in(text);
    auto w = read_workload(in, "w.json");
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().field == "w.json");
    CHECK_THAT(w.error().message, Catch::StartsWith("is not valid JSON") && Catch::Contains("number overflow"));

    auto p = app::parse_project_file(text, "p.irisize.json");
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().field == "p.irisize.json");
    CHECK_THAT(p.error().message, Catch::StartsWith("is not valid JSON") && Catch::Contains("number overflow"));

    const test::TempDir scratch("fuzz-regressions");
    const fs::path data = scratch.path / "data";
    fs::copy(IRISIZE_TEST_DATA_DIR, data, fs::copy_options::recursive);
    const fs::path sizing = data / "sizing.json";
    std::ofstream(sizing, std::ios::binary | std::ios::trunc) << R"({"schema": 1, "horizon_years_default": 1e400})";
    auto c = load_catalog(data);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().field == sizing.string());
    CHECK_THAT(c.error().message, Catch::StartsWith("is not valid JSON") && Catch::Contains("number overflow"));
}
