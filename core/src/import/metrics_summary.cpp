// SPDX-License-Identifier: GPL-3.0-or-later
// Several files into one summary: the stand-alone files of one run joined (their samples
// overlap in time), then every report's samples pooled and, for each figure, the percentile
// by nearest rank and the peak; configuration figures from the most recent report; the hours
// covered, and the warnings on the whole.

#include "irisize/import/metrics_import.hpp"
#include "import/metrics_readers.hpp"
#include "irisize/format.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>

#include <fmt/format.h>

namespace irisize {

using detail::metrics::busy_cores_from_percent;
using detail::metrics::note_all_times;
using std::size_t;
using std::string;

namespace {

/// The P-th percentile by the nearest-rank method: the smallest sample such that at least P%
/// of the samples are at or below it. It is always a value that was measured (no
/// interpolation between samples), and P = 100 gives the peak.
double nearest_rank(std::vector<double> values, double percentile) {
    std::sort(values.begin(), values.end());
    if (!std::isfinite(percentile))
        percentile = 100;
    percentile = std::clamp(percentile, 0.0, 100.0);
    const double n = static_cast<double>(values.size());
    // P x N / 100 in this order keeps whole products exact (95 x 20 / 100 = 19).
    auto rank = static_cast<std::ptrdiff_t>(std::ceil(percentile * n / 100.0 - 1e-9));
    rank = std::clamp<std::ptrdiff_t>(rank, 1, static_cast<std::ptrdiff_t>(values.size()));
    return values[static_cast<size_t>(rank - 1)];
}

MetricStat pool(string field, string unit, const std::vector<SystemPerformanceReport>& reports,
                MetricSeries SystemPerformanceReport::*member, double percentile) {
    MetricStat m;
    m.field = std::move(field);
    m.unit = std::move(unit);
    std::vector<double> values;
    std::vector<string> sources;
    for (const auto& r : reports) {
        const auto& s = r.*member;
        if (s.empty())
            continue;
        m.files.push_back(r.origin);
        if (std::find(sources.begin(), sources.end(), s.source) == sources.end())
            sources.push_back(s.source);
        for (const auto& x : s.samples) {
            values.push_back(x.value);
            if (!m.peak || x.value > *m.peak) {
                m.peak = x.value;
                m.peak_time = x.time;
            }
            if (!m.first || x.time < *m.first)
                m.first = x.time;
            if (!m.last || x.time > *m.last)
                m.last = x.time;
        }
    }
    for (const auto& s : sources)
        m.source += (m.source.empty() ? "" : "; ") + s;
    m.samples = values.size();
    if (!values.empty())
        m.at_percentile = nearest_rank(std::move(values), percentile);
    return m;
}

/// A configuration figure: the most recent report's value; the peak is the largest seen.
MetricStat latest(string field, string unit, const std::vector<const SystemPerformanceReport*>& by_time,
                  const std::function<std::optional<double>(const SystemPerformanceReport&)>& get,
                  const std::function<string(const SystemPerformanceReport&)>& source) {
    MetricStat m;
    m.field = std::move(field);
    m.unit = std::move(unit);
    for (const auto* r : by_time) {
        auto v = get(*r);
        if (!v)
            continue;
        m.files.push_back(r->origin);
        ++m.samples;
        m.at_percentile = v; // by_time is oldest first, so the last one wins
        m.source = source(*r);
        if (!m.peak || *v > *m.peak) {
            m.peak = v;
            m.peak_time = r->last_sample;
        }
        if (r->first_sample && (!m.first || *r->first_sample < *m.first))
            m.first = r->first_sample;
        if (r->last_sample && (!m.last || *r->last_sample > *m.last))
            m.last = r->last_sample;
    }
    return m;
}

string hours_str(double h) {
    return fmt::format("{:.1f} h", h);
}

} // namespace

std::vector<SystemPerformanceReport> combine_stand_alone(std::vector<SystemPerformanceReport> reports) {
    std::vector<SystemPerformanceReport> out;
    std::vector<SystemPerformanceReport> loose;
    for (auto& r : reports)
        (r.kind == MetricsFileKind::report || !r.joined.empty() ? out : loose).push_back(std::move(r));
    if (loose.empty())
        return out;
    // Files whose spans overlap (within an hour) belong to one run.
    std::sort(loose.begin(), loose.end(), [](const auto& a, const auto& b) {
        return a.first_sample.value_or(0) < b.first_sample.value_or(0);
    });
    constexpr std::int64_t kSlack = 3600;
    std::vector<std::vector<SystemPerformanceReport*>> groups;
    std::int64_t group_end = 0;
    for (auto& r : loose) {
        const auto first = r.first_sample.value_or(0);
        const auto last = r.last_sample.value_or(first);
        if (groups.empty() || first > group_end + kSlack) {
            groups.emplace_back();
            group_end = last;
        }
        groups.back().push_back(&r);
        group_end = std::max(group_end, last);
    }
    // CPU counts of all the stand-alone files, for a group that has none of its own.
    std::set<int> all_cpus;
    for (const auto& r : loose)
        if (r.cpus)
            all_cpus.insert(*r.cpus);
    for (auto& g : groups) {
        SystemPerformanceReport j;
        j.kind = g.front()->kind;
        j.journal_io_kib = g.front()->journal_io_kib;
        std::set<string> hosts;
        for (auto* r : g) {
            j.joined.push_back(r->origin);
            j.origin += (j.origin.empty() ? "" : " + ") + r->origin;
            for (const auto& w : r->warnings)
                j.warnings.push_back(g.size() > 1 ? r->origin + ": " + w : w);
            if (!r->hostname.empty()) {
                hosts.insert(r->hostname);
                // The mgstat file name beats the iostat banner and perfmon path.
                if (j.hostname.empty() || r->kind == MetricsFileKind::mgstat) {
                    j.hostname = r->hostname;
                    j.hostname_source = r->hostname_source;
                }
            }
            if (r->cpus && (!j.cpus || r->kind == MetricsFileKind::mgstat)) {
                j.cpus = r->cpus;
                j.cpus_source = r->cpus_source;
            }
            if (!j.global_buffers_mib && r->global_buffers_mib) {
                j.global_buffers_mib = r->global_buffers_mib;
                j.global_buffers_source = r->global_buffers_source;
            }
            if (r->journal_io_kib > 0)
                j.journal_io_kib = r->journal_io_kib;
            for (auto [to, from] : {std::pair{&j.read_iops, &r->read_iops},
                                    {&j.write_iops, &r->write_iops},
                                    {&j.journal_mibps, &r->journal_mibps},
                                    {&j.cpu_busy_percent, &r->cpu_busy_percent},
                                    {&j.device_write_iops, &r->device_write_iops},
                                    {&j.disk_iops, &r->disk_iops},
                                    {&j.disk_mibps, &r->disk_mibps}}) {
                if (from->empty())
                    continue;
                if (to->source.empty())
                    to->source = from->source;
                to->samples.insert(to->samples.end(), from->samples.begin(), from->samples.end());
            }
            j.mgstat_samples += r->mgstat_samples;
            j.vmstat_samples += r->vmstat_samples;
            j.iostat_samples += r->iostat_samples;
            j.perfmon_samples += r->perfmon_samples;
            j.vmstat_since_boot_dropped += r->vmstat_since_boot_dropped;
        }
        if (hosts.size() > 1) {
            string names;
            for (const auto& h : hosts)
                names += (names.empty() ? "" : ", ") + h;
            j.warnings.push_back(fmt::format("the files name different hosts ({}); {} is used", names, j.hostname));
        }
        if (!j.cpu_busy_percent.empty() && !j.cpus) {
            if (all_cpus.size() == 1) {
                j.cpus = *all_cpus.begin();
                j.cpus_source = "another file of this import";
            } else {
                j.warnings.push_back("CPU count not found (no mgstat numberofcpus=, iostat '(N CPU)' banner or perfmon "
                                     "per-CPU counter among the files of this run): peak_cores not measured; give "
                                     "the mgstat or iostat file of the same run too");
            }
        }
        busy_cores_from_percent(j);
        for (auto* s : {&j.read_iops, &j.write_iops, &j.journal_mibps, &j.cpu_busy_percent, &j.busy_cores,
                        &j.device_write_iops, &j.disk_iops, &j.disk_mibps})
            std::stable_sort(s->samples.begin(), s->samples.end(),
                             [](const MetricSample& a, const MetricSample& b) { return a.time < b.time; });
        note_all_times(j);
        out.push_back(std::move(j));
    }
    return out;
}

MetricsSummary summarize(const std::vector<SystemPerformanceReport>& files, double percentile) {
    const auto reports = combine_stand_alone(files);
    MetricsSummary s;
    s.percentile = percentile;
    s.method = "nearest rank: the smallest measured sample with at least P% of the samples at or below it";
    for (const auto& r : reports) {
        if (r.joined.empty())
            s.files.push_back(r.origin);
        else
            s.files.insert(s.files.end(), r.joined.begin(), r.joined.end());
    }

    s.read_iops = pool("read_iops", "IOPS", reports, &SystemPerformanceReport::read_iops, percentile);
    s.write_iops = pool("write_iops", "IOPS", reports, &SystemPerformanceReport::write_iops, percentile);
    s.journal_mibps = pool("journal_mibps", "MiB/s", reports, &SystemPerformanceReport::journal_mibps, percentile);
    s.peak_cores = pool("peak_cores", "cores", reports, &SystemPerformanceReport::busy_cores, percentile);
    s.cpu_busy_percent = pool("cpu_busy_percent", "%", reports, &SystemPerformanceReport::cpu_busy_percent, percentile);
    s.device_write_iops =
        pool("database_device_write_iops", "IOPS", reports, &SystemPerformanceReport::device_write_iops, percentile);
    s.disk_iops = pool("disk_transfers_iops", "IOPS", reports, &SystemPerformanceReport::disk_iops, percentile);
    s.disk_mibps = pool("disk_mibps", "MiB/s", reports, &SystemPerformanceReport::disk_mibps, percentile);
    for (const auto& r : reports)
        if (!r.journal_mibps.empty() && r.journal_io_kib > 0)
            s.journal_io_kib = r.journal_io_kib;

    // Oldest first (reports without samples keep their place at the front).
    std::vector<const SystemPerformanceReport*> by_time;
    for (const auto& r : reports)
        by_time.push_back(&r);
    std::stable_sort(by_time.begin(), by_time.end(), [](const auto* a, const auto* b) {
        return a->last_sample.value_or(std::numeric_limits<std::int64_t>::min()) <
               b->last_sample.value_or(std::numeric_limits<std::int64_t>::min());
    });
    s.global_buffers_gib = latest(
        "global_buffers_gib", "GiB", by_time,
        [](const SystemPerformanceReport& r) {
            return r.global_buffers_mib ? std::optional<double>(*r.global_buffers_mib / 1024.0) : std::nullopt;
        },
        [](const SystemPerformanceReport& r) { return r.global_buffers_source; });
    s.size_gib = latest(
        "size_gib", "GiB", by_time, [](const SystemPerformanceReport& r) { return r.database_size_gib; },
        [](const SystemPerformanceReport& r) { return r.database_size_source; });
    for (const auto* r : by_time) {
        if (r->cpus)
            s.cpus = r->cpus;
        if (r->memory_mib)
            s.memory_gib = *r->memory_mib / 1024.0;
        if (!r->hostname.empty())
            s.hostname = r->hostname;
    }

    for (const auto& r : reports) {
        for (const auto& w : r.warnings)
            s.warnings.push_back(r.origin + ": " + w);
        s.mgstat_samples += r.mgstat_samples;
        s.vmstat_samples += r.vmstat_samples;
        s.iostat_samples += r.iostat_samples;
        s.perfmon_samples += r.perfmon_samples;
        if (r.first_sample && (!s.first || *r.first_sample < *s.first))
            s.first = r.first_sample;
        if (r.last_sample && (!s.last || *r.last_sample > *s.last))
            s.last = r.last_sample;
    }

    // Hours covered: the union of each report's first-to-last span (overlapping reports of
    // the same period count once).
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    for (const auto& r : reports)
        if (r.first_sample && r.last_sample)
            spans.emplace_back(*r.first_sample, *r.last_sample);
    std::sort(spans.begin(), spans.end());
    std::int64_t covered = 0;
    std::optional<std::pair<std::int64_t, std::int64_t>> run;
    for (const auto& sp : spans) {
        if (run && sp.first <= run->second) {
            run->second = std::max(run->second, sp.second);
            continue;
        }
        if (run)
            covered += run->second - run->first;
        run = sp;
    }
    if (run)
        covered += run->second - run->first;
    s.covered_hours = static_cast<double>(covered) / 3600.0;

    // Notes on the whole.
    {
        std::set<double> seen;
        for (const auto& r : reports)
            if (r.global_buffers_mib)
                seen.insert(*r.global_buffers_mib);
        if (seen.size() > 1 && s.global_buffers_gib.at_percentile)
            s.warnings.push_back(fmt::format("global buffers differ between the reports; the most recent, {} GiB, is "
                                             "used",
                                             *s.global_buffers_gib.at_percentile));
    }
    // Below 8 hours the run cannot hold a whole working day, whose busy hours (morning clinics,
    // end-of-day batch) give the peak that sizing is about; a standard 24-hour run has ~24 h.
    if (s.covered_hours < kFullWorkingDayHours)
        s.warnings.push_back(fmt::format("low confidence: the samples cover only {} (less than a working day of "
                                         "{:.0f} h); the daily peak may be missing, collect a 24-hour run",
                                         hours_str(s.covered_hours), kFullWorkingDayHours));
    for (const MetricStat* m : {&s.read_iops, &s.write_iops, &s.journal_mibps, &s.peak_cores, &s.global_buffers_gib})
        if (!m->has_value())
            s.warnings.push_back(fmt::format("database.{} not measured in any report: give it in the workload, or "
                                             "give users.concurrent for a profile estimate",
                                             m->field));
    if (s.journal_mibps.has_value() && s.journal_io_kib > 0)
        s.warnings.push_back(fmt::format("journal_mibps is an estimate: mgstat Jrnwrts counts journal writes, taken "
                                         "as {} KiB each (data/sizing.json journal_io_kib), while a journal write "
                                         "is 4 KiB to 4 MiB; check it against the journal disk's iostat wkB/s",
                                         num(s.journal_io_kib)));
    if (!s.size_gib.has_value())
        s.warnings.push_back("database.size_gib is not in the report(s): add the database size (GiB) to the "
                             "workload before sizing");
    else
        s.warnings.push_back(fmt::format("database.size_gib {:.1f} GiB is the {}; check it", *s.size_gib.at_percentile,
                                         s.size_gib.source));
    return s;
}

} // namespace irisize
