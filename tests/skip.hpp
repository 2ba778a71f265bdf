// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A check that cannot run on this machine reports skipped, never passed: skip() for the test
// programs built with skip_main.cpp and registered with SKIP_RETURN_CODE 77 (tests/deploy, the
// command-line tests).

#include <string>

namespace irisize::test {

/// CTest's "skipped" (SKIP_RETURN_CODE in the CMakeLists.txt that registers the program).
inline constexpr int skip_return_code = 77;

/// Says why the running test case cannot make its checks on this machine (a Catch2 warning).
/// The caller returns at once. When every test case a run ran was skipped (as when CTest runs
/// one alone), the program exits with skip_return_code instead of 0 (skip_main.cpp): the case
/// shows as Skipped, never as Passed.
void skip(const std::string& reason);

} // namespace irisize::test
