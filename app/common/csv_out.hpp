// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writing CSV (RFC 4180): fields quoted only when they must be, quotes doubled, rows ended
// with CRLF-free "\n" (what every spreadsheet reads).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen characters at a time: each compared with the four that force quotes.
    if (s.size() >= 16) {
        const __m128i quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                      delim = _mm_set1_epi8(delimiter);
        __m128i hit = _mm_setzero_si128();
        for (; i + 16 <= s.size(); i += 16) {
            const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
            hit = _mm_or_si128(hit, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, quote), _mm_cmpeq_epi8(c, lf)),
                                                 _mm_or_si128(_mm_cmpeq_epi8(c, cr), _mm_cmpeq_epi8(c, delim))));
        }
        if (_mm_movemask_epi8(hit) != 0)
            return true;
    }
#endif
    // The rest (or all, without SSE2): the characters that force quotes are all below 64 here,
    // one bit each in a mask, tested without a branch for every character.
    const std::uint64_t mask = (std::uint64_t{1} << '"') | (std::uint64_t{1} << '\n') | (std::uint64_t{1} << '\r') |
                               (std::uint64_t{1} << d);
    std::uint64_t special = 0;
    for (; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
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
