// SPDX-License-Identifier: GPL-3.0-or-later
// mgstat, the IRIS collector of global and disk activity: its file line (host, CPUs, global
// buffers), its column header found by name, and its rows as PhyRds, PhyWrs and Jrnwrts
// series. The same reader takes the section of a report, the stand-alone .mgst CSV and a
// terminal capture of ^mgstat or dsp132^mgstat (blank-separated, headers repeated).

#include "import/metrics_readers.hpp"
#include "irisize/format.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace irisize::detail::metrics {

namespace {

/// The mgstat file line: `FILE,MGSTATv2.9a,wdcycle=..,globalbuffers=..,numberofcpus=..`. FILE is
/// `HOST_INSTANCE_DATE_TIME_PROFILE.mgst` in older reports; 2023 and later reports write a log
/// path there instead, which names no host.
void parse_mgstat_info(string_view line, Parse& p) {
    auto fields = split(line, ',');
    if (!fields.empty()) {
        auto file = trim(fields[0]);
        if (auto slash = file.find_last_of("/\\"); slash != npos)
            file.remove_prefix(slash + 1);
        if (auto us = file.find('_'); us != npos && us > 0 && ifind(file, ".mgst") != npos)
            p.host_mgstat_file = string(file.substr(0, us));
    }
    for (auto f : fields) {
        auto eq = f.find('=');
        if (eq == npos)
            continue;
        auto key = lower(trim(f.substr(0, eq)));
        auto value = trim(f.substr(eq + 1));
        if (key == "globalbuffers") {
            double sum = 0;
            bool any = false;
            // "0MB:0MB:18432MB:0MB:0MB:0MB", or "18432MB:0^0^18432^0^0^0" (total, then the pools).
            auto parts = split(value, ':');
            if (parts.size() == 2 && parts[1].find('^') != npos)
                parts.resize(1);
            for (auto part : parts)
                if (auto mb = size_mib(part)) {
                    sum += *mb;
                    any = true;
                }
            if (any)
                p.mgstat_globals_mib = sum;
        } else if (key == "numberofcpus") {
            if (auto n = leading_int(value); n && *n > 0)
                p.cpus_mgstat = *n;
        }
    }
}

} // namespace

/// A data line's fields: comma separated (the .mgst file, the report, dsp132^mgstat), else
/// separated by blanks (a terminal capture without commas).
std::vector<string_view> mgstat_fields(string_view line) {
    if (line.find(',') != npos) {
        auto f = split(line, ',');
        for (auto& x : f)
            x = trim(x);
        return f;
    }
    return split_ws(line);
}

bool is_mgstat_header(const std::vector<string_view>& fields) {
    if (fields.size() < 3 || !iequals(fields[0], "Date"))
        return false;
    return std::any_of(fields.begin(), fields.end(), [](string_view f) {
        return iequals(f, "Glorefs") || iequals(f, "PhyRds") || iequals(f, "PhyWrs") || iequals(f, "Jrnwrts");
    });
}

void parse_mgstat(const Fenced& block, Parse& p) {
    auto& r = p.r;
    std::vector<string> columns;
    std::optional<size_t> rds;
    std::optional<size_t> wrs;
    std::optional<size_t> jrn;
    size_t short_rows = 0;
    size_t bad_values = 0;
    size_t line_no = block.first_line - 1;
    string first_bad;
    for (auto raw_line : split(block.text, '\n')) {
        ++line_no;
        auto line = trim(raw_line);
        if (line.empty())
            continue;
        if (line.find("MGSTAT") != npos || ifind(line, ".mgst,") != npos || ifind(line, "numberofcpus=") != npos) {
            parse_mgstat_info(line, p);
            continue;
        }
        auto fields = mgstat_fields(line);
        if (!fields.empty() && iequals(fields[0], "Date")) {
            columns.clear();
            for (auto f : fields)
                columns.push_back(lower(f));
            auto find = [&](string_view name) -> std::optional<size_t> {
                auto it = std::find(columns.begin(), columns.end(), lower(name));
                return it == columns.end() ? std::nullopt : std::optional<size_t>(it - columns.begin());
            };
            rds = find("PhyRds");
            wrs = find("PhyWrs");
            jrn = find("Jrnwrts");
            continue;
        }
        auto day = fields.empty() ? std::nullopt : parse_date(fields[0]);
        if (!day)
            continue; // a title line, a prompt, a separator
        if (columns.empty()) {
            ++short_rows;
            p.problem(line_no, "a data row before the mgstat column header 'Date, Time, Glorefs, ...'");
            continue;
        }
        // A row with fewer fields than the header is the cut-off end of a truncated file.
        if (fields.size() < 2 || fields.size() < columns.size()) {
            ++short_rows;
            p.problem(line_no, fmt::format("{} fields where the mgstat header has {}", fields.size(), columns.size()));
            continue;
        }
        auto secs = parse_time(fields[1]);
        if (!secs) {
            ++bad_values;
            p.problem(line_no, fmt::format("Time '{}' is not a time HH:MM:SS", fields[1]));
            if (first_bad.empty())
                first_bad = fmt::format("line {}: Time '{}'", line_no, fields[1]);
            continue;
        }
        const auto t = stamp(*day, *secs);
        auto take = [&](std::optional<size_t> col, MetricSeries& s, double scale, string_view name) {
            if (!col)
                return;
            if (auto v = number(fields[*col]); v && *v >= 0) {
                s.samples.push_back({t, *v * scale});
            } else {
                ++bad_values;
                if (first_bad.empty())
                    first_bad = fmt::format("line {}: {} '{}'", line_no, name, fields[*col]);
            }
        };
        take(rds, r.read_iops, 1, "PhyRds");
        take(wrs, r.write_iops, 1, "PhyWrs");
        take(jrn, r.journal_mibps, p.journal_io_kib / 1024.0, "Jrnwrts"); // journal writes per second -> MiB/s
        ++r.mgstat_samples;
    }
    r.read_iops.source = "mgstat PhyRds";
    r.write_iops.source = "mgstat PhyWrs";
    r.journal_mibps.source =
        fmt::format("mgstat Jrnwrts x {} KiB per journal write (an estimate: journal writes vary in size)",
                    num(p.journal_io_kib));
    if (columns.empty()) {
        p.warn("mgstat block has no 'Date, Time, ...' column header: no mgstat figures");
        p.problem(block.first_line, "expected the mgstat column header 'Date, Time, Glorefs, ..., PhyRds, ...'");
    } else {
        if (!rds)
            p.warn("mgstat has no PhyRds column: read_iops not measured");
        if (!wrs)
            p.warn("mgstat has no PhyWrs column: write_iops not measured");
        if (!jrn)
            p.warn("mgstat has no Jrnwrts column: journal_mibps not measured");
    }
    if (!block.closed)
        p.warn(fmt::format("mgstat block has no end marker (file cut off?): {} complete rows kept", r.mgstat_samples));
    if (short_rows > 0)
        p.warn(fmt::format("mgstat: {} incomplete row(s) skipped", short_rows));
    if (bad_values > 0)
        p.warn(fmt::format("mgstat: {} value(s) that are not numbers skipped (first: {})", bad_values, first_bad));
}

} // namespace irisize::detail::metrics
