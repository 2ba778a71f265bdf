// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file import/metrics_import.hpp
/// Measured demand from InterSystems ^SystemPerformance (older: ^pButtons) HTML reports and
/// from the files sites send instead: a stand-alone mgstat CSV (also the interactive
/// `dsp132^mgstat` capture), vmstat and iostat text, and Windows perfmon CSV.
/// parse_system_performance() reads one file into per-sample series (the file's header tells
/// its kind), summarize() joins stand-alone files of one run and pools several reports (days)
/// into a percentile and a peak for each figure, and
/// to_workload_document() writes the figures as a schema-1 workload with an `_import`
/// comment that records where each one came from.
///
/// Time stamps are kept as the report writes them, as the server's wall clock without a time
/// zone: seconds since 1970-01-01 00:00:00 of that clock (`format_timestamp` prints them).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "irisize/result.hpp"

namespace irisize {

/// One measurement at one time.
struct MetricSample {
    std::int64_t time = 0; ///< wall-clock seconds since 1970-01-01 (no time zone)
    double value = 0;
};

/// A series of measurements of one quantity, in the order of the report.
struct MetricSeries {
    std::string source; ///< where the figure comes from: "mgstat PhyRds", "vmstat us+sy x 16 CPUs", ...
    std::vector<MetricSample> samples;

    [[nodiscard]] bool empty() const { return samples.empty(); }
};

/// What kind of file import-metrics was given, told from its header (never from its name).
enum class MetricsFileKind {
    report,  ///< ^SystemPerformance / ^pButtons HTML
    mgstat,  ///< stand-alone mgstat CSV (.mgst), or a terminal capture of ^mgstat / dsp132^mgstat
    vmstat,  ///< vmstat text (vmstat -t, or with the date and time before each line)
    iostat,  ///< iostat -x text with time stamps (-xmt, -xkt)
    perfmon, ///< Windows perfmon CSV ("(PDH-CSV 4.0) ...")
};
/// "report", "mgstat", "vmstat", "iostat", "perfmon".
const char* to_string(MetricsFileKind kind);

/// What one report holds. Series that the report lacks are empty and a warning says why.
struct SystemPerformanceReport {
    std::string origin; ///< file name, as given to the parser
    MetricsFileKind kind = MetricsFileKind::report;
    std::vector<std::string> joined; ///< stand-alone files joined into this one (combine_stand_alone)

    std::string hostname;        ///< "IRIS on machine HOST" line, else the mgstat file name, perfmon path, ...
    std::string hostname_source; ///< where the host name was found
    std::string instance;        ///< IRIS instance, when the report names it
    std::string profile_name;          ///< `Profile run "24hours" ...` -> 24hours
    std::string profile_started;       ///< `... started at 16:15 on Nov 22 2021` -> "16:15 on Nov 22 2021"
    std::vector<std::string> sections; ///< section ids found, in order

    std::optional<int> cpus; ///< logical CPUs (vCPUs)
    std::string cpus_source;
    std::optional<double> memory_mib; ///< the server's RAM: /proc/meminfo MemTotal, else the `free -m` Mem: line
    std::string memory_source;

    /// Global buffers as the CPF's `globals=` line lists them per block size 2K, 4K, 8K, 16K,
    /// 32K, 64K (empty when there is no CPF or no globals line). IRIS writes MB and means MiB.
    std::vector<double> globals_mib;
    std::optional<double> global_buffers_mib; ///< all non-zero entries summed (CPF, else mgstat line), MiB
    std::string global_buffers_source;
    std::optional<double> routine_buffers_mib; ///< CPF `routines=` summed, MiB
    std::optional<double> gmheap_kb;          ///< CPF `gmheap=`
    std::string wij_directory;
    std::string journal_directory;
    std::string journal_alternate_directory;
    std::vector<std::string> database_directories; ///< application databases from the CPF
    std::vector<std::string> database_devices;     ///< iostat device names holding them
    std::optional<double> database_size_gib;       ///< df used space of the database filesystem(s)
    std::string database_size_source;

    MetricSeries read_iops;         ///< mgstat PhyRds (8 KiB database reads per second)
    MetricSeries write_iops;        ///< mgstat PhyWrs (database block writes per second)
    MetricSeries journal_mibps;     ///< mgstat Jrnwrts x journal_io_kib (an estimate: the write size varies)
    MetricSeries cpu_busy_percent;  ///< vmstat us + sy, or perfmon Processor(_Total) % Processor Time
    MetricSeries busy_cores;        ///< busy percent / 100 x CPUs
    MetricSeries device_write_iops; ///< iostat w/s summed over the database device(s)
    MetricSeries disk_iops;         ///< perfmon PhysicalDisk Disk Transfers/sec (cross-check)
    MetricSeries disk_mibps;        ///< perfmon PhysicalDisk Disk Bytes/sec in MiB/s (cross-check)

    double journal_io_kib = 0; ///< the journal write size assumed for Jrnwrts (data/sizing.json)

