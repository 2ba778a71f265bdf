// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the AWS price-list offer CSV reader, then the price document it makes,
// checked as import-prices checks it.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace irisize::fuzz;
    return finish(price_offer({reinterpret_cast<const char*>(data), size}, real_catalog()));
}
