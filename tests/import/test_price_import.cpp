// SPDX-License-Identifier: GPL-3.0-or-later
// import-prices: the rows picked from an AWS Price List bulk CSV (synthetic fixtures under
// tests/data/pricelist/, every row priced differently so a wrong pick shows), the price
// document built from them, and the command leaving the existing file alone on bad input.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>

#include "irisize/import/price_import.hpp"
#include "test_support.hpp"

// The command itself, from the irisize::cli_commands library.
#include "commands.hpp"
#include "import_prices.hpp"

using namespace irisize;
using nlohmann::json;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test::slurp;

namespace {

const std::string kFixtures = IRISIZE_TEST_DATA_DIR "/../tests/data/pricelist/";


// The previous price file of the tests: eu-west-1 as bundled until 2026-12-07, when its instance
// prices were estimates (us-east-1 x a 2017 ratio) and i2 a historic estimate, so that carrying
// an estimate over is tested whatever the bundled file holds today.
const std::string kPrevious = kFixtures + "previous-eu-west-1.json";

json existing_eu_west_1() {
    std::ifstream in(kPrevious);
    REQUIRE(in);
    return json::parse(in);
}

// As the command does: io2 tier bounds the offer file may not state come from the previous file.
PriceImportOptions eu_west_1() {
    PriceImportOptions o;
    o.region = "eu-west-1";
    for (const auto& it : test::catalog().instances.instances)
        o.instance_types.push_back(it.type);
    o.io2_tier_bounds = io2_tier_bounds(existing_eu_west_1());
    return o;
}

Result<PriceImport> read_fixture(const std::string& name, const PriceImportOptions& options = eu_west_1()) {
    std::ifstream in(kFixtures + name, std::ios::binary);
    REQUIRE(in);
    return read_price_offer(in, options, name);
}

Result<PriceImport> read_text(const std::string& text, const PriceImportOptions& options = eu_west_1()) {
    std::istringstream in(text);
    return read_price_offer(in, options, "");
}

/// A fixture with the lines containing `drop` left out.
std::string fixture_without(const std::string& name, const std::string& drop) {
    std::istringstream all(slurp(kFixtures + name));
    std::string line, out;
    while (std::getline(all, line))
        if (line.find(drop) == std::string::npos)
            out += line + "\n";
    return out;
}

const std::string kMeta =
    "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"test\"\n\"Publication Date\",\"2024-02-29T10:00:00Z\"\n"
    "\"Version\",\"20240229100000\"\n\"OfferCode\",\"AmazonEC2\"\n";

// A small layout for rows written in the tests: column name -> value of a Linux row to pick.
const std::vector<std::pair<std::string, std::string>> kLinuxRow = {
    {"SKU", "A"},
    {"TermType", "OnDemand"},
    {"Unit", "Hrs"},
    {"PricePerUnit", "0.1"},
    {"Currency", "USD"},
    {"Product Family", "Compute Instance"},
    {"Region Code", "eu-west-1"},
    {"Location", "EU (Ireland)"},
    {"Instance Type", "m5.large"},
    {"Tenancy", "Shared"},
    {"Operating System", "Linux"},
    {"License Model", "No License required"},
    {"Pre Installed S/W", "NA"},
    {"CapacityStatus", "Used"},
    {"MarketOption", "OnDemand"},
    {"usageType", "EU-BoxUsage:m5.large"},
    {"operation", "RunInstances"},
};

std::string quoted_line(const std::vector<std::string>& fields) {
    std::string s;
    for (const auto& f : fields) {
        std::string q;
        for (char c : f)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        s += (s.empty() ? "\"" : ",\"") + q + "\"";
    }
    return s + "\n";
}

std::string header_line(const std::vector<std::string>& drop = {}) {
    std::vector<std::string> names;
    for (const auto& [name, value] : kLinuxRow)
        if (std::find(drop.begin(), drop.end(), name) == drop.end())
            names.push_back(name);
    return quoted_line(names);
}

std::string row_line(const std::map<std::string, std::string>& changes, const std::vector<std::string>& drop = {}) {
    std::vector<std::string> values;
    for (const auto& [name, value] : kLinuxRow) {
        if (std::find(drop.begin(), drop.end(), name) != drop.end())
            continue;
        auto it = changes.find(name);
        values.push_back(it == changes.end() ? value : it->second);
    }
    return quoted_line(values);
}

const std::string kHeader = header_line();
std::string linux_row(const std::string& sku, const std::string& type, const std::string& price) {
    return row_line(
        {{"SKU", sku}, {"Instance Type", type}, {"PricePerUnit", price}, {"usageType", "EU-BoxUsage:" + type}});
}

} // namespace

