// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers, money and unit prices as the reports print them: grouped, trimmed, rounded once to
// the cent, the same whatever locale the process runs in.
#include <clocale>

#include <catch2/catch.hpp>

#include "irisize/format.hpp"

using irisize::money_str;
using irisize::num;

TEST_CASE ("numbers for people: grouped, trimmed, locale-free", "[format]") {
    CHECK(num(0) == "0");
    CHECK(num(999) == "999");
    CHECK(num(1000) == "1,000");
    CHECK(num(20000) == "20,000");
    CHECK(num(1234567.891, 2) == "1,234,567.89");
    CHECK(num(0.256, 3) == "0.256");
    CHECK(num(33.3333, 1) == "33.3");
    CHECK(num(2.50, 2) == "2.5");
    CHECK(num(-1500) == "-1,500");
    CHECK(num(-0.0001, 2) == "0");
    CHECK(money_str(1234.5) == "$1,234.50");
    CHECK(money_str(0) == "$0.00");
    CHECK(money_str(-12.345) == "-$12.35");
    // A comma-decimal locale in the process changes nothing.
    if (std::setlocale(LC_ALL, "de_DE.UTF-8")) {
        CHECK(num(1234.5, 1) == "1,234.5");
        std::setlocale(LC_ALL, "C");
    }
}

TEST_CASE ("large and tiny numbers format as well", "[format]") {
    CHECK(num(1e20) == "100,000,000,000,000,000,000");
    CHECK(num(0.5) == "1"); // rounds half away from zero
    CHECK(num(0.125, 2) == "0.13");
    CHECK(num(1.0 / 3.0, 6) == "0.333333");
    CHECK(money_str(1e16) == "$10,000,000,000,000,000.00");
}

TEST_CASE ("prices per unit keep their digits; money rounds once, to the cent", "[format]") {
    using irisize::to_cents;
    using irisize::usd_rate;
    CHECK(usd_rate(0.0595) == "$0.0595");
    CHECK(usd_rate(0.05) == "$0.05");
    CHECK(usd_rate(0.1) == "$0.10");
    CHECK(usd_rate(0.55944) == "$0.55944");
    CHECK(usd_rate(0.03528) == "$0.03528");
    CHECK(usd_rate(1234.5) == "$1,234.50");
    CHECK(to_cents(408.3912) == 408.39);
    CHECK(to_cents(0.005) == 0.01);
    CHECK(to_cents(-1.006) == -1.01);
}
