// SPDX-License-Identifier: GPL-3.0-or-later
// Reading an AWS Price List bulk CSV offer file for AmazonEC2 record by record (libcsv through
// detail::CsvReader, a block at a time; columns found by name, usage types decoded) into the
// few prices irisize uses: on-demand Linux compute, EBS storage, IOPS and throughput,
// snapshots. price_document.cpp writes what it finds as a data/prices/<region>.json document.
#include "irisize/import/price_import.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <istream>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "import/price_volume_types.hpp"
#include "irisize/detail/csv_reader.hpp"

namespace irisize {

namespace {

using nlohmann::json;

// Thrown inside the reader, turned into an Error at its boundary.
struct OfferError : std::runtime_error {
    OfferError(std::string f, const std::string& m) : std::runtime_error(m), field(std::move(f)) {}
    std::string field;
};

constexpr std::size_t kMaxRecordBytes = 1U << 20; // a record longer than this is a broken quote
constexpr int kMaxMetadataLines = 20;

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// --- records --------------------------------------------------------------------------------

/// The offer file's records (libcsv through detail::CsvReader), each with the line it starts on;
/// a malformed record throws an OfferError naming the file and the line.
class RecordReader {
public:
    RecordReader(std::istream& in, std::string origin)
        : m_csv(in, {.max_open_quote_bytes = kMaxRecordBytes}), m_origin(std::move(origin)) {}

    /// False at the end of the input.
    bool next() {
        auto more = m_csv.next();
        if (!more) {
            const auto& e = more.error();
            throw OfferError(e.field.empty()    ? m_origin
                             : m_origin.empty() ? e.field
                                                : fmt::format("{}: {}", m_origin, e.field),
                             e.message);
        }
        return *more;
    }

