// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the desktop application's project file reader, each system read as a
// workload and sized.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace irisize::fuzz;
    return finish(project_file({reinterpret_cast<const char*>(data), size}, real_catalog()));
}
