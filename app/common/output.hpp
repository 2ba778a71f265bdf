// SPDX-License-Identifier: GPL-3.0-or-later
// Files that are never left half-written: a whole file written all or nothing, the same for
// a library that writes only to a name it is given, a file streamed in pieces and committed,
// and a safe file name from a name a person gave.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <sys/types.h>

#include "irisize/result.hpp"

namespace irisize::app {

/// Writes `content` to `path` all or nothing: into a temporary file beside it, flushed and
/// synced, then renamed over the target. "-" writes to standard output. On failure the
/// temporary is removed and the target is left as it was. A symbolic link is followed (the
/// file it points to is replaced, the link stays); an existing device or pipe (/dev/null, a
/// FIFO) is written in place, since a rename would replace it; an existing file keeps its
/// permission bits, a new one gets 0666 less the umask.
Result<bool> write_file_atomically(const std::string& path, std::string_view content);

/// The same all or nothing for a library that writes a whole file only to a name it is given
/// (libxlsxwriter): `produce` writes the file at the path it is passed. For a regular target
/// that is the hidden temporary beside it, renamed over the target when `produce` succeeds and
/// removed when it fails. For standard output ("-"), a device or a pipe it is a scratch file
/// in the temporary directory, copied there once complete and then removed. `produce`'s error
/// is returned as it is; the others name `path` (or "-o" for standard output).
Result<bool> write_file_atomically_via(const std::string& path,
                                       const std::function<Result<bool>(const std::string& file)>& produce);

/// A file name part from a name a person gave (a site, a system): letters, digits, '-', '_'
/// and '.' kept, anything else '_', at most 80 characters, never starting with '.'.
std::string file_safe_name(const std::string& name);

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
    /// True when writes go straight to standard output or a device (no all-or-nothing).
    [[nodiscard]] bool streams() const { return m_stdout || m_special; }
    [[nodiscard]] std::uint64_t bytes_written() const { return m_written; }

private:
    std::string m_path;
    std::string m_target; ///< the path with symbolic links followed
    std::string m_tmp;
    int m_fd = -1;
    mode_t m_mode = 0644;
    bool m_stdout = false;
    bool m_special = false; ///< a device or pipe, written in place
    std::uint64_t m_written = 0;
};

} // namespace irisize::app
