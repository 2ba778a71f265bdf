// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the workload JSON reader, then size() and the independent plan check.
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace irisize::fuzz;
    return finish(workload_json({reinterpret_cast<const char*>(data), size}, real_catalog()));
}
