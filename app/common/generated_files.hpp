// SPDX-License-Identifier: GPL-3.0-or-later
// The service that writes a directory of generated files (Terraform, ICM) all or nothing.
#pragma once

#include <filesystem>
#include <vector>

#include "irisize/data/deploy_defaults.hpp"
#include "irisize/result.hpp"

namespace irisize::app {

/// Writes generated files (Terraform, ICM) under `dir`, creating it (and any parent, and any
/// subdirectory a file name holds) when absent. A `dir` that exists but is not a directory
/// is refused with an Error naming it. Each file is written all or nothing
/// (write_file_atomically); names must be relative and stay inside `dir` (no "..", no
/// absolute path), and are checked before anything is written.
Result<bool> write_generated_files(const std::filesystem::path& dir, const std::vector<GeneratedFile>& files);

} // namespace irisize::app
