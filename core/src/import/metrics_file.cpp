// SPDX-License-Identifier: GPL-3.0-or-later
// One metrics file of any kind: its kind told from its first lines (never from its name),
// then the report reader (metrics_report.cpp) or the stand-alone reader of mgstat, vmstat,
// iostat or perfmon; and the last steps every reading shares: the host name chosen among the
// places that name it, busy cores from the busy percent once the CPU count is known, and the
// span of the samples.

#include "irisize/import/metrics_import.hpp"
#include "import/metrics_readers.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace irisize {

namespace detail::metrics {

namespace {

void note_times(SystemPerformanceReport& r, const MetricSeries& s) {
    for (const auto& x : s.samples) {
        if (!r.first_sample || x.time < *r.first_sample)
            r.first_sample = x.time;
        if (!r.last_sample || x.time > *r.last_sample)
            r.last_sample = x.time;
    }
}

} // namespace

void resolve_hostname(Parse& p) {
    const std::pair<const string*, const char*> order[] = {
        {&p.host_machine_line, "\"on machine\" line"},
        {&p.host_windows_info, "Windows info Host Name"},
        {&p.host_mgstat_file, "mgstat file name"},
        {&p.host_perfmon, "perfmon counter path"},
        {&p.host_iostat, "iostat banner"},
    };
    for (const auto& [host, where] : order)
        if (!host->empty()) {
            p.r.hostname = *host;
            p.r.hostname_source = where;
            return;
        }
}

void busy_cores_from_percent(SystemPerformanceReport& r) {
    if (r.cpu_busy_percent.empty() || !r.cpus || !r.busy_cores.empty())
        return;
    const bool perfmon = r.cpu_busy_percent.source.rfind("perfmon", 0) == 0;
    r.busy_cores.source = perfmon ? fmt::format("perfmon % Processor Time / 100 x {} CPUs", *r.cpus)
                                  : fmt::format("vmstat (us + sy) / 100 x {} CPUs", *r.cpus);
    for (const auto& s : r.cpu_busy_percent.samples)
        r.busy_cores.samples.push_back({s.time, s.value / 100.0 * *r.cpus});
}

void note_all_times(SystemPerformanceReport& r) {
    r.first_sample.reset();
    r.last_sample.reset();
    for (const auto* s : {&r.read_iops, &r.write_iops, &r.journal_mibps, &r.cpu_busy_percent, &r.device_write_iops,
                          &r.disk_iops, &r.disk_mibps})
        note_times(r, *s);
}

namespace {

/// What kind of file `text` is (CR LF already made LF). Empty when none: `why` says so.
std::optional<MetricsFileKind> detect_kind(string_view text, string& why) {
    size_t line_no = 0;
    size_t first_line = 0;
    string_view first_text;
    size_t nonempty = 0;
    for (auto raw : split(text.substr(0, std::min<size_t>(text.size(), 64 * 1024)), '\n')) {
        ++line_no;
        auto l = trim(raw);
        if (l.empty())
            continue;
        if (++nonempty > 60)
            break;
        if (first_line == 0) {
            first_line = line_no;
            first_text = l;
            if (l.front() == '<')
                return MetricsFileKind::report;
            if (istarts_with(l, "\"(PDH-CSV") || istarts_with(l, "(PDH-CSV"))
                return MetricsFileKind::perfmon;
        }
        if (ifind(l, "<html") != npos || ifind(l, "<pre") != npos || ifind(l, "<!-- beg_") != npos)
            return MetricsFileKind::report;
        if (is_mgstat_header(mgstat_fields(l)))
            return MetricsFileKind::mgstat;
        auto t = split_ws(l);
        size_t first = 0;
        if (t.size() >= 2 && parse_date(t[0]) && parse_time(t[1]))
            first = 2;
        if (first < t.size() && t[first] == "r" && std::find(t.begin(), t.end(), "us") != t.end() &&
            std::find(t.begin(), t.end(), "sy") != t.end())
            return MetricsFileKind::vmstat;
        if (first < t.size() && t[first] == "procs")
            return MetricsFileKind::vmstat;
        if ((t[0] == "Linux" || t[0] == "AIX") && ifind(l, "CPU)") != npos)
            return MetricsFileKind::iostat;
        if (istarts_with(t[0], "Device") &&
            std::any_of(t.begin(), t.end(), [](string_view c) { return iequals(c, "w/s"); }))
            return MetricsFileKind::iostat;
    }
    if (first_line == 0)
        why = "is empty: expected a ^SystemPerformance report or an mgstat, vmstat, iostat or perfmon file";
    else
        why = fmt::format(
            "line {}: '{}' is not a file import-metrics reads; expected an HTML ^SystemPerformance or ^pButtons "
            "report, an mgstat CSV header 'Date, Time, Glorefs, ..., PhyRds, ...', a vmstat header 'r b swpd free "
            "... us sy id wa', an iostat -x report (a 'Linux ... (N CPU)' banner or a 'Device ... w/s' header) or a "
            "perfmon CSV header '\"(PDH-CSV 4.0) ...'",
            first_line, excerpt(first_text));
    return std::nullopt;
}

Result<SystemPerformanceReport> parse_stand_alone(const string& doc, MetricsFileKind kind, const string& origin,
                                                  double journal_io_kib) {
    SystemPerformanceReport r;
    r.origin = origin;
    r.kind = kind;
    r.journal_io_kib = journal_io_kib;
    Parse p{r, journal_io_kib, {}, {}, {}, {}, {}, true, {}, {}, {}, {}, {}, {}};
    Fenced whole;
    whole.found = true;
    whole.closed = true;
    whole.text = doc;
    whole.first_line = 1;
    switch (kind) {
    case MetricsFileKind::mgstat:
        parse_mgstat(whole, p);
        if (p.cpus_mgstat) {
            r.cpus = p.cpus_mgstat;
            r.cpus_source = "mgstat numberofcpus";
        }
        if (p.mgstat_globals_mib && *p.mgstat_globals_mib > 0) {
            r.global_buffers_mib = p.mgstat_globals_mib;
            r.global_buffers_source = fmt::format("mgstat file line globalbuffers= ({} MB)", *p.mgstat_globals_mib);
        }
        break;
    case MetricsFileKind::vmstat:
        parse_vmstat(whole, p);
        break;
    case MetricsFileKind::iostat: {
        auto io = parse_iostat(doc, p);
        iostat_all_disks(io, p);
        if (p.cpus_iostat) {
            r.cpus = p.cpus_iostat;
            r.cpus_source = "iostat banner";
        }
        break;
    }
    case MetricsFileKind::perfmon:
        parse_perfmon(whole, p);
        if (p.cpus_perfmon) {
            r.cpus = p.cpus_perfmon;
            r.cpus_source = "perfmon per-CPU counters";
        }
        break;
    case MetricsFileKind::report:
        break;
    }
    resolve_hostname(p);
    busy_cores_from_percent(r);
    note_all_times(r);
    if (r.mgstat_samples + r.vmstat_samples + r.iostat_samples + r.perfmon_samples == 0) {
        string why = fmt::format("holds no {} sample", to_string(kind));
        if (!p.first_problem.empty())
            why += ": " + p.first_problem;
        return Error{origin, why};
    }
    return r;
}

} // namespace

} // namespace detail::metrics

