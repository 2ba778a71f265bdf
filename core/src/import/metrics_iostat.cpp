// SPDX-License-Identifier: GPL-3.0-or-later
// iostat -x: the w/s of each device per time-stamped sample (host and CPU count from the
// banner, old "Time:" lines dated by it), the iostat name of a df filesystem's device, and,
// for a stand-alone iostat file that no CPF or df accompanies, the writes of every whole disk.

#include "import/metrics_readers.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace irisize::detail::metrics {

/// The iostat device name of a df filesystem device: /dev/sdb1 -> sdb1 or its disk sdb,
/// /dev/nvme1n1p2 -> nvme1n1p2 or nvme1n1. Empty when iostat shows neither.
string iostat_device(const string& fs_device, const std::set<string>& shown) {
    auto slash = fs_device.rfind('/');
    string base = slash == string::npos ? fs_device : fs_device.substr(slash + 1);
    if (shown.count(base))
        return base;
    string disk = base;
    if (auto p = disk.rfind('p'); (disk.rfind("nvme", 0) == 0 || disk.rfind("mmcblk", 0) == 0) && p != string::npos &&
                                  p + 1 < disk.size() &&
                                  std::all_of(disk.begin() + static_cast<std::ptrdiff_t>(p) + 1, disk.end(),
                                              [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        disk.erase(p);
    else
        while (!disk.empty() && std::isdigit(static_cast<unsigned char>(disk.back())))
            disk.pop_back();
    if (!disk.empty() && disk != base && shown.count(disk))
        return disk;
    return {};
}

std::vector<IostatSample> parse_iostat(string_view text, Parse& p) {
    std::vector<IostatSample> out;
    std::optional<std::int64_t> now;
    std::optional<std::int64_t> banner_day; // date of the "Linux ... (host) 11/22/2021" line
    std::optional<int> last_clock;          // for "Time: hh:mm:ss" lines, to roll over midnight
    std::vector<string> columns;
    std::optional<size_t> wcol;
    bool in_devices = false;
    for (auto line : lines_of(text)) {
        auto t = split_ws(line);
        if (t.empty()) {
            in_devices = false;
            continue;
        }
        if (t[0] == "Linux" || t[0] == "AIX") {
            // "Linux 5.15.0-86-generic (irisdb02) \t03/11/2024 \t_x86_64_\t(8 CPU)"
            if (auto o = line.find('('); o != npos)
                if (auto c = line.find(')', o); c != npos && ifind(line.substr(o, c - o), "CPU") == npos)
                    p.host_iostat = string(trim(line.substr(o + 1, c - o - 1)));
            auto open = line.rfind('(');
            if (open != npos && ifind(line.substr(open), "CPU") != npos)
                if (auto n = leading_int(line.substr(open)); n && *n > 0)
                    p.cpus_iostat = *n;
            for (auto tok : t)
                if (auto d = parse_date(tok)) {
                    banner_day = d;
                    break;
                }
            continue;
        }
        if (auto ts = timestamp_line(line)) {
            now = ts;
            in_devices = false;
            continue;
        }
        // Older sysstat: "Time: 04:15:01 PM", the date only in the banner.
        if (t[0] == "Time:" && t.size() >= 2 && banner_day) {
            if (auto ts = timestamp_line(fmt::format("01/01/1970 {} {}", t[1], t.size() >= 3 ? t[2] : ""))) {
                const int clock = static_cast<int>(*ts);
                if (last_clock && clock < *last_clock)
                    ++*banner_day;
                last_clock = clock;
                now = stamp(*banner_day, clock);
            }
            in_devices = false;
            continue;
        }
        if (istarts_with(t[0], "Device")) {
            columns.clear();
            for (auto c : t) {
                string name = lower(c);
                if (!name.empty() && name.back() == ':')
                    name.pop_back();
                columns.push_back(name);
            }
            auto it = std::find(columns.begin(), columns.end(), "w/s");
            wcol = it == columns.end() ? std::nullopt : std::optional<size_t>(it - columns.begin());
            out.push_back({now, {}});
            in_devices = true;
            continue;
        }
        if (istarts_with(t[0], "avg-cpu")) {
            in_devices = false;
            continue;
        }
        if (!in_devices || !wcol || t.size() < columns.size())
            continue;
        if (auto w = number(t[*wcol]))
            out.back().writes.emplace_back(string(t[0]), *w);
    }
    if (!out.empty() && !wcol)
        p.warn("iostat has no w/s column (not the extended -x format): device writes not read");
    return out;
}

/// Stand-alone iostat: no CPF or df names the database disk, so the writes of every whole disk
/// (not partitions, device-mapper or md volumes) are summed.
void iostat_all_disks(const std::vector<IostatSample>& io, Parse& p) {
    auto& r = p.r;
    std::set<string> shown;
    for (const auto& s : io)
        for (const auto& [dev, w] : s.writes)
            shown.insert(dev);
    std::vector<string> disks;
    for (const auto& dev : shown) {
        if (dev.rfind("dm-", 0) == 0 || dev.rfind("md", 0) == 0 || dev.rfind("loop", 0) == 0 ||
            dev.rfind("sr", 0) == 0)
            continue;
        std::set<string> others = shown;
        others.erase(dev);
        auto whole_disk = iostat_device("/dev/" + dev, others);
        if (!whole_disk.empty() && whole_disk != dev)
            continue; // a partition of a disk that is listed too
        disks.push_back(dev);
    }
    size_t untimed = 0;
    for (const auto& s : io) {
        if (!s.time) {
            ++untimed;
            continue;
        }
        ++r.iostat_samples;
        double sum = 0;
        bool any = false;
        for (const auto& [dev, w] : s.writes)
            if (std::find(disks.begin(), disks.end(), dev) != disks.end()) {
                sum += w;
                any = true;
            }
        if (any)
            r.device_write_iops.samples.push_back({*s.time, sum});
    }
    string names;
    for (const auto& d : disks)
        names += (names.empty() ? "" : " + ") + d;
    r.device_write_iops.source =
        fmt::format("iostat w/s of all disks ({}): no CPF or df names the database disk", names);
    if (untimed > 0) {
        p.warn(fmt::format("iostat: {} sample(s) without a time stamp skipped (run iostat with -t)", untimed));
        p.problem(1, "iostat samples without time stamps (expected iostat -xt, -xmt or -xkt output)");
    }
    if (io.empty())
        p.problem(1, "expected iostat -x output: a 'Device ... w/s ...' header before the device rows");
}

} // namespace irisize::detail::metrics
