// SPDX-License-Identifier: GPL-3.0-or-later
// import-metrics: the files sites send instead of a report, each read on its own and joined
// with the others of the same run: the kind told from the header, a stand-alone mgstat CSV, a
// dsp132^mgstat capture, vmstat (its since-boot lines), iostat and perfmon CSV; and bad input,
// which gets a message naming the file, the line and what was expected.

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

TEST_CASE ("the kind of a file is told from its header, not its name", "[metrics_import][field]") {
    using K = MetricsFileKind;
    const auto [name, kind] = GENERATE(table<std::string, K>({
        {"sp_2023_ubuntu.html", K::report},
        {"pbuttons_old_cache.html", K::report},
        {"irisdb02_TRAK_20240311_0800_mgstat.mgst", K::mgstat},
        {"dsp132_capture.txt", K::mgstat},
        {"vmstat-irisdb02.txt", K::vmstat},
        {"iostat-xmt-irisdb02.txt", K::iostat},
        {"perfmon-IRISWIN02.csv", K::perfmon},
        {"sp_windows_perfmon.html", K::report},
    }));
    INFO(name);
    auto k = detect_metrics_file(read_text(name), "renamed.dat");
    REQUIRE(k.ok());
    CHECK(*k == kind);
    auto r = parse_system_performance(read_text(name), "renamed.dat", journal_kib());
    REQUIRE(r.ok());
    CHECK(r->kind == kind);
}

TEST_CASE ("a stand-alone mgstat file: figures, host and CPUs from its first line", "[metrics_import][field]") {
    const auto r = parse_fixture("irisdb02_TRAK_20240311_0800_mgstat.mgst");
    INFO(all(r.warnings));
    CHECK(r.hostname == "irisdb02");
    CHECK(r.cpus == 8);
    CHECK(r.global_buffers_mib == Approx(24576)); // "24576MB:0^0^24576^0^0^0": the total, not twice it
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
