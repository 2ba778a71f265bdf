// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file format.hpp
/// Numbers for people, independent of the machine's locale: thousands grouped with commas,
/// a fixed number of decimals with trailing zeros trimmed.

#include <string>

namespace irisize {

/// `num(20000) == "20,000"`, `num(0.256, 3) == "0.256"`, `num(33.333, 1) == "33.3"`.
std::string num(double value, int max_decimals = 0);
/// Money: `money_str(1234.5) == "$1,234.50"`.
std::string money_str(double usd);

} // namespace irisize
