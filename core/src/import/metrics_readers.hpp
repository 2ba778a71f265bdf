// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The pieces the metrics readers share (internal to the core): the state of one file's
// reading (`Parse`: the report being filled, the CPU counts and host names each source
// gives, the first problem found), a fenced block of text, and one entry point per source:
// mgstat, vmstat, iostat, perfmon, the server's configuration (CPF, df, RAM, CPUs) and the
// HTML report that holds them all. metrics_file.cpp chooses among them; the public API is
// irisize/import/metrics_import.hpp.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "import/metrics_text.hpp"
#include "irisize/import/metrics_import.hpp"

namespace irisize::detail::metrics {

/// A body fenced by `<!-- beg_NAME -->` and `<!-- end_NAME -->`. Without the end fence the
/// body runs to the end of its `<pre>` or, in a cut-off file, to the last complete line.
/// A stand-alone file is one closed block holding the whole file.
struct Fenced {
    bool found = false;
    bool closed = false;
    string text;
    size_t first_line = 1; ///< line of the file where `text` starts (for messages)
};

/// One file being read: the report it fills, and what the readers found along the way.
struct Parse {
    SystemPerformanceReport& r;
    double journal_io_kib; ///< what one mgstat Jrnwrts counts (data/sizing.json)
    std::optional<int> cpus_lscpu;
    std::optional<int> cpus_mgstat;
    std::optional<int> cpus_iostat;
    std::optional<int> cpus_perfmon; ///< per-CPU "Processor(N)" counters
    std::optional<double> mgstat_globals_mib; ///< mgstat globalbuffers= summed (IRIS "MB" are MiB)
    bool stand_alone = false;

    // Host names by where they were found; resolve_hostname() picks one.
    string host_machine_line; ///< "IRIS on machine HOST"
    string host_windows_info; ///< systeminfo "Host Name:"
    string host_mgstat_file;  ///< HOST_INSTANCE_....mgst
    string host_perfmon;      ///< \\HOST\Processor(_Total)\...
    string host_iostat;       ///< "Linux 5.15 (HOST) ..."

    /// The first problem with a line of a stand-alone file, for the error when no sample is left.
    string first_problem;

    void warn(string w) { r.warnings.push_back(std::move(w)); }
    void problem(size_t line, string what) {
        if (first_problem.empty())
            first_problem = fmt::format("line {}: {}", line, what);
    }
};

// --- mgstat (metrics_mgstat.cpp) ----------------------------------------------------------

/// A data line's fields: comma separated (the .mgst file, the report, dsp132^mgstat), else
/// separated by blanks (a terminal capture without commas).
std::vector<string_view> mgstat_fields(string_view line);
/// "Date, Time, ..." naming at least one of the columns irisize reads.
bool is_mgstat_header(const std::vector<string_view>& fields);
/// PhyRds, PhyWrs and Jrnwrts (as MiB/s) into the report; the file line's host, CPUs and
/// global buffers into `p`.
void parse_mgstat(const Fenced& block, Parse& p);

// --- vmstat (metrics_vmstat.cpp) ----------------------------------------------------------

/// us + sy into the report's busy percent, the since-boot line of each run left out.
void parse_vmstat(const Fenced& block, Parse& p);

// --- iostat (metrics_iostat.cpp) ----------------------------------------------------------

struct IostatSample {
    std::optional<std::int64_t> time;
    std::vector<std::pair<string, double>> writes; // device, w/s
};

/// The extended (-x) samples; host and CPU count from the banner into `p`.
std::vector<IostatSample> parse_iostat(string_view text, Parse& p);
/// The iostat device name of a df filesystem device: /dev/sdb1 -> sdb1 or its disk sdb,
/// /dev/nvme1n1p2 -> nvme1n1p2 or nvme1n1. Empty when iostat shows neither.
string iostat_device(const string& fs_device, const std::set<string>& shown);
/// Stand-alone iostat: the writes of every whole disk summed.
void iostat_all_disks(const std::vector<IostatSample>& io, Parse& p);

// --- perfmon (metrics_perfmon.cpp) --------------------------------------------------------

/// Processor time into the busy percent, PhysicalDisk transfers and bytes into the
/// cross-checks; per-CPU counters and the host into `p`.
void parse_perfmon(const Fenced& block, Parse& p);

// --- the server's configuration (metrics_server_config.cpp) -------------------------------

/// The CPF's buffers, directories and application databases into the report.
void parse_cpf(string_view text, Parse& p);

/// A df filesystem.
struct Mount {
    string device;
    string mount;
    std::optional<double> used_mib;
};

std::vector<Mount> parse_df(string_view text);
/// The filesystem holding `path` (the longest mount point that is a prefix), or null.
const Mount* mount_of(const std::vector<Mount>& mounts, const string& path);
/// The server's RAM in MiB: a /proc/meminfo `MemTotal: N kB` line, else the `Mem:` line of
/// `free -m` (MiB) or `free` (KiB, when the section's heading does not say -m).
std::optional<double> memory_in_text(string_view text, std::optional<bool> free_in_mib);
/// The logical CPUs: lscpu, wmic and systeminfo lines, else /proc/cpuinfo processor lines.
std::optional<int> cpus_in_text(string_view text);

// --- the HTML report (metrics_report.cpp) -------------------------------------------------

/// A ^SystemPerformance / ^pButtons report (`doc` with LF line ends).
Result<SystemPerformanceReport> parse_report(string doc, const string& origin, double journal_io_kib);

// --- the last steps of every file (metrics_file.cpp) --------------------------------------

/// The host name from the most trusted place that names one.
void resolve_hostname(Parse& p);
/// Busy cores from the busy percent, once the CPU count is known.
void busy_cores_from_percent(SystemPerformanceReport& r);
/// The report's first and last sample over all its series.
void note_all_times(SystemPerformanceReport& r);

} // namespace irisize::detail::metrics