    [[nodiscard]] const std::vector<std::string_view>& fields() const { return m_csv.fields(); }
    [[nodiscard]] std::uint64_t start_line() const { return m_csv.record_line(); }
    [[nodiscard]] std::uint64_t lines() const { return m_csv.lines(); }
    [[nodiscard]] std::string where(std::uint64_t line) const {
        return m_origin.empty() ? fmt::format("line {}", line) : fmt::format("{}: line {}", m_origin, line);
    }

private:
    detail::CsvReader m_csv;
    std::string m_origin;
};

// --- columns --------------------------------------------------------------------------------

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

struct Columns {
    // required
    std::size_t sku = kAbsent, term = kAbsent, price = kAbsent, currency = kAbsent, unit = kAbsent, family = kAbsent,
                instance_type = kAbsent, tenancy = kAbsent, os = kAbsent, license = kAbsent, software = kAbsent,
                usage = kAbsent, operation = kAbsent;
    // one of these two
    std::size_t region = kAbsent, location = kAbsent;
    // optional
    std::size_t capacity = kAbsent, market = kAbsent, location_type = kAbsent, volume_api = kAbsent, starting = kAbsent,
                ending = kAbsent;
    // Reserved rows: all three, or no Reserved prices are read
    std::size_t lease = kAbsent, purchase = kAbsent, offering_class = kAbsent;
};

std::size_t find_column(const std::vector<std::string>& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return i;
    for (std::size_t i = 0; i < header.size(); ++i)
        if (iequals(header[i], name))
            return i;
    return kAbsent;
}

Columns map_columns(const std::vector<std::string>& header, const PriceImportOptions& options,
                    const std::string& where) {
    Columns c;
    std::vector<std::string> missing;
    auto required = [&](std::size_t& slot, std::string_view name) {
        slot = find_column(header, name);
        if (slot == kAbsent)
            missing.emplace_back(name);
    };
    required(c.sku, "SKU");
    required(c.term, "TermType");
    required(c.price, "PricePerUnit");
    required(c.currency, "Currency");
    required(c.unit, "Unit");
    required(c.family, "Product Family");
    required(c.instance_type, "Instance Type");
    required(c.tenancy, "Tenancy");
    required(c.os, "Operating System");
    required(c.license, "License Model");
    required(c.software, "Pre Installed S/W");
    required(c.usage, "usageType");
    required(c.operation, "operation");
    c.region = find_column(header, "Region Code");
    c.location = find_column(header, "Location");
    if (c.region == kAbsent && (options.location.empty() || c.location == kAbsent))
        missing.emplace_back("Region Code");
    c.capacity = find_column(header, "CapacityStatus");
    c.market = find_column(header, "MarketOption");
    c.location_type = find_column(header, "Location Type");
    c.volume_api = find_column(header, "Volume API Name");
    c.starting = find_column(header, "StartingRange");
    c.ending = find_column(header, "EndingRange");
    c.lease = find_column(header, "LeaseContractLength");
    c.purchase = find_column(header, "PurchaseOption");
    c.offering_class = find_column(header, "OfferingClass");
    if (!missing.empty()) {
        std::string names;
        for (const auto& m : missing)
            names += (names.empty() ? "\"" : ", \"") + m + "\"";
        throw OfferError(where, fmt::format("the header lacks the required column{} {} (is this an AmazonEC2 "
                                            "offer file in CSV format?)",
                                            missing.size() == 1 ? "" : "s", names));
    }
    return c;
}

// --- usage types ----------------------------------------------------------------------------

/// The usage type without its region prefix ("EUC1-EBS:VolumeUsage.gp3" -> "EBS:VolumeUsage.gp3"),
/// or empty when `marker` does not start a component of it.
std::string_view usage_from(std::string_view usage, std::string_view marker) {
    std::size_t at = 0;
    while ((at = usage.find(marker, at)) != std::string_view::npos) {
        if (at == 0 || usage[at - 1] == '-')
            return usage.substr(at);
        ++at;
    }
    return {};
}

/// Volume type for an "EBS:VolumeUsage[.x]" usage type, or empty.
std::string_view volume_from_usage(std::string_view core) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> map{{
        {"EBS:VolumeUsage", "standard"},
        {"EBS:VolumeUsage.gp2", "gp2"},
        {"EBS:VolumeUsage.gp3", "gp3"},
        {"EBS:VolumeUsage.piops", "io1"},
        {"EBS:VolumeUsage.io2", "io2"},
        {"EBS:VolumeUsage.st1", "st1"},
        {"EBS:VolumeUsage.sc1", "sc1"},
    }};
    for (const auto& [usage, type] : map)
        if (core == usage)
            return type;
    return {};
}

using detail::volume_types;

bool known_volume(std::string_view t) {
    const auto& v = volume_types();
    return std::find(v.begin(), v.end(), t) != v.end();
}

// --- prices ---------------------------------------------------------------------------------

double parse_price(std::string_view text, const std::string& where, std::string_view sku) {
    double v = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last || !std::isfinite(v) || v < 0)
        throw OfferError(where, fmt::format("SKU {}: PricePerUnit '{}' is not a price", sku, text));
    return v;
}

std::optional<double> parse_range(std::string_view text) {
    if (text.empty() || iequals(text, "Inf"))
        return std::nullopt;
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

double clean(double v) {
    // Derived figures (a division, a scaling) rounded to 10 decimals so no binary noise is written.
    return std::round(v * 1e10) / 1e10;
}

struct Candidate {
    OfferPrice price;
    std::string start_range, end_range;
};

/// Keeps one row per key; a second row with a different price is an error naming both.
void keep(std::map<std::string, Candidate>& found, const std::string& key, std::string_view what, Candidate c,
          const RecordReader& reader) {
    auto [it, inserted] = found.try_emplace(key, c);
    if (inserted || it->second.price.usd == c.price.usd)
        return;
    throw OfferError(reader.where(c.price.line),
                     fmt::format("two different prices for {}: SKU {} (line {}) {} and SKU {} (line {}) {}; "
                                 "expected exactly one row",
                                 what, it->second.price.sku, it->second.price.line, it->second.price.usd, c.price.sku,
                                 c.price.line, c.price.usd));
}

std::string as_of_from(std::string_view date, const std::string& where) {
    auto digits = [&](std::size_t from, std::size_t count) {
        for (std::size_t i = from; i < from + count; ++i)
            if (i >= date.size() || !std::isdigit(static_cast<unsigned char>(date[i])))
                return false;
        return true;
    };
    if (date.size() < 10 || !digits(0, 4) || date[4] != '-' || !digits(5, 2) || date[7] != '-' || !digits(8, 2))
        throw OfferError(where, fmt::format("Publication Date '{}' is not a date (YYYY-MM-DD...)", date));
    return std::string(date.substr(0, 10));
}

} // namespace

