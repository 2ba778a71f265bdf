// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the import-metrics tests (tests/import/test_metrics_*.cpp) share: the fixtures and a few
// helpers to read them. The fixtures in tests/data/systemperformance/ are synthetic, with values
// laid out so that the nearest-rank percentiles are known: e.g. the modern report's PhyRds are
// 100, 200, ... 2000 in a shuffled order, so p95 of the 20 samples is the 19th smallest, 1,900,
// and the peak 2,000.
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
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "irisize/import/metrics_import.hpp"
#include "test_support.hpp"

namespace irisize::test::metrics {

// What one mgstat Jrnwrts counts, from data/sizing.json (64 KiB there).
inline double journal_kib() {
    return units::in_KiB(test::catalog().policy.n.journal_io);
}

inline std::string fixture_path(const std::string& name) {
    return std::string(IRISIZE_TEST_DATA_DIR) + "/../tests/data/systemperformance/" + name;
}

inline std::string read_text(const std::string& name) {
    REQUIRE(std::filesystem::is_regular_file(fixture_path(name)));
    return slurp(fixture_path(name));
}

inline SystemPerformanceReport parse_fixture(const std::string& name) {
    auto r = parse_system_performance(read_text(name), name, journal_kib());
    INFO((r ? std::string() : r.error().what()));
    REQUIRE(r.ok());
    return std::move(r).value();
}

inline bool has_warning(const std::vector<std::string>& warnings, const std::string& part) {
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

inline std::string all(const std::vector<std::string>& warnings) {
    std::string s;
    for (const auto& w : warnings)
        s += w + "\n";
    return s;
}

inline Result<SystemPerformanceReport> parse_text(const std::string& text, const std::string& origin) {
    return parse_system_performance(text, origin, journal_kib());
}

inline std::string error_of(const Result<SystemPerformanceReport>& r) {
    REQUIRE_FALSE(r.ok());
    return r.error().what();
}

} // namespace irisize::test::metrics
