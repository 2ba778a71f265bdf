// SPDX-License-Identifier: GPL-3.0-or-later
// import-metrics: ^SystemPerformance / ^pButtons HTML reports read into per-sample series:
// the fixtures of every generation (Cache 2014 to IRIS 2023, Linux and Windows), reports cut
// off anywhere, and small inline reports for anchors, entities, vmstat layouts, the RAM and
// the host name. The fixtures are described in metrics_fixtures.hpp.

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
    REQUIRE(r.globals_mib.size() == 6);
    CHECK(r.global_buffers_mib == Approx(18432));
    CHECK(r.routine_buffers_mib == Approx(1023));
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
    CHECK(r.global_buffers_mib == Approx(10240)); // globals=0,0,8192,2048,0,0: both pools summed
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
    CHECK(r.global_buffers_mib == Approx(18432)); // from the mgstat line instead
    CHECK(r.cpus == 16);

    const auto s = summarize({r}, 90);
    CHECK(s.read_iops.at_percentile == Approx(1100));
    CHECK(s.read_iops.peak == Approx(1200));
    CHECK_FALSE(s.peak_cores.has_value());
    CHECK(has_warning(s.warnings, "database.peak_cores not measured"));
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
        CHECK(r->global_buffers_mib == Approx(1024));
    }
    SECTION ("globals=0 (automatic) falls back to the mgstat line") {
        const std::string html = "<div id=mgstat></div><pre><!-- beg_mgstat -->\n"
                                 "h_I_1.mgst,MGSTATv2,globalbuffers=4096MB,numberofcpus=2:h\n"
                                 "Date, Time, PhyRds, PhyWrs, Jrnwrts\n"
                                 "11/22/21, 16:15:00, 1, 2, 16\n<!-- end_mgstat --></pre>"
                                 "<div id=CPFfile></div><pre>[config]\nglobals=0,0,0,0,0,0\n</pre></html>";
        auto r = parse_system_performance(html, "auto", journal_kib());
        REQUIRE(r.ok());
        CHECK(r->global_buffers_mib == Approx(4096));
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
    CHECK(r.global_buffers_mib == Approx(8192));

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
