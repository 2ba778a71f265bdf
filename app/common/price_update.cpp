// SPDX-License-Identifier: GPL-3.0-or-later
// The price-update service: an AWS offer CSV streamed into a region's price file, with what
// the offer lacks carried over from the previous file, the keys in a stable order, and the
// result read back as a price list before it is written.
#include "price_update.hpp"

#include "output.hpp"

#include "irisize/import/price_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>

namespace irisize::app {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// The previous price file to carry figures over from: the output file when it is this
/// region's price list, else the data directory's file for the region.
std::optional<json> previous_price_file(const std::vector<fs::path>& candidates, const std::string& region,
                                        std::string& from, std::vector<std::string>& warnings) {
    for (const auto& path : candidates) {
        std::error_code ec;
        if (!fs::is_regular_file(path, ec))
            continue;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            continue;
        json doc = json::parse(in, nullptr, false);
        if (doc.is_discarded() || !doc.is_object()) {
            warnings.push_back(fmt::format("{} is not valid JSON; nothing is carried over from it", path.string()));
            continue;
        }
        if (doc.value("region", std::string()) != region) {
            warnings.push_back(
                fmt::format("{} is not the price list of {}; nothing is carried over from it", path.string(), region));
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

bool plausible_region(const std::string& r) {
    return !r.empty() && r.size() <= 64 && std::all_of(r.begin(), r.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

Result<PriceUpdate> update_region_prices(const Catalog& catalog, std::istream& offer, const PriceUpdateRequest& request,
                                         std::vector<std::string>& warnings) {
    PriceUpdate update;
    std::string previous_from;
    const auto previous = previous_price_file(request.previous_candidates, request.region, previous_from, warnings);
    const auto fail = [](std::string message) { return Error{"", std::move(message) + "; nothing written"}; };

    PriceImportOptions options;
    options.region = request.region;
    for (const auto& it : catalog.instances.instances)
        options.instance_types.push_back(it.type);
    if (previous) {
        options.location = previous->value("region_name", std::string());
        options.io2_tier_bounds = io2_tier_bounds(*previous);
    }
    const std::string& origin = request.offer_name;
    auto found = read_price_offer(offer, options, origin);
    if (!found)
        return fail(found.error().what());
    if (found->region_rows == 0)
        return fail(fmt::format("{}: no row of {} rows is for region {} (the offer file of another region?)", origin,
                                found->rows, request.region));
    if (found->instances.empty() && found->ebs.empty() && !found->snapshot)
        return fail(fmt::format("{}: no Linux on-demand instance, EBS or snapshot price for {}", origin, request.region));

    const std::string offer_file = fs::path(origin).filename().string();
    const std::string source =
        fmt::format("AWS Price List bulk file {} (offer {}, version {}, published {}): on-demand Linux "
                    "shared-tenancy instance, EBS and snapshot prices",
                    offer_file, found->offer_code.empty() ? "AmazonEC2" : found->offer_code,
                    found->offer_version.empty() ? "not stated" : found->offer_version, found->publication_date);
    update.document = to_price_document(*found, request.region, previous, found->as_of, source);

    // Check the result as irisize will read it, before touching the file.
    auto checked = parse_price_list(update.document, catalog.instances, request.output);
    if (!checked) {
        std::string hint;
        if (!previous)
            hint = fmt::format(" (there is no previous price list of {} to carry the region name, availability "
                               "zones and transfer prices over from: create {} first, see docs/data.md)",
                               request.region, (catalog.data_dir / "prices" / (request.region + ".json")).string());
        return fail(fmt::format("the imported price list does not check: {}{}", checked.error().what(), hint));
    }

    const std::string text = in_file_order(update.document, catalog.instances, false).dump(2) + "\n";
    auto written = write_file_atomically(request.output, text);
    if (!written)
        return fail(written.error().what());

    // Summary.
    std::vector<std::string> carried, unpriced;
    const auto& priced = update.document.at("instances");
    for (const auto& type : found->missing_instances)
        (priced.contains(type) ? carried : unpriced).push_back(type);
    std::vector<std::string> ebs_types;
    for (const auto& [type, e] : found->ebs)
        ebs_types.push_back(type);
    std::sort(ebs_types.begin(), ebs_types.end(),
              [](const std::string& a, const std::string& b) { return key_rank(a) < key_rank(b); });
    auto& s = update.summary;
    s.push_back(fmt::format("import-prices {}: {} rows read, {} for the region; offer published {} (as_of {})",
                            request.region, found->rows, found->region_rows, found->publication_date, found->as_of));
    s.push_back(fmt::format("  instances priced from the offer: {} of {} in the catalog", found->instances.size(),
                            catalog.instances.instances.size()));
    if (!carried.empty())
        s.push_back(fmt::format("  carried over from {}: {} ({})", previous_from, carried.size(), words(carried, 8)));
    if (!unpriced.empty())
        s.push_back(fmt::format("  not priced (not sold here, or not in the offer file): {} ({})", unpriced.size(),
                                words(unpriced, 8)));
    s.push_back(fmt::format("  EBS types found: {}{}", ebs_types.empty() ? "none" : words(ebs_types, 10),
                            found->snapshot ? "; snapshot storage" : ""));
    for (const auto& m : found->missing)
        s.push_back(fmt::format("  not in the offer file{}: {}", previous ? " (kept from the previous file if there)" : "", m));
    for (const auto& n : found->notes)
        s.push_back(fmt::format("  note: {}", n));
    const auto& estimates = update.document.at("estimates");
    if (!estimates.empty())
        s.push_back(fmt::format("  {} estimate note{} in the file", estimates.size(), estimates.size() == 1 ? "" : "s"));
    s.push_back(fmt::format("  wrote {}", request.output == "-" ? "standard output" : request.output));
    return update;
}

} // namespace irisize::app