// --- reading --------------------------------------------------------------------------------

Result<std::vector<std::string>> split_offer_record(const std::string& record) {
    return detail::split_csv_record(record);
}

std::vector<double> io2_tier_bounds(const nlohmann::json& doc) {
    std::vector<double> out;
    const auto ebs = doc.find("ebs");
    if (ebs == doc.end() || !ebs->is_object() || !ebs->contains("io2") || !(*ebs)["io2"].is_object())
        return out;
    const auto& io2 = (*ebs)["io2"];
    if (!io2.contains("iops_tiers") || !io2["iops_tiers"].is_array())
        return out;
    for (const auto& t : io2["iops_tiers"])
        if (t.is_object() && t.contains("up_to") && t["up_to"].is_number())
            out.push_back(t["up_to"].get<double>());
    return out;
}

Result<PriceImport> read_price_offer(std::istream& in, const PriceImportOptions& options, const std::string& origin) {
    PriceImport out;
    out.region = options.region;
    RecordReader reader(in, origin);
    try {
        if (options.region.empty())
            throw OfferError("region", "no region given");

        // Metadata lines, then the header.
        std::vector<std::string> header;
        for (int i = 0;; ++i) {
            if (!reader.next())
                throw OfferError(reader.where(reader.lines()), "the file ends before the header line (an empty or "
                                                               "truncated offer file)");
            const auto& f = reader.fields();
            const std::string_view key = f.front();
            if (key == "FormatVersion" || key == "Disclaimer" || key == "Publication Date" || key == "Version" ||
                key == "OfferCode") {
                if (i >= kMaxMetadataLines)
                    throw OfferError(reader.where(reader.start_line()), "too many metadata lines before the header");
                const std::string value = f.size() > 1 ? std::string(f[1]) : std::string();
                if (key == "Publication Date") {
                    out.publication_date = value;
                    out.as_of = as_of_from(value, reader.where(reader.start_line()));
                } else if (key == "Version") {
                    out.offer_version = value;
                } else if (key == "OfferCode") {
                    out.offer_code = value;
                    if (value != "AmazonEC2")
                        throw OfferError(reader.where(reader.start_line()),
                                         fmt::format("this is the offer file of '{}'; import-prices reads the "
                                                     "AmazonEC2 offer file",
                                                     value));
                }
                continue;
            }
            header.assign(f.begin(), f.end());
            break;
        }
        const std::uint64_t header_line = reader.start_line();
        if (out.publication_date.empty())
            throw OfferError(reader.where(header_line), "no \"Publication Date\" line before the header");
        const Columns col = map_columns(header, options, reader.where(header_line));
        if (col.region == kAbsent)
            out.notes.push_back(fmt::format("the file has no \"Region Code\" column; rows matched by Location "
                                            "'{}'",
                                            options.location));
        if (col.capacity == kAbsent)
            out.notes.push_back("the file has no \"CapacityStatus\" column (an older file): every compute row "
                                "counts as used capacity");

        const std::set<std::string, std::less<>> wanted(options.instance_types.begin(), options.instance_types.end());
        std::map<std::string, Candidate> compute;
        std::map<std::string, Candidate> reserved_rows; // "<type>|<years>|<option>|<class>|upfront or hourly"
        std::map<std::string, Candidate> ebs; // "<figure>:<type>"

        while (reader.next()) {
            const auto& f = reader.fields();
            const std::uint64_t line = reader.start_line();
            if (f.size() != header.size())
                throw OfferError(reader.where(line), fmt::format("has {} fields, the header has {} (a truncated "
                                                                 "or broken line)",
                                                                 f.size(), header.size()));
            ++out.rows;
            if (col.region != kAbsent ? f[col.region] != options.region : f[col.location] != options.location)
                continue;
            ++out.region_rows;
            const bool reserved = f[col.term] == "Reserved" && col.lease != kAbsent && col.purchase != kAbsent &&
                                  col.offering_class != kAbsent;
            if ((f[col.term] != "OnDemand" && !reserved) || f[col.currency] != "USD")
                continue;
            if (col.market != kAbsent && !f[col.market].empty() && f[col.market] != "OnDemand")
                continue;
            if (col.location_type != kAbsent && !f[col.location_type].empty() && f[col.location_type] != "AWS Region")
                continue;
            const std::string_view family = f[col.family];
            const std::string_view usage = f[col.usage];
            const std::string_view unit = f[col.unit];
            auto candidate = [&]() {
                Candidate c;
                c.price.sku = std::string(f[col.sku]);
                c.price.line = line;
                c.price.usd = parse_price(f[col.price], reader.where(line), f[col.sku]);
                if (col.starting != kAbsent)
                    c.start_range = std::string(f[col.starting]);
                if (col.ending != kAbsent)
                    c.end_range = std::string(f[col.ending]);
                return c;
            };

            if (family == "Compute Instance") {
                const bool upfront_row = reserved && iequals(unit, "Quantity");
                if (f[col.os] != "Linux" || f[col.tenancy] != "Shared" || f[col.software] != "NA" ||
                    f[col.license] != "No License required" || f[col.operation] != "RunInstances" ||
                    (unit != "Hrs" && !upfront_row) || usage_from(usage, "BoxUsage:").empty())
                    continue;
                if (col.capacity != kAbsent && !reserved && f[col.capacity] != "Used")
                    continue;
                const std::string_view type = f[col.instance_type];
                if (type.empty() || (!wanted.empty() && wanted.find(type) == wanted.end()))
                    continue;
                if (!reserved) {
                    keep(compute, std::string(type), fmt::format("instance type {}", type), candidate(), reader);
                    continue;
                }
                if (type.find('|') != std::string_view::npos)
                    continue; // no instance type has one, and the key below is split on it
                // "1yr"/"3yr", "No Upfront"/"Partial Upfront"/"All Upfront", "standard"/"convertible".
                const std::string_view lease = f[col.lease];
                const int years = lease == "1yr" || lease == "1 yr" ? 1 : lease == "3yr" || lease == "3 yr" ? 3 : 0;
                std::string option;
                for (char ch : f[col.purchase])
                    option += ch == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                std::string klass;
                for (char ch : f[col.offering_class])
                    klass += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                if (years == 0 || (option != "no_upfront" && option != "partial_upfront" && option != "all_upfront") ||
                    (klass != "standard" && klass != "convertible"))
                    continue; // an offering irisize does not model (older "Light Utilization" terms and the like)
                keep(reserved_rows,
                     fmt::format("{}|{}|{}|{}|{}", type, years, option, klass, upfront_row ? "upfront" : "hourly"),
                     fmt::format("instance type {} reserved {} year(s) {} {} {}", type, years, option, klass,
                                 upfront_row ? "upfront fee" : "hourly price"),
                     candidate(), reader);
                continue;
            }

            const std::string_view core = usage_from(usage, "EBS:");
            if (core.empty())
                continue;
            if (family == "Storage") {
                // "EBS:VolumeUsage" (magnetic) or "EBS:VolumeUsage.<type>", nothing longer.
                constexpr std::string_view storage = "EBS:VolumeUsage";
                if (!iequals(unit, "GB-Mo") || !core.starts_with(storage) ||
                    (core.size() > storage.size() &&
                     (core[storage.size()] != '.' || core.find('.', storage.size() + 1) != std::string_view::npos)))
                    continue;
                std::string_view type = col.volume_api != kAbsent ? f[col.volume_api] : std::string_view();
                if (type.empty())
                    type = volume_from_usage(core);
                if (!known_volume(type))
                    continue;
                keep(ebs, fmt::format("gib:{}", type), fmt::format("EBS {} storage", type), candidate(), reader);
            } else if (family == "System Operation") {
                if (core == "EBS:VolumeIOUsage") {
                    if (iequals(unit, "IOs"))
                        keep(ebs, "io:standard", "EBS standard I/O requests", candidate(), reader);
                    continue;
                }
                if (!iequals(unit, "IOPS-Mo"))
                    continue;
                if (core == "EBS:VolumeP-IOPS.gp3")
                    keep(ebs, "iops:gp3", "EBS gp3 IOPS", candidate(), reader);
                else if (core == "EBS:VolumeP-IOPS.piops")
                    keep(ebs, "iops:io1", "EBS io1 IOPS", candidate(), reader);
                else if (core == "EBS:VolumeP-IOPS.io2")
                    keep(ebs, "iops:io2:1", "EBS io2 IOPS (first tier)", candidate(), reader);
                else if (core == "EBS:VolumeP-IOPS.io2.tier2")
                    keep(ebs, "iops:io2:2", "EBS io2 IOPS tier 2", candidate(), reader);
                else if (core == "EBS:VolumeP-IOPS.io2.tier3")
                    keep(ebs, "iops:io2:3", "EBS io2 IOPS tier 3", candidate(), reader);
            } else if (family == "Provisioned Throughput") {
                if (core != "EBS:VolumeP-Throughput.gp3")
                    continue;
                auto c = candidate();
                if (iequals(unit, "GiBps-mo"))
                    c.price.usd = clean(c.price.usd / 1024.0);
                else if (!iequals(unit, "MiBps-mo"))
                    continue;
                keep(ebs, "mibps:gp3", "EBS gp3 throughput", c, reader);
            } else if (family == "Storage Snapshot") {
                if (!iequals(unit, "GB-Mo"))
                    continue;
                if (core == "EBS:SnapshotUsage")
                    keep(ebs, "snapshot", "EBS snapshot storage", candidate(), reader);
                else if (core == "EBS:SnapshotArchiveStorage")
                    keep(ebs, "snapshot-archive", "EBS snapshot archive storage", candidate(), reader);
            }
        }
        out.lines = reader.lines();

        // Instances, in the order asked for.
        for (auto& [type, c] : compute)
            out.instances.emplace(type, c.price);
        // Reserved offerings: the upfront and hourly rows of one offering joined (the keys sort them together).
        for (const auto& [key, c] : reserved_rows) {
            std::vector<std::string> parts;
            for (std::size_t from = 0;;) {
                const auto bar = key.find('|', from);
                parts.push_back(key.substr(from, bar - from));
                if (bar == std::string::npos)
                    break;
                from = bar + 1;
            }
            auto& offers = out.reserved[parts[0]];
            const int years = std::stoi(parts[1]);
            if (offers.empty() || offers.back().term_years != years || offers.back().purchase_option != parts[2] ||
                offers.back().offering_class != parts[3])
                offers.push_back({years, parts[2], parts[3], std::nullopt, std::nullopt});
            if (parts[4] == "upfront")
                offers.back().upfront_usd = c.price;
            else
                offers.back().usd_per_hour = c.price;
        }
        for (const auto& type : options.instance_types)
            if (!out.instances.contains(type))
                out.missing_instances.push_back(type);

        // EBS.
        auto take = [&](const std::string& key) -> std::optional<Candidate> {
            auto it = ebs.find(key);
            if (it == ebs.end())
                return std::nullopt;
            return it->second;
        };
        for (auto type : volume_types()) {
            const std::string t(type);
            OfferEbs e;
            if (auto c = take("gib:" + t))
                e.per_gib_month = c->price;
            else
                out.missing.push_back(fmt::format("EBS {} storage (GB-Mo)", t));
            if (t == "gp3" || t == "io1") {
                if (auto c = take("iops:" + t))
                    e.per_iops_month = c->price;
                else
                    out.missing.push_back(fmt::format("EBS {} provisioned IOPS (IOPS-Mo)", t));
            }
            if (t == "gp3") {
                if (auto c = take("mibps:gp3"))
                    e.per_mibps_month = c->price;
                else
                    out.missing.push_back("EBS gp3 provisioned throughput (GiBps-mo)");
            }
            if (t == "standard") {
                if (auto c = take("io:standard")) {
                    e.per_million_io = c->price;
                    e.per_million_io->usd = clean(c->price.usd * 1e6);
                } else {
                    out.missing.push_back("EBS standard I/O requests (IOs)");
                }
            }
            if (t == "io2") {
                std::array<std::optional<Candidate>, 3> tiers{take("iops:io2:1"), take("iops:io2:2"),
                                                              take("iops:io2:3")};
                if (!tiers[0] || !tiers[1] || !tiers[2]) {
                    out.missing.push_back("EBS io2 provisioned IOPS tiers (VolumeP-IOPS.io2, .io2.tier2, .io2.tier3)");
                } else {
                    // The bounds come from StartingRange/EndingRange when the file states them;
                    // files that list every tier 0-Inf leave the previous price file's bounds.
                    std::array<std::optional<double>, 3> documented{};
                    if (options.io2_tier_bounds.size() >= 2) {
                        documented[0] = options.io2_tier_bounds[0];
                        documented[1] = options.io2_tier_bounds[1];
                    }
                    auto end1 = parse_range(tiers[0]->end_range);
                    auto end2 = parse_range(tiers[1]->end_range);
                    auto end3 = parse_range(tiers[2]->end_range);
                    auto start2 = parse_range(tiers[1]->start_range);
                    auto start3 = parse_range(tiers[2]->start_range);
                    const bool stated = end1 && end2 && !end3 && start2 && start3 && *end1 > 0 && *start2 == *end1 &&
                                        *end2 > *start2 && *start3 == *end2;
                    std::array<std::optional<double>, 3> bounds = documented;
                    if (stated) {
                        bounds = {end1, end2, std::nullopt};
                    } else if (documented[0]) {
                        out.notes.push_back(fmt::format("io2 IOPS tier bounds not stated by StartingRange/EndingRange; "
                                                        "kept the previous price file's {} and {} IOPS",
                                                        *documented[0], *documented[1]));
                    }
                    if (bounds[0] && bounds[1])
                        for (std::size_t i = 0; i < 3; ++i)
                            e.iops_tiers.push_back({bounds[i], tiers[i]->price});
                    else
                        out.missing.push_back("EBS io2 IOPS tier bounds (not in the offer file, no previous price "
                                              "file to keep them from)");
                }
            }
            if (e.per_gib_month || e.per_iops_month || !e.iops_tiers.empty() || e.per_mibps_month || e.per_million_io)
                out.ebs.emplace(t, std::move(e));
        }
        if (auto c = take("snapshot"))
            out.snapshot = c->price;
        else
            out.missing.push_back("EBS snapshot storage (SnapshotUsage)");
        if (auto c = take("snapshot-archive"))
            out.snapshot_archive = c->price;
        else
            out.missing.push_back("EBS snapshot archive storage (SnapshotArchiveStorage)");
        return out;
    } catch (const OfferError& e) {
        return Error{e.field, e.what()};
    }
}

} // namespace irisize
