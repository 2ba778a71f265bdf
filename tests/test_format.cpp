// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers, money and unit prices as the reports print them: grouped, trimmed, rounded once to
// the cent, the same whatever locale the process runs in; and the same text written in place
// by fmt (detail/number_format.hpp), as the explanations write it.
#include <clocale>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "irisize/format.hpp"
#include "irisize/roles.hpp"

#include "detail/number_format.hpp"
#include "detail/role_format.hpp"

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

TEST_CASE ("numbers written in place by fmt read as num(), money_str() and usd_rate() do", "[format]") {
    using namespace irisize;
    const double values[] = {0,     -0.0,  0.5,    2.5,     -2.5,   1234.5678,  -1234.5678, 9e15,
                             1e20,  1e300, -1e300, 1e-300,  0.125,  0.0049999,  999999.995, 123456789.987654,
                             std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::max()};
    TextBuffer many; // grows well past its first 500 characters
    std::string expected;
    for (double v : values) {
        for (int d = 0; d <= 6; ++d) {
            CHECK(format_text(FMT_COMPILE("{}"), fnum(v, d)) == num(v, d));
            CHECK(format_text(FMT_COMPILE("[{} GiB]"), fnum(v, d)) == "[" + num(v, d) + " GiB]");
            CHECK(format_text(FMT_COMPILE("{}"), fnum(v, d, " MiB/s")) == num(v, d) + " MiB/s");
            append(many, FMT_COMPILE("{} and {}; "), fnum(v, d), fmoney(v));
            expected += num(v, d) + " and " + money_str(v) + "; ";
        }
        CHECK(format_text(FMT_COMPILE("{}"), fmoney(v)) == money_str(v));
        CHECK(format_text(FMT_COMPILE("{}"), frate(v)) == usd_rate(v));
    }
    CHECK(to_string(many) == expected);
    // Fields with a width or a long string argument take fmt's general path; the text is the same.
    CHECK(format_text(FMT_COMPILE("{:>8}|"), "ab") == "      ab|");
    const std::string longer(5000, 'x');
    CHECK(format_text(FMT_COMPILE("<{}>{}"), longer, 42) == "<" + longer + ">42");
    CHECK(format_text(FMT_COMPILE("{} {} {}"), Role::dr_async, VolumePurpose::journal1, -9223372036854775807LL - 1) ==
          fmt::format("{} {} -9223372036854775808", name(Role::dr_async), name(VolumePurpose::journal1)));
}
