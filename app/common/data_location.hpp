// SPDX-License-Identifier: GPL-3.0-or-later
// Where the data directory is looked for and how it was found; the version and the report
// date every front end prints.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace irisize::app {

/// Where the data directory was found, and how.
struct DataLocation {
    std::filesystem::path dir;
    std::string how; ///< "--data", "IRISIZE_DATA", "installed", "build tree"
};

/// Finds data/: an explicit directory (--data) first, then $IRISIZE_DATA, then the installed
/// share/irisize next to the executable (../share/irisize), then the source tree this build
/// came from. Nothing when none holds data (the caller reports every place tried).
std::optional<DataLocation> find_data_dir(const std::optional<std::filesystem::path>& explicit_dir, const char* argv0,
                                          std::string* tried);

/// irisize version string.
const char* version();

/// The date printed on reports, YYYY-MM-DD (UTC): today, or the day of $SOURCE_DATE_EPOCH
/// when that is set to a number of seconds (reproducible output).
std::string report_date();

} // namespace irisize::app
