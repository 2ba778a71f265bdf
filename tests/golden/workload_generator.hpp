// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Deterministic workloads for the golden test: the same seed gives the same documents on
// every machine and standard library (splitmix64 and integer arithmetic only: no
// std::*_distribution, no libm), so only their outputs need storing, never the documents.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace irisize::golden {

/// splitmix64 (Steele, Lea, Flood 2014): a 64-bit state, one multiply-xorshift per draw.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// A whole number in [lo, hi] (modulo bias is below 2^-40 for these ranges, and the same everywhere).
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    /// True with probability percent / 100.
    bool chance(int percent) { return between(0, 99) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
    }

private:
    std::uint64_t m_state;
};

struct GeneratedWorkload {
    std::string id;       ///< g000, g001, ...
    nlohmann::json doc;   ///< a schema-1 workload document without "rules" (the test sets it)
};

/// `count` workloads from `seed`: products, regions, DR, mirror and arbiter, tiers, users,
/// database figures (measured, estimated from users, or projected from history), growth,
/// horizon, families; a few carry a value outside its bounds or a contradiction, so that
/// errors are covered too.
std::vector<GeneratedWorkload> generate_workloads(std::uint64_t seed, int count);

} // namespace irisize::golden
