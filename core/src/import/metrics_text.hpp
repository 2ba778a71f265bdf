// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Text and time-stamp helpers shared by the metrics readers (core/src/import/metrics_*.cpp):
// what every collector's output needs before its own rules apply. Internal to the core.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace irisize::detail::metrics {

using std::size_t;
using std::string;
using std::string_view;

inline constexpr auto npos = string_view::npos;

// --- text ---------------------------------------------------------------------------------

bool is_space(char c);
string_view trim(string_view s);
char lower_char(char c);
string lower(string_view s);
bool iequals(string_view a, string_view b);
bool istarts_with(string_view s, string_view prefix);
/// Case-insensitive find of `needle` in `hay` from `from`, or npos.
size_t ifind(string_view hay, string_view needle, size_t from = 0);
/// Every piece between `sep`s (an empty string gives one empty piece).
std::vector<string_view> split(string_view s, char sep);
/// The blank-separated tokens.
std::vector<string_view> split_ws(string_view s);
/// The lines, without a last empty one.
std::vector<string_view> lines_of(string_view s);
/// A whole token as a number, locale-independent ("1234", "0.25", "+3", "-1e3").
std::optional<double> number(string_view s);
/// A whole token as an int.
std::optional<int> whole(string_view s);
/// The first run of digits in `s` as a number.
std::optional<int> leading_int(string_view s);
/// "18432MB", "18432", "18GB", "512KB" in MiB (IRIS writes MB meaning 2^20 bytes).
std::optional<double> size_mib(string_view s);
/// HTML to plain text: tags and comments dropped (`<br>` and block ends become line breaks),
/// entities decoded. A tag cut off by the end of the input ends the text.
string html_to_text(string_view s);
/// The 1-based line of `doc` at offset `pos`.
size_t line_at(string_view doc, size_t pos);
/// A line shortened and made printable, for a message.
string excerpt(string_view line);
/// CR LF and lone CR made LF.
string lf_only(string_view text);

// --- dates and times ----------------------------------------------------------------------

/// Days since 1970-01-01 of a date written MM/DD/YY, MM/DD/YYYY or YYYY-MM-DD (DD/MM when the
/// first part cannot be a month but the second can).
std::optional<std::int64_t> parse_date(string_view s);
/// Seconds since midnight of HH:MM[:SS[.fff]].
std::optional<int> parse_time(string_view s);
/// Seconds since 1970-01-01 of a day and a time of day.
std::int64_t stamp(std::int64_t days, int seconds);
/// A line that is only a time stamp ("11/22/2021 04:15:01 PM", "11/22/21 16:15:01",
/// "2021-11-22T16:15:01+0000"), as iostat -t writes between samples.
std::optional<std::int64_t> timestamp_line(string_view line);

} // namespace irisize::detail::metrics
