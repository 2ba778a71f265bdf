// SPDX-License-Identifier: GPL-3.0-or-later
// What a report says about the server rather than its load: the CPF (global and routine
// buffers, gmheap, WIJ and journal directories, the application databases), df (the database
// filesystems and their used space), the RAM (/proc/meminfo, free) and the CPU count (lscpu,
// /proc/cpuinfo, systeminfo and wmic on Windows).

#include "import/metrics_readers.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace irisize::detail::metrics {

namespace {

struct IniFile {
    // section (lower case) -> key (lower case) -> value, in order.
    std::map<string, std::vector<std::pair<string, string>>> sections;

    [[nodiscard]] std::optional<string> get(string_view section, string_view key) const {
        auto it = sections.find(lower(section));
        if (it == sections.end())
            return std::nullopt;
        for (const auto& [k, v] : it->second)
            if (k == lower(key))
                return v;
        return std::nullopt;
    }
};

IniFile parse_ini(string_view text) {
    IniFile ini;
    string current;
    for (auto line : lines_of(text)) {
        line = trim(line);
        if (line.empty() || line[0] == ';' || line[0] == '#')
            continue;
        if (line.front() == '[' && line.back() == ']') {
            current = lower(trim(line.substr(1, line.size() - 2)));
            ini.sections[current];
            continue;
        }
        auto eq = line.find('=');
        if (eq == npos || current.empty())
            continue;
        ini.sections[current].emplace_back(lower(trim(line.substr(0, eq))), string(trim(line.substr(eq + 1))));
    }
    return ini;
}

bool is_system_database(string_view name) {
    static const std::set<string, std::less<>> system = {
        "irissys",  "irislib",        "iristemp",  "irislocaldata", "irisaudit", "irismetrics", "irissecurity",
        "cachesys", "cachelib",       "cachetemp", "cacheaudit",    "enslib",    "ensdemo",     "docbook",
        "samples",  "cachelocaldata", "user",      "hslib",         "hssys"};
    return system.count(lower(trim(name))) > 0;
}

} // namespace

void parse_cpf(string_view text, Parse& p) {
    auto& r = p.r;
    auto ini = parse_ini(text);
    if (auto g = ini.get("config", "globals")) {
        for (auto part : split(*g, ','))
            r.globals_mib.push_back(number(part).value_or(0));
        double sum = 0;
        for (double v : r.globals_mib)
            sum += v;
        if (sum > 0) {
            r.global_buffers_mib = sum;
            // 2K, 4K, 8K, 16K, 32K, 64K: the 8K pool is the third entry.
            const double eight_k = r.globals_mib.size() >= 3 ? r.globals_mib[2] : 0;
            r.global_buffers_source = fmt::format("CPF [config] globals={}: sum of the non-zero entries ({} MB; "
                                                  "8 KiB blocks: {} MB)",
                                                  *g, sum, eight_k);
            if (eight_k != sum)
                p.warn(fmt::format("CPF globals={} allocates buffers for block sizes other than 8 KiB; "
                                   "global_buffers_gib is the sum of all of them",
                                   *g));
        } else {
            p.warn(fmt::format("CPF globals={} (automatic: IRIS chooses the size at start-up)", *g));
        }
    }
    if (auto v = ini.get("config", "routines")) {
        double sum = 0;
        for (auto part : split(*v, ','))
            sum += number(part).value_or(0);
        r.routine_buffers_mib = sum;
    }
    if (auto v = ini.get("config", "gmheap"))
        if (auto n = number(*v))
            r.gmheap_kb = *n;
    r.wij_directory = ini.get("config", "wijdir").value_or("");
    r.journal_directory = ini.get("journal", "currentdirectory").value_or("");
    r.journal_alternate_directory = ini.get("journal", "alternatedirectory").value_or("");
    if (auto it = ini.sections.find("databases"); it != ini.sections.end())
        for (const auto& [name, value] : it->second) {
            if (is_system_database(name))
                continue;
            auto dir = string(trim(split(value, ',')[0]));
            if (!dir.empty() && std::find(r.database_directories.begin(), r.database_directories.end(), dir) ==
                                    r.database_directories.end())
                r.database_directories.push_back(dir);
        }
}

