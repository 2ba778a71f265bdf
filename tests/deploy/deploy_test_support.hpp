// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the deploy tests: data/deploy.json loaded once; the bundled examples and their
// plans (test_support.hpp), and skip() for a check that cannot run on this machine (skip.hpp).

#include <stdexcept>

#include "irisize/data/deploy_defaults.hpp"
#include "skip.hpp"
#include "test_support.hpp"

namespace irisize::test {

inline const DeployDefaults& deploy() {
    static const DeployDefaults d = [] {
        auto r = load_deploy_defaults(IRISIZE_TEST_DATA_DIR);
        if (!r)
            throw std::runtime_error("cannot load deploy.json: " + r.error().what());
        return std::move(r).value();
    }();
    return d;
}

} // namespace irisize::test
