// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Running the irisize command in tests, as a user runs it: the command line through the shell,
// its output captured, scratch paths for what it writes, and whether a program it is checked
// with (pdftotext) is installed. Files read and written whole come from test_support.hpp.

#include <cstdio>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include "test_support.hpp"

namespace irisize::test {

struct Run {
    int status = -1;
    std::string out; // stdout, or stdout+stderr when asked
};

/// Runs a shell command line, capturing stdout (and stderr when `with_stderr`).
inline Run shell(const std::string& command, bool with_stderr = false) {
    const std::string cmd = command + (with_stderr ? " 2>&1" : " 2>/dev/null");
    Run r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        r.out.append(buf, n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

/// Runs irisize with `args` (shell words, as given: --data only when they say so), standard
/// input from `stdin_file` when one is named.
inline Run run_irisize(const std::string& args, bool with_stderr = false, const std::string& stdin_file = "") {
    std::string cmd = shell_quoted(IRISIZE_BIN) + " " + args;
    if (!stdin_file.empty())
        cmd += " < " + shell_quoted(stdin_file);
    return shell(cmd, with_stderr);
}

/// Runs irisize with `args` (shell words) against the source tree's data.
inline Run irisize_cmd(const std::string& args, bool with_stderr = false) {
    return run_irisize("--data " + shell_quoted(IRISIZE_TEST_DATA_DIR) + " " + args, with_stderr);
}

/// A fresh path under the temporary directory (removed if it exists).
inline std::filesystem::path scratch_path(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / "irisize-cli-test";
    std::filesystem::create_directories(dir);
    auto p = dir / name;
    std::filesystem::remove_all(p);
    return p;
}

/// Whether `program` is on the PATH.
inline bool installed(const std::string& program) {
    return shell("command -v " + shell_quoted(program)).status == 0;
}

} // namespace irisize::test
