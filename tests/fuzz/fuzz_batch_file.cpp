// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the whole batch engine (libcsv reading, delimiter detection, byte-order mark,
// blank rows, all-or-nothing output) on a file in /dev/shm, one job.
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// One directory per process (libFuzzer -jobs/-fork run several), removed at exit.
const fs::path& scratch() {
    static const fs::path dir = [] {
        fs::path d = fs::path("/dev/shm") / ("irisize-fuzz-batch-" + std::to_string(::getpid()));
        fs::create_directories(d);
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(scratch(), ec);
        });
        return d;
    }();
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace irisize::fuzz;
    return finish(batch_file({reinterpret_cast<const char*>(data), size}, real_catalog(), scratch()));
}
