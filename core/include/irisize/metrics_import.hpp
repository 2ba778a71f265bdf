// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file metrics_import.hpp
/// Measured demand from InterSystems ^SystemPerformance (older: ^pButtons) HTML reports:
/// parse_system_performance() reads one report into per-sample series, summarize() pools
/// several reports (days) into a percentile and a peak for each figure, and
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

/// What one report holds. Series that the report lacks are empty and a warning says why.
struct SystemPerformanceReport {
    std::string origin; ///< file name, as given to the parser

    std::string hostname;              ///< from the mgstat file line, when present
    std::string profile_name;          ///< `Profile run "24hours" ...` -> 24hours
    std::string profile_started;       ///< `... started at 16:15 on Nov 22 2021` -> "16:15 on Nov 22 2021"
    std::vector<std::string> sections; ///< section ids found, in order

    std::optional<int> cpus; ///< logical CPUs (vCPUs)
    std::string cpus_source;
    std::optional<double> memory_mib; ///< the server's RAM: /proc/meminfo MemTotal, else the `free -m` Mem: line
    std::string memory_source;

    /// Global buffers as the CPF's `globals=` line lists them, MB per block size 2K, 4K, 8K,
    /// 16K, 32K, 64K (empty when there is no CPF or no globals line).
    std::vector<double> globals_mb;
    std::optional<double> global_buffers_mb; ///< all non-zero entries summed (CPF, else mgstat line)
    std::string global_buffers_source;
    std::optional<double> routine_buffers_mb; ///< CPF `routines=` summed
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
    MetricSeries journal_mibps;     ///< mgstat Jrnwrts / 16 (64 KiB journal blocks)
    MetricSeries cpu_busy_percent;  ///< vmstat us + sy
    MetricSeries busy_cores;        ///< vmstat (us + sy) / 100 x CPUs
    MetricSeries device_write_iops; ///< iostat w/s summed over the database device(s)

    std::size_t mgstat_samples = 0;
    std::size_t vmstat_samples = 0;
    std::size_t iostat_samples = 0;
    std::optional<std::int64_t> first_sample; ///< earliest time stamp of any series
    std::optional<std::int64_t> last_sample;  ///< latest time stamp of any series
    bool truncated = false;

    std::vector<std::string> warnings; ///< each one names what was missing or skipped
};

/// Parses one ^SystemPerformance / ^pButtons HTML report. Survives CRLF line ends, HTML
/// entities, missing sections and a cut-off file (complete rows are kept, with a warning).
/// Fails only when the text holds neither mgstat nor vmstat samples. `origin` names the input
/// in the error and in the warnings.
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

    std::vector<std::string> warnings; ///< "file: what it lacked", then notes on the whole
};

/// Below this many hours of samples (summed over the reports) the summary warns that the
/// peak of a working day may not be in the data.
inline constexpr double kFullWorkingDayHours = 8.0;

/// Pools the samples of every report and takes, for each figure, the `percentile` (0 < P <=
/// 100, nearest rank) and the peak. Configuration figures (global buffers, database size)
/// come from the most recent report.
MetricsSummary summarize(const std::vector<SystemPerformanceReport>& reports, double percentile);

/// A schema-1 workload document with the measured figures (database.read_iops, write_iops,
/// journal_mibps, peak_cores, global_buffers_gib, and size_gib only when a report shows it)
/// and an `_import` object recording, for each field, the files, the percentile, the value,
/// the peak, the samples and the span, plus the warnings. Empty `region` is left out.
nlohmann::json to_workload_document(const MetricsSummary& summary, const std::string& name, const std::string& product,
                                    const std::string& region);

/// "2021-11-22 16:15:01".
std::string format_timestamp(std::int64_t t);

} // namespace irisize
