// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "irisize/result.hpp"

namespace irisize::app {

/// Writes `content` to `path` all or nothing: into a temporary file beside it, flushed and
/// synced, then renamed over the target. "-" writes to standard output. On failure the
/// temporary is removed and the target is left as it was.
Result<bool> write_file_atomically(const std::string& path, std::string_view content);

} // namespace irisize::app

namespace irisize::app {

/// A file written in pieces that appears whole or not at all: the pieces go to a hidden
/// temporary beside the target; commit() syncs and renames it into place. Destroying the
/// object without commit() removes the temporary, so an interrupted run leaves no file (and
/// an earlier file of the same name untouched). "-" streams to standard output instead.
class StreamingOutput {
public:
    StreamingOutput() = default;
    StreamingOutput(const StreamingOutput&) = delete;
    StreamingOutput& operator=(const StreamingOutput&) = delete;
    ~StreamingOutput();

    /// Opens the temporary (or standard output for "-").
    Result<bool> open(const std::string& path);
    Result<bool> write(std::string_view data);
    /// Syncs and renames into place (flushes standard output).
    Result<bool> commit();
    /// Removes the temporary now (also safe from a signal-interrupted path).
    void abandon();
    [[nodiscard]] const std::string& temporary() const { return m_tmp; }

private:
    std::string m_path;
    std::string m_tmp;
    int m_fd = -1;
    bool m_stdout = false;
};

} // namespace irisize::app
