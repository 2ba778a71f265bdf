// SPDX-License-Identifier: GPL-3.0-or-later
#include "irisize/format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace irisize {

namespace {
std::string group_integer_part(std::string s) {
    // s is a plain fixed-point number, possibly negative, '.' as the decimal point.
    const bool negative = !s.empty() && s[0] == '-';
    const std::size_t start = negative ? 1 : 0;
    std::size_t dot = s.find('.');
    if (dot == std::string::npos)
        dot = s.size();
    for (std::size_t i = dot; i > start + 3; i -= 3)
        s.insert(i - 3, 1, ',');
    return s;
}
} // namespace

std::string num(double value, int max_decimals) {
    if (!std::isfinite(value))
        return std::isnan(value) ? "NaN" : (value > 0 ? "infinity" : "-infinity");
    std::string s = fmt::format("{:.{}f}", value, max_decimals);
    if (max_decimals > 0) {
        while (!s.empty() && s.back() == '0')
            s.pop_back();
        if (!s.empty() && s.back() == '.')
            s.pop_back();
    }
    if (s == "-0")
        s = "0";
    return group_integer_part(std::move(s));
}

std::string money_str(double usd) {
    std::string s = fmt::format("{:.2f}", std::abs(usd));
    s = group_integer_part(std::move(s));
    return (usd < -0.004 ? "-$" : "$") + s;
}

} // namespace irisize
