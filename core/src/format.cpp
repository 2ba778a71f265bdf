// SPDX-License-Identifier: GPL-3.0-or-later
#include "irisize/format.hpp"

#include <charconv>
#include <cmath>

namespace irisize {

namespace {

// Fixed-point digits of |value| with `decimals` places, via to_chars (locale-independent).
std::string fixed_abs(double value, int decimals) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, std::abs(value), std::chars_format::fixed, decimals);
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
    return (negative ? "-" : "") + grouped(s);
}

std::string money_str(double usd) {
    if (!std::isfinite(usd))
        return num(usd);
    const std::string s = fixed_abs(usd, 2);
    const bool negative = usd < 0 && s != "0.00";
    return (negative ? "-$" : "$") + grouped(s);
}

} // namespace irisize
