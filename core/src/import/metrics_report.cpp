// SPDX-License-Identifier: GPL-3.0-or-later
// The ^SystemPerformance / ^pButtons HTML report as a whole.
//
// The report is HTML written by the IRIS routine: a table of contents, then one section per
// collector, each opened by an anchor element (`<div id=mgstat></div>`, or in older files an
// id on a `<font>`/`<a>` inside `<b>`), its body mostly inside `<pre>`. The mgstat and
// vmstat bodies are also fenced by `<!-- beg_NAME -->` / `<!-- end_NAME -->` comments. This
// file finds the sections and fences, the profile and host lines, and hands each section to
// its reader (mgstat, vmstat or perfmon, CPF, df, iostat). It is deliberately forgiving:
// every part that is missing or cut off becomes a warning, and only a report without any
// mgstat, vmstat or perfmon sample is refused.

#include "import/metrics_readers.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include <fmt/format.h>

namespace irisize::detail::metrics {

namespace {

// --- sections -----------------------------------------------------------------------------

struct Anchor {
    string name;
    size_t tag_begin = 0;
    size_t content_begin = 0;
};

/// The id= or name= of a tag (without href=), or empty.
string anchor_name(string_view tag) {
    size_t i = 0;
    while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i])))
        ++i;
    string id;
    bool href = false;
    while (i < tag.size()) {
        while (i < tag.size() && (is_space(tag[i]) || tag[i] == '/'))
            ++i;
        size_t k = i;
        while (k < tag.size() && !is_space(tag[k]) && tag[k] != '=' && tag[k] != '/')
            ++k;
        auto key = lower(tag.substr(i, k - i));
        if (k == i) {
            ++i;
            continue;
        }
        i = k;
        while (i < tag.size() && is_space(tag[i]))
            ++i;
        string value;
        if (i < tag.size() && tag[i] == '=') {
            ++i;
            while (i < tag.size() && is_space(tag[i]))
                ++i;
            if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
                const char q = tag[i];
                auto e = tag.find(q, i + 1);
                if (e == npos)
                    e = tag.size();
                value = string(tag.substr(i + 1, e - i - 1));
                i = e + 1;
            } else {
                size_t e = i;
                while (e < tag.size() && !is_space(tag[e]))
                    ++e;
                value = string(tag.substr(i, e - i));
                i = e;
            }
        }
        if (key == "href")
            href = true;
        else if ((key == "id" || key == "name") && id.empty())
            id = string(trim(value));
    }
    return href ? string() : id;
}

/// Every element that opens a section: div, a, font, b, span, p or h1-h6 with an id= or
/// name= attribute (links, with href=, are the table of contents and do not count).
std::vector<Anchor> find_anchors(string_view doc) {
    static const std::set<string, std::less<>> kinds = {"div", "a",  "font", "b",  "span", "p",
                                                        "h1",  "h2", "h3",   "h4", "h5",   "h6"};
    std::vector<Anchor> out;
    size_t i = 0;
    while ((i = doc.find('<', i)) != npos) {
        if (doc.substr(i, 4) == "<!--") {
            auto e = doc.find("-->", i + 4);
            if (e == npos)
                break;
            i = e + 3;
            continue;
        }
        auto e = doc.find('>', i + 1);
        if (e == npos)
            break;
        auto tag = doc.substr(i + 1, e - i - 1);
        size_t k = 0;
        while (k < tag.size() && std::isalnum(static_cast<unsigned char>(tag[k])))
            ++k;
        if (k > 0 && kinds.count(lower(tag.substr(0, k)))) {
            auto name = anchor_name(tag);
            if (!name.empty())
                out.push_back({std::move(name), i, e + 1});
        }
        i = e + 1;
    }
    return out;
}

class Sections {
public:
    explicit Sections(string_view doc) : m_doc(doc), m_anchors(find_anchors(doc)) {}

    /// The raw HTML of every section with one of these ids (case-insensitive), joined.
    [[nodiscard]] std::optional<string> raw(std::initializer_list<string_view> names) const {
        std::optional<string> out;
        for (size_t k = 0; k < m_anchors.size(); ++k) {
            const auto& a = m_anchors[k];
            if (std::none_of(names.begin(), names.end(), [&](string_view n) { return iequals(n, a.name); }))
                continue;
            const size_t end = k + 1 < m_anchors.size() ? m_anchors[k + 1].tag_begin : m_doc.size();
            if (!out)
                out.emplace();
            out->append(m_doc.substr(a.content_begin, end - a.content_begin));
            out->push_back('\n');
        }
        return out;
    }
    [[nodiscard]] std::optional<string> text(std::initializer_list<string_view> names) const {
        auto r = raw(names);
        return r ? std::optional<string>(html_to_text(*r)) : std::nullopt;
    }
    [[nodiscard]] std::vector<string> names() const {
        std::vector<string> out;
        for (const auto& a : m_anchors)
            if (std::find(out.begin(), out.end(), a.name) == out.end())
                out.push_back(a.name);
        return out;
    }

private:
    string_view m_doc;
    std::vector<Anchor> m_anchors;
};