    std::size_t mgstat_samples = 0;
    std::size_t vmstat_samples = 0;
    std::size_t iostat_samples = 0;
    std::size_t perfmon_samples = 0;
    std::size_t vmstat_since_boot_dropped = 0; ///< vmstat first lines (averages since boot) left out
    std::optional<std::int64_t> first_sample; ///< earliest time stamp of any series
    std::optional<std::int64_t> last_sample;  ///< latest time stamp of any series
    bool truncated = false;

    std::vector<std::string> warnings; ///< each one names what was missing or skipped
};

/// The kind of a file from its first lines, or an error naming the file, the line and what was
/// expected.
Result<MetricsFileKind> detect_metrics_file(std::string_view text, const std::string& origin);

/// Parses one file of any kind detect_metrics_file() knows. An HTML report survives CRLF line
/// ends, HTML entities, missing sections and a cut-off file (complete rows are kept, with a
/// warning); it fails only when it holds no mgstat, vmstat or perfmon sample. A stand-alone
/// file fails when it holds no sample, with an error naming the file, the line and what was
/// expected. `origin` names the input in the error and in the warnings.
/// `journal_io_kib` is the size of the journal block mgstat's Jrnwrts counts (the sizing
/// policy's journal_io_kib, from data/sizing.json).
Result<SystemPerformanceReport> parse_system_performance(std::string_view html, const std::string& origin,
                                                         double journal_io_kib);

/// One figure over all reports.
struct MetricStat {
    std::string field;  ///< workload field (`read_iops`) or a cross-check name
    std::string unit;   ///< IOPS, MiB/s, cores, %, GiB
    std::string source; ///< what was measured ("mgstat PhyRds")
    std::optional<double> at_percentile;
    std::optional<double> peak;
    std::optional<std::int64_t> peak_time;
    std::size_t samples = 0;
    std::optional<std::int64_t> first; ///< span of the samples
    std::optional<std::int64_t> last;
    std::vector<std::string> files; ///< reports that contributed

    [[nodiscard]] bool has_value() const { return at_percentile.has_value(); }
};

struct MetricsSummary {
    double percentile = 95;
    std::string method; ///< how the percentile is taken, in words
    std::vector<std::string> files;

    MetricStat read_iops;
    MetricStat write_iops;
    MetricStat journal_mibps;
    MetricStat peak_cores;
    MetricStat cpu_busy_percent;   ///< cross-check, not a workload field
    MetricStat device_write_iops;  ///< cross-check, not a workload field
    MetricStat disk_iops;          ///< cross-check (perfmon Disk Transfers/sec), not a workload field
    MetricStat disk_mibps;         ///< cross-check (perfmon Disk Bytes/sec), not a workload field
    MetricStat global_buffers_gib; ///< configuration: "at_percentile" is the latest report's value
    MetricStat size_gib;           ///< df used space; "at_percentile" is the latest report's value

    std::string hostname;              ///< of the latest report that names it
    std::optional<int> cpus;           ///< of the latest report that says
    std::optional<double> memory_gib;  ///< the server's RAM, of the latest report that says
    std::optional<std::int64_t> first; ///< earliest sample of all reports
    std::optional<std::int64_t> last;  ///< latest sample of all reports
    double covered_hours = 0;          ///< sum of each report's first-to-last span
    std::size_t mgstat_samples = 0;
    std::size_t vmstat_samples = 0;
    std::size_t iostat_samples = 0;
    std::size_t perfmon_samples = 0;
    double journal_io_kib = 0; ///< journal write size assumed for Jrnwrts (0: no journal figure)

    std::vector<std::string> warnings; ///< "file: what it lacked", then notes on the whole
};

/// Joins the stand-alone files (mgstat, vmstat, iostat, perfmon) whose samples overlap in time
/// into one report each, so that a vmstat file takes its CPU count from the mgstat or iostat
/// file of the same run; busy cores are worked out once the CPU count is known. HTML reports
/// are kept as they are. summarize() calls it.
std::vector<SystemPerformanceReport> combine_stand_alone(std::vector<SystemPerformanceReport> reports);

/// Below this many hours of samples (summed over the reports) the summary warns that the
/// peak of a working day may not be in the data.
inline constexpr double kFullWorkingDayHours = 8.0;

/// Joins stand-alone files (combine_stand_alone), then pools the samples of every report and takes, for each figure, the `percentile` (0 < P <=
/// 100, nearest rank) and the peak. Configuration figures (global buffers, database size)
/// come from the most recent report.
MetricsSummary summarize(const std::vector<SystemPerformanceReport>& reports, double percentile);

/// A schema-1 workload document with the measured figures (database.read_iops, write_iops,
/// journal_mibps, peak_cores, global_buffers_gib, and size_gib only when a report shows it)
/// and an `_import` object recording, for each field, the files, the percentile, the value,
/// the peak, the samples and the span, plus the warnings. journal_mibps is marked
/// `"estimate": true` with the journal write size it assumes. Empty `region` is left out.
nlohmann::json to_workload_document(const MetricsSummary& summary, const std::string& name, const std::string& product,
                                    const std::string& region);

/// "2021-11-22 16:15:01".
std::string format_timestamp(std::int64_t t);

} // namespace irisize
