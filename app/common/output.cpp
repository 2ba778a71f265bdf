// SPDX-License-Identifier: GPL-3.0-or-later
// All-or-nothing output for every program and writer: a whole text written through a temporary
// beside the target, a file streamed in pieces (StreamingOutput), a file made by a library that
// writes only to a name it is given, and file names from names a person gave.
#include "output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace irisize::app {

namespace fs = std::filesystem;

namespace {

/// Where a write really goes. A symbolic link is followed, so that the link stays a link; an
/// existing device, pipe or socket (/dev/null, a FIFO) is written in place, since it cannot be
/// replaced by a rename; an existing file keeps its permission bits.
struct Target {
    fs::path path;
    bool special = false; ///< not a regular file: write in place
    mode_t mode = 0;      ///< permission bits for the new file
};

Result<Target> resolve(const std::string& given) {
    Target t;
    std::error_code ec;
    t.path = fs::path(given);
    if (fs::is_symlink(fs::symlink_status(t.path, ec))) {
        auto resolved = fs::weakly_canonical(t.path, ec);
        if (ec)
            return Error{given, fmt::format("is a symbolic link that cannot be followed: {}", ec.message())};
        t.path = resolved;
    }
    struct stat st {};
    if (::stat(t.path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return Error{given, "is a directory"};
        t.special = !S_ISREG(st.st_mode);
        t.mode = st.st_mode & 07777;
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        t.mode = 0666 & ~mask;
    }
    return t;
}

/// Writes all of `data` to `fd`, again where a signal interrupts a write, adding to `written`
/// what each write took. 0, or the errno of the write that failed (errno still holds it).
int write_all(int fd, std::string_view data, std::uint64_t& written) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        done += static_cast<std::size_t>(n);
        written += static_cast<std::uint64_t>(n);
    }
    return 0;
}

} // namespace

Result<bool> write_file_atomically(const std::string& path, std::string_view content) {
    if (path == "-") {
        if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0)
            return Error{"-o", fmt::format("cannot write to standard output: {}", std::strerror(errno))};
        return true;
    }
    auto resolved = resolve(path);
    if (!resolved)
        return resolved.error();
    const fs::path target = resolved->path;
    if (resolved->special) {
        const int out = ::open(target.c_str(), O_WRONLY | O_TRUNC);
        if (out < 0)
            return Error{path, fmt::format("cannot be opened for writing: {}", std::strerror(errno))};
        std::uint64_t written = 0;
        if (const int err = write_all(out, content, written); err != 0) {
            ::close(out);
            return Error{path, fmt::format("cannot write: {}", std::strerror(err))};
        }
        ::close(out);
        return true;
    }
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return Error{path, fmt::format("cannot create a file in {}: {}", dir.string(), std::strerror(errno))};
    auto fail = [&](const char* what) -> Result<bool> {
        const int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        return Error{path, fmt::format("{}: {} (nothing written)", what, std::strerror(err))};
    };
    std::uint64_t written = 0;
    if (write_all(fd, content, written) != 0)
        return fail("cannot write");
    if (::fchmod(fd, resolved->mode) != 0)
        return fail("cannot set permissions");
    if (::fsync(fd) != 0)
        return fail("cannot flush to disk");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        return Error{path, fmt::format("cannot close: {} (nothing written)", std::strerror(err))};
    }
    if (::rename(tmpl.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        return Error{path, fmt::format("cannot replace the file: {} (nothing written)", std::strerror(err))};
    }
    return true;
}

} // namespace irisize::app

