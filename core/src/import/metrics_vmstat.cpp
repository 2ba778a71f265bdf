// SPDX-License-Identifier: GPL-3.0-or-later
// vmstat: the CPU busy percent (us + sy) of every sample, with the time stamp before the row
// (a report's section) or after it (vmstat -t), the columns found by name (Linux or AIX), and
// the since-boot line of each run left out.

#include "import/metrics_readers.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace irisize::detail::metrics {

namespace {

/// "2023-10-17 09:00:00" at the end of a `vmstat -t` line.
std::optional<std::int64_t> trailing_timestamp(const std::vector<string_view>& tokens) {
    if (tokens.size() < 3)
        return std::nullopt;
    auto d = parse_date(tokens[tokens.size() - 2]);
    auto secs = parse_time(tokens.back());
    if (!d || !secs)
        return std::nullopt;
    return stamp(*d, *secs);
}

} // namespace

// vmstat's first data line is the average since boot, not a measured interval: it is left out.
// vmstat started once prints it once, also when it repeats its header every screenful; a header
// block starts a new run (and a new since-boot line) when the block before it was shorter than
// the regular screenful, or when the time stamps go back or jump by more than twice the interval.
void parse_vmstat(const Fenced& block, Parse& p) {
    auto& r = p.r;
    // Positions among the columns after date and time; the classic Linux order by default.
    std::vector<string> header = {"r",  "b",  "swpd", "free", "buff", "cache", "si", "so", "bi",
                                  "bo", "in", "cs",   "us",   "sy",   "id",    "wa", "st"};
    size_t short_rows = 0;
    size_t bad_rows = 0;
    size_t untimed = 0;
    // The first "us" and the "sy" after it: AIX vmstat also has an "sy" (system calls) among
    // its faults columns, before the CPU ones.
    // (Plain indexes with npos for "none": GCC 12 misreads optionals here.)
    auto column = [&](string_view name, size_t from) -> size_t {
        if (from >= header.size())
            return npos;
        auto it = std::find(header.begin() + static_cast<std::ptrdiff_t>(from), header.end(), name);
        return it == header.end() ? npos : static_cast<size_t>(it - header.begin());
    };
    size_t us = column("us", 0);
    size_t sy = us == npos ? npos : column("sy", us + 1);
    size_t headers = 0;           // header lines seen
    size_t rows_in_block = 0;     // data rows since the last header
    size_t screenful = 0;         // rows between the first two headers
    bool boot_pending = true;     // the next data row is a since-boot line
    bool block_start = false;     // the next data row is the first after a header
    std::int64_t last_time = 0;
    std::int64_t last_interval = 0;
    bool have_last = false;
    size_t line_no = block.first_line - 1;
    for (auto line : split(block.text, '\n')) {
        ++line_no;
        auto tokens = split_ws(line);
        if (tokens.empty())
            continue;
        size_t first = 0;
        size_t end = tokens.size();
        std::optional<std::int64_t> t;
        if (tokens.size() >= 2) {
            auto day = parse_date(tokens[0]);
            auto secs = parse_time(tokens[1]);
            if (day && secs) {
                t = stamp(*day, *secs);
                first = 2;
            }
        }
        const bool is_header = first < end && tokens[first] == "r" &&
                               std::find(tokens.begin(), tokens.end(), "us") != tokens.end();
        if (is_header) {
            header.clear();
            for (size_t i = first; i < end; ++i)
                header.push_back(lower(tokens[i]));
            // vmstat -t: the time stamp column is headed by the time zone ("UTC", "CET").
            if (!header.empty() && header.back() != "st" && header.back() != "wa" && header.back() != "gu" &&
                std::all_of(header.back().begin(), header.back().end(),
                            [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
                header.pop_back();
            us = column("us", 0);
            sy = us == npos ? npos : column("sy", us + 1);
            ++headers;
            if (headers == 2)
                screenful = rows_in_block;
            else if (headers > 2 && rows_in_block < screenful)
                boot_pending = true; // the run before ended short of a screenful: vmstat was started again
            rows_in_block = 0;
            block_start = true;
            continue;
        }
        // The "procs ---memory---" banner and other text, also when a time stamp precedes it.
        if (first >= end || !number(tokens[first]))
            continue;
        if (!t) {
            if (auto tt = trailing_timestamp(tokens)) {
                t = tt;
                end -= 2;
            }
        }
        ++rows_in_block;
        if (block_start && have_last && t) {
            // Time going back, or a jump of more than twice the interval: a new vmstat run.
            if (*t < last_time || (last_interval > 0 && *t - last_time > 2 * last_interval))
                boot_pending = true;
        }
        block_start = false;
        if (boot_pending) {
            boot_pending = false;
            ++r.vmstat_since_boot_dropped;
            if (t) {
                last_time = *t;
                have_last = true;
                last_interval = 0;
            }
            continue;
        }
        if (!t) {
            ++untimed;
            p.problem(line_no, "a vmstat row without a time stamp (expected the date and time before the row, or "
                               "at its end as vmstat -t writes it)");
            continue;
        }
        const size_t n = end - first;
        if (n < header.size()) {
            ++short_rows;
            p.problem(line_no, fmt::format("{} vmstat columns where the header has {}", n, header.size()));
            continue;
        }
        if (us == npos || sy == npos) {
            ++bad_rows;
            continue;
        }
        auto u = number(tokens[first + us]);
        auto s = number(tokens[first + sy]);
        if (!u || !s) {
            ++bad_rows;
            p.problem(line_no, fmt::format("us '{}' / sy '{}' are not numbers", tokens[first + us], tokens[first + sy]));
            continue;
        }
        if (have_last && *t > last_time)
            last_interval = *t - last_time;
        last_time = *t;
        have_last = true;
        r.cpu_busy_percent.samples.push_back({*t, *u + *s});
        ++r.vmstat_samples;
    }
    r.cpu_busy_percent.source = "vmstat us + sy";
    if (us == npos || sy == npos) {
        p.warn("vmstat header has no us/sy columns: CPU not measured");
        p.problem(block.first_line, "expected the vmstat header 'r b swpd free ... us sy id wa'");
    }
    if (!block.closed)
        p.warn(fmt::format("vmstat block has no end marker (file cut off?): {} complete rows kept", r.vmstat_samples));
    if (short_rows > 0)
        p.warn(fmt::format("vmstat: {} incomplete row(s) skipped", short_rows));
    if (bad_rows > 0)
        p.warn(fmt::format("vmstat: {} row(s) without readable us/sy skipped", bad_rows));
    if (untimed > 0)
        p.warn(fmt::format("vmstat: {} row(s) without a time stamp skipped (run vmstat -t)", untimed));
}

} // namespace irisize::detail::metrics
