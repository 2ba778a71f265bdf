// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The accepted range of every number a workload carries, shared by the JSON reader and the
// batch CSV reader so that both refuse the same values with the same words. These are
// sanity bounds on input (typing mistakes), not AWS or InterSystems figures.

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace irisize::detail {

struct Bounds {
    double lo;
    double hi;
    bool lo_inclusive = true;
    bool whole = false;
};

namespace bounds {
inline constexpr Bounds size_gib{0, 1048576, false};
inline constexpr Bounds growth_percent{-90, 1000};
inline constexpr Bounds horizon_years{0, 30, true, true};
inline constexpr Bounds iops{0, 1e7};
inline constexpr Bounds journal_mibps{0, 1e5};
inline constexpr Bounds peak_cores{0, 1e4};
inline constexpr Bounds global_buffers_gib{0, 65536, false};
inline constexpr Bounds shared_memory_percent{10, 95};
inline constexpr Bounds users{0, 1e7, true, true};
inline constexpr Bounds dr_members{0, 16, true, true};
inline constexpr Bounds dr_capacity_percent{0, 200, false};
inline constexpr Bounds tier_count{0, 1000, true, true};
inline constexpr Bounds target_cpu_percent{0, 100, false};
inline constexpr Bounds retention_days{0, 3650, true, true};
} // namespace bounds

/// Empty when `v` is acceptable, else why not ("must be at least 0, found -3").
inline std::string out_of_bounds(const Bounds& b, double v) {
    if (!std::isfinite(v))
        return "must be a finite number";
    if (b.whole && v != std::floor(v))
        return fmt::format("must be a whole number, found {}", v);
    if (v < b.lo || (!b.lo_inclusive && v == b.lo))
        return fmt::format("must be {} {}, found {}", b.lo_inclusive ? "at least" : "greater than", b.lo, v);
    if (v > b.hi)
        return fmt::format("must be at most {}, found {} (absurdly large)", b.hi, v);
    return {};
}

} // namespace irisize::detail
