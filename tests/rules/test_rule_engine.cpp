// SPDX-License-Identifier: GPL-3.0-or-later
// The rule engine against the seed article (aws-2016) and today's published limits (aws-2025).
#include <algorithm>
#include <random>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "irisize/data/rule_set.hpp"
#include "irisize/rules/rule_engine.hpp"
#include "test_support.hpp"

using namespace irisize;
namespace u = irisize::units;
using test::rules;
using test::type;

namespace {
VolumeSpec vol(std::string t, double gib, double iops = 0, double mibps = 0) {
    return VolumeSpec{std::move(t), u::GiB(gib), u::iops(iops), u::MiBps(mibps)};
}
std::vector<std::string> ids(const std::vector<Violation>& vs) {
    std::vector<std::string> out;
    for (const auto& v : vs)
        out.push_back(v.rule);
    return out;
}
bool has(const std::vector<Violation>& vs, std::string_view id) {
    return std::any_of(vs.begin(), vs.end(), [&](const Violation& v) { return v.rule == id; });
}
} // namespace

TEST_CASE ("aws-2016 reproduces the seed article", "[rules][seed]") {
    const auto& r = rules("aws-2016");
    const auto& io1 = type("aws-2016", "io1");
    const auto& gp2 = type("aws-2016", "gp2");

    SECTION ("a 3,000-IOPS io1 volume needs at least 100 GB") {
        CHECK(u::in_GiB(*min_size_for_iops(io1, u::iops(3000))) == 100.0);
        CHECK(validate(r, vol("io1", 100, 3000)).empty());
        const auto v = validate(r, vol("io1", 99, 3000));
        REQUIRE(ids(v) == std::vector<std::string>{"io1.iops.ratio"});
        CHECK_THAT(v[0].message,
                   Catch::Contains("30 IOPS per GiB") && Catch::Contains("3,000 IOPS needs at least 100"));
    }
    SECTION ("20,001 IOPS is refused, 20,000 accepted") {
        CHECK(validate(r, vol("io1", 16384, 20000)).empty());
        const auto v = validate(r, vol("io1", 16384, 20001));
        REQUIRE(ids(v) == std::vector<std::string>{"io1.iops.max"});
        CHECK_THAT(v[0].message, Catch::Contains("20,000") && Catch::Contains("20,001"));
        CHECK_FALSE(min_size_for_iops(io1, u::iops(20001)).has_value());
    }
    SECTION ("1,280 IOPS x 256 KB = 320 MB/s, the io1 ceiling") {
        CHECK(u::in_MiBps(sustained_throughput(io1, vol("io1", 100, 1280))) == 320.0);
        CHECK(u::in_MiBps(sustained_throughput(io1, vol("io1", 100, 1000))) == 250.0);
        CHECK(u::in_MiBps(sustained_throughput(io1, vol("io1", 1000, 20000))) == 320.0);
        CHECK(has(validate(r, vol("io1", 1000, 20000, 321)), "io1.throughput.max"));
        CHECK(validate(r, vol("io1", 100, 1280, 320)).empty());
    }
    SECTION ("gp2 reaches 10,000 IOPS at 3,334 GB") {
        CHECK(u::in_iops(baseline_iops(gp2, vol("gp2", 3334))) == 10000.0);
        CHECK(u::in_iops(baseline_iops(gp2, vol("gp2", 3333))) == 9999.0);
        CHECK(u::in_iops(baseline_iops(gp2, vol("gp2", 16384))) == 10000.0);
        CHECK(u::in_GiB(*min_size_for_iops(gp2, u::iops(10000))) == 3334.0);
        CHECK(has(validate(r, vol("gp2", 16384, 10001)), "gp2.iops.max"));
    }
    SECTION ("100 GB gp2: 300 baseline, 3,000 burst, 33.3 minutes from a full bucket") {
        CHECK(u::in_iops(baseline_iops(gp2, vol("gp2", 100))) == 300.0);
        CHECK(u::in_iops(max_iops(gp2, vol("gp2", 100))) == 3000.0);
        CHECK(*burst_minutes(gp2, u::GiB(100), u::iops(3000)) == Approx(5.4e6 / 2700 / 60));
        const auto v = validate(r, vol("gp2", 100, 3000));
        REQUIRE(ids(v) == std::vector<std::string>{"gp2.iops.baseline"});
        CHECK_THAT(v[0].message,
                   Catch::Contains("300 IOPS") && Catch::Contains("33.3 minutes") && Catch::Contains("1,000 GiB"));
    }
    SECTION ("gp2 floor of 100 IOPS up to 33.33 GiB; no burst from 1,000 GiB") {
        CHECK(u::in_iops(baseline_iops(gp2, vol("gp2", 33))) == 100.0);
        CHECK(u::in_iops(baseline_iops(gp2, vol("gp2", 34))) == 102.0);
        CHECK(u::in_iops(max_iops(gp2, vol("gp2", 1000))) == 3000.0);
        CHECK_FALSE(burst_minutes(gp2, u::GiB(1000), u::iops(3000)).has_value());
        CHECK_FALSE(burst_minutes(gp2, u::GiB(100), u::iops(300)).has_value());
    }
    SECTION ("gp2 throughput 128 MiB/s to 170 GiB, 160 MiB/s from 214 GiB, and baseline IOPS x 256 KiB") {
        // 170 GiB: 510 baseline IOPS x 256 KiB = 127.5 MiB/s without burst credits, under the tier's 128.
        CHECK(u::in_MiBps(sustained_throughput(gp2, vol("gp2", 170))) == 127.5);
        CHECK(u::in_MiBps(max_throughput(gp2, vol("gp2", 170))) == 128.0);
        CHECK(u::in_MiBps(max_throughput(gp2, vol("gp2", 200))) == 160.0);
        CHECK(u::in_MiBps(sustained_throughput(gp2, vol("gp2", 214))) == 160.0);
    }
    SECTION ("io1 is 4 GB to 16 TB; magnetic about 100 IOPS") {
        CHECK(has(validate(r, vol("io1", 3, 100)), "io1.size.min"));
        CHECK(has(validate(r, vol("io1", 16385, 100)), "io1.size.max"));
        CHECK(u::in_iops(baseline_iops(type("aws-2016", "standard"), vol("standard", 100))) == 100.0);
    }
    SECTION ("gp3 and io2 did not exist") {
        const auto v = validate(r, vol("gp3", 100));
        REQUIRE(ids(v) == std::vector<std::string>{"rules.type.unknown"});
        CHECK_THAT(v[0].message, Catch::Contains("aws-2016"));
    }
}

