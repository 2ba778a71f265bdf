// SPDX-License-Identifier: GPL-3.0-or-later
// The golden test's generated workloads: a seeded splitmix64 stream turned into workload
// documents, the same on every machine.
#include "workload_generator.hpp"

#include <fmt/format.h>

namespace irisize::golden {

using nlohmann::json;

namespace {

// Fixed lists, not read from data/: adding a price file or a family must not change the
// generated workloads (it may change their plans, which is what the golden test is for).
const std::vector<std::string> products = {"trakcare",       "healthshare-ie", "healthshare-pi", "healthshare-pc",
                                           "healthshare-hi", "healthconnect",  "iris"};
const std::vector<std::string> regions = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
const std::vector<std::string> families = {"m4", "m5", "m6i", "m7i", "r5", "r6i", "r7i", "c5", "t3", "i2", "i3"};
const std::vector<std::string> database_families = {"r5", "r6i", "r7i", "m5", "m6i", "m7i"};

// A roughly log-uniform whole number: a two-digit mantissa times a power of ten, within [lo, hi].
std::int64_t spread(SplitMix64& rng, std::int64_t lo, std::int64_t hi) {
    std::int64_t scale = 1;
    std::vector<std::int64_t> scales;
    while (scale * 10 <= hi * 10) {
        if (scale * 99 >= lo)
            scales.push_back(scale);
        scale *= 10;
    }
    const std::int64_t v = rng.between(10, 99) * rng.pick(scales) / 10;
    return std::max(lo, std::min(hi, v));
}

// A number with at most one decimal (n / 2 or n / 4: exact in binary, printed alike everywhere).
json halves(SplitMix64& rng, std::int64_t lo, std::int64_t hi) {
    const std::int64_t whole = spread(rng, lo, hi);
    if (rng.chance(30))
        return static_cast<double>(whole) + static_cast<double>(rng.between(1, 3)) / 4.0;
    return whole;
}

json tier_count(SplitMix64& rng, bool allow_auto) {
    const auto k = rng.between(0, 9);
    if (k < 3)
        return nullptr; // left out
    if (k < 6 && allow_auto)
        return "auto";
    return rng.between(0, 4);
}

std::string date_of(int year, int month) { return fmt::format("{:04}-{:02}-01", year, month); }

} // namespace

std::vector<GeneratedWorkload> generate_workloads(std::uint64_t seed, int count) {
    SplitMix64 rng(seed);
    std::vector<GeneratedWorkload> out;
    for (int i = 0; i < count; ++i) {
        const std::string& product = rng.pick(products);
        const std::string& region = rng.pick(regions);
        json w = {{"schema", 1}, {"name", fmt::format("generated {:03} {}", i, product)}, {"product", product},
                  {"region", region}};
        json db = json::object();

        // Size today, or a dated history to fit growth from (sometimes both).
        const bool history = rng.chance(10);
        if (!history || rng.chance(50))
            db["size_gib"] = rng.chance(5) ? halves(rng, 20000, 200000) : halves(rng, 5, 30000);
        if (history) {
            json h = json::array();
            const int points = static_cast<int>(rng.between(3, 6));
            std::int64_t size = spread(rng, 50, 10000);
            for (int p = 0; p < points; ++p) {
                h.push_back({{"date", date_of(2022 + p / 2, 1 + 6 * (p % 2))}, {"size_gib", size}});
                size += size * rng.between(0, 25) / 100;
            }
            db["size_history"] = h;
        }
        if (rng.chance(75) && !(history && rng.chance(50)))
            db["growth_percent_per_year"] = rng.chance(10) ? json(-rng.between(1, 20)) : json(rng.between(0, 60));
        if (rng.chance(70))
            db["horizon_years"] = rng.between(0, 10);

        // Demand: all measured, some measured and the rest from users, or users alone.
        const auto demand = rng.between(0, 9);
        const bool users = demand >= 3 || rng.chance(20);
        const int measured_percent = demand < 3 ? 100 : demand < 6 ? 50 : 0;
        auto measure = [&](const char* field, std::int64_t lo, std::int64_t hi) {
            if (rng.chance(measured_percent))
                db[field] = halves(rng, lo, hi);
        };
        const bool big = rng.chance(8); // now and then a demand beyond most instances
        measure("read_iops", 50, big ? 400000 : 60000);
        measure("write_iops", 20, big ? 80000 : 15000);
        measure("journal_mibps", 1, big ? 300 : 80);
        measure("peak_cores", 1, big ? 160 : 48);
        measure("global_buffers_gib", 2, big ? 3000 : 512);
        if (rng.chance(10))
            db["shared_memory_percent_of_ram"] = rng.between(50, 90);
        w["database"] = db;

        if (users) {
            json u = {{"concurrent", rng.chance(5) ? spread(rng, 10000, 40000) : spread(rng, 5, 8000)}};
            if (rng.chance(8)) {
                const std::int64_t base = spread(rng, 100, 5000);
                u["history"] = json::array({{{"users", base}, {"read_iops", base * 2}, {"peak_cores", 2}},
                                            {{"users", base * 2}, {"read_iops", base * 4 + 100}, {"peak_cores", 3}}});
                u["target"] = base * rng.between(2, 5);
            }
            w["users"] = u;
        }

        if (rng.chance(60)) {
            json ha = json::object();
            if (rng.chance(70))
                ha["mirror"] = rng.chance(70);
            if (rng.chance(50))
                ha["arbiter"] = rng.chance(60);
            w["ha"] = ha;
        }

        if (rng.chance(40)) {
            std::string dr = rng.pick(regions);
            if (dr == region && rng.chance(80)) // mostly a different region; the same one is an error
                dr = regions[(static_cast<std::size_t>(rng.between(1, 4)) +
                              static_cast<std::size_t>(&region - regions.data())) % regions.size()];
            json d = {{"region", dr}};
            if (rng.chance(40))
                d["members"] = rng.between(0, 2);
            if (rng.chance(50))
                d["capacity_percent"] = rng.pick(std::vector<std::int64_t>{25, 50, 75, 100, 150});
            w["dr"] = d;
        }

        json tiers = json::object();
        if (auto t = tier_count(rng, true); !t.is_null())
            tiers["web_servers"] = t;
        if (auto t = tier_count(rng, true); !t.is_null())
            tiers["app_servers"] = t;
        if (auto t = tier_count(rng, false); !t.is_null())
            tiers["print_servers"] = t;
        if (!tiers.empty())
            w["tiers"] = tiers;

        if (rng.chance(30))
            w["target_cpu_percent"] = rng.between(40, 85);
        if (rng.chance(30))
            w["backup"] = {{"snapshot_retention_days", rng.between(0, 35)}};
        if (rng.chance(35)) {
            json f = json::array();
            const int n = static_cast<int>(rng.between(1, 3));
            for (int k = 0; k < n; ++k) {
                // Mostly a current memory or general family first; any family after it.
                const std::string& fam = k == 0 && rng.chance(80) ? rng.pick(database_families) : rng.pick(families);
                if (std::find(f.begin(), f.end(), fam) == f.end())
                    f.push_back(fam);
            }
            w["families"] = f;
        }

        // A few deliberate input errors: the reader's messages are behaviour too.
        if (rng.chance(3))
            w["database"]["horizon_years"] = 31;
        if (rng.chance(2))
            w["target_cpu_percent"] = 0;

        out.push_back({fmt::format("g{:03}", i), std::move(w)});
    }
    return out;
}

} // namespace irisize::golden
