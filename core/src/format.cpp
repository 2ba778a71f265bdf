// SPDX-License-Identifier: GPL-3.0-or-later
// Locale-independent number text for people: fixed decimals with trailing zeros trimmed and
// thousands grouped with commas, by integer arithmetic where the scaled value fits.
#include "irisize/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace irisize {

namespace {

// Fixed-point digits of |value| with `decimals` places, locale-independent, written to `buf`
// (at least 400 characters); returns the end. Values that fit an integer once scaled are
// printed by integer arithmetic (exact rounding of the scaled value, much faster than a
// general formatter); others go through std::to_chars.
char* fixed_abs(char* buf, double value, int decimals) {
    const double a = std::abs(value);
    static constexpr double pow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (decimals >= 0 && decimals <= 6 && a * pow10[decimals] < 9e15) {
        auto scaled = static_cast<unsigned long long>(std::llround(a * pow10[decimals]));
        char digits[32];
        char* end = digits + sizeof digits;
        char* p = end;
        for (int i = 0; i < decimals; ++i) {
            *--p = static_cast<char>('0' + scaled % 10);
            scaled /= 10;
        }
        if (decimals > 0)
            *--p = '.';
        do {
            *--p = static_cast<char>('0' + scaled % 10);
            scaled /= 10;
        } while (scaled > 0);
        return std::copy(p, end, buf);
    }
    return std::to_chars(buf, buf + 400, a, std::chars_format::fixed, decimals).ptr;
}

// `prefix`, then the plain unsigned fixed-point number [first, last) with its integer part's
// thousands separated by commas, as one string.
std::string grouped(std::string_view prefix, const char* first, const char* last) {
    const char* dot = std::find(first, last, '.');
    const auto whole = static_cast<std::size_t>(dot - first);
    std::string out;
    out.resize(prefix.size() + static_cast<std::size_t>(last - first) + (whole > 0 ? (whole - 1) / 3 : 0));
    char* o = std::copy(prefix.begin(), prefix.end(), out.data());
    for (std::size_t i = 0; i < whole; ++i) {
        if (i > 0 && (whole - i) % 3 == 0)
            *o++ = ',';
        *o++ = first[i];
    }
    std::copy(dot, last, o);
    return out;
}

bool any_nonzero_digit(const char* first, const char* last) {
    return std::any_of(first, last, [](char c) { return c >= '1' && c <= '9'; });
}

} // namespace

std::string num(double value, int max_decimals) {
    if (!std::isfinite(value))
        return std::isnan(value) ? "NaN" : (value > 0 ? "infinity" : "-infinity");
    char buf[400];
    char* end = fixed_abs(buf, value, max_decimals);
    if (max_decimals > 0) {
        while (end[-1] == '0')
            --end;
        if (end[-1] == '.')
            --end;
    }
    const bool negative = value < 0 && any_nonzero_digit(buf, end);
    return grouped(negative ? "-" : "", buf, end);
}

std::string money_str(double usd) {
    if (!std::isfinite(usd))
        return num(usd);
    char buf[400];
    char* end = fixed_abs(buf, usd, 2);
    const bool negative = usd < 0 && any_nonzero_digit(buf, end);
    return grouped(negative ? "-$" : "$", buf, end);
}

std::string usd_rate(double usd) {
    if (!std::isfinite(usd))
        return num(usd);
    char buf[400];
    char* end = fixed_abs(buf, usd, 6);
    const char* dot = std::find(buf, end, '.');
    while (end - dot > 3 && end[-1] == '0')
        --end;
    const bool negative = usd < 0 && any_nonzero_digit(buf, end);
    return grouped(negative ? "-$" : "$", buf, end);
}

double to_cents(double usd) {
    return std::round(usd * 100.0) / 100.0;
}

} // namespace irisize