TEST_CASE ("aws-2025 has today's limits", "[rules]") {
    const auto& r = rules("aws-2025");
    SECTION ("gp2: 16,000 IOPS at 5,334 GiB; 250 MiB/s from 334 GiB") {
        const auto& gp2 = type("aws-2025", "gp2");
        CHECK(u::in_iops(baseline_iops(gp2, vol("gp2", 5334))) == 16000.0);
        CHECK(u::in_iops(baseline_iops(gp2, vol("gp2", 5333))) == 15999.0);
        CHECK(u::in_MiBps(sustained_throughput(gp2, vol("gp2", 334))) == 250.0);
        CHECK(u::in_MiBps(sustained_throughput(gp2, vol("gp2", 333))) == 128.0);
        CHECK(u::in_MiBps(max_throughput(gp2, vol("gp2", 333))) == 250.0);
    }
    SECTION ("gp3: 3,000 IOPS and 125 MiB/s included, up to 80,000 IOPS at 500 per GiB and 2,000 MiB/s") {
        const auto& gp3 = type("aws-2025", "gp3");
        CHECK(validate(r, vol("gp3", 1)).empty());
        CHECK(u::in_iops(baseline_iops(gp3, vol("gp3", 1))) == 3000.0);
        CHECK(u::in_MiBps(sustained_throughput(gp3, vol("gp3", 1))) == 125.0);
        CHECK(u::in_GiB(*min_size_for_iops(gp3, u::iops(80000))) == 160.0);
        CHECK(has(validate(r, vol("gp3", 159, 80000)), "gp3.iops.ratio"));
        CHECK(validate(r, vol("gp3", 160, 80000, 2000)).empty());
        CHECK(has(validate(r, vol("gp3", 1000, 80001)), "gp3.iops.max"));
        CHECK(has(validate(r, vol("gp3", 1000, 16000, 2001)), "gp3.throughput.max"));
        const auto v = validate(r, vol("gp3", 1000, 3000, 1000));
        REQUIRE(ids(v) == std::vector<std::string>{"gp3.throughput.ratio"});
        CHECK_THAT(v[0].message, Catch::Contains("4,000 IOPS"));
    }
    SECTION ("io1: 64,000 IOPS at 50 per GiB, above 32,000 only on Nitro; 500 then 1,000 MiB/s") {
        const auto& io1 = type("aws-2025", "io1");
        CHECK(u::in_GiB(*min_size_for_iops(io1, u::iops(64000))) == 1280.0);
        CHECK(validate(r, vol("io1", 1280, 64000)).empty());
        CHECK(has(validate(r, vol("io1", 1280, 64000), {false}), "io1.iops.nitro"));
        CHECK(validate(r, vol("io1", 1280, 32000), {false}).empty());
        CHECK_FALSE(min_size_for_iops(io1, u::iops(32001), {false}).has_value());
        CHECK(u::in_MiBps(sustained_throughput(io1, vol("io1", 100, 2000))) == 500.0);
        CHECK(u::in_MiBps(sustained_throughput(io1, vol("io1", 1280, 64000))) == 1000.0);
        CHECK(has(validate(r, vol("io1", 2000, 64001)), "io1.iops.max"));
        CHECK(has(validate(r, vol("io1", 100, 0)), "io1.iops.required"));
    }
    SECTION ("io2 Block Express: 256,000 IOPS at 1,000 per GiB, 0.256 MiB/s per IOPS up to 4,000 MiB/s") {
        const auto& io2 = type("aws-2025", "io2");
        CHECK(u::in_GiB(*min_size_for_iops(io2, u::iops(256000))) == 256.0);
        CHECK(has(validate(r, vol("io2", 256, 64001), {false}), "io2.iops.nitro"));
        CHECK(u::in_MiBps(sustained_throughput(io2, vol("io2", 100, 10000))) == Approx(2560.0));
        CHECK(u::in_MiBps(sustained_throughput(io2, vol("io2", 256, 256000))) == 4000.0);
        CHECK(has(validate(r, vol("io2", 1000, 256001)), "io2.iops.max"));
    }
    SECTION ("st1 and sc1: HDD rated in 1 MiB I/O, throughput per TiB") {
        const auto& st1 = type("aws-2025", "st1");
        CHECK(has(validate(r, vol("st1", 124)), "st1.size.min"));
        CHECK(u::in_MiBps(sustained_throughput(st1, vol("st1", 1024))) == 40.0);
        CHECK(u::in_MiBps(max_throughput(st1, vol("st1", 1024))) == 250.0);
        CHECK(u::in_MiBps(sustained_throughput(st1, vol("st1", 16384))) == 500.0);
        CHECK(u::in_iops(baseline_iops(st1, vol("st1", 1024))) == 40.0);
        CHECK_FALSE(st1.random_io);
        const auto& sc1 = type("aws-2025", "sc1");
        CHECK(u::in_MiBps(sustained_throughput(sc1, vol("sc1", 1024))) == 12.0);
        CHECK(u::in_MiBps(max_throughput(sc1, vol("sc1", 16384))) == 250.0);
        CHECK(has(validate(r, vol("sc1", 16384, 251)), "sc1.iops.max"));
    }
    SECTION ("sizes are whole GiB") {
        CHECK(has(validate(r, vol("gp3", 10.5)), "gp3.size.whole-gib"));
    }
}

