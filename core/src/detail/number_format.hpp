// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Numbers written straight into fmt's output, with the text num(), money_str() and usd_rate()
// return (irisize/format.hpp) but no string in between: inside the library
// `fmt::format(FMT_COMPILE("{} GiB"), fnum(x, 1))` prints what `num(x, 1) + " GiB"` does. The
// explanations print hundreds of numbers per plan, so this is where their time went.

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include <fmt/compile.h>
#include <fmt/format.h>

namespace irisize::detail {

/// Room for any number's text: the longest double in fixed notation, its commas and a sign.
inline constexpr std::size_t kNumberTextMax = 512;

/// The text of num(value, max_decimals), money_str(usd) and usd_rate(usd), written somewhere
/// in `buf` (kNumberTextMax characters); each returns where.
std::string_view num_text(char* buf, double value, int max_decimals);
std::string_view money_text(char* buf, double usd);
std::string_view usd_rate_text(char* buf, double usd);

/// A number as fmt prints it: `value` with at most `max_decimals` decimals, then `unit` as it
/// is (" GiB").
struct NumArg {
    double value;
    int max_decimals;
    std::string_view unit;
};
enum class MoneyKind { amount, rate };
struct MoneyArg {
    double usd;
    MoneyKind kind;
};

} // namespace irisize::detail

namespace irisize {

/// num() for fmt: `fnum(1234.56, 1)` prints "1,234.6".
constexpr detail::NumArg fnum(double value, int max_decimals = 0, std::string_view unit = {}) {
    return {value, max_decimals, unit};
}
/// money_str() for fmt: `fmoney(1234.5)` prints "$1,234.50".
constexpr detail::MoneyArg fmoney(double usd) {
    return {usd, detail::MoneyKind::amount};
}
/// usd_rate() for fmt: `frate(0.0595)` prints "$0.0595".
constexpr detail::MoneyArg frate(double usd) {
    return {usd, detail::MoneyKind::rate};
}

/// An explanation being written: fmt's stack buffer (500 characters before it allocates).
using TextBuffer = fmt::memory_buffer;
/// Appends `s` as it is.
inline void append(TextBuffer& out, std::string_view s) {
    out.append(s.data(), s.data() + s.size());
}
/// Appends a compiled format (`FMT_COMPILE("...")`) with its arguments.
template <class Format, class... Args>
    requires fmt::detail::is_compiled_string<Format>::value
void append(TextBuffer& out, const Format& format, const Args&... args) {
    fmt::format_to(fmt::appender(out), format, args...);
}
inline std::string to_string(const TextBuffer& b) {
    return std::string(b.data(), b.size());
}

/// fmt::format for a compiled format string (`FMT_COMPILE("...")`), built in fmt's stack buffer
/// and copied into the string once: fmt::format's own compiled path appends to the string one
/// character at a time.
template <class Format, class... Args>
std::string format_text(const Format& format, const Args&... args) {
    fmt::memory_buffer buf;
    fmt::format_to(fmt::appender(buf), format, args...);
    return std::string(buf.data(), buf.size());
}

} // namespace irisize

template <>
struct fmt::formatter<irisize::detail::NumArg> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <class Context>
    auto format(const irisize::detail::NumArg& a, Context& ctx) const {
        char buf[irisize::detail::kNumberTextMax];
        const std::string_view t = irisize::detail::num_text(buf, a.value, a.max_decimals);
        auto out = fmt::detail::copy_str<char>(t.begin(), t.end(), ctx.out());
        return fmt::detail::copy_str<char>(a.unit.begin(), a.unit.end(), out);
    }
};

template <>
struct fmt::formatter<irisize::detail::MoneyArg> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <class Context>
    auto format(const irisize::detail::MoneyArg& a, Context& ctx) const {
        char buf[irisize::detail::kNumberTextMax];
        const std::string_view t = a.kind == irisize::detail::MoneyKind::amount
                                       ? irisize::detail::money_text(buf, a.usd)
                                       : irisize::detail::usd_rate_text(buf, a.usd);
        return fmt::detail::copy_str<char>(t.begin(), t.end(), ctx.out());
    }
};
