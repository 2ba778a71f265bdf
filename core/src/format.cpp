// SPDX-License-Identifier: GPL-3.0-or-later
// Locale-independent number text for people: fixed decimals with trailing zeros trimmed and
// thousands grouped with commas, by integer arithmetic where the scaled value fits.
#include "irisize/format.hpp"

#include <charconv>
#include <cmath>

namespace irisize {

namespace {

// Fixed-point digits of |value| with `decimals` places, locale-independent. Values that fit
// an integer once scaled are printed by integer arithmetic (exact rounding of the scaled
// value, much faster than a general formatter); others go through std::to_chars.
std::string fixed_abs(double value, int decimals) {
    const double a = std::abs(value);
    static constexpr double pow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (decimals >= 0 && decimals <= 6 && a * pow10[decimals] < 9e15) {
        auto scaled = static_cast<unsigned long long>(std::llround(a * pow10[decimals]));
        char buf[32];
        char* end = buf + sizeof buf;
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
        return std::string(p, end);
    }
    char buf[400];
    auto res = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::fixed, decimals);
    return std::string(buf, res.ptr);
}

// Inserts thousands separators into the integer part of a plain, unsigned fixed-point number.
std::string grouped(const std::string& s) {
    std::size_t dot = s.find('.');
    if (dot == std::string::npos)
        dot = s.size();
    std::string out;
    out.reserve(s.size() + dot / 3);
    for (std::size_t i = 0; i < dot; ++i) {
        if (i > 0 && (dot - i) % 3 == 0)
            out += ',';
        out += s[i];
    }
    out.append(s, dot, std::string::npos);
    return out;
}

} // namespace

std::string num(double value, int max_decimals) {
    if (!std::isfinite(value))
        return std::isnan(value) ? "NaN" : (value > 0 ? "infinity" : "-infinity");
    std::string s = fixed_abs(value, max_decimals);
    if (max_decimals > 0) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    const bool negative = value < 0 && s.find_first_not_of("0.") != std::string::npos;
    std::string out = grouped(s);
    if (negative)
        out.insert(out.begin(), '-');
    return out;
}

std::string money_str(double usd) {
    if (!std::isfinite(usd))
        return num(usd);
    const std::string s = fixed_abs(usd, 2);
    const bool negative = usd < 0 && s != "0.00";
    std::string out = grouped(s);
    out.insert(0, negative ? "-$" : "$");
    return out;
}

std::string usd_rate(double usd) {
    if (!std::isfinite(usd))
        return num(usd);
    std::string s = fixed_abs(usd, 6);
    const std::size_t dot = s.find('.');
    while (s.size() > dot + 3 && s.back() == '0')
        s.pop_back();
    const bool negative = usd < 0 && s.find_first_not_of("0.") != std::string::npos;
    std::string out = grouped(s);
    out.insert(0, negative ? "-$" : "$");
    return out;
}

double to_cents(double usd) {
    return std::round(usd * 100.0) / 100.0;
}

} // namespace irisize
