// SPDX-License-Identifier: GPL-3.0-or-later
// import-metrics: several reports and files summarised (samples pooled, nearest-rank
// percentiles and peaks, the hours covered) and written as a workload document whose
// `_import` record says where each figure came from, journal_mibps marked an estimate that
// the sizing names among its assumptions.

#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "irisize/import/metrics_import.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"
#include "metrics_fixtures.hpp"
#include "test_support.hpp"

using namespace irisize;
using namespace irisize::test::metrics;
using nlohmann::json;

TEST_CASE ("nearest-rank percentiles are measured samples: P% of them at or below", "[metrics_import]") {
    // The modern report's 20 PhyRds are 100, 200, ... 2000: rank ceil(P x 20 / 100).
    const auto [percentile, read_iops] = GENERATE(table<double, double>({
        {0.1, 100},
        {50, 1000},
        {90, 1800},
        {95, 1900},
        {100, 2000},
    }));
    INFO("p" << percentile);
    const auto r = parse_fixture("sp_modern_linux_crlf.html");
    CHECK(summarize({r}, percentile).read_iops.at_percentile == Approx(read_iops));
}

TEST_CASE ("two days combine: samples add, the span covers both", "[metrics_import]") {
    const auto day1 = parse_fixture("sp_modern_linux_crlf.html");
    const auto day2 = parse_fixture("sp_no_iostat.html");
    for (const auto& reports : {std::vector{day1, day2}, std::vector{day2, day1}}) {
        const auto s = summarize(reports, 95);
        CHECK(s.mgstat_samples == 36);
        CHECK(s.vmstat_samples == 36);
        CHECK(s.iostat_samples == 20);
        CHECK(s.read_iops.samples == 36);
        CHECK(s.read_iops.files.size() == 2);
        CHECK(format_timestamp(*s.first) == "2021-11-22 08:00:00");
        CHECK(format_timestamp(*s.last) == "2021-11-23 15:30:00");
        CHECK(s.covered_hours == Approx(17)); // 9.5 h + 7.5 h, not the night between
        CHECK_FALSE(has_warning(s.warnings, "low confidence"));
        CHECK(s.read_iops.at_percentile == Approx(2250)); // 35th of 36
        CHECK(s.read_iops.peak == Approx(2400));
        CHECK(s.write_iops.at_percentile == Approx(225));
        CHECK(s.journal_mibps.at_percentile == Approx(15));
        CHECK(s.journal_mibps.peak == Approx(16));
        CHECK(s.peak_cores.at_percentile == Approx(9.6));
        CHECK(s.peak_cores.peak == Approx(10.24));
        CHECK(s.device_write_iops.samples == 20); // only day 1 has iostat
        CHECK(s.size_gib.at_percentile == Approx(200));
        CHECK(has_warning(s.warnings, "sp_no_iostat.html: no iostat section"));
    }
}

TEST_CASE ("the workload document parses once size_gib is added", "[metrics_import]") {
    const auto s = summarize({parse_fixture("sp_no_iostat.html")}, 95);
    auto doc = to_workload_document(s, "", "trakcare", "us-east-1");
    CHECK(doc["schema"] == 1);
    CHECK(doc["name"] == "irishost");
    CHECK_FALSE(doc["database"].contains("size_gib"));
    CHECK_FALSE(parse_workload(doc).ok());

    doc["database"]["size_gib"] = 500;
    auto w = parse_workload(doc);
    INFO((w ? std::string() : w.error().what()));
    REQUIRE(w.ok());
    CHECK(units::in_iops(*w->database.read_iops) == Approx(2400));
    CHECK(units::in_iops(*w->database.write_iops) == Approx(240));
    CHECK(units::in_MiBps(*w->database.journal) == Approx(16));
    CHECK(*w->database.peak_cores == Approx(10.24));
    CHECK(units::in_GiB(*w->database.global_buffers) == Approx(18));

    const auto& imp = doc["_import"];
    CHECK(imp["percentile"] == 95);
    CHECK(imp["fields"]["read_iops"]["value"] == 2400);
    CHECK(imp["fields"]["read_iops"]["peak"] == 2400);
    CHECK(imp["fields"]["read_iops"]["samples"] == 16);
    CHECK(imp["fields"]["read_iops"]["files"] == json::array({"sp_no_iostat.html"}));
    CHECK(imp["fields"]["read_iops"]["first"] == "2021-11-23 08:00:00");
    CHECK(imp["fields"]["read_iops"]["last"] == "2021-11-23 15:30:00");
    CHECK(imp["fields"]["size_gib"]["value"].is_null());
    CHECK(imp["warnings"].size() == s.warnings.size());
}

TEST_CASE ("the combined document carries the size from df and parses as it is", "[metrics_import]") {
    const auto s = summarize({parse_fixture("sp_modern_linux_crlf.html"), parse_fixture("sp_no_iostat.html")}, 95);
    const auto doc = to_workload_document(s, "trak-prod", "trakcare", "");
    CHECK_FALSE(doc.contains("region"));
    CHECK(doc["database"]["size_gib"] == 200);
    auto w = parse_workload(doc);
    INFO((w ? std::string() : w.error().what()));
    REQUIRE(w.ok());
    CHECK(w->name == "trak-prod");
    CHECK(units::in_iops(*w->database.read_iops) == Approx(2250));
    CHECK(doc["_import"]["fields"]["read_iops"]["peak_at"] == "2021-11-23 09:30:00");
    CHECK(doc["_import"]["cross_checks"]["database_device_write_iops"]["value"] == 950);
}

TEST_CASE ("journal_mibps from Jrnwrts is marked an estimate, in the record and in the plan's assumptions",
           "[metrics_import][field]") {
    const auto s = summarize({parse_fixture("sp_modern_linux_crlf.html")}, 95);
    CHECK(s.journal_io_kib == Approx(journal_kib()));
    CHECK(has_warning(s.warnings, "journal_mibps is an estimate"));
    auto doc = to_workload_document(s, "", "trakcare", "us-east-1");
    const auto& j = doc["_import"]["fields"]["journal_mibps"];
    CHECK(j["estimate"] == true);
    CHECK(j["journal_block_kib"] == journal_kib());
    CHECK_THAT(j["note"].get<std::string>(), Catch::Contains("4 KiB to 4 MiB"));

    auto w = parse_workload(doc);
    REQUIRE(w.ok());
    REQUIRE(w->database.journal_estimated_io_kib);
    CHECK(*w->database.journal_estimated_io_kib == Approx(64));
    auto plan = size(*w, test::catalog());
    REQUIRE(plan.ok());
    const bool said = std::any_of(plan->assumptions.begin(), plan->assumptions.end(), [](const std::string& a) {
        return a.find("journal_mibps 9.5 MiB/s is an estimate") != std::string::npos &&
               a.find("block size of 64 KiB") != std::string::npos;
    });
    CHECK(said);

    // Once the architect gives a journal rate of their own, it is no longer the import's estimate.
    doc["database"]["journal_mibps"] = 12;
    auto edited = parse_workload(doc);
    REQUIRE(edited.ok());
    CHECK_FALSE(edited->database.journal_estimated_io_kib);
    auto plan2 = size(*edited, test::catalog());
    REQUIRE(plan2.ok());
    CHECK(std::none_of(plan2->assumptions.begin(), plan2->assumptions.end(),
                       [](const std::string& a) { return a.find("is an estimate: import-metrics") != std::string::npos; }));
}