TEST_CASE ("every violation names a stable rule id and quotes numbers", "[rules]") {
    const auto& r = rules("aws-2025");
    for (const auto& spec : {vol("io1", 3, 0), vol("io1", 10, 1000), vol("gp2", 10, 5000), vol("gp3", 1, 10000, 3000),
                             vol("io2", 70000, 300000), vol("st1", 10, 600)}) {
        const auto vs = validate(r, spec);
        REQUIRE_FALSE(vs.empty());
        for (const auto& v : vs) {
            CHECK_THAT(v.rule, Catch::Matches(R"((rules|[a-z0-9]+)\.[a-z]+\.[a-z-]+)"));
            CHECK_THAT(v.message, Catch::Matches(".*[0-9].*"));
        }
    }
}

TEST_CASE ("smallest_volume is valid, meets the demand, and is minimal", "[rules][property]") {
    std::mt19937_64 rng(20261126);
    std::uniform_real_distribution<double> cap(1, 20000), rate(0, 90000), tput(0, 1200);
    for (const char* rs : {"aws-2016", "aws-2025"}) {
        const auto& r = rules(rs);
        for (const auto& t : r.types) {
            for (int i = 0; i < 400; ++i) {
                for (bool nitro : {true, false}) {
                    VolumeDemand d{u::GiB(std::floor(cap(rng))), u::iops(std::floor(rate(rng) / (1 + i % 5))),
                                   u::MiBps(std::floor(tput(rng) / (1 + i % 7)))};
                    auto v = smallest_volume(t, d, {nitro});
                    if (!v)
                        continue;
                    INFO(rs << " " << t.type << " demand " << u::in_GiB(d.capacity) << " GiB " << u::in_iops(d.iops)
                            << " IOPS " << u::in_MiBps(d.throughput) << " MiB/s -> " << u::in_GiB(v->size) << " GiB "
                            << u::in_iops(v->iops) << " IOPS " << u::in_MiBps(v->throughput));
                    CHECK(validate(r, *v, {nitro}).empty());
                    CHECK(v->size >= d.capacity);
                    CHECK(baseline_iops(t, *v) >= d.iops);
                    CHECK(sustained_throughput(t, *v) >= d.throughput);
                    // One GiB less would not do (unless the size was set by the capacity or the type's minimum).
                    if (v->size > d.capacity && v->size > t.min_size) {
                        VolumeSpec smaller = *v;
                        smaller.size -= u::GiB(1);
                        const bool still_ok = validate(r, smaller, {nitro}).empty() &&
                                              baseline_iops(t, smaller) >= d.iops &&
                                              sustained_throughput(t, smaller) >= d.throughput;
                        CHECK_FALSE(still_ok);
                    }
                }
            }
        }
    }
}