TEST_CASE ("import-prices: picks only Linux shared on-demand rows of the region", "[price_import]") {
    auto r = read_fixture("offer-2025.csv");
    REQUIRE(r.ok());
    const auto& found = *r;
    // Exactly the four Linux rows; not RHEL 0.167, Windows 0.199, SUSE 0.137, SQL Web 0.125,
    // dedicated 0.1177, host 0, reserved 0.067, unused reservation 0.108, allocated
    // reservation 0, spot 0.035, eu-central-1 0.115, us-east-1 0.096; x2iedn is not in the catalog.
    REQUIRE(found.instances.size() == 4);
    CHECK(found.instances.at("m5.large").usd == 0.107);
    CHECK(found.instances.at("m5.large").sku == "EUM5LARGELNX0001");
    CHECK(found.instances.at("r6i.4xlarge").usd == 1.1232);
    CHECK(found.instances.at("t3.micro").usd == 0.0114); // not eu-central-1's 0.012
    CHECK(found.instances.at("c5.xlarge").usd == 0.192);
    CHECK_FALSE(found.instances.contains("x2iedn.xlarge"));
    CHECK(found.missing_instances.size() == test::catalog().instances.instances.size() - 4);
    CHECK(std::find(found.missing_instances.begin(), found.missing_instances.end(), "i2.xlarge") !=
          found.missing_instances.end());

    CHECK(found.as_of == "2025-07-18");
    CHECK(found.publication_date == "2025-07-18T21:23:52Z");
    CHECK(found.offer_version == "20250718212352");
    CHECK(found.offer_code == "AmazonEC2");
    CHECK(found.missing.empty());
}

TEST_CASE ("import-prices: each compute filter on its own", "[price_import]") {
    // The row to pick (0.1) after one that differs from it in one column only, priced 0.9.
    const std::vector<std::pair<std::string, std::string>> differences = {
        {"Operating System", "RHEL"},
        {"Operating System", "Windows"},
        {"Operating System", "SUSE"},
        {"Tenancy", "Dedicated"},
        {"Tenancy", "Host"},
        {"Pre Installed S/W", "SQL Std"},
        {"License Model", "Bring your own license"},
        {"CapacityStatus", "UnusedCapacityReservation"},
        {"CapacityStatus", "AllocatedCapacityReservation"},
        {"TermType", "Reserved"},
        {"MarketOption", "Spot"},
        {"operation", "RunInstances:0002"},
        {"usageType", "EU-HostBoxUsage:m5.large"},
        {"usageType", "EU-UnusedBox:m5.large"},
        {"Unit", "Quantity"},
        {"Currency", "CNY"},
        {"Region Code", "eu-central-1"},
        {"Product Family", "Compute"},
    };
    for (const auto& [column, value] : differences) {
        CAPTURE(column, value);
        auto r = read_text(kMeta + kHeader + row_line({{"SKU", "WRONG"}, {"PricePerUnit", "0.9"}, {column, value}}) +
                           row_line({}));
        REQUIRE(r.ok());
        REQUIRE(r->instances.size() == 1);
        CHECK(r->instances.at("m5.large").usd == 0.1);
        CHECK(r->instances.at("m5.large").sku == "A");
    }
    // The usage type's region prefix does not matter; us-east-1 has none.
    auto us = eu_west_1();
    us.region = "us-east-1";
    auto r =
        read_text(kMeta + kHeader + row_line({{"Region Code", "us-east-1"}, {"usageType", "BoxUsage:m5.large"}}), us);
    REQUIRE(r.ok());
    CHECK(r->instances.at("m5.large").usd == 0.1);
}

TEST_CASE ("import-prices: a file without Region Code is matched by Location when given one", "[price_import]") {
    const std::vector<std::string> drop{"Region Code", "CapacityStatus", "MarketOption"};
    const std::string text = kMeta + header_line(drop) +
                             row_line({{"Location", "EU (Frankfurt)"}, {"PricePerUnit", "0.9"}, {"SKU", "F"}}, drop) +
                             row_line({}, drop);
    auto without = read_text(text);
    REQUIRE_FALSE(without.ok());
    CHECK_THAT(without.error().what(), Contains("\"Region Code\""));
    auto options = eu_west_1();
    options.location = "EU (Ireland)";
    auto with = read_text(text, options);
    REQUIRE(with.ok());
    CHECK(with->instances.at("m5.large").usd == 0.1);
    CHECK(with->notes.size() == 2); // matched by Location; no CapacityStatus column
}

