// SPDX-License-Identifier: GPL-3.0-or-later
// Reading ^SystemPerformance / ^pButtons HTML reports into measured demand.
//
// The report is HTML written by the IRIS routine: a table of contents, then one section per
// collector, each opened by an anchor element (`<div id=mgstat></div>`, or in older files an
// id on a `<font>`/`<a>` inside `<b>`), its body mostly inside `<pre>`. The mgstat and
// vmstat bodies are also fenced by `<!-- beg_NAME -->` / `<!-- end_NAME -->` comments. This
// reader is deliberately forgiving: every part that is missing or cut off becomes a warning,
// and only a report without any mgstat or vmstat sample is refused.

#include "irisize/import/metrics_import.hpp"
#include "irisize/format.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace irisize {

namespace {

using std::size_t;
using std::string;
using std::string_view;

constexpr auto npos = string_view::npos;

// --- text helpers -------------------------------------------------------------------------

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

string_view trim(string_view s) {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

char lower_char(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

string lower(string_view s) {
    string out(s);
    for (auto& c : out)
        c = lower_char(c);
    return out;
}

bool iequals(string_view a, string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower_char(a[i]) != lower_char(b[i]))
            return false;
    return true;
}

bool istarts_with(string_view s, string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

size_t ifind(string_view hay, string_view needle, size_t from = 0) {
    if (needle.empty() || hay.size() < needle.size())
        return npos;
    for (size_t i = from; i + needle.size() <= hay.size(); ++i)
        if (iequals(hay.substr(i, needle.size()), needle))
            return i;
    return npos;
}

std::vector<string_view> split(string_view s, char sep) {
    std::vector<string_view> out;
    size_t start = 0;
    while (true) {
        auto p = s.find(sep, start);
        out.push_back(s.substr(start, p == npos ? npos : p - start));
        if (p == npos)
            break;
        start = p + 1;
    }
    return out;
}

std::vector<string_view> split_ws(string_view s) {
    std::vector<string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i]))
            ++i;
        size_t j = i;
        while (j < s.size() && !is_space(s[j]))
            ++j;
        if (j > i)
            out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::vector<string_view> lines_of(string_view s) {
    auto out = split(s, '\n');
    if (!out.empty() && out.back().empty())
        out.pop_back();
    return out;
}

/// A whole token as a number, locale-independent ("1234", "0.25", "+3", "-1e3").
std::optional<double> number(string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return std::nullopt;
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<int> whole(string_view s) {
    s = trim(s);
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        return std::nullopt;
    return v;
}

/// The first run of digits in `s` as a number.
std::optional<int> leading_int(string_view s) {
    size_t i = 0;
    while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i])))
        ++i;
    size_t j = i;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
        ++j;
    if (j == i)
        return std::nullopt;
    return whole(s.substr(i, j - i));
}

/// "18432MB", "18432", "18GB", "512KB" as MB (IRIS writes MB meaning 2^20 bytes).
std::optional<double> size_mb(string_view s) {
    s = trim(s);
    double scale = 1;
    if (s.size() >= 2) {
        auto unit = lower(s.substr(s.size() - 2));
        if (unit == "mb")
            s.remove_suffix(2);
        else if (unit == "gb") {
            scale = 1024;
            s.remove_suffix(2);
        } else if (unit == "kb") {
            scale = 1.0 / 1024;
            s.remove_suffix(2);
        }
    }
    auto v = number(s);
    return v ? std::optional<double>(*v * scale) : std::nullopt;
}