Fenced fenced_block(string_view doc, string_view name) {
    Fenced f;
    auto beg = ifind(doc, fmt::format("beg_{}", name));
    if (beg == npos)
        return f;
    auto open_end = doc.find("-->", beg);
    if (open_end == npos)
        return f;
    f.found = true;
    const size_t body = open_end + 3;
    f.first_line = line_at(doc, body);
    auto end = ifind(doc, fmt::format("end_{}", name), body);
    string_view raw;
    if (end != npos) {
        auto comment = doc.rfind("<!--", end);
        raw = doc.substr(body, (comment != npos && comment >= body ? comment : end) - body);
        f.closed = true;
    } else if (auto pre = ifind(doc, "</pre", body); pre != npos) {
        raw = doc.substr(body, pre - body);
    } else {
        raw = doc.substr(body);
        auto nl = raw.rfind('\n');
        raw = nl == npos ? string_view() : raw.substr(0, nl + 1);
    }
    f.text = html_to_text(raw);
    return f;
}

// --- the profile and the host -------------------------------------------------------------

void parse_profile_line(string_view doc, SystemPerformanceReport& r) {
    auto pos = ifind(doc, "Profile run");
    if (pos == npos)
        return;
    auto end = doc.find_first_of("\n<", pos);
    auto line = html_to_text(doc.substr(pos, end == npos ? npos : end - pos));
    auto q1 = line.find('"');
    auto q2 = q1 == string::npos ? string::npos : line.find('"', q1 + 1);
    if (q2 != string::npos)
        r.profile_name = line.substr(q1 + 1, q2 - q1 - 1);
    auto at = ifind(line, "started at ");
    if (at != npos) {
        string started(trim(string_view(line).substr(at + 11)));
        while (!started.empty() && started.back() == '.')
            started.pop_back();
        r.profile_started = started;
    }
}

bool host_like(string_view s) {
    return !s.empty() && s.size() <= 253 && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
    });
}

/// "IRIS on machine HOST", "IRIS on machine HOST instance INST", "up >TESTIRIS on machine
/// HOST": the title and the instance list of 2023 and later reports.
void find_machine_line(string_view doc, Parse& p) {
    size_t from = 0;
    while (p.host_machine_line.empty()) {
        auto pos = ifind(doc, " on machine ", from);
        if (pos == npos)
            return;
        from = pos + 1;
        auto begin = doc.rfind('\n', pos);
        begin = begin == npos ? 0 : begin + 1;
        auto end = doc.find('\n', pos);
        const string text = html_to_text(doc.substr(begin, end == npos ? npos : end - begin));
        auto at = ifind(text, " on machine ");
        if (at == npos)
            continue;
        auto before = split_ws(string_view(text).substr(0, at));
        auto after = split_ws(string_view(text).substr(at + 12));
        if (after.empty())
            continue;
        auto host = after[0];
        while (!host.empty() && string_view(",.;:)\"'").find(host.back()) != npos)
            host.remove_suffix(1);
        if (!host_like(host))
            continue;
        p.host_machine_line = string(host);
        if (after.size() >= 3 && iequals(after[1], "instance"))
            p.r.instance = string(trim(after[2]));
        else if (!before.empty()) {
            auto inst = before.back();
            while (!inst.empty() && (inst.front() == '>' || inst.front() == '('))
                inst.remove_prefix(1);
            if (host_like(inst))
                p.r.instance = string(inst);
        }
    }
}

/// systeminfo's "Host Name:            IRISWIN01" in a Windows report.
void find_windows_host(string_view doc, Parse& p) {
    auto pos = ifind(doc, "Host Name:");
    if (pos == npos)
        return;
    auto end = doc.find('\n', pos);
    const string text = html_to_text(doc.substr(pos + 10, end == npos ? npos : end - pos - 10));
    auto t = split_ws(text);
    if (!t.empty() && host_like(t[0]))
        p.host_windows_info = string(t[0]);
}

} // namespace

// --- the report ---------------------------------------------------------------------------