TEST_CASE ("import-prices: EBS storage, IOPS, throughput and snapshot figures", "[price_import]") {
    auto r = read_fixture("offer-2025.csv");
    REQUIRE(r.ok());
    const auto& ebs = r->ebs;
    REQUIRE(ebs.size() == 7);
    CHECK(ebs.at("gp2").per_gib_month->usd == 0.11);
    CHECK(ebs.at("gp3").per_gib_month->usd == 0.088); // not eu-central-1 0.0952 or us-east-1 0.08
    CHECK(ebs.at("gp3").per_iops_month->usd == 0.0055);
    // 45.056 USD per GiB/s-month / 1024 = 0.044 per MiB/s-month.
    CHECK(ebs.at("gp3").per_mibps_month->usd == Approx(0.044).epsilon(1e-12));
    CHECK(ebs.at("io1").per_gib_month->usd == 0.138);
    CHECK(ebs.at("io1").per_iops_month->usd == 0.072); // not eu-central-1 0.078
    CHECK(ebs.at("io2").per_gib_month->usd == 0.139);
    CHECK_FALSE(ebs.at("io2").per_iops_month);
    const auto& tiers = ebs.at("io2").iops_tiers;
    REQUIRE(tiers.size() == 3);
    CHECK(tiers[0].up_to == 32000.0);
    CHECK(tiers[0].price.usd == 0.0715);
    CHECK(tiers[1].up_to == 64000.0);
    CHECK(tiers[1].price.usd == 0.05005);
    CHECK_FALSE(tiers[2].up_to);
    CHECK(tiers[2].price.usd == 0.035035);
    CHECK(ebs.at("st1").per_gib_month->usd == 0.05);
    CHECK(ebs.at("sc1").per_gib_month->usd == 0.0168);
    CHECK(ebs.at("standard").per_gib_month->usd == 0.055);
    CHECK(ebs.at("standard").per_million_io->usd == Approx(0.055).epsilon(1e-12));
    REQUIRE(r->snapshot);
    CHECK(r->snapshot->usd == 0.053); // not eu-central-1 0.054
    REQUIRE(r->snapshot_archive);
    CHECK(r->snapshot_archive->usd == 0.0137);
}

TEST_CASE ("import-prices: another column order and an older, narrower layout give the same result", "[price_import]") {
    auto a = read_fixture("offer-2025.csv");
    auto b = read_fixture("offer-2019.csv");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(b->as_of == "2019-03-01");
    REQUIRE(b->instances.size() == a->instances.size());
    for (const auto& [type, price] : a->instances)
        CHECK(b->instances.at(type).usd == price.usd);
    // The older file lists every io2 tier 0-Inf: the previous file's bounds are kept, and said so.
    CHECK_THAT(b->notes.back(), Contains("32000") && Contains("64000"));
    const auto existing = existing_eu_west_1();
    // The same document, but for the Reserved offering only the newer layout carries (the older
    // file has no LeaseContractLength, PurchaseOption and OfferingClass columns).
    auto newer = to_price_document(*a, "eu-west-1", existing, "2025-07-18", "test");
    auto older = to_price_document(*b, "eu-west-1", existing, "2025-07-18", "test");
    CHECK(newer.contains("reserved"));
    CHECK_FALSE(older.contains("reserved"));
    newer.erase("reserved");
    CHECK(newer == older);
}

