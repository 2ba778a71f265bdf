// SPDX-License-Identifier: GPL-3.0-or-later
// Locale-independent number text for people: fixed decimals with trailing zeros trimmed and
// thousands grouped with commas. A number whose scaled value fits an integer is written in one
// pass from its last digit to its first; others go through std::to_chars.
#include "irisize/format.hpp"

#include "detail/number_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

namespace irisize {

namespace {

constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

// Copies `s` to `buf`; returns its length.
std::size_t copy_text(char* buf, std::string_view s) {
    std::memcpy(buf, s.data(), s.size());
    return s.size();
}

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

// A number written right to left into the end of `buf`: `decimals` fixed places of |value|,
// trailing zeros trimmed while more than `keep` decimals remain, the integer part grouped by
// commas, `prefix` in front ("-" or "-$" when negative and not zero once rounded). Returns the
// length, the text moved to the start of `buf`.
std::size_t fixed(char* buf, double value, int decimals, int keep, std::string_view prefix,
                  std::string_view negative_prefix) {
    const double a = std::abs(value);
    if (decimals < 0 || decimals > 6 || !(a * kPow10[decimals] < 9e15))
        return slow_fixed(buf, a, decimals, keep, value < 0, negative_prefix, prefix);
    auto scaled = static_cast<unsigned long long>(std::llround(a * kPow10[decimals]));
    const bool negative = value < 0 && scaled != 0;
    while (decimals > keep && scaled % 10 == 0) {
        scaled /= 10;
        --decimals;
    }
    char tmp[48];
    char* const end = tmp + sizeof tmp;
    char* p = end;
    for (int i = 0; i < decimals; ++i) {
        *--p = static_cast<char>('0' + scaled % 10);
        scaled /= 10;
    }
    if (decimals > 0)
        *--p = '.';
    int group = 0;
    do {
        if (group == 3) {
            *--p = ',';
            group = 0;
        }
        *--p = static_cast<char>('0' + scaled % 10);
        scaled /= 10;
        ++group;
    } while (scaled > 0);
    const std::string_view pre = negative ? negative_prefix : prefix;
    std::size_t n = copy_text(buf, pre);
    std::memcpy(buf + n, p, static_cast<std::size_t>(end - p));
    return n + static_cast<std::size_t>(end - p);
}

std::size_t non_finite(char* buf, double value) {
    return copy_text(buf, std::isnan(value) ? "NaN" : (value > 0 ? "infinity" : "-infinity"));
}

} // namespace

namespace detail {

std::size_t num_text(char* buf, double value, int max_decimals) {
    if (!std::isfinite(value))
        return non_finite(buf, value);
    return fixed(buf, value, max_decimals, 0, "", "-");
}

std::size_t money_text(char* buf, double usd) {
    if (!std::isfinite(usd))
        return non_finite(buf, usd);
    return fixed(buf, usd, 2, 2, "$", "-$");
}

std::size_t usd_rate_text(char* buf, double usd) {
    if (!std::isfinite(usd))
        return non_finite(buf, usd);
    return fixed(buf, usd, 6, 2, "$", "-$");
}

} // namespace detail

std::string num(double value, int max_decimals) {
    char buf[detail::kNumberTextMax];
    return {buf, detail::num_text(buf, value, max_decimals)};
}

std::string money_str(double usd) {
    char buf[detail::kNumberTextMax];
    return {buf, detail::money_text(buf, usd)};
}

std::string usd_rate(double usd) {
    char buf[detail::kNumberTextMax];
    return {buf, detail::usd_rate_text(buf, usd)};
}

double to_cents(double usd) {
    return std::round(usd * 100.0) / 100.0;
}

} // namespace irisize
