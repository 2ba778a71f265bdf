// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file plan_writer.hpp
/// "Write this plan as FORMAT to TARGET": the one service behind `irisize size --format`,
/// `irisize batch --details` and the desktop application's File > Export, so that the three
/// cannot drift apart. Every format is written all or nothing; Terraform and ICM write a
/// directory of files. Arguments only a command line has (a terminal as the target, an
/// unknown page name on the command line) are checked by the caller.

#include "irisize/data/catalog.hpp"
#include "irisize/plan/deployment_plan.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace irisize::app {

enum class PlanFormat { json, text, markdown, html, xlsx, pdf, terraform, icm };

/// The format of a name as the command line spells it ("json", "text", "markdown", ...).
std::optional<PlanFormat> plan_format_from(std::string_view name);
std::string_view plan_format_name(PlanFormat format);
/// The file name extension with its dot (".json", ".txt", ".md"); empty for the formats that
/// write a directory.
std::string_view plan_format_extension(PlanFormat format);
/// Terraform and ICM write several files into a directory.
bool writes_directory(PlanFormat format);
/// False when this build has no PDF writer (IRISIZE_BUILD_PDF=OFF without the GUI).
bool pdf_available();

struct PlanWriteOptions {
    /// The workload the plan was sized from, carried into the reports (null: none).
    nlohmann::json workload;
    /// PDF page size: "a4" or "letter".
    std::string page = "a4";
};

/// Writes `plan` as `format` to `target` (a file, "-" for standard output, or a directory
/// for Terraform and ICM), all or nothing. The report date and version are those of
/// report_date() and version(). Errors name the field at fault and the reason.
Result<bool> write_plan(const Catalog& catalog, const Plan& plan, PlanFormat format, const std::string& target,
                        const PlanWriteOptions& options = {});
/// The same for a deployment (`options.workload`: the deployment document). JSON, text and the
/// reports write the deployment's own form; Terraform is one configuration of the whole
/// deployment; ICM one directory per system (ICM takes one mirror of DM nodes per deployment)
/// and one for the shared web tier; XLSX the whole deployment as one plan, each row naming its system.
Result<bool> write_plan(const Catalog& catalog, const DeploymentPlan& plan, PlanFormat format, const std::string& target,
                        const PlanWriteOptions& options = {});

} // namespace irisize::app
