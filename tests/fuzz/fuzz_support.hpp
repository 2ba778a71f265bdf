// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The part every libFuzzer entry point shares: the real catalog, loaded once from the
// source tree's data/, and what to do with a driver's findings (print them, then abort so
// that libFuzzer saves the input as a crash).

#include "drivers.hpp"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace irisize::fuzz {

inline const Catalog& real_catalog() {
    static const Catalog cat = [] {
        auto c = load_catalog(IRISIZE_FUZZ_DATA_DIR);
        if (!c) {
            std::fprintf(stderr, "fuzz: cannot load the catalog from %s: %s\n", IRISIZE_FUZZ_DATA_DIR,
                         c.error().what().c_str());
            std::abort();
        }
        return std::move(c).value();
    }();
    return cat;
}

inline int finish(const Outcome& outcome) {
    if (outcome.bugs.empty())
        return 0;
    for (const auto& b : outcome.bugs)
        std::fprintf(stderr, "FINDING: %s\n", b.c_str());
    std::abort();
}

} // namespace irisize::fuzz
