// SPDX-License-Identifier: GPL-3.0-or-later
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

Result<bool> write_file_atomically(const std::string& path, std::string_view content) {
    if (path == "-") {
        if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0)
            return Error{"-o", fmt::format("cannot write to standard output: {}", std::strerror(errno))};
        return true;
    }
    const fs::path target(path);
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
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail("cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0)
        return fail("cannot set permissions");
    if (::fsync(fd) != 0)
        return fail("cannot flush to disk");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        return Error{path, fmt::format("cannot close: {} (nothing written)", std::strerror(err))};
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        return Error{path, fmt::format("cannot replace the file: {} (nothing written)", std::strerror(err))};
    }
    return true;
}

} // namespace irisize::app
