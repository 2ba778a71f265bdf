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
