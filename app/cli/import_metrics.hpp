// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `irisize import-metrics`: measured demand from ^SystemPerformance / ^pButtons HTML reports,
// written as a workload JSON with an `_import` record of where each figure came from.

#include <optional>
#include <string>
#include <vector>

#include "irisize/data/catalog.hpp"

namespace CLI {
class App;
}

namespace irisize::cli {

struct ImportMetricsArgs {
    std::vector<std::string> reports;
    std::string output = "-";
    std::optional<double> percentile; ///< empty: the sizing policy's import_percentile_default
    std::string name, product = "trakcare", region;
};

/// Adds the arguments of `import-metrics` to its (already created) subcommand.
void define_import_metrics(CLI::App& sub, ImportMetricsArgs& args);

/// Reads, summarises and writes. Exit status: 0 written (some reports may have been skipped,
/// with a warning), 1 no report could be read or the output cannot be written, 2 usage.
/// The catalog gives the sizing policy's journal block size (what mgstat's Jrnwrts counts).
int run_import_metrics(const Catalog& catalog, const ImportMetricsArgs& args);

} // namespace irisize::cli
