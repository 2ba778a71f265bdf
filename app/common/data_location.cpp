// SPDX-License-Identifier: GPL-3.0-or-later
// Finding data/ (--data, $IRISIZE_DATA, the installed share/irisize, the build's source
// tree), the version string and the report date.
#include "data_location.hpp"

#include <cstdlib>
#include <ctime>
#include <system_error>

#include <fmt/format.h>

#ifndef IRISIZE_VERSION
#define IRISIZE_VERSION "0.1.0"
#endif

namespace irisize::app {

namespace fs = std::filesystem;

namespace {
bool looks_like_data(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir / "rules", ec) && fs::exists(dir / "sizing.json", ec);
}

fs::path executable_dir(const char* argv0) {
    std::error_code ec;
    auto self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        return self.parent_path();
    if (argv0)
        return fs::absolute(fs::path(argv0), ec).parent_path();
    return {};
}
} // namespace

std::optional<DataLocation> find_data_dir(const std::optional<fs::path>& explicit_dir, const char* argv0,
                                          std::string* tried) {
    auto note = [&](const fs::path& p, std::string_view how) {
        if (tried)
            *tried += fmt::format("{}{} ({})", tried->empty() ? "" : ", ", p.string(), how);
    };
    if (explicit_dir) {
        note(*explicit_dir, "--data");
        // An explicit choice is not second-guessed: load_catalog reports what is wrong with it.
        return DataLocation{*explicit_dir, "--data"};
    }
    if (const char* env = std::getenv("IRISIZE_DATA"); env && *env) {
        note(env, "IRISIZE_DATA");
        return DataLocation{env, "IRISIZE_DATA"};
    }
    const fs::path installed = executable_dir(argv0) / ".." / IRISIZE_INSTALL_DATA_DIR;
    note(installed, "installed");
    if (looks_like_data(installed))
        return DataLocation{installed.lexically_normal(), "installed"};
    const fs::path source = IRISIZE_SOURCE_DATA_DIR;
    note(source, "build tree");
    if (looks_like_data(source))
        return DataLocation{source, "build tree"};
    return std::nullopt;
}

const char* version() {
    return IRISIZE_VERSION;
}

std::string report_date() {
    std::time_t t = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        const long long v = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && v >= 0)
            t = static_cast<std::time_t>(v);
    }
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

} // namespace irisize::app
