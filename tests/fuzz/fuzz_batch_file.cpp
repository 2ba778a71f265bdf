// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the whole batch engine (libcsv reading, delimiter detection, byte-order mark,
// blank rows, all-or-nothing output) on a file in /dev/shm, one job.
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// One directory per process (libFuzzer -jobs/-fork run several), removed at a normal exit; after
// a crash it stays, with the input and whatever the run left in it.
struct Scratch {
    fs::path dir = fs::path("/dev/shm") / ("irisize-fuzz-batch-" + std::to_string(::getpid()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
};

const fs::path& scratch() {
    static const Scratch s;
    return s.dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace irisize::fuzz;
    return finish(batch_file({reinterpret_cast<const char*>(data), size}, real_catalog(), scratch()));
}
