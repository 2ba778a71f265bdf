// SPDX-License-Identifier: GPL-3.0-or-later
// `irisize import-prices`: its options, and the call to the price-update service
// (app/common/price_update) with what it reports printed for a terminal.
#include "import_prices.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "irisize/import/price_import.hpp"
#include "price_update.hpp"

namespace irisize::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void import_error(const std::string& message) {
    fmt::print(stderr, "irisize: error: {}\n", message);
}

} // namespace

void define_import_prices(CLI::App& sub, ImportPricesArgs& args) {
    sub.add_option("offer", args.offer,
                   "AWS Price List bulk CSV of AmazonEC2 for the region (.../AmazonEC2/<version>/<region>/"
                   "index.csv; '-' for standard input)")
        ->required()
        ->type_name("OFFER.csv");
    sub.add_option("--region", args.region, "Region Code to import, e.g. eu-west-1")->required()->type_name("REGION");
    sub.add_option("-o,--output", args.output,
                   "Price file to write (default: prices/<REGION>.json in the data directory; '-' for standard "
                   "output)")
        ->type_name("FILE");
    sub.footer("Imports Linux on-demand shared-tenancy prices of the catalog's instance types, EBS and snapshot "
               "prices; carries region name, availability zones, transfer prices and anything else the offer file "
               "lacks over from the existing price file. The result is checked before it replaces the file.\n"
               "Exit status: 0 written; 1 invalid offer file or result (nothing written); 2 usage error.");
}

int run_import_prices(const Catalog& catalog, const ImportPricesArgs& args) {
    if (!app::plausible_region(args.region)) {
        import_error(fmt::format("--region: '{}' is not a region code (e.g. eu-west-1)", args.region));
        return Usage;
    }
    const fs::path region_file = catalog.data_dir / "prices" / (args.region + ".json");
    const std::string output = args.output.empty() ? region_file.string() : args.output;
    // irisize reads data/prices/<region>.json and refuses a file whose region differs from its
    // name: never write one region's prices under another known region's name; any other name
    // (new.json) is written, with a word on how to install it.
    const std::string stem = fs::path(output).stem().string();
    if (output != "-" && fs::path(output).extension() == ".json" && stem != args.region) {
        if (catalog.price_list(stem)) {
            import_error(fmt::format("-o: {} is named for region '{}', not '{}' (irisize would refuse it)", output,
                                     stem, args.region));
            return Usage;
        }
        fmt::print(stderr,
                   "irisize: warning: -o {} is not named for region {}: irisize reads prices/{}.json, so copy it "
                   "there under that name\n",
                   output, args.region, args.region);
    }

    std::vector<fs::path> candidates;
    if (output != "-")
        candidates.emplace_back(output);
    candidates.push_back(region_file);

    // Stream the offer file.
    std::vector<char> buffer(std::size_t{1} << 20);
    std::ifstream file;
    std::istream* in = &std::cin;
    if (args.offer != "-") {
        file.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        file.open(args.offer, std::ios::binary);
        if (!file) {
            import_error(fmt::format("{}: cannot be opened (missing or unreadable); nothing written", args.offer));
            return Invalid;
        }
        in = &file;
    }
    const std::string origin = args.offer == "-" ? "standard input" : args.offer;
    std::vector<std::string> warnings;
    auto update = app::update_region_prices(catalog, *in, {args.region, origin, output, candidates}, warnings);
    for (const auto& w : warnings)
        fmt::print(stderr, "irisize: warning: {}\n", w);
    if (!update) {
        import_error(update.error().what());
        return Invalid;
    }
    for (std::size_t i = 0; i < update->summary.size(); ++i)
        fmt::print(stderr, "{}{}\n", i == 0 ? "irisize: " : "", update->summary[i]);
    return Ok;
}

} // namespace irisize::cli
