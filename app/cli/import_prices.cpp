// SPDX-License-Identifier: GPL-3.0-or-later
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
#include "irisize/price_import.hpp"
// Relative, so that the tests can compile this file without the app's include directories.
#include "../common/output.hpp"

namespace irisize::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void import_error(const std::string& message) {
    fmt::print(stderr, "irisize: error: {}\n", message);
}

bool plausible_region(const std::string& r) {
    return !r.empty() && r.size() <= 64 && std::all_of(r.begin(), r.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

/// The previous price file to carry figures over from: the output file when it is this
/// region's price list, else the data directory's file for the region.
std::optional<json> previous_price_file(const std::vector<fs::path>& candidates, const std::string& region,
                                        std::string& from) {
    for (const auto& path : candidates) {
        std::error_code ec;
        if (!fs::is_regular_file(path, ec))
            continue;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            continue;
        json doc = json::parse(in, nullptr, false);
        if (doc.is_discarded() || !doc.is_object()) {
            fmt::print(stderr, "irisize: warning: {} is not valid JSON; nothing is carried over from it\n",
                       path.string());
            continue;
        }
        if (doc.value("region", std::string()) != region) {
            fmt::print(stderr, "irisize: warning: {} is not the price list of {}; nothing is carried over from it\n",
                       path.string(), region);
            continue;
        }
        from = path.string();
        return doc;
    }
    return std::nullopt;
}

// --- writing in the order of the hand-made price files -------------------------------------

using ordered = nlohmann::ordered_json;

std::size_t key_rank(const std::string& key) {
    static const std::vector<std::string_view> order{"schema",
                                                     "kind",
                                                     "region",
                                                     "region_name",
                                                     "availability_zones",
                                                     "currency",
                                                     "term",
                                                     "hours_per_month",
                                                     "as_of",
                                                     "source",
                                                     "instances",
                                                     "ebs",
                                                     "snapshot",
                                                     "transfer",
                                                     "estimates",
                                                     "gp2",
                                                     "gp3",
                                                     "io1",
                                                     "io2",
                                                     "st1",
                                                     "sc1",
                                                     "standard",
                                                     "up_to",
                                                     "usd_per_hour",
                                                     "usd_per_gib_month",
                                                     "usd_per_iops_month",
                                                     "iops_tiers",
                                                     "usd_per_mibps_month",
                                                     "usd_per_million_io",
                                                     "archive_usd_per_gib_month",
                                                     "inter_region_out_usd_per_gb",
                                                     "cross_az_usd_per_gb",
                                                     "confidence",
                                                     "note"};
    auto it = std::find(order.begin(), order.end(), key);
    return it == order.end() ? order.size() : static_cast<std::size_t>(it - order.begin());
}

ordered in_file_order(const json& j, const InstanceCatalog& catalog, bool instance_keys) {
    if (j.is_array()) {
        ordered a = ordered::array();
        for (const auto& x : j)
            a.push_back(in_file_order(x, catalog, false));
        return a;
    }
    if (!j.is_object())
        return ordered::parse(j.dump());
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items())
        keys.push_back(k);
    auto rank = [&](const std::string& k) {
        if (instance_keys) {
            auto idx = catalog.find(k);
            return idx ? *idx : catalog.instances.size();
        }
        return key_rank(k);
    };
    std::stable_sort(keys.begin(), keys.end(),
                     [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    ordered o = ordered::object();
    for (const auto& k : keys)
        o[k] = in_file_order(j.at(k), catalog, !instance_keys && k == "instances");
    return o;
}

std::string words(const std::vector<std::string>& items, std::size_t max) {
    std::string s;
    for (std::size_t i = 0; i < items.size() && i < max; ++i)
        s += (i ? ", " : "") + items[i];
    if (items.size() > max)
        s += fmt::format(" and {} more", items.size() - max);
    return s;
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
    if (!plausible_region(args.region)) {
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
    std::string previous_from;
    const auto previous = previous_price_file(candidates, args.region, previous_from);

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
    PriceImportOptions options;
    options.region = args.region;
    for (const auto& it : catalog.instances.instances)
        options.instance_types.push_back(it.type);
    if (previous) {
        options.location = previous->value("region_name", std::string());
        options.io2_tier_bounds = io2_tier_bounds(*previous);
    }
    const std::string origin = args.offer == "-" ? "standard input" : args.offer;
    auto found = read_price_offer(*in, options, origin);
    if (!found) {
        import_error(fmt::format("{}; nothing written", found.error().what()));
        return Invalid;
    }
    if (found->region_rows == 0) {
        import_error(fmt::format("{}: no row of {} rows is for region {} (the offer file of another region?); "
                                 "nothing written",
                                 origin, found->rows, args.region));
        return Invalid;
    }
    if (found->instances.empty() && found->ebs.empty() && !found->snapshot) {
        import_error(fmt::format("{}: no Linux on-demand instance, EBS or snapshot price for {}; nothing written",
                                 origin, args.region));
        return Invalid;
    }

    const std::string offer_name = args.offer == "-" ? "standard input" : fs::path(args.offer).filename().string();
    const std::string source =
        fmt::format("AWS Price List bulk file {} (offer {}, version {}, published {}): on-demand Linux "
                    "shared-tenancy instance, EBS and snapshot prices",
                    offer_name, found->offer_code.empty() ? "AmazonEC2" : found->offer_code,
                    found->offer_version.empty() ? "not stated" : found->offer_version, found->publication_date);
    const json doc = to_price_document(*found, args.region, previous, found->as_of, source);

    // Check the result as irisize will read it, before touching the file.
    auto checked = parse_price_list(doc, catalog.instances, output);
    if (!checked) {
        std::string hint;
        if (!previous)
            hint = fmt::format(" (there is no previous price list of {} to carry the region name, availability "
                               "zones and transfer prices over from: create {} first, see docs/data.md)",
                               args.region, region_file.string());
        import_error(
            fmt::format("the imported price list does not check: {}{}; nothing written", checked.error().what(), hint));
        return Invalid;
    }

    const std::string text = in_file_order(doc, catalog.instances, false).dump(2) + "\n";
    auto written = app::write_file_atomically(output, text);
    if (!written) {
        import_error(fmt::format("{}; nothing written", written.error().what()));
        return Invalid;
    }

    // Summary.
    std::vector<std::string> carried, unpriced;
    const auto& priced = doc.at("instances");
    for (const auto& type : found->missing_instances)
        (priced.contains(type) ? carried : unpriced).push_back(type);
    std::vector<std::string> ebs_types;
    for (const auto& [type, e] : found->ebs)
        ebs_types.push_back(type);
    std::sort(ebs_types.begin(), ebs_types.end(),
              [](const std::string& a, const std::string& b) { return key_rank(a) < key_rank(b); });
    fmt::print(stderr, "irisize: import-prices {}: {} rows read, {} for the region; offer published {} (as_of {})\n",
               args.region, found->rows, found->region_rows, found->publication_date, found->as_of);
    fmt::print(stderr, "  instances priced from the offer: {} of {} in the catalog\n", found->instances.size(),
               catalog.instances.instances.size());
    if (!carried.empty())
        fmt::print(stderr, "  carried over from {}: {} ({})\n", previous_from, carried.size(), words(carried, 8));
    if (!unpriced.empty())
        fmt::print(stderr, "  not priced (not sold here, or not in the offer file): {} ({})\n", unpriced.size(),
                   words(unpriced, 8));
    fmt::print(stderr, "  EBS types found: {}{}\n", ebs_types.empty() ? "none" : words(ebs_types, 10),
               found->snapshot ? "; snapshot storage" : "");
    for (const auto& m : found->missing)
        fmt::print(stderr, "  not in the offer file{}: {}\n", previous ? " (kept from the previous file if there)" : "",
                   m);
    for (const auto& n : found->notes)
        fmt::print(stderr, "  note: {}\n", n);
    const auto& estimates = doc.at("estimates");
    if (!estimates.empty())
        fmt::print(stderr, "  {} estimate note{} in the file\n", estimates.size(), estimates.size() == 1 ? "" : "s");
    fmt::print(stderr, "  wrote {}\n", output == "-" ? "standard output" : output);
    return Ok;
}

} // namespace irisize::cli
