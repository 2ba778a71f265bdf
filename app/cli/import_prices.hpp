// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `irisize import-prices OFFER.csv --region R [-o FILE]`: reads an AWS Price List bulk CSV
// (the AmazonEC2 offer file of one region) and writes data/prices/<region>.json from it.

#include <string>

#include "irisize/data/catalog.hpp"

namespace CLI {
class App;
}

namespace irisize::cli {

struct ImportPricesArgs {
    std::string offer;  ///< the offer CSV ('-' for standard input)
    std::string region; ///< Region Code, e.g. eu-west-1
    std::string output; ///< empty: <data dir>/prices/<region>.json
};

/// Adds the positional OFFER.csv, --region (required) and -o/--output to `sub`.
void define_import_prices(CLI::App& sub, ImportPricesArgs& args);

/// Streams the offer file, builds the price list (carrying over from the existing file what
/// the offer does not hold), checks it parses against the catalog's instances and only then
/// replaces the output file, all or nothing. Prints a summary to standard error.
/// Exit status: 0 written; 1 invalid input or a result that does not check (nothing
/// written); 2 usage error.
int run_import_prices(const Catalog& catalog, const ImportPricesArgs& args);

} // namespace irisize::cli