TEST_CASE ("import-prices: the document parses, imported figures published, the rest carried over", "[price_import]") {
    auto r = read_fixture("offer-2025.csv");
    REQUIRE(r.ok());
    const auto existing = existing_eu_west_1();
    const json doc = to_price_document(*r, "eu-west-1", existing, r->as_of, "AWS offer test");
    auto parsed = parse_price_list(doc, test::catalog().instances, "imported");
    REQUIRE(parsed.ok());

    CHECK(doc["kind"] == "price-list");
    CHECK(doc["as_of"] == "2025-07-18");
    CHECK(doc["region_name"] == "Europe (Ireland)");
    CHECK(doc["availability_zones"] == existing["availability_zones"]);
    CHECK(doc["hours_per_month"] == 730);
    CHECK(doc["source"][0] == "AWS offer test");
    CHECK(doc["instances"]["m5.large"] == json({{"usd_per_hour", 0.107}, {"confidence", "published"}}));
    // Not in the offer file: carried over as it was, an estimate, with the references it relied on.
    {
        json carried = doc["instances"]["m4.large"];
        REQUIRE(carried.contains("references"));
        CHECK(carried["references"] == existing["instance_references"]);
        for (const auto& id : carried["references"])
            CHECK(doc["references"][id.get<std::string>()] == existing["references"][id.get<std::string>()]);
        carried.erase("references");
        CHECK(carried == existing["instances"]["m4.large"]);
    }
    // What the offer priced names the offer; the document's references are only those its entries use.
    CHECK(doc["instance_references"] == json::array({"aws-offer"}));
    CHECK_THAT(doc["references"]["aws-offer"]["title"].get<std::string>(),
               Contains("AWS Price List") && Contains("Europe (Ireland)"));
    CHECK(doc["references"]["aws-offer"]["as_of"] == "2025-07-18");
    CHECK_FALSE(doc["references"].contains("ebs-io2-estimate"));
    CHECK(doc["instances"]["i2.xlarge"]["confidence"] == "estimate");
    CHECK(doc["instances"].size() == existing["instances"].size());

    const auto& gp3 = doc["ebs"]["gp3"];
    CHECK(gp3["usd_per_gib_month"] == 0.088);
    CHECK(gp3["usd_per_iops_month"] == 0.0055);
    CHECK(gp3["usd_per_mibps_month"].get<double>() == Approx(0.044).epsilon(1e-12));
    CHECK(gp3["confidence"] == "published");
    // io2 was an estimate in the existing file; now every figure is from the offer.
    CHECK(doc["ebs"]["io2"] == json::parse(R"({"usd_per_gib_month": 0.139, "confidence": "published",
        "iops_tiers": [{"up_to": 32000, "usd_per_iops_month": 0.0715},
                       {"up_to": 64000, "usd_per_iops_month": 0.05005},
                       {"up_to": null, "usd_per_iops_month": 0.035035}], "references": ["aws-offer"]})"));
    CHECK(doc["ebs"]["standard"]["usd_per_million_io"].get<double>() == Approx(0.055).epsilon(1e-12));
    CHECK(doc["ebs"]["standard"]["confidence"] == "published");
    CHECK(doc["ebs"]["as_of"] == "2025-07-18");
    CHECK(doc["snapshot"]["usd_per_gib_month"] == 0.053);
    CHECK(doc["snapshot"]["archive_usd_per_gib_month"] == 0.0137);
    CHECK(doc["snapshot"]["confidence"] == "published");
    CHECK(doc["transfer"] == existing["transfer"]); // its references carried with it
    for (const auto& id : doc["transfer"]["references"])
        CHECK(doc["references"].contains(id.get<std::string>()));

    // The estimates name only what was carried over as an estimate: the instance prices.
    REQUIRE(doc["estimates"].size() == 1);
    CHECK_THAT(doc["estimates"][0].get<std::string>(), Contains("i2.xlarge") && Contains("m4.large"));
    CHECK_THAT(doc["estimates"][0].get<std::string>(), !Contains("m5.large,") && !Contains("r6i.4xlarge"));

    const auto& pl = *parsed;
    const auto m5 = *test::catalog().instances.find("m5.large");
    REQUIRE(pl.instance_price[m5]);
    CHECK_FALSE(pl.instance_price[m5]->estimate);
    CHECK_FALSE(pl.ebs_price("io2")->estimate);
    CHECK_FALSE(pl.snapshot.estimate);
}

TEST_CASE ("import-prices: a figure carried over from an estimate marks its entry and is listed", "[price_import]") {
    auto r = read_text(fixture_without("offer-2025.csv", "SnapshotArchiveStorage"));
    REQUIRE(r.ok());
    CHECK_FALSE(r->snapshot_archive);
    CHECK_THAT(r->missing.back(), Contains("snapshot archive"));
    const auto existing = existing_eu_west_1();
    const json doc = to_price_document(*r, "eu-west-1", existing, r->as_of, "test");
    CHECK(doc["snapshot"]["usd_per_gib_month"] == 0.053);
    CHECK(doc["snapshot"]["archive_usd_per_gib_month"] == existing["snapshot"]["archive_usd_per_gib_month"]);
    CHECK(doc["snapshot"]["confidence"] == "estimate");
    REQUIRE(doc["estimates"].size() == 2);
    CHECK_THAT(doc["estimates"][1].get<std::string>(), Contains("Snapshot archive"));
    CHECK(parse_price_list(doc, test::catalog().instances, "imported").ok());
}

