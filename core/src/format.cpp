// SPDX-License-Identifier: GPL-3.0-or-later
// Locale-independent number text for people: fixed decimals with trailing zeros trimmed and
// thousands grouped with commas. A number whose scaled value fits an integer is written in one
// pass from its last digit to its first, two digits at a time; others go through std::to_chars.
#include "irisize/format.hpp"

#include "detail/number_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace irisize {

namespace {

constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

// `prefix`, then the plain unsigned fixed-point number [first, last) with its integer part's
// thousands separated by commas, written to `out`; returns the length. The slow path, for
// numbers too large to scale to an integer.
std::size_t grouped(char* out, std::string_view prefix, const char* first, const char* last) {
    const char* dot = std::find(first, last, '.');
    const auto whole = static_cast<std::size_t>(dot - first);
    char* o = std::copy(prefix.begin(), prefix.end(), out);
    for (std::size_t i = 0; i < whole; ++i) {
        if (i > 0 && (whole - i) % 3 == 0)
            *o++ = ',';
        *o++ = first[i];
    }
    o = std::copy(dot, last, o);
    return static_cast<std::size_t>(o - out);
}

// The general case: `decimals` fixed places by std::to_chars, trailing zeros trimmed down to
// `keep` decimals (keep == decimals trims none), grouped, after `prefix` (the sign and "$").
std::size_t slow_fixed(char* out, double a, int decimals, int keep, bool negative, std::string_view sign_prefix,
                       std::string_view prefix) {
    char digits[detail::kNumberTextMax];
    char* end = std::to_chars(digits, digits + sizeof digits, a, std::chars_format::fixed, decimals).ptr;
    if (decimals > 0) {
        const char* dot = std::find(digits, end, '.');
        while (end - dot > keep + 1 && end[-1] == '0')
            --end;
        if (keep == 0 && end - dot == 1)
            --end;
    }
    const bool any = std::any_of(digits, end, [](char c) { return c >= '1' && c <= '9'; });
    return grouped(out, negative && any ? sign_prefix : prefix, digits, end);
}

// |value| rounded to a whole number, halves away from zero, as std::llround does, for
// 0 <= a < 9e15: the truncation is exact there, and so is the fraction left over.
unsigned long long round_half_away(double a) {
    auto whole = static_cast<unsigned long long>(a);
    if (a - static_cast<double>(whole) >= 0.5)
        ++whole;
    return whole;
}

constexpr char kDigitPairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                               "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                               "8081828384858687888990919293949596979899";

// A number written right to left, ending at `end`: `decimals` fixed places of |value|,
// trailing zeros trimmed while more than `keep` decimals remain, the integer part grouped by
// commas, `prefix` in front (`negative_prefix` when negative and not zero once rounded).
// Returns where the text starts, or null when the value is out of the fast path's range.
char* fixed_backwards(char* end, double value, int decimals, int keep, std::string_view prefix,
                      std::string_view negative_prefix) {
    const double a = std::abs(value);
    if (decimals < 0 || decimals > 6 || !(a * kPow10[decimals] < 9e15))
        return nullptr;
    auto scaled = round_half_away(a * kPow10[decimals]);
    const bool negative = value < 0 && scaled != 0;
    while (decimals > keep && scaled % 10 == 0) {
        scaled /= 10;
        --decimals;
    }
    char* p = end;
    for (int i = 0; i < decimals; ++i) {
        *--p = static_cast<char>('0' + scaled % 10);
        scaled /= 10;
    }
    if (decimals > 0)
        *--p = '.';
    // Whole part: three digits between commas, two at a time from the table.
    for (;;) {
        if (scaled < 1000) {
            if (scaled >= 10) {
                const auto pair = static_cast<std::size_t>(scaled % 100) * 2;
                *--p = kDigitPairs[pair + 1];
                *--p = kDigitPairs[pair];
                scaled /= 100;
                if (scaled > 0)
                    *--p = static_cast<char>('0' + scaled);
            } else
                *--p = static_cast<char>('0' + scaled);
            break;
        }
        const auto group = static_cast<unsigned>(scaled % 1000);
        scaled /= 1000;
        const auto pair = static_cast<std::size_t>(group % 100) * 2;
        *--p = kDigitPairs[pair + 1];
        *--p = kDigitPairs[pair];
        *--p = static_cast<char>('0' + group / 100);
        *--p = ',';
    }
    const std::string_view pre = negative ? negative_prefix : prefix;
    for (std::size_t i = pre.size(); i-- > 0;) // a sign or a currency: a byte or two, no call
        *--p = pre[i];
    return p;
}

// The fast path into the end of `buf`, or the general one from its start.
std::string_view fixed(char* buf, double value, int decimals, int keep, std::string_view prefix,
                       std::string_view negative_prefix) {
    char* const end = buf + detail::kNumberTextMax;
    if (char* p = fixed_backwards(end, value, decimals, keep, prefix, negative_prefix))
        return {p, static_cast<std::size_t>(end - p)};
    return {buf, slow_fixed(buf, std::abs(value), decimals, keep, value < 0, negative_prefix, prefix)};
}

std::string_view non_finite(double value) {
    return std::isnan(value) ? "NaN" : (value > 0 ? "infinity" : "-infinity");
}

} // namespace

namespace detail {

std::string_view num_text(char* buf, double value, int max_decimals) {
    if (!std::isfinite(value))
        return non_finite(value);
    return fixed(buf, value, max_decimals, 0, "", "-");
}

std::string_view money_text(char* buf, double usd) {
    if (!std::isfinite(usd))
        return non_finite(usd);
    return fixed(buf, usd, 2, 2, "$", "-$");
}

std::string_view usd_rate_text(char* buf, double usd) {
    if (!std::isfinite(usd))
        return non_finite(usd);
    return fixed(buf, usd, 6, 2, "$", "-$");
}

} // namespace detail

std::string num(double value, int max_decimals) {
    char buf[detail::kNumberTextMax];
    return std::string(detail::num_text(buf, value, max_decimals));
}

std::string money_str(double usd) {
    char buf[detail::kNumberTextMax];
    return std::string(detail::money_text(buf, usd));
}

std::string usd_rate(double usd) {
    char buf[detail::kNumberTextMax];
    return std::string(detail::usd_rate_text(buf, usd));
}

double to_cents(double usd) {
    return std::round(usd * 100.0) / 100.0;
}

} // namespace irisize
