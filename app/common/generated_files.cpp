// SPDX-License-Identifier: GPL-3.0-or-later
// Writing a directory of generated files (Terraform, ICM): the directory made, each file
// written all or nothing, and nothing left half-written when one fails.
#include "generated_files.hpp"

#include <system_error>

#include <fmt/format.h>

#include "output.hpp"

namespace irisize::app {

namespace fs = std::filesystem;

Result<bool> write_generated_files(const fs::path& dir, const std::vector<GeneratedFile>& files) {
    if (dir.empty())
        return Error{"-o", "needs a directory for the generated files"};
    for (const auto& f : files) {
        const fs::path name(f.name);
        bool escapes = name.empty() || name.is_absolute() || name.has_root_name();
        for (const auto& part : name)
            escapes = escapes || part == "..";
        if (escapes)
            return Error{f.name, "is not a file name inside the output directory"};
    }
    std::error_code ec;
    const auto st = fs::status(dir, ec);
    if (fs::exists(st) && !fs::is_directory(st))
        return Error{dir.string(), "exists and is not a directory; the generated files need a directory"};
    if (!fs::exists(st)) {
        fs::create_directories(dir, ec);
        if (ec)
            return Error{dir.string(), fmt::format("cannot be created: {}", ec.message())};
    }
    for (const auto& f : files) {
        const fs::path target = dir / fs::path(f.name);
        const fs::path parent = target.parent_path();
        if (parent != dir) {
            const auto pst = fs::status(parent, ec);
            if (fs::exists(pst) && !fs::is_directory(pst))
                return Error{parent.string(), "exists and is not a directory"};
            fs::create_directories(parent, ec);
            if (ec)
                return Error{parent.string(), fmt::format("cannot be created: {}", ec.message())};
        }
        auto written = write_file_atomically(target.string(), f.content);
        if (!written)
            return written.error();
    }
    return true;
}

} // namespace irisize::app
