// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: BatchHeader::make and workload_from_row (both decimal-comma settings), then
// size() without explanations and the independent plan check on every accepted row.
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace irisize::fuzz;
    return finish(batch_rows({reinterpret_cast<const char*>(data), size}, real_catalog()));
}
