// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the data-file parsers. The first byte picks the parser (rule set, instance
// catalog, price list against the real instance catalog, profile, sizing policy); the rest is JSON.
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace irisize::fuzz;
    return finish(data_file({reinterpret_cast<const char*>(data), size}, real_catalog()));
}