TEST_CASE ("import-prices: without a previous file the document lacks zones and transfer, and does not parse",
           "[price_import]") {
    auto r = read_fixture("offer-2025.csv");
    REQUIRE(r.ok());
    const json doc = to_price_document(*r, "eu-west-1", std::nullopt, r->as_of, "test");
    CHECK(doc["instances"].size() == 4);
    CHECK(doc["estimates"].empty());
    auto parsed = parse_price_list(doc, test::catalog().instances, "imported");
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.error().what(), Contains("availability_zones"));
}

TEST_CASE ("import-prices: malformed offer files are errors naming the column or line", "[price_import]") {
    SECTION ("a required column missing from the header") {
        auto r = read_fixture("malformed-missing-column.csv");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("line 6") && Contains("\"Operating System\""));
    }
    SECTION ("the file ends inside a quoted field") {
        auto r = read_fixture("malformed-truncated.csv");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("line 9") && Contains("not closed"));
    }
    SECTION ("two different prices for one instance type name both SKUs") {
        auto r = read_fixture("malformed-duplicate.csv");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("m5.large") && Contains("EUM5LARGELNX0001") &&
                                         Contains("EUM5LARGELNXDUP2") && Contains("line 10"));
    }
    SECTION ("the same price twice is one price") {
        auto r = read_text(kMeta + kHeader + linux_row("A", "m5.large", "0.1") + linux_row("B", "m5.large", "0.1"));
        REQUIRE(r.ok());
        CHECK(r->instances.at("m5.large").usd == 0.1);
    }
    SECTION ("a row with too few fields") {
        auto row = linux_row("A", "m5.large", "0.1");
        row = row.substr(0, row.rfind(",\"")) + "\n";
        auto r = read_text(kMeta + kHeader + linux_row("B", "t3.micro", "0.01") + row);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("line 8") && Contains("16 fields"));
    }
    SECTION ("a price that is not a number") {
        auto r = read_text(kMeta + kHeader + linux_row("SKU9", "m5.large", "0.1x"));
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("line 7") && Contains("SKU9") && Contains("0.1x"));
    }
    SECTION ("text after a closing quote") {
        auto r = read_text(kMeta + kHeader + "\"A\"x,\"OnDemand\"\n");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("line 7") && Contains("field 1"));
    }
    SECTION ("another service's offer file") {
        std::string meta = kMeta;
        meta.replace(meta.find("AmazonEC2"), 9, "AmazonRDS");
        auto r = read_text(meta + kHeader);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("AmazonRDS") && Contains("line 5"));
    }
    SECTION ("no publication date") {
        auto r = read_text("\"FormatVersion\",\"v1.0\"\n" + kHeader);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("Publication Date"));
    }
    SECTION ("an empty file") {
        auto r = read_text("");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().what(), Contains("header"));
    }
}

