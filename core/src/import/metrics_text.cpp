// SPDX-License-Identifier: GPL-3.0-or-later
// Text and time-stamp helpers the metrics readers share: trimming, case-insensitive search,
// splitting into lines, fields and blank-separated tokens, locale-independent numbers and
// sizes, HTML to plain text (tags dropped, entities decoded), dates and times as the
// collectors write them (MM/DD/YY, DD/MM when it cannot be a month, ISO), line ends made LF.

#include "import/metrics_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>

namespace irisize::detail::metrics {

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

size_t ifind(string_view hay, string_view needle, size_t from) {
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

/// "18432MB", "18432", "18GB", "512KB" in MiB (IRIS writes MB meaning 2^20 bytes).
std::optional<double> size_mib(string_view s) {
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

namespace {

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

} // namespace

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

/// The 1-based line of `doc` at offset `pos`.
size_t line_at(string_view doc, size_t pos) {
    return 1 + static_cast<size_t>(
                   std::count(doc.begin(), doc.begin() + static_cast<std::ptrdiff_t>(std::min(pos, doc.size())), '\n'));
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

} // namespace irisize::detail::metrics