using namespace detail::metrics;

// --- one file -----------------------------------------------------------------------------

const char* to_string(MetricsFileKind kind) {
    switch (kind) {
    case MetricsFileKind::report:
        return "report";
    case MetricsFileKind::mgstat:
        return "mgstat";
    case MetricsFileKind::vmstat:
        return "vmstat";
    case MetricsFileKind::iostat:
        return "iostat";
    case MetricsFileKind::perfmon:
        return "perfmon";
    }
    return "report";
}

Result<MetricsFileKind> detect_metrics_file(string_view text, const string& origin) {
    string why;
    auto kind = detect_kind(lf_only(text.substr(0, std::min<size_t>(text.size(), 64 * 1024))), why);
    if (!kind)
        return Error{origin, why};
    return *kind;
}

Result<SystemPerformanceReport> parse_system_performance(string_view html, const string& origin,
                                                         double journal_io_kib) {
    if (!(journal_io_kib > 0))
        return Error{"journal_io_kib", fmt::format("must be greater than 0, found {}", journal_io_kib)};
    // One kind of line end from here on.
    string doc = lf_only(html);
    string kind_problem;
    const auto kind = detect_kind(doc, kind_problem);
    if (!kind)
        return Error{origin, kind_problem};
    if (*kind != MetricsFileKind::report)
        return parse_stand_alone(doc, *kind, origin, journal_io_kib);
    return parse_report(std::move(doc), origin, journal_io_kib);
}

} // namespace irisize