std::vector<Mount> parse_df(string_view text) {
    std::vector<Mount> out;
    double per_mib = 0; // block unit in MiB, from the header; 0: unknown
    string pending;     // a device name df wrapped onto its own line
    for (auto line : lines_of(text)) {
        auto t = split_ws(line);
        if (t.empty())
            continue;
        if (t[0] == "Filesystem") {
            per_mib = 0;
            if (t.size() > 1) {
                if (iequals(t[1], "1M-blocks"))
                    per_mib = 1;
                else if (iequals(t[1], "1K-blocks"))
                    per_mib = 1.0 / 1024;
                else if (iequals(t[1], "1024-blocks"))
                    per_mib = 1.0 / 1024;
            }
            continue;
        }
        std::vector<string> tok(t.begin(), t.end());
        if (tok.size() == 1 && tok[0].find('/') != string::npos) {
            pending = tok[0];
            continue;
        }
        if (!pending.empty()) {
            tok.insert(tok.begin(), pending);
            pending.clear();
        }
        if (tok.size() < 6 || tok[5].empty() || tok[5][0] != '/' || tok[4].empty() || tok[4].back() != '%')
            continue;
        Mount m;
        m.device = tok[0];
        m.mount = tok[5];
        for (size_t i = 6; i < tok.size(); ++i)
            m.mount += " " + tok[i];
        if (per_mib > 0)
            if (auto used = number(tok[2]))
                m.used_mib = *used * per_mib;
        out.push_back(std::move(m));
    }
    return out;
}

const Mount* mount_of(const std::vector<Mount>& mounts, const string& path) {
    const Mount* best = nullptr;
    for (const auto& m : mounts) {
        const bool holds = m.mount == "/" || path == m.mount ||
                           (path.size() > m.mount.size() && path.compare(0, m.mount.size(), m.mount) == 0 &&
                            path[m.mount.size()] == '/');
        if (holds && (!best || m.mount.size() > best->mount.size()))
            best = &m;
    }
    return best;
}

/// The server's RAM in MiB: a /proc/meminfo `MemTotal: N kB` line, else the `Mem:` line of
/// `free -m` (MiB) or `free` (KiB, when the section's heading does not say -m).
std::optional<double> memory_in_text(string_view text, std::optional<bool> free_in_mib) {
    std::optional<double> from_free;
    for (auto line : lines_of(text)) {
        auto l = trim(line);
        if (istarts_with(l, "MemTotal:")) {
            auto f = split_ws(l.substr(9));
            if (!f.empty())
                if (auto n = number(f[0]); n && *n > 0) {
                    const bool kb = f.size() < 2 || iequals(f[1], "kB");
                    return kb ? *n / 1024.0 : *n / (1024.0 * 1024.0);
                }
        } else if (free_in_mib && istarts_with(l, "Mem:") && !from_free) {
            auto f = split_ws(l.substr(4));
            if (!f.empty())
                if (auto n = number(f[0]); n && *n > 0)
                    from_free = *free_in_mib ? *n : *n / 1024.0;
        }
    }
    return from_free;
}

std::optional<int> cpus_in_text(string_view text) {
    std::optional<int> lscpu;
    int processors = 0;
    size_t wmic_column = npos; // "NumberOfCores  NumberOfLogicalProcessors" heading, values on the next line
    for (auto line : lines_of(text)) {
        auto l = trim(line);
        if (wmic_column != npos && !l.empty()) {
            auto t = split_ws(l);
            if (wmic_column < t.size())
                if (auto n = whole(t[wmic_column]); n && *n > 0 && !lscpu)
                    lscpu = *n;
            wmic_column = npos;
            continue;
        }
        if (ifind(l, "NumberOfLogicalProcessors") != npos && l.find('=') == npos && l.find(':') == npos) {
            auto t = split_ws(l);
            for (size_t i = 0; i < t.size(); ++i)
                if (iequals(t[i], "NumberOfLogicalProcessors"))
                    wmic_column = i;
            continue;
        }
        if (istarts_with(l, "CPU(s):") || istarts_with(l, "Number of CPUs") || istarts_with(l, "Logical CPUs") ||
            istarts_with(l, "numberofcpus") || istarts_with(l, "NumberOfLogicalProcessors") ||
            istarts_with(l, "Logical processors")) {
            auto sep = l.find_first_of(":=");
            if (sep != npos)
                if (auto n = leading_int(l.substr(sep + 1)); n && *n > 0 && !lscpu)
                    lscpu = *n;
        } else if (istarts_with(l, "processor")) {
            auto rest = trim(l.substr(9));
            if (!rest.empty() && rest[0] == ':' && leading_int(rest))
                ++processors;
        }
    }
    if (lscpu)
        return lscpu;
    if (processors > 0)
        return processors;
    return std::nullopt;
}

} // namespace irisize::detail::metrics