namespace irisize::app {

StreamingOutput::~StreamingOutput() { abandon(); }

Result<bool> StreamingOutput::open(const std::string& path) {
    m_path = path;
    if (path == "-") {
        m_stdout = true;
        m_fd = STDOUT_FILENO;
        return true;
    }
    auto resolved = resolve(path);
    if (!resolved)
        return resolved.error();
    m_target = resolved->path.string();
    m_mode = resolved->mode;
    if (resolved->special) {
        m_fd = ::open(m_target.c_str(), O_WRONLY | O_TRUNC);
        if (m_fd < 0)
            return Error{path, fmt::format("cannot be opened for writing: {}", std::strerror(errno))};
        m_special = true;
        return true;
    }
    const fs::path target = resolved->path;
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    m_tmp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    m_fd = ::mkstemp(m_tmp.data());
    if (m_fd < 0) {
        const int err = errno;
        m_tmp.clear();
        return Error{path, fmt::format("cannot create a file in {}: {}", dir.string(), std::strerror(err))};
    }
    return true;
}

Result<bool> StreamingOutput::write(std::string_view data) {
    if (const int err = write_all(m_fd, data, m_written); err != 0)
        return Error{m_path, fmt::format("cannot write: {}", std::strerror(err))};
    return true;
}

Result<bool> StreamingOutput::commit() {
    if (m_stdout)
        return true;
    if (m_special) {
        ::close(m_fd);
        m_fd = -1;
        return true;
    }
    if (m_fd < 0)
        return Error{m_path, "was not opened"};
    if (::fchmod(m_fd, m_mode) != 0 || ::fsync(m_fd) != 0) {
        const int err = errno;
        abandon();
        return Error{m_path, fmt::format("cannot flush to disk: {} (nothing written)", std::strerror(err))};
    }
    ::close(m_fd);
    m_fd = -1;
    if (::rename(m_tmp.c_str(), m_target.c_str()) != 0) {
        const int err = errno;
        ::unlink(m_tmp.c_str());
        m_tmp.clear();
        return Error{m_path, fmt::format("cannot replace the file: {} (nothing written)", std::strerror(err))};
    }
    m_tmp.clear();
    return true;
}

void StreamingOutput::abandon() {
    if (m_special && m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_stdout || m_tmp.empty())
        return;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    ::unlink(m_tmp.c_str());
    m_tmp.clear();
}

Result<bool> write_file_atomically_via(const std::string& path,
                                       const std::function<Result<bool>(const std::string& file)>& produce) {
    StreamingOutput out;
    if (auto opened = out.open(path); !opened)
        return opened.error();
    if (!out.streams()) {
        if (auto made = produce(out.temporary()); !made)
            return made.error(); // out removes the temporary
        return out.commit();
    }

    // Standard output, a device or a pipe cannot take a rename: the whole file is made in a
    // scratch file first and copied there.
    const std::string shown = path == "-" ? std::string("-o") : path;
    std::error_code ec;
    const fs::path dir = fs::temp_directory_path(ec);
    if (ec)
        return Error{shown, fmt::format("no directory for a temporary file: {}", ec.message())};
    std::string scratch = (dir / "irisize-XXXXXX").string();
    const int fd = ::mkstemp(scratch.data());
    if (fd < 0)
        return Error{
            shown, fmt::format("cannot create a file in {}: {} (nothing written)", dir.string(), std::strerror(errno))};
    ::close(fd);
    struct Remove {
        const std::string& file;
        ~Remove() { ::unlink(file.c_str()); }
    } remove{scratch};
    if (auto made = produce(scratch); !made)
        return made.error();

    const int in = ::open(scratch.c_str(), O_RDONLY);
    if (in < 0)
        return Error{shown, fmt::format("cannot read the file back: {}", std::strerror(errno))};
    if (path == "-")
        std::fflush(stdout);
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(in);
            return Error{shown, fmt::format("cannot read the file back: {}", std::strerror(err))};
        }
        if (n == 0)
            break;
        if (auto written = out.write({buf, static_cast<std::size_t>(n)}); !written) {
            ::close(in);
            if (path == "-")
                return Error{shown, "cannot write to standard output: " + written.error().message};
            return written.error();
        }
    }
    ::close(in);
    return out.commit();
}

std::string file_safe_name(const std::string& name) {
    std::string safe;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        safe += ok ? c : '_';
        if (safe.size() >= 80)
            break;
    }
    if (safe.empty() || safe.front() == '.')
        safe.insert(safe.begin(), '_');
    return safe;
}

} // namespace irisize::app