void append_utf8(string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x110000) {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Decodes the entity starting at s[i] == '&'; returns the characters consumed (0: not one).
size_t decode_entity(string_view s, size_t i, string& out) {
    auto semi = s.find(';', i + 1);
    if (semi == npos || semi - i > 10)
        return 0;
    auto name = s.substr(i + 1, semi - i - 1);
    static const std::pair<string_view, char> named[] = {{"lt", '<'},   {"gt", '>'},    {"amp", '&'},
                                                         {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '}};
    for (const auto& [n, c] : named)
        if (iequals(name, n)) {
            out += c;
            return semi - i + 1;
        }
    if (name.size() >= 2 && name[0] == '#') {
        unsigned cp = 0;
        auto digits = name.substr(1);
        int base = 10;
        if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
            digits.remove_prefix(1);
            base = 16;
        }
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, base);
        if (ec == std::errc() && p == digits.data() + digits.size() && !digits.empty()) {
            append_utf8(out, cp);
            return semi - i + 1;
        }
    }
    return 0;
}

/// HTML to plain text: tags and comments dropped (`<br>` and block ends become line breaks),
/// entities decoded. A tag cut off by the end of the input ends the text.
string html_to_text(string_view s) {
    string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '<') {
            if (s.substr(i, 4) == "<!--") {
                auto e = s.find("-->", i + 4);
                if (e == npos)
                    break;
                i = e + 3;
                continue;
            }
            const char n = i + 1 < s.size() ? s[i + 1] : '\0';
            if (!(std::isalpha(static_cast<unsigned char>(n)) || n == '/' || n == '!')) {
                out += c; // a stray '<' in the text
                ++i;
                continue;
            }
            auto e = s.find('>', i + 1);
            if (e == npos)
                break;
            size_t k = i + 1;
            while (k < e && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '/'))
                ++k;
            auto name = lower(s.substr(i + 1, k - i - 1));
            if (name == "br" || name == "br/" || name == "/p" || name == "/tr" || name == "/pre" || name == "/div" ||
                name == "/h1" || name == "/h2" || name == "/h3")
                out += '\n';
            i = e + 1;
            continue;
        }
        if (c == '&') {
            if (auto used = decode_entity(s, i, out)) {
                i += used;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

// --- dates --------------------------------------------------------------------------------

/// Days since 1970-01-01 of a date written MM/DD/YY, MM/DD/YYYY or YYYY-MM-DD. When the first
/// part cannot be a month but the second can, the date is read as DD/MM.
std::optional<std::int64_t> parse_date(string_view s) {
    s = trim(s);
    int y = 0;
    int m = 0;
    int d = 0;
    if (s.find('/') != npos) {
        auto parts = split(s, '/');
        if (parts.size() != 3)
            return std::nullopt;
        auto a = whole(parts[0]);
        auto b = whole(parts[1]);
        auto c = whole(parts[2]);
        if (!a || !b || !c)
            return std::nullopt;
        m = *a;
        d = *b;
        y = *c;
        if (parts[2].size() <= 2)
            y += y >= 70 ? 1900 : 2000;
        else if (parts[2].size() != 4)
            return std::nullopt;
        if (m > 12 && d <= 12)
            std::swap(m, d);
    } else if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        auto a = whole(s.substr(0, 4));
        auto b = whole(s.substr(5, 2));
        auto c = whole(s.substr(8, 2));
        if (!a || !b || !c)
            return std::nullopt;
        y = *a;
        m = *b;
        d = *c;
    } else {
        return std::nullopt;
    }
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return std::nullopt;
    using namespace std::chrono;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return static_cast<std::int64_t>(sys_days(ymd).time_since_epoch().count());
}

/// Seconds since midnight of HH:MM[:SS[.fff]].
std::optional<int> parse_time(string_view s) {
    s = trim(s);
    if (auto dot = s.find('.'); dot != npos)
        s = s.substr(0, dot);
    auto parts = split(s, ':');
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    auto h = whole(parts[0]);
    auto m = whole(parts[1]);
    auto sec = parts.size() == 3 ? whole(parts[2]) : std::optional<int>(0);
    if (!h || !m || !sec || *h < 0 || *h > 23 || *m < 0 || *m > 59 || *sec < 0 || *sec > 60)
        return std::nullopt;
    return *h * 3600 + *m * 60 + *sec;
}

std::int64_t stamp(std::int64_t days, int seconds) {
    return days * 86400 + seconds;
}

/// A line that is only a time stamp ("11/22/2021 04:15:01 PM", "11/22/21 16:15:01",
/// "2021-11-22T16:15:01+0000"), as iostat -t writes between samples.
std::optional<std::int64_t> timestamp_line(string_view line) {
    auto t = split_ws(line);
    if (t.size() == 1) {
        auto tpos = t[0].find('T');
        if (tpos == npos)
            return std::nullopt;
        auto d = parse_date(t[0].substr(0, tpos));
        auto clock = t[0].substr(tpos + 1, 8);
        auto secs = parse_time(clock);
        if (!d || !secs)
            return std::nullopt;
        return stamp(*d, *secs);
    }
    if (t.size() < 2 || t.size() > 3)
        return std::nullopt;
    auto d = parse_date(t[0]);
    auto secs = parse_time(t[1]);
    if (!d || !secs)
        return std::nullopt;
    if (t.size() == 3) {
        const bool pm = iequals(t[2], "PM");
        if (!pm && !iequals(t[2], "AM"))
            return std::nullopt;
        int h = *secs / 3600;
        if (h > 12)
            return std::nullopt;
        if (h == 12)
            *secs -= 12 * 3600;
        if (pm)
            *secs += 12 * 3600;
    }
    return stamp(*d, *secs);
}

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

/// A body fenced by `<!-- beg_NAME -->` and `<!-- end_NAME -->`. Without the end fence the
/// body runs to the end of its `<pre>` or, in a cut-off file, to the last complete line.
struct Fenced {
    bool found = false;
    bool closed = false;
    string text;
    size_t first_line = 1; ///< line of the file where `text` starts (for messages)
};

/// The 1-based line of `doc` at offset `pos`.
size_t line_at(string_view doc, size_t pos) {
    return 1 + static_cast<size_t>(std::count(doc.begin(), doc.begin() + static_cast<std::ptrdiff_t>(std::min(pos, doc.size())), '\n'));
}

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

// --- the report pieces --------------------------------------------------------------------

struct Parse {
    SystemPerformanceReport& r;
    double journal_io_kib; ///< what one mgstat Jrnwrts counts (data/sizing.json)
    std::optional<int> cpus_lscpu;
    std::optional<int> cpus_mgstat;
    std::optional<int> cpus_iostat;
    std::optional<int> cpus_perfmon; ///< per-CPU "Processor(N)" counters
    std::optional<double> mgstat_globals_mb;
    bool stand_alone = false;

    // Host names by where they were found; resolve_hostname() picks one.
    string host_machine_line; ///< "IRIS on machine HOST"
    string host_windows_info; ///< systeminfo "Host Name:"
    string host_mgstat_file;  ///< HOST_INSTANCE_....mgst
    string host_perfmon;      ///< \\HOST\Processor(_Total)\...
    string host_iostat;       ///< "Linux 5.15 (HOST) ..."

    /// The first problem with a line of a stand-alone file, for the error when no sample is left.
    string first_problem;

    void warn(string w) { r.warnings.push_back(std::move(w)); }
    void problem(size_t line, string what) {
        if (first_problem.empty())
            first_problem = fmt::format("line {}: {}", line, what);
    }
};

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
                if (auto mb = size_mb(part)) {
                    sum += *mb;
                    any = true;
                }
            if (any)
                p.mgstat_globals_mb = sum;
        } else if (key == "numberofcpus") {
            if (auto n = leading_int(value); n && *n > 0)
                p.cpus_mgstat = *n;
        }
    }
}

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

