// SPDX-License-Identifier: GPL-3.0-or-later
// A numbers-only plan (SizeOptions::explain off, what batch rows use) takes a shorter road
// than an explained one: it prices storage only for instances that can still be chosen, and
// an instance not built on Nitro borrows the Nitro storage when every type in it works the
// same on both kinds. This checks, over the golden test's generated workloads under both rule
// sets, as generated and limited to families with and without Nitro (m4, m5), that the two
// roads end at the same plan: members, volumes, cost lines, total and warnings.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "irisize/data/catalog.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"
#include "workload_generator.hpp"

namespace {

constexpr std::uint64_t seed = 20250915; // the golden test's
constexpr int count = 300;

std::string numbers(const irisize::Plan& p) {
    using namespace irisize::units;
    std::string out = fmt::format("total {:.6f}\n", p.monthly_usd());
    for (const auto& m : p.members) {
        out += fmt::format("{} {} {} {} vols={} limit={}\n", name(m.role), m.region, m.instance_type, m.availability_zone,
                           m.ebs_volumes, m.ebs_volume_limit);
        for (const auto& v : m.volumes)
            out += fmt::format("  {} {} {}x{:.3f} {:.3f} {:.3f} ${:.9f}\n", name(v.purpose), v.type, v.stripe_width,
                               in_GiB(v.size), in_iops(v.iops), in_MiBps(v.throughput),
                               p.monthly_usd(v.cost()));
    }
    for (const auto& c : p.cost_lines)
        out += fmt::format("{} | {} | {:.9f}{}\n", c.component, c.category, p.monthly_usd(c.cost),
                           c.estimate ? " est." : "");
    for (const auto& w : p.warnings)
        out += "warning: " + w + "\n";
    return out;
}

} // namespace

TEST_CASE("a numbers-only plan is the explained plan without its words, for every generated workload",
          "[golden][sizing]") {
    const auto loaded = irisize::load_catalog(IRISIZE_TEST_DATA_DIR);
    REQUIRE(loaded.ok());
    // A third catalog puts the data and journals on io2 alone, which an instance not built on
    // Nitro caps (32,000 IOPS and 500 MiB/s a volume): there the kinds' storage differs.
    irisize::Catalog io2_only = *loaded;
    for (auto purpose : {irisize::VolumePurpose::data, irisize::VolumePurpose::journal1,
                         irisize::VolumePurpose::journal2})
        io2_only.policy.volume_candidates[purpose] = {"io2"};
    irisize::SizeOptions quiet;
    quiet.explain = false;
    int compared = 0;
    for (const auto& g : irisize::golden::generate_workloads(seed, count))
        for (const char* rules : {"aws-2025", "aws-2016"})
            for (int variant = 0; variant < 3; ++variant) {
                nlohmann::json doc = g.doc;
                doc["rules"] = rules;
                if (variant > 0)
                    doc["families"] = {"m4", "m5"};
                // io2 is in the 2025 rule set only
                if (variant == 2 && std::string(rules) != "aws-2025")
                    continue;
                const irisize::Catalog& catalog = variant == 2 ? io2_only : *loaded;
                auto w = irisize::parse_workload(doc);
                if (!w.ok())
                    continue;
                const auto full = irisize::size(*w, catalog, {});
                const auto bare = irisize::size(*w, catalog, quiet);
                INFO(g.id << " " << rules << (variant == 1 ? " m4+m5" : variant == 2 ? " m4+m5, io2 only" : ""));
                REQUIRE(full.ok() == bare.ok());
                if (!full.ok()) {
                    CHECK(full.error().message == bare.error().message);
                    continue;
                }
                CHECK(numbers(*full) == numbers(*bare));
                ++compared;
            }
    CHECK(compared > 900);
}
