// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file import/price_import.hpp
/// Reads an AWS Price List bulk CSV offer file for AmazonEC2 (one region's index.csv, which
/// runs to gigabytes) line by line and picks the few rows irisize prices with: Linux
/// on-demand shared-tenancy compute for the catalog's instance types, EBS storage, IOPS and
/// throughput, and snapshot storage. `to_price_document` turns what was found into a
/// `data/prices/<region>.json` document, carrying over from the previous file what the offer
/// file does not hold (region name, availability zones, transfer prices).

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "irisize/result.hpp"

namespace irisize {

/// One price read from the offer file, with where it came from.
struct OfferPrice {
    double usd = 0;
    std::string sku;
    std::uint64_t line = 0; ///< line of the offer file the row starts on
};

/// One io2 IOPS tier.
struct OfferIopsTier {
    std::optional<double> up_to; ///< none: every IOPS above the previous tier
    OfferPrice price;
};

/// One Reserved Instance offering of an instance type, as the offer file's Reserved rows give
/// it: a lease, a payment option and an offering class, each with an upfront fee (a row with
/// Unit "Quantity") and an hourly price (Unit "Hrs"); a part the file does not list is empty
/// (no upfront fee for "No Upfront", no hourly price for "All Upfront").
struct OfferReserved {
    int term_years = 1;          ///< LeaseContractLength: 1yr or 3yr
    std::string purchase_option; ///< no_upfront, partial_upfront or all_upfront
    std::string offering_class;  ///< standard or convertible
    std::optional<OfferPrice> upfront_usd;
    std::optional<OfferPrice> usd_per_hour;
};

/// What the offer file says about one EBS volume type; a figure not in the file is empty.
struct OfferEbs {
    std::optional<OfferPrice> per_gib_month;
    std::optional<OfferPrice> per_iops_month;  ///< one flat price (gp3, io1)
    std::vector<OfferIopsTier> iops_tiers;     ///< io2, lowest tier first
    std::optional<OfferPrice> per_mibps_month; ///< gp3 provisioned throughput, per MiB/s
    std::optional<OfferPrice> per_million_io;  ///< standard (magnetic) I/O requests
};

/// What to look for.
struct PriceImportOptions {
    std::string region;                      ///< Region Code to match, e.g. eu-west-1
    std::vector<std::string> instance_types; ///< the catalog's types; other types are ignored
    /// Used only by files without a "Region Code" column: the "Location" to match instead
    /// (e.g. "EU (Ireland)"); empty: such a file is an error.
    std::string location;
    /// The io2 IOPS tier bounds to use when the offer file does not state them with
    /// StartingRange/EndingRange: the previous price file's (see io2_tier_bounds()).
    std::vector<double> io2_tier_bounds;
};

/// The `up_to` bounds of a price document's io2 IOPS tiers (empty when it has none).
std::vector<double> io2_tier_bounds(const nlohmann::json& price_document);

/// What one pass over an offer file found, and what it did not.
struct PriceImport {
    std::string region;
    std::string as_of;             ///< the publication date, YYYY-MM-DD
    std::string publication_date;  ///< as written in the file
    std::string offer_version;     ///< the "Version" line
    std::string offer_code;        ///< the "OfferCode" line (AmazonEC2)
    std::uint64_t lines = 0;       ///< lines read
    std::uint64_t rows = 0;        ///< price rows read (after the header)
    std::uint64_t region_rows = 0; ///< of which for the requested region

    std::map<std::string, OfferPrice> instances; ///< instance type -> USD per hour
    /// instance type -> its Reserved offerings (term, then purchase option, then class); empty
    /// when the file has no Reserved rows or lacks the LeaseContractLength, PurchaseOption and
    /// OfferingClass columns
    std::map<std::string, std::vector<OfferReserved>> reserved;
    std::map<std::string, OfferEbs> ebs;         ///< volume type (gp2, gp3, ...) -> prices
    std::optional<OfferPrice> snapshot;          ///< USD per GiB-month
    std::optional<OfferPrice> snapshot_archive;  ///< USD per GiB-month

    std::vector<std::string> missing_instances; ///< asked-for types without a row, in the given order
    std::vector<std::string> missing;           ///< EBS/snapshot figures not found, in words
    std::vector<std::string> notes;             ///< how something was read, in words
};

/// Streams an AmazonEC2 offer CSV from `in` (never held whole). `origin` names the input in
/// errors. Malformed input (metadata, a missing required column, a bad quoted field, a row
/// with the wrong number of fields, an unreadable price, two different prices for one
/// instance type or EBS figure) is an Error whose field names the line or column.
Result<PriceImport> read_price_offer(std::istream& in, const PriceImportOptions& options, const std::string& origin);

/// The price-list document (the format of data/prices/<region>.json) for `found`. `existing`
/// is the region's previous price file, if any: region_name, availability_zones,
/// hours_per_month, transfer prices and every figure the offer file did not have are carried
/// over from it with the confidence they had; every imported figure is "published". The
/// "estimates" list names only what was carried over as an estimate. `source` describes the
/// offer file; the previous file's sources are kept after it when anything was carried over.
nlohmann::json to_price_document(const PriceImport& found, const std::string& region,
                                 const std::optional<nlohmann::json>& existing, const std::string& as_of,
                                 const std::string& source);

/// Splits one CSV record of the offer format (comma separated, fields double-quoted with ""
/// for a quote; unquoted fields accepted). Exposed for tests; an Error names the field.
Result<std::vector<std::string>> split_offer_record(const std::string& record);

} // namespace irisize
