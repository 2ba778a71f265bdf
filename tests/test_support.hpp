// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the tests: the catalog loaded once from the source tree's data/.

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "irisize/data/catalog.hpp"
#include "irisize/workload/workload.hpp"

namespace irisize::test {

inline const Catalog& catalog() {
    static const Catalog cat = [] {
        auto c = load_catalog(IRISIZE_TEST_DATA_DIR);
        if (!c)
            throw std::runtime_error("cannot load test data: " + c.error().what());
        return std::move(c).value();
    }();
    return cat;
}

inline const RuleSet& rules(std::string_view id) {
    const RuleSet* r = catalog().rule_set(id);
    if (!r)
        throw std::runtime_error("no rule set " + std::string(id));
    return *r;
}

inline const VolumeTypeRules& type(std::string_view rules_id, std::string_view t) {
    const auto* vt = rules(rules_id).find(t);
    if (!vt)
        throw std::runtime_error("no type " + std::string(t));
    return *vt;
}

/// A measured workload document that tests modify.
inline nlohmann::json base_workload() {
    return nlohmann::json::parse(R"({
      "schema": 1, "name": "test", "product": "trakcare", "region": "us-east-1", "rules": "aws-2025",
      "database": {"size_gib": 1000, "growth_percent_per_year": 10, "horizon_years": 3, "read_iops": 5000,
                   "write_iops": 1000, "journal_mibps": 8, "peak_cores": 6, "global_buffers_gib": 32},
      "ha": {"mirror": true, "arbiter": true},
      "dr": {"region": "us-west-2", "members": 1, "capacity_percent": 100},
      "tiers": {"web_servers": 2, "app_servers": 0, "print_servers": 0},
      "target_cpu_percent": 65,
      "backup": {"snapshot_retention_days": 7}
    })");
}

} // namespace irisize::test