Result<SystemPerformanceReport> parse_report(string doc, const string& origin, double journal_io_kib) {
    SystemPerformanceReport r;
    r.origin = origin;
    r.journal_io_kib = journal_io_kib;
    Parse p{r, journal_io_kib, {}, {}, {}, {}, {}, false, {}, {}, {}, {}, {}, {}};

    // Truncation: a complete report ends with </html>. In a cut-off file the last line is
    // dropped whole, so that no section reads a number cut in half.
    {
        auto tail = trim(string_view(doc).substr(doc.size() > 64 ? doc.size() - 64 : 0));
        if (ifind(tail, "</html>") == npos) {
            r.truncated = true;
            p.warn("the file does not end with </html>: it looks cut off; the complete rows before the cut are kept");
            auto nl = doc.rfind('\n');
            doc.erase(nl == string::npos ? 0 : nl + 1);
        }
    }

    const Sections sections(doc);
    r.sections = sections.names();
    parse_profile_line(doc, r);
    find_machine_line(doc, p);
    find_windows_host(doc, p);

    // mgstat
    auto mg = fenced_block(doc, "mgstat");
    if (!mg.found)
        if (auto t = sections.text({"mgstat"})) {
            mg.found = true;
            mg.closed = true;
            mg.text = *t;
        }
    if (mg.found)
        parse_mgstat(mg, p);
    else
        p.warn("no mgstat section: read_iops, write_iops and journal_mibps not measured");

    // vmstat
    auto vm = fenced_block(doc, "vmstat");
    if (!vm.found)
        if (auto t = sections.text({"vmstat"})) {
            vm.found = true;
            vm.closed = true;
            vm.text = *t;
        }
    // Windows: perfmon instead of vmstat and iostat.
    auto pm = fenced_block(doc, "win_perfmon");
    if (!pm.found)
        if (auto t = sections.text({"perfmon"})) {
            pm.found = true;
            pm.closed = true;
            pm.text = *t;
        }
    if (vm.found)
        parse_vmstat(vm, p);
    else if (pm.found)
        parse_perfmon(pm, p);
    else
        p.warn("no vmstat or perfmon section: peak_cores not measured (sar is not read)");

    // CPF
    if (auto cpf = sections.text({"CPFfile", "cpf", "cpffile", "CPF file"}))
        parse_cpf(*cpf, p);
    else
        p.warn("no CPF section: global buffers and database directories unknown");

    // CPU count: lscpu / configuration text first, then the mgstat line, then iostat.
    for (auto names : {std::initializer_list<string_view>{"cpu"}, {"Configuration", "Topofpage", "Linuxinfo"}})
        if (!p.cpus_lscpu)
            if (auto t = sections.text(names))
                p.cpus_lscpu = cpus_in_text(*t);
    // Windows: the sections holding systeminfo / wmic output.
    for (const auto& name : r.sections)
        if (!p.cpus_lscpu && (ifind(name, "win") != npos || ifind(name, "sysinfo") != npos))
            if (auto t = sections.text({string_view(name)}))
                p.cpus_lscpu = cpus_in_text(*t);
    // The server's RAM, to compare the running site with the memory rule.
    // `free -m` prints MiB, `free` KiB; elsewhere only an unambiguous MemTotal line counts.
    auto memory_from = [&](std::optional<string> text, std::optional<bool> free_in_mib, const char* where) {
        if (!r.memory_mib && text && (r.memory_mib = memory_in_text(*text, free_in_mib)))
            r.memory_source = fmt::format("{} section", where);
    };
    memory_from(sections.text({"meminfo", "procmeminfo"}), std::nullopt, "meminfo");
    memory_from(sections.text({"free-m", "freem"}), true, "free -m");
    memory_from(sections.text({"free"}), false, "free");
    memory_from(sections.text({"Configuration", "Topofpage", "Linuxinfo"}), std::nullopt, "Linux info");
    auto iostat_text = sections.text({"iostat"});
    std::vector<IostatSample> io;
    if (iostat_text)
        io = parse_iostat(*iostat_text, p);
    if (p.cpus_lscpu) {
        r.cpus = p.cpus_lscpu;
        r.cpus_source = "cpu section";
    } else if (p.cpus_mgstat) {
        r.cpus = p.cpus_mgstat;
        r.cpus_source = "mgstat numberofcpus";
    } else if (p.cpus_iostat) {
        r.cpus = p.cpus_iostat;
        r.cpus_source = "iostat header";
    } else if (p.cpus_perfmon) {
        r.cpus = p.cpus_perfmon;
        r.cpus_source = "perfmon per-CPU counters";
    }
    for (auto other : {p.cpus_mgstat, p.cpus_iostat, p.cpus_perfmon})
        if (r.cpus && other && *other != *r.cpus)
            p.warn(fmt::format("CPU counts disagree ({} from the {}, {} elsewhere); {} used", *r.cpus, r.cpus_source,
                               *other, *r.cpus));

    // Busy cores from busy percent.
    if (!r.cpu_busy_percent.empty()) {
        if (r.cpus)
            busy_cores_from_percent(r);
        else
            p.warn("CPU count not found (no cpu section, mgstat numberofcpus, iostat header or perfmon per-CPU "
                   "counters): peak_cores not measured");
    }

    // Global buffers: the CPF, else the mgstat line.
    if (!r.global_buffers_mib && p.mgstat_globals_mib && *p.mgstat_globals_mib > 0) {
        r.global_buffers_mib = p.mgstat_globals_mib;
        r.global_buffers_source = fmt::format("mgstat header line globalbuffers= ({} MB)", *p.mgstat_globals_mib);
    }
    if (!r.global_buffers_mib)
        p.warn("global buffers not found (no CPF globals= and no mgstat globalbuffers=): global_buffers_gib not "
               "measured");

    // Database devices and size: CPF database directories -> df filesystems -> iostat devices.
    auto df_text = sections.text({"df-m", "df", "dfm", "df-k"});
    std::vector<Mount> mounts;
    if (df_text)
        mounts = parse_df(*df_text);
    std::vector<const Mount*> db_mounts;
    if (!r.database_directories.empty() && !mounts.empty()) {
        for (const auto& dir : r.database_directories)
            if (const auto* m = mount_of(mounts, dir);
                m && std::find(db_mounts.begin(), db_mounts.end(), m) == db_mounts.end())
                db_mounts.push_back(m);
    }
    if (!db_mounts.empty()) {
        const bool on_root =
            std::any_of(db_mounts.begin(), db_mounts.end(), [](const Mount* m) { return m->mount == "/"; });
        const bool sized =
            std::all_of(db_mounts.begin(), db_mounts.end(), [](const Mount* m) { return m->used_mib.has_value(); });
        string names;
        double used = 0;
        for (const auto* m : db_mounts) {
            names += fmt::format("{}{} ({})", names.empty() ? "" : ", ", m->mount, m->device);
            used += m->used_mib.value_or(0);
        }
        if (on_root)
            p.warn(fmt::format("databases are on the root filesystem ({}): its used space is not the database size",
                               names));
        else if (sized && used > 0) {
            r.database_size_gib = used / 1024.0;
            r.database_size_source = fmt::format("df used space of the database filesystem(s) {}; it includes "
                                                 "anything else stored there",
                                                 names);
        }
    }

    // iostat writes on the database device(s).
    if (!iostat_text) {
        if (!pm.found)
            p.warn("no iostat section: database device writes not cross-checked");
    } else if (io.empty()) {
        p.warn("iostat section holds no extended (-x) samples: database device writes not cross-checked");
    } else {
        std::set<string> shown;
        for (const auto& s : io)
            for (const auto& [dev, w] : s.writes)
                shown.insert(dev);
        if (db_mounts.empty()) {
            p.warn(mounts.empty() ? "no df section: the database device cannot be found in iostat"
                   : r.database_directories.empty()
                       ? "the CPF lists no application database: the database device cannot be found in iostat"
                       : "no database directory in the CPF matches a df filesystem: the database device cannot be "
                         "found in iostat");
        } else {
            for (const auto* m : db_mounts) {
                auto dev = iostat_device(m->device, shown);
                if (dev.empty())
                    p.warn(fmt::format("database filesystem {} on {} not found among the iostat devices", m->mount,
                                       m->device));
                else if (std::find(r.database_devices.begin(), r.database_devices.end(), dev) ==
                         r.database_devices.end())
                    r.database_devices.push_back(dev);
            }
        }
        size_t untimed = 0;
        for (const auto& s : io) {
            if (!s.time) {
                ++untimed;
                continue;
            }
            ++r.iostat_samples;
            if (r.database_devices.empty())
                continue;
            double sum = 0;
            bool any = false;
            for (const auto& [dev, w] : s.writes)
                if (std::find(r.database_devices.begin(), r.database_devices.end(), dev) != r.database_devices.end()) {
                    sum += w;
                    any = true;
                }
            if (any)
                r.device_write_iops.samples.push_back({*s.time, sum});
        }
        if (untimed > 0)
            p.warn(fmt::format("iostat: {} sample(s) without a time stamp (iostat run without -t) skipped", untimed));
        string devs;
        for (const auto& d : r.database_devices)
            devs += (devs.empty() ? "" : " + ") + d;
        r.device_write_iops.source = fmt::format("iostat w/s of {}", devs.empty() ? "the database device" : devs);
    }

    resolve_hostname(p);
    note_all_times(r);

    if (r.mgstat_samples == 0 && r.vmstat_samples == 0 && r.perfmon_samples == 0) {
        string why = "holds no mgstat, vmstat or perfmon samples: not a ^SystemPerformance/^pButtons report";
        if (r.truncated)
            why += ", or cut off before its data";
        return Error{origin, why};
    }
    if (mg.found && r.mgstat_samples == 0)
        p.warn("mgstat section holds no complete sample");
    if (vm.found && r.vmstat_samples == 0)
        p.warn("vmstat section holds no complete sample");
    if (pm.found && !vm.found && r.perfmon_samples == 0)
        p.warn("perfmon section holds no complete sample");
    return r;
}

} // namespace irisize::detail::metrics
