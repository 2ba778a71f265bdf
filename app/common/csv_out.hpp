// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writing CSV (RFC 4180): fields quoted only when they must be, quotes doubled, rows ended
// with CRLF-free "\n" (what every spreadsheet reads).

#include <string>
#include <string_view>
#include <vector>

namespace irisize::app {

inline void append_csv_field(std::string& out, std::string_view s, char delimiter = ',') {
    bool quote = !s.empty() && (s.front() == ' ' || s.back() == ' ');
    for (std::size_t i = 0; i < s.size() && !quote; ++i) {
        const char c = s[i];
        quote = c == '"' || c == '\n' || c == '\r' || c == delimiter;
    }
    if (!quote) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

template <class Strings>
void append_csv_row(std::string& out, const Strings& cells, char delimiter = ',') {
    bool first = true;
    for (const auto& c : cells) {
        if (!first)
            out += delimiter;
        append_csv_field(out, c, delimiter);
        first = false;
    }
    out += '\n';
}

inline std::string csv_row(const std::vector<std::string>& cells) {
    std::string out;
    append_csv_row(out, cells);
    return out;
}

} // namespace irisize::app
