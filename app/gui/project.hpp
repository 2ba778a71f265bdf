// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A project file (*.irisize.json): several systems, each a workload document as the
// architect typed it (schema 1). A HealthShare deployment is several mirror sets. Written
// through QSaveFile (all or nothing); the format itself is app/common/project_file.hpp.

#include "irisize/result.hpp"

#include <nlohmann/json.hpp>

#include <QString>

#include <vector>

struct Project {
    std::vector<nlohmann::json> systems; ///< workload documents, possibly incomplete

    [[nodiscard]] nlohmann::json toJson() const;
};

/// Reads a project file, or a single workload file (one system). Errors name the file and
/// the place.
irisize::Result<Project> readProject(const QString& path);
/// Every problem the workload reader (the one `irisize size` uses) finds in a workload
/// document, one per field: the reader stops at the first, so each field found is taken out
/// of a copy and the copy read again. Empty when the document reads as a workload.
std::vector<irisize::Error> workloadProblems(const nlohmann::json& doc);

/// Writes the project; on failure the file on disk is unchanged.
irisize::Result<bool> writeProject(const QString& path, const Project& project);
