// SPDX-License-Identifier: GPL-3.0-or-later
// Windows perfmon CSV, in a report or on its own: the counter paths of its header (host,
// object, instance, counter), processor time as the busy percent, and PhysicalDisk transfers
// and bytes per second as a cross-check of the database IOPS and throughput. Its lines are
// split by the core's CSV reader (detail/csv_reader.hpp), forgiving stray quotes.

#include "import/metrics_readers.hpp"

#include <algorithm>
#include <cctype>
#include <new>
#include <set>

#include <fmt/format.h>

#include "irisize/detail/csv_reader.hpp"

namespace irisize::detail::metrics {

namespace {

/// The fields of one line, blanks trimmed ("a","b,c","" -> a | b,c | empty). Read forgivingly,
/// a line at a time: a quote left open (a line cut off) closes at the end of its line, and a
/// stray quote is kept as text rather than refusing the export.
std::vector<string> csv_fields(string_view line) {
    static constexpr CsvOptions kPerfmon{.trim_blanks = true, .lenient_quotes = true};
    auto fields = split_csv_record(line, kPerfmon);
    if (!fields) // lenient: only libcsv running out of memory stops it
        throw std::bad_alloc();
    for (auto& f : *fields)
        f = string(trim(f)); // and other white space inside the quotes too
    return std::move(fields).value();
}

/// A perfmon counter path `\\HOST\Object(instance)\Counter`, split.
struct CounterPath {
    string host, object, instance, counter;
};

std::optional<CounterPath> counter_path(string_view s) {
    s = trim(s);
    if (s.size() < 4 || s[0] != '\\' || s[1] != '\\')
        return std::nullopt;
    s.remove_prefix(2);
    auto slash = s.find('\\');
    if (slash == npos)
        return std::nullopt;
    CounterPath c;
    c.host = string(s.substr(0, slash));
    auto rest = s.substr(slash + 1);
    auto last = rest.rfind('\\');
    if (last == npos)
        return std::nullopt;
    c.counter = string(rest.substr(last + 1));
    auto obj = rest.substr(0, last);
    if (auto open = obj.find('('); open != npos && obj.back() == ')') {
        c.instance = string(obj.substr(open + 1, obj.size() - open - 2));
        obj = obj.substr(0, open);
    }
    c.object = string(obj);
    return c;
}

} // namespace

/// Windows perfmon CSV: `"(PDH-CSV 4.0) (Coordinated Universal Time)(0)","\\HOST\Processor(_Total)\%
/// Processor Time",...` then one quoted row per sample. Processor time gives the busy percent
/// (busy cores once the CPU count is known); PhysicalDisk Disk Transfers/sec and Disk Bytes/sec
/// are kept as a cross-check of the database IOPS and throughput.
void parse_perfmon(const Fenced& block, Parse& p) {
    auto& r = p.r;
    // Plain indexes with npos for "none" (see parse_vmstat).
    size_t cpu_total = npos;
    std::vector<size_t> cpu_each;
    size_t xfer_total = npos;
    size_t bytes_total = npos;
    std::vector<size_t> xfer_each;
    std::vector<size_t> bytes_each;
    size_t columns = 0;
    size_t short_rows = 0;
    size_t bad_times = 0;
    size_t line_no = block.first_line - 1;
    for (auto raw : split(block.text, '\n')) {
        ++line_no;
        auto line = trim(raw);
        if (line.empty())
            continue;
        auto f = csv_fields(line);
        if (istarts_with(f[0], "(PDH-CSV")) {
            columns = f.size();
            cpu_total = xfer_total = bytes_total = npos;
            cpu_each.clear();
            xfer_each.clear();
            bytes_each.clear();
            std::set<string> cpus;
            for (size_t i = 1; i < f.size(); ++i) {
                auto c = counter_path(f[i]);
                if (!c)
                    continue;
                if (p.host_perfmon.empty() && !c->host.empty())
                    p.host_perfmon = c->host;
                if (iequals(c->object, "Processor") && iequals(c->counter, "% Processor Time")) {
                    if (iequals(c->instance, "_Total"))
                        cpu_total = i;
                    else if (!c->instance.empty() &&
                             std::all_of(c->instance.begin(), c->instance.end(),
                                         [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
                        cpu_each.push_back(i);
                        cpus.insert(c->instance);
                    }
                } else if (iequals(c->object, "PhysicalDisk")) {
                    const bool total = iequals(c->instance, "_Total");
                    if (iequals(c->counter, "Disk Transfers/sec"))
                        total ? void(xfer_total = i) : xfer_each.push_back(i);
                    else if (iequals(c->counter, "Disk Bytes/sec"))
                        total ? void(bytes_total = i) : bytes_each.push_back(i);
                }
            }
            if (!cpus.empty())
                p.cpus_perfmon = static_cast<int>(cpus.size());
            if (cpu_total == npos && cpu_each.empty()) {
                p.warn(fmt::format("perfmon line {}: no \\Processor(_Total)\\% Processor Time counter: CPU not "
                                   "measured",
                                   line_no));
                p.problem(line_no, "expected a '\\\\HOST\\Processor(_Total)\\% Processor Time' counter in the "
                                   "perfmon header");
            }
            continue;
        }
        if (columns == 0) {
            if (!f.empty() && parse_date(split_ws(f[0]).empty() ? string_view() : split_ws(f[0])[0]))
                p.problem(line_no, "a perfmon row before the '\"(PDH-CSV 4.0) ...' header");
            continue;
        }
        if (f.size() < columns) {
            ++short_rows;
            p.problem(line_no, fmt::format("{} fields where the perfmon header has {}", f.size(), columns));
            continue;
        }
        auto when = split_ws(f[0]);
        std::optional<std::int64_t> day = when.size() == 2 ? parse_date(when[0]) : std::nullopt;
        std::optional<int> secs = when.size() == 2 ? parse_time(when[1]) : std::nullopt;
        if (!day || !secs) {
            ++bad_times;
            p.problem(line_no, fmt::format("'{}' is not a perfmon time stamp MM/DD/YYYY HH:MM:SS.mmm", f[0]));
            continue;
        }
        const auto t = stamp(*day, *secs);
        // One column, or the sum (mean for CPUs) of the instances; blank values (" ") are skipped.
        auto value = [&](size_t total, const std::vector<size_t>& each, bool mean) -> std::optional<double> {
            if (total != npos)
                return number(f[total]);
            double sum = 0;
            size_t n = 0;
            for (auto i : each)
                if (auto v = number(f[i])) {
                    sum += *v;
                    ++n;
                }
            if (n == 0)
                return std::nullopt;
            return mean ? sum / static_cast<double>(n) : sum;
        };
        bool any = false;
        if (auto v = value(cpu_total, cpu_each, true); v && *v >= 0) {
            r.cpu_busy_percent.samples.push_back({t, *v});
            any = true;
        }
        if (auto v = value(xfer_total, xfer_each, false); v && *v >= 0) {
            r.disk_iops.samples.push_back({t, *v});
            any = true;
        }
        if (auto v = value(bytes_total, bytes_each, false); v && *v >= 0) {
            r.disk_mibps.samples.push_back({t, *v / (1024.0 * 1024.0)});
            any = true;
        }
        if (any)
            ++r.perfmon_samples;
    }
    r.cpu_busy_percent.source = cpu_total != npos ? "perfmon Processor(_Total) % Processor Time"
                                                  : "perfmon % Processor Time, mean of the CPUs";
    r.disk_iops.source = xfer_total != npos ? "perfmon PhysicalDisk(_Total) Disk Transfers/sec"
                                            : "perfmon PhysicalDisk Disk Transfers/sec, all disks summed";
    r.disk_mibps.source = bytes_total != npos ? "perfmon PhysicalDisk(_Total) Disk Bytes/sec"
                                              : "perfmon PhysicalDisk Disk Bytes/sec, all disks summed";
    if (columns == 0) {
        p.warn("perfmon block has no '\"(PDH-CSV 4.0) ...' header: no perfmon figures");
        p.problem(block.first_line, "expected the perfmon header '\"(PDH-CSV 4.0) (...)(0)\",\"\\\\HOST\\...'");
    }
    if (short_rows > 0)
        p.warn(fmt::format("perfmon: {} incomplete row(s) skipped", short_rows));
    if (bad_times > 0)
        p.warn(fmt::format("perfmon: {} row(s) without a readable time stamp skipped", bad_times));
}

} // namespace irisize::detail::metrics
