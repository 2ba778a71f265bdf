// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writing CSV (RFC 4180): fields quoted only when they must be, quotes doubled, rows ended
// with CRLF-free "\n" (what every spreadsheet reads).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace irisize::app {

/// Whether a field must be quoted: a quote, a line break or the delimiter in it, or a blank
/// at either end (which a reader would trim).
inline bool csv_field_needs_quotes(std::string_view s, char delimiter = ',') {
    if (s.empty())
        return false;
    if (s.front() == ' ' || s.back() == ' ')
        return true;
    const auto d = static_cast<unsigned char>(delimiter);
    if (d >= 64) { // a delimiter beyond the mask below (no spreadsheet writes one)
        bool special = false;
        for (char c : s)
            special |= (c == '"') | (c == '\n') | (c == '\r') | (c == delimiter);
        return special;
    }
    // The characters that force quotes are all below 64 here: one bit each in a mask, tested
    // without a branch for every character (no early exit: most fields have none).
    const std::uint64_t mask = (std::uint64_t{1} << '"') | (std::uint64_t{1} << '\n') | (std::uint64_t{1} << '\r') |
                               (std::uint64_t{1} << d);
    std::uint64_t special = 0;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        special |= (c < 64) & (mask >> (c & 63));
    }
    return special != 0;
}

inline void append_csv_field(std::string& out, std::string_view s, char delimiter = ',') {
    if (!csv_field_needs_quotes(s, delimiter)) {
        out += s;
        return;
    }
    out += '"';
    // The text between quotes as it is, each quote doubled.
    for (;;) {
        const void* q = std::memchr(s.data(), '"', s.size());
        if (!q) {
            out += s;
            break;
        }
        const auto n = static_cast<std::size_t>(static_cast<const char*>(q) - s.data()) + 1;
        out.append(s.data(), n);
        out += '"';
        s.remove_prefix(n);
    }
    out += '"';
}

/// The cells of a range, separated by the delimiter (no row end).
template <class Iterator>
void append_csv_cells(std::string& out, Iterator first, Iterator last, char delimiter = ',') {
    for (Iterator it = first; it != last; ++it) {
        if (it != first)
            out += delimiter;
        append_csv_field(out, *it, delimiter);
    }
}

template <class Strings>
void append_csv_row(std::string& out, const Strings& cells, char delimiter = ',') {
    append_csv_cells(out, std::begin(cells), std::end(cells), delimiter);
    out += '\n';
}

inline std::string csv_row(const std::vector<std::string>& cells) {
    std::string out;
    append_csv_row(out, cells);
    return out;
}

} // namespace irisize::app
