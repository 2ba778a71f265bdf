// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// fmt formatters for Role and VolumePurpose: inside the library `fmt::format("{} {}", m.role,
// v.purpose)` writes their names (irisize/roles.hpp), the only spelling there is.

#include <string_view>

#include <fmt/format.h>

#include "irisize/roles.hpp"

template <>
struct fmt::formatter<irisize::Role> : fmt::formatter<std::string_view> {
    template <class Context>
    auto format(irisize::Role r, Context& ctx) const {
        return fmt::formatter<std::string_view>::format(irisize::name(r), ctx);
    }
};

template <>
struct fmt::formatter<irisize::VolumePurpose> : fmt::formatter<std::string_view> {
    template <class Context>
    auto format(irisize::VolumePurpose p, Context& ctx) const {
        return fmt::formatter<std::string_view>::format(irisize::name(p), ctx);
    }
};
