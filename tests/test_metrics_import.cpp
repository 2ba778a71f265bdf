// SPDX-License-Identifier: GPL-3.0-or-later
// import-metrics: ^SystemPerformance / ^pButtons reports to measured workload figures. The
// fixtures in tests/data/systemperformance/ are synthetic, with values laid out so that the
// nearest-rank percentiles are known: e.g. the modern report's PhyRds are 100, 200, ... 2000
// in a shuffled order, so p95 of the 20 samples is the 19th smallest, 1,900, and the peak 2,000.
//
//   sp_modern_linux_crlf.html  IRIS 2021, CRLF, 20 samples every 30 min (Nov 22 08:00-17:30), 16 CPUs,
//                              mgstat with the IRIS columns (GblSz...), vmstat, iostat -xt (12-hour clock),
//                              df -m (/db on /dev/sdb1, 204,800 MiB used), CPF globals=0,0,18432,0,0,0.
//                              PhyRds 100k, PhyWrs 10k, Jrnwrts 8k (k/2 MiB/s), us+sy 3k %, sdb w/s 50k.
//   sp_no_iostat.html          the next day (Nov 23 08:00-15:30), LF, 16 samples, no iostat, no df.
//                              PhyRds 150k, PhyWrs 15k, Jrnwrts 16k (k MiB/s), us+sy 4k %.
//   pbuttons_old_cache.html    Cache 2014, anchors as <b><font id=...>, mgstat without fences and with the
//                              older 20 columns, vmstat without st and with repeated headers, old iostat
//                              ("Time: 08:00:00 AM"), 8 CPUs from /proc/cpuinfo, globals=0,0,8192,2048,0,0.
//                              24 samples: PhyRds 40k, PhyWrs 5k, Jrnwrts 4k, us+sy k+1 %.
//   sp_truncated.html          like the modern one, cut in the middle of the 11th mgstat row.
// Files from the field (issue 13): every vmstat starts with its since-boot line, which must be left out.
//   sp_2023_ubuntu.html        IRIS 2023.1 in an Ubuntu container: <title>IRIS on machine irisprod01</title>,
//                              a log path (no host) in the mgstat line, 4-digit years, vmstat repeating its header
//                              every 20 lines, iostat with ISO time stamps; 36 samples every 20 min from 09:00.
//                              PhyRds 25k, Jrnwrts 2k, us+sy 2k+1 % of 8 CPUs, nvme1n1p1 w/s 10k.
//   irisdb02_TRAK_20240311_0800_mgstat.mgst, vmstat-irisdb02.txt, iostat-xmt-irisdb02.txt
//                              one run on irisdb02 (8 CPUs) as three stand-alone files, 60 samples every 10 min:
//                              PhyRds 30k, Jrnwrts 4k, us + sy = k + k/3, disks' w/s 3 + 5k + 20.
//   dsp132_capture.txt         a terminal capture of dsp132^mgstat: prompt, header every 12 rows, 24 rows.
//   sp_windows_perfmon.html    IRIS for Windows: perfmon CSV (16 per-CPU counters + _Total), systeminfo with
//                              "2 Processor(s) Installed." (sockets) and wmic NumberOfLogicalProcessors 16.
//   perfmon-IRISWIN02.csv      perfmon on its own: 4 CPUs, no _Total processor counter.
// (k runs over 1..N in a shuffled order.) make_fixtures.py in that directory writes them and prints
// the expected percentiles.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "irisize/import/metrics_import.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"
#include "test_support.hpp"

using namespace irisize;
using nlohmann::json;

