// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file price_update.hpp
/// "Update a region's prices from an AWS offer file": the one service behind
/// `irisize import-prices` and the desktop application's Tools > Update prices. It streams
/// the AmazonEC2 offer CSV of one region, carries over from the region's previous price file
/// what the offer lacks (region name, zones, transfer prices, references), refuses a result
/// with no price or one that does not read back as a price list, and writes the file in the
/// key order of the hand-made price files, all or nothing. Nothing is printed: warnings and
/// the summary come back as lines for the caller to show.

#include "irisize/data/catalog.hpp"
#include "irisize/result.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace irisize::app {

struct PriceUpdateRequest {
    std::string region;         ///< Region Code, e.g. eu-west-1
    std::string offer_name;     ///< how the offer is named in messages and in the file's source
    std::string output;         ///< the price file to write ("-": standard output)
    /// Previous price files to carry figures over from, the first that is this region's wins
    /// (typically the output file, then the data directory's file for the region).
    std::vector<std::filesystem::path> previous_candidates;
};

struct PriceUpdate {
    nlohmann::json document;          ///< the price list written
    std::vector<std::string> summary; ///< what was read, priced, carried over and written
};

/// Reads `offer`, builds, checks and writes the price list. An Error's message ends with
/// "nothing written" and leaves the output as it was. `warnings` receives what the caller
/// should show either way (e.g. a previous file that is not valid JSON).
Result<PriceUpdate> update_region_prices(const Catalog& catalog, std::istream& offer, const PriceUpdateRequest& request,
                                         std::vector<std::string>& warnings);

/// True for a plausible Region Code (lower-case letters, digits and '-', at most 64).
bool plausible_region(const std::string& region);

} // namespace irisize::app
