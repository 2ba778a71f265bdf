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
/// A price per unit with the digits it has (at least two decimals, at most six):
/// `usd_rate(0.0595) == "$0.0595"`, `usd_rate(0.05) == "$0.05"`, `usd_rate(0.55944) == "$0.55944"`.
std::string usd_rate(double usd);
/// Rounds an amount of money to the cent, the one rounding every printed figure and every sum of
/// printed figures starts from (a sum of rounded lines is what the page shows as its total).
double to_cents(double usd);

} // namespace irisize