namespace {

// What one mgstat Jrnwrts counts, from data/sizing.json (64 KiB there).
double journal_kib() {
    return test::catalog().policy.n.journal_io_kib;
}

std::string fixture_path(const std::string& name) {
    return std::string(IRISIZE_TEST_DATA_DIR) + "/../tests/data/systemperformance/" + name;
}

std::string read_text(const std::string& name) {
    std::ifstream in(fixture_path(name), std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

SystemPerformanceReport parse_fixture(const std::string& name) {
    auto r = parse_system_performance(read_text(name), name, journal_kib());
    INFO((r ? std::string() : r.error().what()));
    REQUIRE(r.ok());
    return std::move(r).value();
}

bool has_warning(const std::vector<std::string>& warnings, const std::string& part) {
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

std::string all(const std::vector<std::string>& warnings) {
    std::string s;
    for (const auto& w : warnings)
        s += w + "\n";
    return s;
}

} // namespace

TEST_CASE ("modern IRIS report with CRLF line ends: every figure, percentile and peak", "[metrics_import]") {
    REQUIRE(read_text("sp_modern_linux_crlf.html").find("\r\n") != std::string::npos); // still CRLF in the checkout
    const auto r = parse_fixture("sp_modern_linux_crlf.html");
    INFO(all(r.warnings));
    CHECK(r.warnings.empty());
    CHECK_FALSE(r.truncated);
    CHECK(r.hostname == "irishost");
    CHECK(r.profile_name == "test20x1800");
    CHECK(r.profile_started == "08:00 on Nov 22 2021");
    CHECK(r.cpus == 16);
    CHECK(r.cpus_source == "cpu section");
    CHECK(r.mgstat_samples == 20);
    CHECK(r.vmstat_samples == 20);
    CHECK(r.iostat_samples == 20);
    REQUIRE(r.first_sample);
    CHECK(format_timestamp(*r.first_sample) == "2021-11-22 08:00:00");
    CHECK(format_timestamp(*r.last_sample) == "2021-11-22 17:30:00");

    // CPF: globals=0,0,18432,0,0,0 -> 18 GiB; application databases on /db -> /dev/sdb1 -> sdb.
    REQUIRE(r.globals_mb.size() == 6);
    CHECK(r.global_buffers_mb == Approx(18432));
    CHECK(r.routine_buffers_mb == Approx(1023));
    CHECK(r.gmheap_kb == Approx(393216));
    CHECK(r.wij_directory == "/wij/");
    CHECK(r.journal_directory == "/jrn/journal1/");
    CHECK(r.journal_alternate_directory == "/jrn/journal2/");
    CHECK(r.database_directories == std::vector<std::string>{"/db/trak/data/", "/db/trak/audit/"});
    CHECK(r.database_devices == std::vector<std::string>{"sdb"});
    REQUIRE(r.database_size_gib);
    CHECK(*r.database_size_gib == Approx(200)); // df used 204,800 MiB on /db

    const auto s = summarize({r}, 95);
    CHECK(s.read_iops.at_percentile == Approx(1900));
    CHECK(s.read_iops.peak == Approx(2000));
    CHECK(format_timestamp(*s.read_iops.peak_time) == "2021-11-22 16:30:00");
    CHECK(s.read_iops.samples == 20);
    CHECK(s.write_iops.at_percentile == Approx(190));
    CHECK(s.write_iops.peak == Approx(200));
    REQUIRE(journal_kib() == 64);
    CHECK(s.journal_mibps.at_percentile == Approx(9.5)); // Jrnwrts 152 x 64 KiB
    CHECK(s.journal_mibps.peak == Approx(10));
    // The journal block size is the policy's, not the parser's: twice the block, twice the MiB/s.
    auto twice = parse_system_performance(read_text("sp_modern_linux_crlf.html"), "x", 2 * journal_kib());
    REQUIRE(twice.ok());
    CHECK(summarize({*twice}, 95).journal_mibps.at_percentile == Approx(19));
    CHECK_FALSE(parse_system_performance(read_text("sp_modern_linux_crlf.html"), "x", 0).ok());
    CHECK(s.cpu_busy_percent.at_percentile == Approx(57));
    CHECK(s.cpu_busy_percent.peak == Approx(60));
    CHECK(s.peak_cores.at_percentile == Approx(9.12)); // 57 % of 16 CPUs
    CHECK(s.peak_cores.peak == Approx(9.6));
    CHECK(s.device_write_iops.at_percentile == Approx(950));
    CHECK(s.device_write_iops.peak == Approx(1000));
    CHECK(s.global_buffers_gib.at_percentile == Approx(18));
    CHECK(s.size_gib.at_percentile == Approx(200));
    CHECK(s.covered_hours == Approx(9.5));
    CHECK_FALSE(has_warning(s.warnings, "low confidence"));

    // Other percentiles of the same samples.
    CHECK(summarize({r}, 90).read_iops.at_percentile == Approx(1800));
    CHECK(summarize({r}, 50).read_iops.at_percentile == Approx(1000));
    CHECK(summarize({r}, 100).read_iops.at_percentile == Approx(2000));
    CHECK(summarize({r}, 0.1).read_iops.at_percentile == Approx(100));
}

TEST_CASE ("report without iostat (and without df) warns and still gives the mgstat figures", "[metrics_import]") {
    const auto r = parse_fixture("sp_no_iostat.html");
    CHECK(has_warning(r.warnings, "no iostat section"));
    CHECK(r.device_write_iops.empty());
    CHECK_FALSE(r.database_size_gib);
    CHECK(r.mgstat_samples == 16);

    const auto s = summarize({r}, 95);
    CHECK(s.read_iops.at_percentile == Approx(2400)); // 16 samples: p95 is the 16th, the peak
    CHECK(s.read_iops.peak == Approx(2400));
    CHECK(summarize({r}, 90).read_iops.at_percentile == Approx(2250));
    CHECK(s.journal_mibps.at_percentile == Approx(16));
    CHECK(s.peak_cores.at_percentile == Approx(10.24)); // 64 % of 16
    CHECK(s.covered_hours == Approx(7.5));
    CHECK(has_warning(s.warnings, "sp_no_iostat.html: no iostat section"));
    CHECK(has_warning(s.warnings, "low confidence")); // 7.5 h < 8 h
    CHECK(has_warning(s.warnings, "database.size_gib is not in the report"));
}

TEST_CASE ("old pButtons report: <b><font id=...> anchors, fewer mgstat columns, 16K buffers", "[metrics_import]") {
    const auto r = parse_fixture("pbuttons_old_cache.html");
    INFO(all(r.warnings));
    CHECK(std::find(r.sections.begin(), r.sections.end(), "mgstat") != r.sections.end());
    CHECK(r.profile_name == "24hours"); // written with &quot;
    CHECK(r.cpus == 8);                 // /proc/cpuinfo processor lines
    CHECK(r.mgstat_samples == 24);      // no beg/end fences: read from the section
    CHECK(r.vmstat_samples == 24);      // header repeated every 10 rows, no st column
    CHECK(r.iostat_samples == 12);      // "Time: 08:00:00 AM" lines, date from the banner
    CHECK(format_timestamp(*r.first_sample) == "2014-03-10 08:00:00");
    CHECK(format_timestamp(*r.last_sample) == "2014-03-10 19:30:00");
    CHECK(r.global_buffers_mb == Approx(10240)); // globals=0,0,8192,2048,0,0: both pools summed
    CHECK(has_warning(r.warnings, "other than 8 KiB"));
    CHECK(has_warning(r.warnings, "no df section"));

    const auto s = summarize({r}, 95);
    CHECK(s.read_iops.at_percentile == Approx(920));
    CHECK(s.read_iops.peak == Approx(960));
    CHECK(s.write_iops.at_percentile == Approx(115));
    CHECK(s.write_iops.peak == Approx(120));
    CHECK(s.journal_mibps.at_percentile == Approx(5.75));
    CHECK(s.journal_mibps.peak == Approx(6));
    CHECK(s.peak_cores.at_percentile == Approx(1.92)); // 24 % of 8
    CHECK(s.peak_cores.peak == Approx(2.0));
    CHECK(s.global_buffers_gib.at_percentile == Approx(10));
}

TEST_CASE ("a report cut off in the middle of mgstat keeps its complete rows", "[metrics_import]") {
    const auto r = parse_fixture("sp_truncated.html");
    INFO(all(r.warnings));
    CHECK(r.truncated);
    CHECK(r.mgstat_samples == 10); // the 11th row is cut in half
    CHECK(r.vmstat_samples == 0);
    CHECK(has_warning(r.warnings, "does not end with </html>"));
    CHECK(has_warning(r.warnings, "mgstat block has no end marker"));
    CHECK(has_warning(r.warnings, "no vmstat or perfmon section"));
    CHECK(has_warning(r.warnings, "no iostat section"));
    CHECK(has_warning(r.warnings, "no CPF section"));
    CHECK(r.global_buffers_mb == Approx(18432)); // from the mgstat line instead
    CHECK(r.cpus == 16);

    const auto s = summarize({r}, 90);
    CHECK(s.read_iops.at_percentile == Approx(1100));
    CHECK(s.read_iops.peak == Approx(1200));
    CHECK_FALSE(s.peak_cores.has_value());
    CHECK(has_warning(s.warnings, "database.peak_cores not measured"));
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

TEST_CASE ("inline reports: anchors, entities, missing columns, garbage", "[metrics_import]") {
    SECTION ("not a report") {
        auto r = parse_system_performance("<html><body>hello</body></html>", "x.html", journal_kib());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == "x.html");
        CHECK_FALSE(parse_system_performance("", "empty.html", journal_kib()).ok());
    }
    SECTION ("a name= anchor, entities, columns by name, extra columns, DD/MM dates") {
        const std::string html = "<html><body><a href=#mgstat>toc</a>\r\n"
                                 "<a name=\"mgstat\"></a><pre>\r\n"
                                 "Date,Time,Jrnwrts,Extra,PhyRds\r\n"
                                 "25/01/22,10:00:00,32,x,7\r\n"
                                 "01/25/22,10:01:00,48,y,9,extra\r\n"
                                 "</pre><div id=vmstat></div><pre>\r\n"
                                 "01/25/22 09:59:00 1 0 0 1 1 1 0 0 0 0 1 1 90 9 1 0 0\r\n" // since boot
                                 "01/25/22 10:00:00 1 0 0 1 1 1 0 0 0 0 1 1 10 5 85 0 0\r\n"
                                 "</pre><div id=cpu></div><pre>CPU(s):  4\r\n</pre>"
                                 "<div id=cpffile></div><pre>[config]\r\nglobals=0,0,1024,0,0,0\r\n"
                                 "wijdir=/a&amp;b/\r\n</pre></body></html>\r\n";
        auto r = parse_system_performance(html, "inline", journal_kib());
        REQUIRE(r.ok());
        CHECK(r->mgstat_samples == 2);
        CHECK(r->read_iops.samples.size() == 2);
        CHECK(r->read_iops.samples[1].value == 9);
        CHECK(r->journal_mibps.samples[0].value == Approx(2));
        CHECK(format_timestamp(r->read_iops.samples[0].time) == "2022-01-25 10:00:00");
        CHECK(r->write_iops.empty());
        CHECK(has_warning(r->warnings, "no PhyWrs column"));
        CHECK(r->busy_cores.samples.size() == 1);
        CHECK(r->busy_cores.samples[0].value == Approx(0.6)); // 15 % of 4
        CHECK(r->wij_directory == "/a&b/");
        CHECK(r->global_buffers_mb == Approx(1024));
    }
    SECTION ("globals=0 (automatic) falls back to the mgstat line") {
        const std::string html = "<div id=mgstat></div><pre><!-- beg_mgstat -->\n"
                                 "h_I_1.mgst,MGSTATv2,globalbuffers=4096MB,numberofcpus=2:h\n"
                                 "Date, Time, PhyRds, PhyWrs, Jrnwrts\n"
                                 "11/22/21, 16:15:00, 1, 2, 16\n<!-- end_mgstat --></pre>"
                                 "<div id=CPFfile></div><pre>[config]\nglobals=0,0,0,0,0,0\n</pre></html>";
        auto r = parse_system_performance(html, "auto", journal_kib());
        REQUIRE(r.ok());
        CHECK(r->global_buffers_mb == Approx(4096));
        CHECK(r->cpus == 2);
        CHECK(r->hostname == "h");
        CHECK(has_warning(r->warnings, "automatic"));
    }
}

TEST_CASE ("a report cut anywhere never yields a half-read number", "[metrics_import]") {
    // The modern fixture's PhyRds are multiples of 100 up to 2,000, us + sy multiples of 3 up
    // to 60, the database disk's w/s multiples of 50 up to 1,000: a value cut in half would
    // show up as something else.
    const auto text = read_text("sp_modern_linux_crlf.html");
    std::size_t parsed = 0;
    for (std::size_t cut = 0; cut < text.size(); cut += 61) {
        auto r = parse_system_performance(std::string_view(text).substr(0, cut), "cut", journal_kib());
        if (!r)
            continue;
        ++parsed;
        CHECK(r->truncated);
        CHECK(r->read_iops.samples.size() <= 20);
        for (const auto& x : r->read_iops.samples)
            CHECK((std::fmod(x.value, 100) == 0 && x.value >= 100 && x.value <= 2000));
        for (const auto& x : r->cpu_busy_percent.samples)
            CHECK((std::fmod(x.value, 3) == 0 && x.value >= 3 && x.value <= 60));
        for (const auto& x : r->device_write_iops.samples)
            CHECK((std::fmod(x.value, 50) == 0 && x.value >= 50 && x.value <= 1000));
        const auto s = summarize({*r}, 95);
        CHECK_NOTHROW(to_workload_document(s, "", "iris", "").dump());
    }
    CHECK(parsed > 100);

    // The old report's mgstat has no fences: its section runs to the cut.
    const auto old = read_text("pbuttons_old_cache.html");
    for (std::size_t cut = 0; cut < old.size(); cut += 37) {
        auto r = parse_system_performance(std::string_view(old).substr(0, cut), "cut", journal_kib());
        if (!r)
            continue;
        CHECK(r->read_iops.samples.size() <= 24);
        for (const auto& x : r->read_iops.samples)
            CHECK((std::fmod(x.value, 40) == 0 && x.value >= 40 && x.value <= 960));
    }
}

TEST_CASE ("vmstat with a time stamp before every line, banner and header included", "[metrics_import]") {
    const std::string html = "<div id=vmstat></div><pre><!-- beg_vmstat -->\n"
                             "11/22/21 16:15:01 procs -----------memory---------- ---swap-- -----io---- -system-- "
                             "------cpu-----\n"
                             "11/22/21 16:15:01 r b swpd free buff cache si so bi bo in cs us sy id wa st\n"
                             "11/22/21 16:15:01 1 0 0 9 9 9 0 0 0 0 9 9 90 9 1 0 0\n"
                             "11/22/21 16:15:31 1 0 0 9 9 9 0 0 0 0 9 9 40 10 50 0 0\n"
                             "<!-- end_vmstat --></pre><div id=cpu></div><pre>CPU(s): 2\n</pre></html>";
    auto r = parse_system_performance(html, "stamped", journal_kib());
    REQUIRE(r.ok());
    INFO(all(r->warnings));
    CHECK_FALSE(has_warning(r->warnings, "vmstat:"));
    REQUIRE(r->busy_cores.samples.size() == 1);
    CHECK(r->busy_cores.samples[0].value == Approx(1.0)); // 50 % of 2
}

TEST_CASE ("vmstat: us and sy found by name, the AIX faults sy column skipped", "[metrics_import]") {
    const std::string html = "<div id=vmstat></div><pre><!-- beg_vmstat -->\n"
                             "System configuration: lcpu=8 mem=65536MB\n"
                             "kthr    memory              page              faults        cpu\n"
                             "----- ----------- ------------------------ ------------ -----------\n"
                             " r  b   avm   fre  re  pi  po  fr   sr  cy  in   sy  cs us sy id wa\n"
                             "03/10/14 07:59:00  1  0 100  200   0   0   0   0    0   0 300 9999 500 90  9  1  0\n"
                             "03/10/14 08:00:00  1  0 100  200   0   0   0   0    0   0 300 9999 500 20 10 70  0\n"
                             "<!-- end_vmstat --></pre><div id=cpu></div><pre>Number of CPUs: 8\n</pre></html>";
    auto r = parse_system_performance(html, "aix", journal_kib());
    REQUIRE(r.ok());
    REQUIRE(r->cpu_busy_percent.samples.size() == 1);
    CHECK(r->cpu_busy_percent.samples[0].value == Approx(30));
    CHECK(r->busy_cores.samples[0].value == Approx(2.4));
}

TEST_CASE ("the server's RAM is read from meminfo or free -m, and carried to the workload", "[metrics_import][memory]") {
    auto report = [](const std::string& section) {
        return "<div id=mgstat></div><pre>\n"
               "Date, Time, PhyRds, PhyWrs, Jrnwrts\n"
               "11/22/21, 16:15:00, 1, 2, 16\n</pre>"
               "<div id=cpu></div><pre>CPU(s):  4\n</pre>" +
               section + "</html>";
    };
    SECTION ("/proc/meminfo MemTotal in kB") {
        auto r = parse_system_performance(report("<div id=meminfo></div><pre>MemTotal:       213909504 kB\n"
                                                 "MemFree:         1234 kB\n</pre>"),
                                          "meminfo", journal_kib());
        REQUIRE(r.ok());
        REQUIRE(r->memory_mib.has_value());
        CHECK(*r->memory_mib == Approx(213909504 / 1024.0));
    }
    SECTION ("free -m: the Mem: line in MiB") {
        auto r = parse_system_performance(
            report("<div id=free-m></div><pre>              total        used        free\n"
                   "Mem:         208896      150000       20000\nSwap:          4095           0        4095\n</pre>"),
            "free", journal_kib());
        REQUIRE(r.ok());
        REQUIRE(r->memory_mib.has_value());
        CHECK(*r->memory_mib == Approx(208896));
        const auto summary = summarize({*r}, 95);
        REQUIRE(summary.memory_gib.has_value());
        const auto doc = to_workload_document(summary, "site", "trakcare", "us-east-1");
        CHECK(doc["database"]["site_memory_gib"].get<double>() == Approx(204).margin(0.05));
        CHECK(doc["_import"]["memory_gib"].get<double>() == Approx(204).margin(0.05));
    }
    SECTION ("no memory section: nothing is guessed") {
        auto r = parse_system_performance(report(""), "none", journal_kib());
        REQUIRE(r.ok());
        CHECK_FALSE(r->memory_mib.has_value());
    }
}

// --- files from the field (issue 13) ------------------------------------------------------------

namespace {

Result<SystemPerformanceReport> parse_text(const std::string& text, const std::string& origin) {
    return parse_system_performance(text, origin, journal_kib());
}

std::string error_of(const Result<SystemPerformanceReport>& r) {
    REQUIRE_FALSE(r.ok());
    return r.error().what();
}

} // namespace

TEST_CASE ("2023+ report: the host comes from 'IRIS on machine HOST', not from the mgstat log path",
           "[metrics_import][field]") {
    const auto r = parse_fixture("sp_2023_ubuntu.html");
    INFO(all(r.warnings));
    CHECK(r.kind == MetricsFileKind::report);
    CHECK(r.hostname == "irisprod01");
    CHECK(r.hostname_source == "\"on machine\" line");
    CHECK(r.instance == "IRIS");
    CHECK(r.cpus == 8);
    CHECK(r.mgstat_samples == 36); // 4-digit years
    CHECK(r.vmstat_samples == 36); // the since-boot line left out, the header repeated every 20 lines
    CHECK(r.vmstat_since_boot_dropped == 1);
    CHECK(r.iostat_samples == 36); // ISO time stamps
    CHECK(format_timestamp(*r.first_sample) == "2023-10-17 09:00:00"); // not the since-boot line's 08:40
    CHECK(r.database_devices == std::vector<std::string>{"nvme1n1p1"});
    CHECK(r.global_buffers_mb == Approx(8192));

    const auto s = summarize({r}, 95);
    CHECK(s.read_iops.at_percentile == Approx(875));
    CHECK(s.read_iops.peak == Approx(900));
    CHECK(s.journal_mibps.at_percentile == Approx(4.375)); // Jrnwrts 70 x 64 KiB
    CHECK(s.peak_cores.at_percentile == Approx(5.68));     // (70 + 1) % of 8
    CHECK(s.peak_cores.peak == Approx(5.84));
    CHECK(s.device_write_iops.at_percentile == Approx(350));
    const auto doc = to_workload_document(s, "", "iris", "");
    CHECK(doc["name"] == "irisprod01");
}

TEST_CASE ("host name variants: 'instance INST', the instance list, the older mgstat file name",
           "[metrics_import][field]") {
    const std::string rows = "<div id=mgstat></div><pre>\n{INFO}Date, Time, PhyRds, PhyWrs, Jrnwrts\n"
                             "11/22/21, 16:15:00, 1, 2, 16\n</pre></html>";
    auto with = [&](const std::string& head, const std::string& info) {
        auto text = rows;
        text.replace(text.find("{INFO}"), 6, info);
        return parse_text(head + text, "v.html");
    };
    SECTION ("title with an instance") {
        auto r = with("<html><head><title>IRIS on machine db-01.example.org instance TRAKPROD</title></head>", "");
        REQUIRE(r.ok());
        CHECK(r->hostname == "db-01.example.org");
        CHECK(r->instance == "TRAKPROD");
    }
    SECTION ("the instance list line, and it beats the mgstat file name") {
        auto r = with("<html><pre>up &gt;TESTIRIS on machine testhost\n</pre>",
                      "oldname_TESTIRIS_20231001_0000_24hours.mgst,MGSTATv2.11,numberofcpus=4\n");
        REQUIRE(r.ok());
        CHECK(r->hostname == "testhost");
        CHECK(r->instance == "TESTIRIS");
    }
    SECTION ("older reports: HOST_INSTANCE_... .mgst, also behind a path") {
        auto r = with("<html>", "/usr/irissys/mgr/oldhost_IRIS_20211122_0800_24hours.mgst,MGSTATv2.9a\n");
        REQUIRE(r.ok());
        CHECK(r->hostname == "oldhost");
        CHECK(r->hostname_source == "mgstat file name");
    }
    SECTION ("a log path names no host") {
        auto r = with("<html>", "/usr/irissys/mgr/SystemPerformance/20231017_mgstat.log,MGSTATv2.11\n");
        REQUIRE(r.ok());
        CHECK(r->hostname.empty());
        CHECK(to_workload_document(summarize({*r}, 95), "", "iris", "")["name"] == "imported-workload");
    }
}

TEST_CASE ("the kind of a file is told from its header, not its name", "[metrics_import][field]") {
    using K = MetricsFileKind;
    for (const auto& [name, kind] : std::vector<std::pair<std::string, K>>{
             {"sp_2023_ubuntu.html", K::report},
             {"pbuttons_old_cache.html", K::report},
             {"irisdb02_TRAK_20240311_0800_mgstat.mgst", K::mgstat},
             {"dsp132_capture.txt", K::mgstat},
             {"vmstat-irisdb02.txt", K::vmstat},
             {"iostat-xmt-irisdb02.txt", K::iostat},
             {"perfmon-IRISWIN02.csv", K::perfmon},
             {"sp_windows_perfmon.html", K::report}}) {
        INFO(name);
        auto k = detect_metrics_file(read_text(name), "renamed.dat");
        REQUIRE(k.ok());
        CHECK(*k == kind);
        auto r = parse_system_performance(read_text(name), "renamed.dat", journal_kib());
        REQUIRE(r.ok());
        CHECK(r->kind == kind);
    }
}

TEST_CASE ("a stand-alone mgstat file: figures, host and CPUs from its first line", "[metrics_import][field]") {
    const auto r = parse_fixture("irisdb02_TRAK_20240311_0800_mgstat.mgst");
    INFO(all(r.warnings));
    CHECK(r.hostname == "irisdb02");
    CHECK(r.cpus == 8);
    CHECK(r.global_buffers_mb == Approx(24576)); // "24576MB:0^0^24576^0^0^0": the total, not twice it
    CHECK(r.mgstat_samples == 60);
    const auto s = summarize({r}, 95);
    CHECK(s.read_iops.at_percentile == Approx(1710));
    CHECK(s.read_iops.peak == Approx(1800));
    CHECK(s.journal_mibps.at_percentile == Approx(14.25));
    CHECK_FALSE(s.peak_cores.has_value()); // no vmstat given
    CHECK(has_warning(s.warnings, "database.peak_cores not measured"));
}

TEST_CASE ("mgstat, vmstat and iostat files of one run combine into one import", "[metrics_import][field]") {
    const auto mg = parse_fixture("irisdb02_TRAK_20240311_0800_mgstat.mgst");
    const auto vm = parse_fixture("vmstat-irisdb02.txt");
    const auto io = parse_fixture("iostat-xmt-irisdb02.txt");
    CHECK(vm.vmstat_samples == 60); // vmstat -t: the time stamp at the end; the since-boot line left out
    CHECK(vm.vmstat_since_boot_dropped == 1);
    CHECK_FALSE(vm.cpus);          // vmstat alone does not say
    CHECK(vm.busy_cores.empty());
    CHECK(io.cpus == 8);           // "(8 CPU)"
    CHECK(io.hostname == "irisdb02");
    CHECK(io.iostat_samples == 60);

    for (const auto& files : {std::vector{mg, vm, io}, std::vector{io, vm, mg}, std::vector{vm, mg}}) {
        const auto joined = combine_stand_alone(files);
        REQUIRE(joined.size() == 1);
        CHECK(joined[0].joined.size() == files.size());
        const auto s = summarize(files, 95);
        INFO(all(s.warnings));
        CHECK(s.files.size() == files.size());
        CHECK(s.hostname == "irisdb02");
        CHECK(s.cpus == 8);
        CHECK(s.read_iops.at_percentile == Approx(1710));
        CHECK(s.peak_cores.at_percentile == Approx(6.08)); // (k + k/3) % of 8 CPUs from the mgstat line
        CHECK(s.peak_cores.peak == Approx(6.4));
        CHECK(s.peak_cores.samples == 60);
        CHECK(format_timestamp(*s.first) == "2024-03-11 08:00:00");
        CHECK(s.covered_hours == Approx(9.833).margin(0.01)); // one run, not three
        if (files.size() == 3) {
            CHECK(s.device_write_iops.at_percentile == Approx(308)); // whole disks, not partitions or dm-
            CHECK(s.device_write_iops.peak == Approx(323));
        }
        const auto doc = to_workload_document(s, "", "trakcare", "");
        CHECK(doc["name"] == "irisdb02");
        CHECK(doc["_import"]["files"].size() == files.size());
    }
    // A vmstat file of another day stays apart and has no CPU count of its own run... but takes
    // the only one the import knows.
    auto other_day = vm;
    for (auto& x : other_day.cpu_busy_percent.samples)
        x.time += 7 * 86400;
    other_day.first_sample = *other_day.first_sample + 7 * 86400;
    other_day.last_sample = *other_day.last_sample + 7 * 86400;
    CHECK(combine_stand_alone({mg, other_day}).size() == 2);
    CHECK(summarize({mg, other_day}, 95).peak_cores.samples == 60);
}

TEST_CASE ("a dsp132^mgstat terminal capture: prompt, title and repeated headers", "[metrics_import][field]") {
    const auto r = parse_fixture("dsp132_capture.txt");
    INFO(all(r.warnings));
    CHECK(r.kind == MetricsFileKind::mgstat);
    CHECK(r.mgstat_samples == 24);
    CHECK(r.warnings.empty());
    const auto s = summarize({r}, 95);
    CHECK(s.read_iops.at_percentile == Approx(253));
    CHECK(s.read_iops.peak == Approx(264));
    CHECK(s.write_iops.peak > 700); // the write daemon's bursts
    CHECK(format_timestamp(*s.first) == "2024-05-02 14:30:00");
    CHECK(has_warning(s.warnings, "low confidence")); // two minutes of samples
}

TEST_CASE ("a Windows report: perfmon processor time gives busy cores, disks a cross-check", "[metrics_import][field]") {
    const auto r = parse_fixture("sp_windows_perfmon.html");
    INFO(all(r.warnings));
    CHECK(r.hostname == "IRISWIN01");
    CHECK(r.cpus == 16); // NumberOfLogicalProcessors, not "2 Processor(s) Installed."
    CHECK(r.perfmon_samples == 24); // the first row, without rates yet, is not a sample
    CHECK(r.vmstat_samples == 0);
    CHECK(r.mgstat_samples == 24);
    CHECK_FALSE(has_warning(r.warnings, "no vmstat"));
    CHECK_FALSE(has_warning(r.warnings, "no iostat"));
    CHECK(r.cpu_busy_percent.source == "perfmon Processor(_Total) % Processor Time");
    const auto s = summarize({r}, 95);
    CHECK(s.read_iops.at_percentile == Approx(1150));
    CHECK(s.peak_cores.at_percentile == Approx(9.2)); // 57.5 % of 16
    CHECK(s.peak_cores.peak == Approx(9.6));
    CHECK(s.disk_iops.at_percentile == Approx(920)); // PhysicalDisk(_Total) Disk Transfers/sec
    CHECK(s.disk_mibps.at_percentile == Approx(46));
    CHECK(format_timestamp(*s.first) == "2024-01-15 08:00:00");
    const auto doc = to_workload_document(s, "", "iris", "");
    CHECK(doc["name"] == "IRISWIN01");
    CHECK(doc["database"]["peak_cores"].get<double>() == Approx(9.2));
    CHECK(doc["_import"]["cross_checks"]["disk_transfers_iops"]["value"] == 920);
    CHECK(doc["_import"]["samples"]["perfmon"] == 24);
}

TEST_CASE ("a perfmon CSV on its own: CPUs counted from the per-CPU counters, host from the path",
           "[metrics_import][field]") {
    const auto r = parse_fixture("perfmon-IRISWIN02.csv");
    INFO(all(r.warnings));
    CHECK(r.kind == MetricsFileKind::perfmon);
    CHECK(r.hostname == "IRISWIN02");
    CHECK(r.cpus == 4);
    CHECK(r.perfmon_samples == 12);
    const auto s = summarize({r}, 95);
    CHECK(s.peak_cores.at_percentile == Approx(2.4)); // the mean of the 4 CPUs, 60 %
    CHECK(s.disk_iops.peak == Approx(120));
}

TEST_CASE ("vmstat's since-boot line is left out once per run, not after each repeated header",
           "[metrics_import][field]") {
    const std::string head = "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n"
                             " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n";
    auto row = [](int minute, int us) {
        return fmt::format(" 1  0 0 9 9 9 0 0 0 0 9 9 {} 0 {} 0 0 2024-03-11 10:{:02}:00\n", us, 99 - us, minute);
    };
    auto busy = [](const SystemPerformanceReport& r) {
        std::vector<double> v;
        for (const auto& x : r.cpu_busy_percent.samples)
            v.push_back(x.value);
        return v;
    };
    SECTION ("one run, the header every 3 lines (the since-boot line counts among them)") {
        std::string text = head.substr(0, head.size() - 1) + "   UTC\n";
        text += row(0, 90) + row(1, 11) + row(2, 12) + head + row(3, 13) + row(4, 14) + row(5, 15) + head +
                row(6, 16);
        auto r = parse_text(text, "v.txt");
        REQUIRE(r.ok());
        CHECK(busy(*r) == std::vector<double>{11, 12, 13, 14, 15, 16});
        CHECK(r->vmstat_since_boot_dropped == 1);
    }
    SECTION ("vmstat started twice: the second run's first line is left out too") {
        // The first run ends short of its screenful; the second starts after a gap.
        std::string text = head + row(0, 90) + row(1, 11) + row(2, 12) + head + row(3, 13) + head + row(30, 80) +
                           row(31, 21) + row(32, 22);
        auto r = parse_text(text, "v.txt");
        REQUIRE(r.ok());
        CHECK(busy(*r) == std::vector<double>{11, 12, 13, 21, 22});
        CHECK(r->vmstat_since_boot_dropped == 2);
    }
    SECTION ("vmstat -n: one header, one since-boot line") {
        auto r = parse_text(head + row(0, 70) + row(1, 11) + row(2, 12), "v.txt");
        REQUIRE(r.ok());
        CHECK(busy(*r) == std::vector<double>{11, 12});
    }
}

TEST_CASE ("bad input: the message names the file, the line and what was expected; never a crash",
           "[metrics_import][field]") {
    CHECK_THAT(error_of(parse_text("", "empty.txt")), Catch::Contains("empty.txt: is empty"));
    CHECK_THAT(error_of(parse_text("hello\nworld\n", "notes.txt")),
               Catch::Contains("notes.txt: line 1: 'hello' is not a file import-metrics reads") &&
                   Catch::Contains("Date, Time, Glorefs"));
    // mgstat rows with fewer fields than the header.
    CHECK_THAT(error_of(parse_text("Date, Time, Glorefs, PhyRds, PhyWrs, Jrnwrts\n03/11/24, 08:00:00, 5\n", "m.csv")),
               Catch::Contains("m.csv: holds no mgstat sample: line 2: 3 fields where the mgstat header has 6"));
    // A time that is not a time.
    CHECK_THAT(error_of(parse_text("\n\nDate, Time, Glorefs, PhyRds\n03/11/24, 8h, 5, 6\n", "m.csv")),
               Catch::Contains("line 4: Time '8h' is not a time"));
    // vmstat without time stamps.
    CHECK_THAT(error_of(parse_text(" r b swpd free buff cache si so bi bo in cs us sy id wa st\n"
                                   " 1 0 0 9 9 9 0 0 0 0 9 9 5 1 94 0 0\n 1 0 0 9 9 9 0 0 0 0 9 9 5 1 94 0 0\n",
                                   "v.txt")),
               Catch::Contains("v.txt: holds no vmstat sample: line 3: a vmstat row without a time stamp"));
    // perfmon without a processor counter.
    CHECK_THAT(error_of(parse_text("\"(PDH-CSV 4.0) (UTC)(0)\",\"\\\\H\\Memory\\Available MBytes\"\n"
                                   "\"01/16/2024 09:00:00.120\",\"20000\"\n",
                                   "p.csv")),
               Catch::Contains("p.csv: holds no perfmon sample: line 1: expected a '\\\\HOST\\Processor(_Total)"));
    // iostat without time stamps.
    CHECK_THAT(error_of(parse_text("Linux 5.15 (h) \t03/11/2024 \t_x86_64_\t(8 CPU)\n\n"
                                   "Device r/s w/s\nsda 1.00 2.00\n",
                                   "i.txt")),
               Catch::Contains("i.txt: holds no iostat sample") && Catch::Contains("-xt"));
    // Every prefix of every stand-alone fixture and random bytes: a value or a message, never a crash.
    for (const char* name : {"irisdb02_TRAK_20240311_0800_mgstat.mgst", "vmstat-irisdb02.txt",
                             "iostat-xmt-irisdb02.txt", "dsp132_capture.txt", "perfmon-IRISWIN02.csv"}) {
        const auto text = read_text(name);
        for (std::size_t cut = 0; cut < text.size(); cut += 97) {
            auto r = parse_text(text.substr(0, cut), name);
            if (r)
                CHECK_NOTHROW(to_workload_document(summarize({*r}, 95), "", "iris", "").dump());
            else
                CHECK_THAT(r.error().what(), Catch::StartsWith(name));
        }
    }
    std::string noise;
    for (int i = 0; i < 4096; ++i)
        noise += static_cast<char>((i * 7919) % 256);
    CHECK_FALSE(parse_text(noise, "noise.bin").ok());
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
