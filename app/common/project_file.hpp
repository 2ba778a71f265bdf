// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file project_file.hpp
/// The project file format (*.irisize.json) without Qt: several systems, each a workload
/// document as the architect typed it (schema 1), possibly incomplete. The desktop
/// application reads and writes its projects through these functions; the fuzz target
/// `fuzz_project` runs the reader on arbitrary bytes.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "irisize/result.hpp"

namespace irisize::app {

/// The systems of a project file, or of a single workload file (one system). `origin` (the
/// file name) is the field of every Error; the message says what is wrong and where
/// (`systems[2]: must be a workload`). Each system is a JSON object; nothing else about it
/// is checked here (parse_workload does that when it is sized).
Result<std::vector<nlohmann::json>> parse_project_file(std::string_view bytes, const std::string& origin);

/// The project document for `systems`: {"schema": 1, "kind": "irisize-project", "systems": [...]}.
nlohmann::json project_document(const std::vector<nlohmann::json>& systems);

} // namespace irisize::app
