// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the SystemPerformance/pButtons importer, then the workload it writes sized
// and checked.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace irisize::fuzz;
    return finish(metrics_report({reinterpret_cast<const char*>(data), size}, real_catalog()));
}
