// SPDX-License-Identifier: GPL-3.0-or-later
// Batch rows: the same workload as the JSON reader, errors named by column, summary cells.
#include "irisize/workload/csv_row.hpp"
#include "irisize/sizing/sizing.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace irisize;
namespace u = irisize::units;

namespace {
const std::vector<std::string> kHeader = {"Name",       " product ", "REGION",    "size_gib",   "read_iops",
                                          "write_iops", "journal_mibps", "peak_cores", "global_buffers_gib",
                                          "families",   "mirror",    "site_code"};

BatchHeader header() {
    auto h = BatchHeader::make(kHeader, true);
    REQUIRE(h.ok());
    return *h;
}

std::vector<std::string> row(std::vector<std::pair<std::size_t, std::string>> changes = {}) {
    std::vector<std::string> r = {"Site A", "trakcare", "us-east-1", "1000", "5000", "1000", "8", "6", "32",
                                  "r6i; m6i",  "yes", "X-17"};
    for (auto& [i, v] : changes)
        r[i] = v;
    return r;
}
} // namespace

TEST_CASE("batch header: case-insensitive names, duplicates and missing required columns refused", "[batch]") {
    const auto h = header();
    CHECK(h.index("name") == 0u);
    CHECK(h.index("product") == 1u);
    CHECK(h.index("region") == 2u);
    CHECK_FALSE(h.index("dr_region").has_value());

    auto dup = BatchHeader::make({"name", "product", "size_gib", "NAME"}, false);
    REQUIRE_FALSE(dup.ok());
    CHECK_THAT(dup.error().message, Catch::Contains("appears twice"));

    auto missing = BatchHeader::make({"name", "product"}, false);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error().message, Catch::Contains("size_gib"));

    auto no_region = BatchHeader::make({"name", "product", "size_gib"}, true);
    REQUIRE_FALSE(no_region.ok());
    CHECK_THAT(no_region.error().message, Catch::Contains("region") && Catch::Contains("--region"));
    CHECK(BatchHeader::make({"name", "product", "size_gib"}, false).ok());
}

TEST_CASE("a batch row reads like the workload JSON", "[batch]") {
    auto w = workload_from_row(header(), row());
    REQUIRE(w.ok());
    CHECK(w->name == "Site A");
    CHECK(w->region == "us-east-1");
    CHECK(u::in_GiB(*w->database.size) == 1000.0);
    CHECK(u::in_iops(*w->database.read_iops) == 5000.0);
    CHECK(w->families == std::vector<std::string>{"r6i", "m6i"});
    CHECK(w->mirror);
    CHECK(w->arbiter); // follows the mirror when empty
    CHECK_FALSE(w->concurrent_users.has_value());

    // The same site as JSON sizes to the same plan.
    auto doc = test::base_workload();
    doc.erase("dr");
    doc.erase("tiers");
    doc.erase("target_cpu_percent");
    doc.erase("backup");
    doc["name"] = "Site A";
    doc["database"] = {{"size_gib", 1000},  {"read_iops", 5000}, {"write_iops", 1000},
                       {"journal_mibps", 8}, {"peak_cores", 6},   {"global_buffers_gib", 32}};
    doc["families"] = {"r6i", "m6i"};
    doc.erase("rules");
    auto from_json = parse_workload(doc);
    REQUIRE(from_json.ok());
    auto a = size(*w, test::catalog());
    auto b = size(*from_json, test::catalog());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->monthly_usd() == b->monthly_usd());
    CHECK(batch_summary(*a) == batch_summary(*b));
}

TEST_CASE("bad batch cells give status=error naming the column", "[batch][errors]") {
    struct Case {
        std::size_t column;
        const char* value;
        const char* says;
    };
    const Case cases[] = {
        {0, "", "name: is empty"},
        {1, "", "product: is empty"},
        {1, "cache", "product: unknown product 'cache'"},
        {3, "", "size_gib: is empty"},
        {3, "lots", "size_gib: 'lots' is not a number"},
        {3, "12abc", "size_gib: '12abc' is not a number"},
        {3, "-4", "size_gib: must be greater than 0"},
        {3, "nan", "size_gib: 'nan' is not a finite number"},
        {3, "inf", "size_gib: 'inf' is not a finite number"},
        {3, "1e300", "size_gib: must be at most"},
        {3, "1e999", "size_gib: '1e999' is absurdly large"},
        {4, "-1", "read_iops: must be at least 0"},
        {4, "1,000", "read_iops: '1,000' is not a number"},
        {10, "maybe", "mirror: 'maybe' is not true/false"},
    };
    for (const auto& c : cases) {
        auto w = workload_from_row(header(), row({{c.column, c.value}}));
        INFO(kHeader[c.column] << " = '" << c.value << "'");
        REQUIRE_FALSE(w.ok());
        CHECK_THAT(w.error().what(), Catch::StartsWith(c.says));
    }
    auto ragged = row();
    ragged.push_back("one too many");
    auto r = workload_from_row(header(), ragged);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("13 fields") && Catch::Contains("12 columns"));
}

TEST_CASE("short rows leave the missing cells empty", "[batch]") {
    auto short_row = row();
    short_row.resize(9); // no families, mirror, site_code
    auto w = workload_from_row(header(), short_row);
    REQUIRE(w.ok());
    CHECK(w->families.empty());
    CHECK(w->mirror);
}

TEST_CASE("decimal commas are read only when asked (semicolon files)", "[batch]") {
    auto r = row({{6, "2,5"}});
    CHECK_FALSE(workload_from_row(header(), r).ok());
    auto w = workload_from_row(header(), r, BatchRowOptions{true});
    REQUIRE(w.ok());
    CHECK(u::in_MiBps(*w->database.journal) == 2.5);
}

TEST_CASE("the error field of a plan maps to its column", "[batch]") {
    CHECK(batch_column_for("database.read_iops") == "read_iops");
    CHECK(batch_column_for("users.concurrent") == "concurrent_users");
    CHECK(batch_column_for("dr.region") == "dr_region");
    CHECK(batch_column_for("families[2]") == "families");
    CHECK(batch_column_for("region") == "region");
    CHECK(batch_column_for("tiers.web_servers") == "web_servers");
}

TEST_CASE("the batch summary has one cell per output column", "[batch]") {
    auto w = workload_from_row(header(), row());
    REQUIRE(w.ok());
    auto p = size(*w, test::catalog());
    REQUIRE(p.ok());
    const auto cells = batch_summary(*p);
    REQUIRE(cells.size() == batch_output_columns().size() - 2);
    CHECK(cells[0] == p->member(Role::primary)->instance_type);
    CHECK_THAT(cells[4], Catch::Matches(R"((gp2|gp3|io1|io2) [0-9]+x[0-9]+GiB [0-9]+IOPS.*)"));
    CHECK(std::stod(cells[10]) == Approx(p->monthly_usd()).margin(0.005));
}

TEST_CASE("a decimal comma that could be a thousands separator is refused", "[batch][errors]") {
    auto w = workload_from_row(header(), row({{4, "1,000"}}), BatchRowOptions{true});
    REQUIRE_FALSE(w.ok());
    CHECK_THAT(w.error().what(), Catch::StartsWith("read_iops: '1,000' is ambiguous"));
    CHECK(workload_from_row(header(), row({{4, "1000,5"}}), BatchRowOptions{true}).ok());
    CHECK(workload_from_row(header(), row({{4, "1,25"}}), BatchRowOptions{true}).ok());
}