void parse_cpf(string_view text, Parse& p) {
    auto& r = p.r;
    auto ini = parse_ini(text);
    if (auto g = ini.get("config", "globals")) {
        for (auto part : split(*g, ','))
            r.globals_mb.push_back(number(part).value_or(0));
        double sum = 0;
        for (double v : r.globals_mb)
            sum += v;
        if (sum > 0) {
            r.global_buffers_mb = sum;
            // 2K, 4K, 8K, 16K, 32K, 64K: the 8K pool is the third entry.
            const double eight_k = r.globals_mb.size() >= 3 ? r.globals_mb[2] : 0;
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
        r.routine_buffers_mb = sum;
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

struct Mount {
    string device;
    string mount;
    std::optional<double> used_mib;
};

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

struct IostatSample {
    std::optional<std::int64_t> time;
    std::vector<std::pair<string, double>> writes; // device, w/s
};

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

void note_times(SystemPerformanceReport& r, const MetricSeries& s) {
    for (const auto& x : s.samples) {
        if (!r.first_sample || x.time < *r.first_sample)
            r.first_sample = x.time;
        if (!r.last_sample || x.time > *r.last_sample)
            r.last_sample = x.time;
    }
}

/// The fields of a CSV line with double-quoted fields ("a","b,c","" -> a | b,c | empty).
std::vector<string> csv_fields(string_view line) {
    std::vector<string> out;
    string cur;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    cur += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(string(trim(cur)));
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(string(trim(cur)));
    return out;
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

/// Busy cores from the busy percent, once the CPU count is known.
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

/// A line shortened and made printable, for a message.
string excerpt(string_view line) {
    string out;
    for (char c : line.substr(0, 60))
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    if (line.size() > 60)
        out += "...";
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

/// CR LF and lone CR made LF.
string lf_only(string_view text) {
    string doc;
    doc.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            doc += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        } else {
            doc += text[i];
        }
    }
    return doc;
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
        if (p.mgstat_globals_mb && *p.mgstat_globals_mb > 0) {
            r.global_buffers_mb = p.mgstat_globals_mb;
            r.global_buffers_source = fmt::format("mgstat file line globalbuffers= ({} MB)", *p.mgstat_globals_mb);
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
    if (!r.global_buffers_mb && p.mgstat_globals_mb && *p.mgstat_globals_mb > 0) {
        r.global_buffers_mb = p.mgstat_globals_mb;
        r.global_buffers_source = fmt::format("mgstat header line globalbuffers= ({} MB)", *p.mgstat_globals_mb);
    }
    if (!r.global_buffers_mb)
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

// --- several reports ----------------------------------------------------------------------

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
            if (!j.global_buffers_mb && r->global_buffers_mb) {
                j.global_buffers_mb = r->global_buffers_mb;
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
            return r.global_buffers_mb ? std::optional<double>(*r.global_buffers_mb / 1024.0) : std::nullopt;
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
            if (r.global_buffers_mb)
                seen.insert(*r.global_buffers_mb);
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

// --- the workload document ----------------------------------------------------------------

string format_timestamp(std::int64_t t) {
    using namespace std::chrono;
    auto days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    const auto secs = t - days * 86400;
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), secs / 3600,
                       (secs / 60) % 60, secs % 60);
}

namespace {

double rounded(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

nlohmann::json stat_json(const MetricStat& m, double percentile, bool configuration) {
    nlohmann::json j;
    j["source"] = m.source;
    j["unit"] = m.unit;
    j["files"] = m.files;
    if (configuration) {
        j["value"] = m.at_percentile ? nlohmann::json(*m.at_percentile) : nlohmann::json();
        j["taken_from"] = "the most recent report";
        j["largest"] = m.peak ? nlohmann::json(*m.peak) : nlohmann::json();
        j["reports"] = m.samples;
    } else {
        j["percentile"] = percentile;
        j["value"] = m.at_percentile ? nlohmann::json(*m.at_percentile) : nlohmann::json();
        j["peak"] = m.peak ? nlohmann::json(*m.peak) : nlohmann::json();
        if (m.peak_time)
            j["peak_at"] = format_timestamp(*m.peak_time);
        j["samples"] = m.samples;
    }
    if (m.first && m.last) {
        j["first"] = format_timestamp(*m.first);
        j["last"] = format_timestamp(*m.last);
        j["span_hours"] = rounded(static_cast<double>(*m.last - *m.first) / 3600.0, 2);
    }
    return j;
}

} // namespace

nlohmann::json to_workload_document(const MetricsSummary& s, const string& name, const string& product,
                                    const string& region) {
    nlohmann::json doc;
    doc["schema"] = 1;
    doc["name"] = !name.empty() ? name : !s.hostname.empty() ? s.hostname : string("imported-workload");
    doc["description"] = fmt::format("Measured from {} file(s), p{} (irisize import-metrics)", s.files.size(),
                                     s.percentile);
    doc["product"] = product;
    if (!region.empty())
        doc["region"] = region;
    auto& db = doc["database"];
    db = nlohmann::json::object();
    // Whole IOPS, cores and MiB/s to 2 decimals, GiB to 3: finer than any sizing step.
    if (s.size_gib.at_percentile)
        db["size_gib"] = rounded(*s.size_gib.at_percentile, 1);
    if (s.read_iops.at_percentile)
        db["read_iops"] = rounded(*s.read_iops.at_percentile, 0);
    if (s.write_iops.at_percentile)
        db["write_iops"] = rounded(*s.write_iops.at_percentile, 0);
    if (s.journal_mibps.at_percentile)
        db["journal_mibps"] = rounded(*s.journal_mibps.at_percentile, 2);
    if (s.peak_cores.at_percentile)
        db["peak_cores"] = rounded(*s.peak_cores.at_percentile, 2);
    if (s.global_buffers_gib.at_percentile && *s.global_buffers_gib.at_percentile > 0)
        db["global_buffers_gib"] = rounded(*s.global_buffers_gib.at_percentile, 3);

    nlohmann::json imp;
    imp["tool"] = "irisize import-metrics";
    imp["percentile"] = s.percentile;
    imp["method"] = s.method;
    imp["files"] = s.files;
    if (s.first && s.last) {
        imp["first_sample"] = format_timestamp(*s.first);
        imp["last_sample"] = format_timestamp(*s.last);
    }
    imp["covered_hours"] = rounded(s.covered_hours, 2);
    imp["samples"] = {{"mgstat", s.mgstat_samples},
                      {"vmstat", s.vmstat_samples},
                      {"iostat", s.iostat_samples},
                      {"perfmon", s.perfmon_samples}};
    if (s.cpus)
        imp["cpus"] = *s.cpus;
    if (s.memory_gib) {
        imp["memory_gib"] = rounded(*s.memory_gib, 1);
        // The running server's RAM: the plan says whether the site itself passes the memory rule.
        doc["database"]["site_memory_gib"] = rounded(*s.memory_gib, 1);
    }
    auto& fields = imp["fields"];
    for (const MetricStat* m : {&s.read_iops, &s.write_iops, &s.journal_mibps, &s.peak_cores})
        fields[m->field] = stat_json(*m, s.percentile, false);
    if (s.journal_mibps.has_value() && s.journal_io_kib > 0) {
        // Jrnwrts counts writes, not bytes: the MiB/s rest on an assumed write size.
        auto& j = fields["journal_mibps"];
        j["estimate"] = true;
        j["journal_block_kib"] = s.journal_io_kib;
        j["note"] = fmt::format("estimated from mgstat Jrnwrts x {} KiB per journal write (data/sizing.json "
                                "journal_io_kib); journal writes are 4 KiB to 4 MiB, so the journal disk's iostat "
                                "wkB/s is the better measure",
                                num(s.journal_io_kib));
    }
    fields["global_buffers_gib"] = stat_json(s.global_buffers_gib, s.percentile, true);
    fields["size_gib"] = s.size_gib.has_value()
                             ? stat_json(s.size_gib, s.percentile, true)
                             : nlohmann::json{{"value", nullptr}, {"note", "not in the report(s): add it"}};
    auto& checks = imp["cross_checks"];
    checks["cpu_busy_percent"] = stat_json(s.cpu_busy_percent, s.percentile, false);
    checks["database_device_write_iops"] = stat_json(s.device_write_iops, s.percentile, false);
    if (s.disk_iops.has_value())
        checks["disk_transfers_iops"] = stat_json(s.disk_iops, s.percentile, false);
    if (s.disk_mibps.has_value())
        checks["disk_mibps"] = stat_json(s.disk_mibps, s.percentile, false);
    imp["warnings"] = s.warnings;
    doc["_import"] = std::move(imp);
    // Text copied from the report (paths, host names) may not be UTF-8 (an old Latin-1 CPF):
    // replace what is not, so that the document always serialises.
    return nlohmann::json::parse(doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace irisize