TEST_CASE ("a rule file's declared units apply to its ratios too", "[rules][units]") {
    // Under "size": "GB" a per_gib ratio is per GB; under "throughput": "MB/s" max_per_iops is MB/s per IOPS.
    const auto doc = nlohmann::json::parse(R"({
      "schema": 1, "id": "decimal", "as_of": "2025-01-01", "source": ["a test"],
      "units": {"size": "GB", "throughput": "MB/s", "io_size": "KB"},
      "volume_types": [
        {"type": "sized", "rated_io_kib": 16, "size": {"min": 1, "max": 16000},
         "iops": {"mode": "size-based", "per_gib": 3, "min": 100, "max": 16000},
         "throughput": {"fixed": {"sustained": 100, "burst": 100}}},
        {"type": "prov", "rated_io_kib": 16, "size": {"min": 4, "max": 16000},
         "iops": {"mode": "included-plus-provisioned", "included": 3000, "max": 80000, "max_per_gib": 500},
         "throughput": {"provisioned": {"included": 125, "max": 2000, "max_per_iops": 0.25}}}
      ]})");
    auto rs = parse_rule_set(doc, "decimal.json");
    REQUIRE(rs.ok());
    const auto& sized = *rs->find("sized");
    const auto& prov = *rs->find("prov");
    CHECK(u::in_iops_per_GiB(sized.iops_per_size) == Approx(3 * 1.073741824));
    CHECK(u::in_iops(baseline_iops(sized, vol("sized", 1000))) == Approx(3221.225472));
    CHECK(u::in_iops_per_GiB(prov.max_iops_per_size) == Approx(500 * 1.073741824));
    CHECK(u::in_bytes(prov.tput_max_per_iops * u::iops(1) * u::seconds(1)) == Approx(250000));
    CHECK(u::in_KiB(prov.rated_io_size) == Approx(16 * 1000 / 1024.0));
    // 80,000 IOPS at 500 per GB needs 160 GB, which is 149.01 GiB: 150 whole GiB.
    CHECK(u::in_GiB(*min_size_for_iops(prov, u::iops(80000))) == 150.0);
}
