// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The EBS volume types a price document lists, in its order: the offer reader
// (price_offer.cpp) keeps rows of these types, the document writer (price_document.cpp)
// writes one entry for each.

#include <array>
#include <string_view>

namespace irisize::detail {

inline const std::array<std::string_view, 7>& volume_types() {
    static constexpr std::array<std::string_view, 7> types{"gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"};
    return types;
}

} // namespace irisize::detail