TEST_CASE ("import-prices: quoted fields", "[price_import]") {
    auto f = split_offer_record(R"("a","b,c","say ""hi""","",plain)");
    REQUIRE(f.ok());
    CHECK(*f == std::vector<std::string>{"a", "b,c", "say \"hi\"", "", "plain"});
    CHECK_FALSE(split_offer_record(R"("a","b)").ok());
    CHECK_FALSE(split_offer_record(R"(a"b)").ok());
    // A quoted line break keeps the record whole (the 2025 fixture's disclaimer has one).
    auto r = read_text(kMeta + kHeader + linux_row("A\nB", "m5.large", "0.1") + linux_row("C", "t3.micro", "0.01"));
    REQUIRE(r.ok());
    CHECK(r->instances.at("m5.large").sku == "A\nB");
    CHECK(r->instances.at("m5.large").line == 7);
    CHECK(r->instances.at("t3.micro").line == 9);
    CHECK(r->as_of == "2024-02-29");
    // A byte-order mark and CRLF line ends are taken in stride.
    std::string crlf = kMeta + kHeader + linux_row("C", "t3.micro", "0.01");
    for (std::size_t at = 0; (at = crlf.find('\n', at)) != std::string::npos; at += 2)
        crlf.insert(at, "\r");
    auto bom = read_text("\xEF\xBB\xBF" + crlf);
    REQUIRE(bom.ok());
    CHECK(bom->instances.at("t3.micro").usd == 0.01);
}

TEST_CASE ("import-prices: a large file is read in blocks, lines counted across them", "[price_import]") {
    // Rows of another region (skipped), blank lines, unquoted fields and a multi-line quoted
    // field long enough to straddle the reader's 64 KiB blocks; the rows after them keep their
    // line numbers.
    std::string text = kMeta + kHeader; // lines 1-6
    std::uint64_t line = 6;
    for (int i = 0; i < 2000; ++i) {
        text += row_line({{"SKU", "X" + std::to_string(i)}, {"Region Code", "us-east-1"}});
        text += i % 100 == 0 ? "\n" : "";
        line += i % 100 == 0 ? 2 : 1;
    }
    const std::string long_sku = std::string(70000, 'a') + "\n" + std::string(70000, 'b');
    text += linux_row(long_sku, "m5.large", "0.1");
    const std::uint64_t long_line = line + 1;
    text += "\n";
    text += "A2,OnDemand,Hrs,0.01,USD,Compute Instance,eu-west-1,EU (Ireland),t3.micro,Shared,Linux,"
            "No License required,NA,Used,OnDemand,EU-BoxUsage:t3.micro,RunInstances"; // no line break at the end
    auto r = read_text(text);
    INFO((r ? std::string() : r.error().what()));
    REQUIRE(r.ok());
    CHECK(r->rows == 2002);
    CHECK(r->region_rows == 2);
    CHECK(r->instances.at("m5.large").sku == long_sku);
    CHECK(r->instances.at("m5.large").line == long_line);
    CHECK(r->instances.at("t3.micro").line == long_line + 3);
    CHECK(r->instances.at("t3.micro").usd == 0.01);
    CHECK(r->lines == long_line + 3);

    // A quote left open runs to the end of a huge file no further than 1 MiB.
    std::string broken = kMeta + kHeader + "\"A,OnDemand\n";
    for (int i = 0; i < 20000; ++i)
        broken += std::string(99, 'x') + "\n";
    auto b = read_text(broken);
    REQUIRE_FALSE(b.ok());
    CHECK_THAT(b.error().what(), Contains("line 7") && Contains("not closed within 1048576 bytes"));
}

TEST_CASE ("import-prices command: bad input leaves the existing file byte for byte", "[price_import][cli]") {
    const test::TempDir tmp("price-import");
    const fs::path out = tmp.path / "eu-west-1.json";
    fs::copy_file(kPrevious, out);
    const std::string before = slurp(out);

    cli::ImportPricesArgs args;
    args.region = "eu-west-1";
    args.output = out.string();
    for (const char* bad : {"malformed-missing-column.csv", "malformed-truncated.csv", "malformed-duplicate.csv"}) {
        args.offer = kFixtures + bad;
        CHECK(cli::run_import_prices(test::catalog(), args) == cli::Invalid);
        CHECK(slurp(out) == before);
    }
    args.offer = (tmp.path / "no-such-offer.csv").string();
    CHECK(cli::run_import_prices(test::catalog(), args) == cli::Invalid);
    CHECK(slurp(out) == before);

    // Another region's prices into eu-west-1.json: refused before reading (irisize would refuse the file).
    args.offer = kFixtures + "offer-2025.csv";
    args.region = "ap-southeast-2";
    args.output = out.string();
    CHECK(cli::run_import_prices(test::catalog(), args) == cli::Usage);
    CHECK(slurp(out) == before);

    args.region = "EU West 1";
    CHECK(cli::run_import_prices(test::catalog(), args) == cli::Usage);
    CHECK(slurp(out) == before);

    // Good input replaces it, carrying over from it what the offer lacks.
    args.region = "eu-west-1";
    CHECK(cli::run_import_prices(test::catalog(), args) == cli::Ok);
    const json doc = json::parse(slurp(out));
    CHECK(doc["as_of"] == "2025-07-18");
    CHECK(doc["instances"]["m5.large"]["usd_per_hour"] == 0.107);
    CHECK(doc["instances"]["i2.xlarge"]["confidence"] == "estimate");
    CHECK(doc["availability_zones"].size() == 3);
    CHECK_THAT(doc["source"][0].get<std::string>(), Contains("offer-2025.csv") && Contains("20250718212352"));
    CHECK(parse_price_list(doc, test::catalog().instances, out.string()).ok());
    // Written in the order of the hand-made files.
    const std::string text = slurp(out);
    CHECK(text.find("\"schema\"") < text.find("\"kind\""));
    CHECK(text.find("\"m4.large\"") < text.find("\"m5.large\""));
    CHECK(text.find("\"m5.large\"") < text.find("\"i2.xlarge\""));
}

TEST_CASE ("import-prices command: an output named for no known region is written, with a warning",
           "[price_import][cli]") {
    const test::TempDir tmp("price-import");
    cli::ImportPricesArgs args;
    args.offer = kFixtures + "offer-2025.csv";
    args.region = "eu-west-1";
    args.output = (tmp.path / "new.json").string();
    CHECK(cli::run_import_prices(test::catalog(), args) == cli::Ok);
    const json doc = json::parse(slurp(tmp.path / "new.json"));
    CHECK(doc["region"] == "eu-west-1");
    CHECK(doc["availability_zones"].size() == 3); // carried over from the data directory's eu-west-1 file
    // Named for another region irisize knows: refused, nothing written.
    args.output = (tmp.path / "us-east-1.json").string();
    CHECK(cli::run_import_prices(test::catalog(), args) == cli::Usage);
    CHECK_FALSE(fs::exists(tmp.path / "us-east-1.json"));
}

TEST_CASE ("import-prices command: the default output is prices/<region>.json of the data directory",
           "[price_import][cli]") {
    const test::TempDir tmp("price-import");
    fs::create_directories(tmp.path / "prices");
    fs::copy_file(IRISIZE_TEST_DATA_DIR "/prices/eu-west-1.json", tmp.path / "prices" / "eu-west-1.json");
    Catalog cat = test::catalog();
    cat.data_dir = tmp.path;

    cli::ImportPricesArgs args;
    args.offer = kFixtures + "offer-2019.csv";
    args.region = "eu-west-1";
    CHECK(cli::run_import_prices(cat, args) == cli::Ok);
    const json doc = json::parse(slurp(tmp.path / "prices" / "eu-west-1.json"));
    CHECK(doc["as_of"] == "2019-03-01");
    CHECK(doc["ebs"]["io2"]["iops_tiers"][1]["up_to"] == 64000);

    // No previous file for the region: the result does not check, nothing is written.
    args.region = "eu-central-1";
    CHECK(cli::run_import_prices(cat, args) == cli::Invalid);
    CHECK_FALSE(fs::exists(tmp.path / "prices" / "eu-central-1.json"));
}

TEST_CASE ("import-prices: a previous file that names only sources gives carried entries those sources as references",
           "[price_import]") {
    auto r = read_fixture("offer-2025.csv");
    REQUIRE(r.ok());
    json existing = existing_eu_west_1();
    existing.erase("references");
    existing.erase("instance_references");
    existing["source"] = json::array({"Hand-kept prices of 2024"});
    for (auto& [k, v] : existing["instances"].items())
        v.erase("references");
    for (const char* k : {"snapshot", "transfer"})
        existing[k].erase("references");
    const json doc = to_price_document(*r, "eu-west-1", existing, r->as_of, "AWS offer test");
    auto parsed = parse_price_list(doc, test::catalog().instances, "imported");
    REQUIRE(parsed.ok());
    CHECK(doc["instances"]["m4.large"]["references"] == json::array({"previous-source-1"}));
    CHECK(doc["references"]["previous-source-1"]["title"] == "Hand-kept prices of 2024");
    CHECK(doc["references"]["previous-source-1"]["as_of"] == existing["as_of"]);
}

TEST_CASE ("import-prices: Reserved rows, the upfront fee and the hourly price of each offering", "[price_import]") {
    // The fixture's one Reserved row: m5.large, 1 year, No Upfront, standard, hourly only.
    auto fixture = read_fixture("offer-2025.csv");
    REQUIRE(fixture.ok());
    REQUIRE(fixture->reserved.contains("m5.large"));
    const auto& m5 = fixture->reserved.at("m5.large");
    REQUIRE(m5.size() == 1);
    CHECK(m5[0].term_years == 1);
    CHECK(m5[0].purchase_option == "no_upfront");
    CHECK(m5[0].offering_class == "standard");
    CHECK_FALSE(m5[0].upfront_usd.has_value());
    REQUIRE(m5[0].usd_per_hour.has_value());
    CHECK(m5[0].usd_per_hour->usd == 0.067);
    CHECK(fixture->instances.at("m5.large").usd == 0.107); // the on-demand price is untouched

    // Rows written here: the Linux row's columns and the three Reserved ones.
    std::vector<std::string> names;
    for (const auto& [name, value] : kLinuxRow)
        names.push_back(name);
    for (const char* extra : {"LeaseContractLength", "PurchaseOption", "OfferingClass"})
        names.emplace_back(extra);
    auto reserved_row = [&](const std::string& sku, const std::string& lease, const std::string& option,
                            const std::string& klass, const std::string& unit, const std::string& price) {
        std::vector<std::string> values;
        for (const auto& [name, value] : kLinuxRow)
            values.push_back(name == "SKU"            ? sku
                             : name == "TermType"     ? std::string("Reserved")
                             : name == "Unit"         ? unit
                             : name == "PricePerUnit" ? price
                                                      : value);
        values.push_back(lease);
        values.push_back(option);
        values.push_back(klass);
        return quoted_line(values);
    };
    std::vector<std::string> on_demand;
    for (const auto& [name, value] : kLinuxRow)
        on_demand.push_back(value);
    on_demand.insert(on_demand.end(), {"", "", ""});
    const std::string text = kMeta + quoted_line(names) + quoted_line(on_demand) +
                             reserved_row("R1", "1yr", "All Upfront", "standard", "Quantity", "500") +
                             reserved_row("R1", "1yr", "All Upfront", "standard", "Hrs", "0") +
                             reserved_row("R2", "3yr", "Partial Upfront", "standard", "Quantity", "800") +
                             reserved_row("R2", "3yr", "Partial Upfront", "standard", "Hrs", "0.03") +
                             reserved_row("R3", "1yr", "No Upfront", "convertible", "Hrs", "0.08") +
                             reserved_row("R4", "1yr", "Light Utilization", "standard", "Hrs", "0.01");
    auto r = read_text(text);
    INFO((r ? std::string() : r.error().what()));
    REQUIRE(r.ok());
    CHECK(r->instances.at("m5.large").usd == 0.1);
    const auto& offers = r->reserved.at("m5.large");
    REQUIRE(offers.size() == 3); // the Light Utilization row is not an offering irisize models
    CHECK(offers[0].term_years == 1);
    CHECK(offers[0].purchase_option == "all_upfront");
    CHECK(offers[0].upfront_usd->usd == 500);
    CHECK(offers[0].usd_per_hour->usd == 0);
    CHECK(offers[1].term_years == 1);
    CHECK(offers[1].purchase_option == "no_upfront");
    CHECK(offers[1].offering_class == "convertible");
    CHECK_FALSE(offers[1].upfront_usd.has_value());
    CHECK(offers[2].term_years == 3);
    CHECK(offers[2].purchase_option == "partial_upfront");
    CHECK(offers[2].upfront_usd->usd == 800);
    CHECK(offers[2].usd_per_hour->usd == 0.03);

    // Two different hourly prices for one offering are an error naming both rows.
    auto twice = read_text(text + reserved_row("R5", "3yr", "Partial Upfront", "standard", "Hrs", "0.04"));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().message.find("reserved 3 year(s) partial_upfront standard hourly price") != std::string::npos);

    // The price document lists the offerings under "reserved".
    std::ifstream prev(kPrevious);
    const auto old = nlohmann::json::parse(prev);
    const auto doc = to_price_document(*r, "eu-west-1", old, r->as_of, "AWS offer test");
    const auto& listed = doc["reserved"]["m5.large"];
    REQUIRE(listed.size() == 3);
    CHECK(listed[2]["term_years"] == 3);
    CHECK(listed[2]["upfront_usd"] == 800);
    CHECK(listed[2]["usd_per_hour"] == 0.03);
    CHECK(listed[2]["confidence"] == "published");

    // And the price list reads them back, per instance.
    auto list = parse_price_list(doc, test::catalog().instances, "eu-west-1.json");
    INFO((list ? std::string() : list.error().what()));
    REQUIRE(list.ok());
    const auto idx = test::catalog().instances.find("m5.large");
    REQUIRE(idx);
    const auto& back = list->reserved[*idx];
    REQUIRE(back.size() == 3);
    CHECK(back[2].term_years == 3);
    CHECK(back[2].upfront_usd == 800);
    CHECK(units::in_usd(back[2].hourly * units::hours(1)) == Approx(0.03));
    CHECK_FALSE(back[2].estimate);
    auto bad = doc;
    bad["reserved"]["m5.large"][0]["purchase_option"] = "some_upfront";
    auto refused = parse_price_list(bad, test::catalog().instances, "eu-west-1.json");
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.error().what(), Contains("reserved.m5.large[0].purchase_option"));
}
