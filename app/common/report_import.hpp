// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file report_import.hpp
/// "Import SystemPerformance reports into a workload": the one service behind
/// `irisize import-metrics` and the desktop application's File > Import SystemPerformance.
/// Each file is read and told by its header (^SystemPerformance / ^pButtons HTML, mgstat,
/// vmstat, iostat, perfmon); the files that cannot be read are skipped with the reason; the
/// figures are the chosen percentile over all the files read (the sizing policy's
/// import_percentile_default unless told otherwise).

#include "irisize/data/catalog.hpp"
#include "irisize/import/metrics_import.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace irisize::app {

struct ReportImport {
    /// Empty when no file could be read (`skipped` says why for each).
    std::optional<MetricsSummary> summary;
    /// "FILE: reason" for each file that could not be read; also at the head of the
    /// summary's warnings as "skipped: ...".
    std::vector<std::string> skipped;
};

/// Reads `paths` ("-" is standard input) and summarises them at `percentile` (nullopt: the
/// policy's default). The journal write size is the policy's journal_io_kib.
ReportImport import_reports(const Catalog& catalog, const std::vector<std::string>& paths,
                            std::optional<double> percentile = std::nullopt);

/// The percentile the sizing policy takes when none is given.
double default_import_percentile(const Catalog& catalog);

/// A workload document from a summary, its fields in the order docs/workload.md lists them and
/// the import record last (what import-metrics writes).
nlohmann::ordered_json workload_in_file_order(const nlohmann::json& doc);

} // namespace irisize::app
