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
#include <type_traits>

#include "irisize/roles.hpp"

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
inline std::string to_string(const TextBuffer& b) {
    return std::string(b.data(), b.size());
}

namespace detail {

// The most characters an argument can print with a plain "{}" field: appending reserves this
// much and lets fmt write through a raw pointer, much cheaper than its growing buffer's
// per-piece checks. A number outside the fast path of num() may take all of kNumberTextMax.
constexpr std::size_t kFastNumberMax = 40;
inline bool fast_number(double a, double scale) {
    return a * scale < 9e15; // false for NaN and infinity too
}
inline std::size_t text_bound(const NumArg& a) {
    constexpr double kScale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    const bool fast = a.max_decimals >= 0 && a.max_decimals <= 6 &&
                      fast_number(a.value < 0 ? -a.value : a.value, kScale[a.max_decimals]);
    return (fast ? kFastNumberMax : kNumberTextMax) + a.unit.size();
}
inline std::size_t text_bound(const MoneyArg& a) {
    return fast_number(a.usd < 0 ? -a.usd : a.usd, 1e6) ? kFastNumberMax : kNumberTextMax;
}
inline std::size_t text_bound(const std::string& s) {
    return s.size();
}
inline std::size_t text_bound(std::string_view s) {
    return s.size();
}
inline std::size_t text_bound(const char* s) {
    return std::strlen(s);
}
template <class Int>
    requires std::is_integral_v<Int>
std::size_t text_bound(Int) {
    return 24; // the longest 64-bit integer with its sign, or "false"
}
inline std::size_t text_bound(double) {
    return 32; // fmt's shortest round-trip form of any double, with sign and exponent
}
inline std::size_t text_bound(Role r) {
    return name(r).size();
}
inline std::size_t text_bound(VolumePurpose p) {
    return name(p).size();
}

// True when every field of the format is a plain "{}": then the text is at most the format's
// length plus the arguments' bounds.
template <class Format>
constexpr bool plain_fields(Format format) {
    const fmt::string_view s(format);
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '{') {
            if (i + 1 >= s.size() || (s[i + 1] != '}' && s[i + 1] != '{'))
                return false;
            ++i;
        }
    }
    return true;
}

// An argument as the fast path hands it to fmt: a string view that views nothing becomes an
// empty literal, since fmt copies text into a raw pointer with memcpy, whose source must never
// be null, even for no bytes.
template <class T>
const T& non_null(const T& a) {
    return a;
}
inline std::string_view non_null(std::string_view s) {
    return s.data() ? s : std::string_view("");
}

template <class Format, class... Args>
concept BoundedFormat = fmt::detail::is_compiled_string<Format>::value && plain_fields(Format{}) &&
                        requires(const Args&... args) { (text_bound(args), ...); };

} // namespace detail

/// Appends a compiled format (`FMT_COMPILE("...")`) with its arguments. When every field is a
/// plain "{}" of an argument whose longest text is known, the room is reserved once and fmt
/// writes straight into it; otherwise fmt appends piece by piece.
template <class Format, class... Args>
    requires fmt::detail::is_compiled_string<Format>::value
void append(TextBuffer& out, const Format& format, const Args&... args) {
    if constexpr (detail::BoundedFormat<Format, Args...>) {
        const std::size_t at = out.size();
        const std::size_t bound = fmt::string_view(format).size() + (std::size_t{0} + ... + detail::text_bound(args));
        out.resize(at + bound);
        char* const end = fmt::format_to(out.data() + at, format, detail::non_null(args)...);
        out.resize(static_cast<std::size_t>(end - out.data()));
    } else {
        fmt::format_to(fmt::appender(out), format, args...);
    }
}

/// fmt::format for a compiled format string (`FMT_COMPILE("...")`), built in fmt's stack buffer
/// and copied into the string once: fmt::format's own compiled path appends to the string one
/// character at a time.
template <class Format, class... Args>
std::string format_text(const Format& format, const Args&... args) {
    TextBuffer buf;
    append(buf, format, args...);
    return to_string(buf);
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
        if (a.unit.empty()) // no unit may be a null view: never hand memcpy a null source
            return out;
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
