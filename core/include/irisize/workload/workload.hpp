// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file workload/workload.hpp
/// What the architect describes: one system (one database mirror set and its tiers). Read
/// from the workload JSON (`"schema": 1`), a batch CSV row or the GUI form. Fields left out
/// stay empty here; the sizing fills them from the profile or the policy and says so.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "irisize/result.hpp"
#include "irisize/units.hpp"

namespace irisize {

/// A dated database size (from monitoring), for fitting growth.
struct DatedSize {
    std::string date; ///< YYYY-MM-DD
    double days = 0;  ///< since 1970-01-01
    double size_gib = 0;
};

/// Demand measured at a known number of concurrent users, for projecting a target count.
struct UserSample {
    double users = 0;
    std::optional<double> read_iops, write_iops, journal_mibps, peak_cores;
};

struct DatabaseDemand {
    std::optional<units::capacity> size;           ///< database size today (required unless size_history)
    std::optional<double> growth_percent_per_year; ///< empty: fitted from size_history, else 0
    std::vector<DatedSize> size_history;           ///< dated sizes; growth fitted when no rate is given
    std::optional<int> horizon_years;              ///< default from the sizing policy
    std::optional<units::io_rate> read_iops;       ///< database reads (PhyRds) at peak
    std::optional<units::io_rate> write_iops;      ///< database writes (PhyWrs) at peak
    std::optional<units::throughput> journal;      ///< journal write rate at peak
    /// Set when `journal` is import-metrics' estimate from mgstat Jrnwrts (the `_import`
    /// record): the journal write size, in KiB, it assumed.
    std::optional<double> journal_estimated_io_kib;
    std::optional<double> peak_cores;              ///< busy cores at peak on the database server
    std::optional<units::capacity> global_buffers; ///< database cache
    /// Ceiling of IRIS shared memory as a share of the database server's RAM, in %; empty:
    /// the sizing policy's (huge-pages guidance, data/sizing.json memory_shared_fraction_of_ram).
    std::optional<double> shared_memory_percent_of_ram;
    /// RAM of the running site's database server (measured, e.g. by import-metrics): the plan
    /// says whether that server itself passes the memory rule.
    std::optional<units::capacity> site_memory;
};

/// A tier's server count as the workload gives it: a whole number, "auto" (irisize picks the
/// count and the instance type with the lowest total cost), or not given (a default: "auto"
/// for app and web servers when users are given, else none; print servers from the profile).
struct TierCount {
    enum class Mode { Unset, Fixed, Auto };
    Mode mode = Mode::Unset;
    int count = 0; ///< the servers when Fixed

    [[nodiscard]] static TierCount fixed(int n) { return {Mode::Fixed, n}; }
    [[nodiscard]] static TierCount automatic() { return {Mode::Auto, 0}; }
    [[nodiscard]] bool is_set() const { return mode != Mode::Unset; }
    [[nodiscard]] bool is_auto() const { return mode == Mode::Auto; }
    [[nodiscard]] bool is_fixed() const { return mode == Mode::Fixed; }
    friend bool operator==(const TierCount&, const TierCount&) = default;
};

struct Workload {
    std::string name;
    std::string description; ///< free text for the architect, carried through
    std::string product;     ///< trakcare, healthshare-ie, ... (known_products())
    std::string region;      ///< empty: must come from SizeOptions::region
    std::string rules;       ///< rule set id; empty: the catalog's default
    DatabaseDemand database;
    std::optional<int> concurrent_users;
    std::vector<UserSample> user_history; ///< demand at known user counts
    std::optional<int> target_users;      ///< project the demand to this many users
    bool mirror = true;
    bool arbiter = true;
    /// The hybrid model (`ha.failover_site` "on_premises"): the failover members (and the arbiter)
    /// stay in the customer's data centre; AWS hosts only the DR async members, in `region`,
    /// reached over `link`. The demand sizes the AWS members; the on-premises ones are listed
    /// for reference and never priced.
    bool failover_on_premises = false;
    std::string link; ///< "vpn" or "direct_connect" (hybrid only; empty: "vpn")
    std::string dr_region; ///< empty: no DR
    std::optional<int> dr_members;
    std::optional<double> dr_capacity_percent;
    TierCount web_servers;
    TierCount app_servers;
    TierCount print_servers; ///< a whole number or not given ("auto" is refused: print servers are not sized by load)
    std::optional<double> target_cpu_percent;
    std::optional<int> snapshot_retention_days;
    std::vector<std::string> families; ///< allowed instance families; empty: policy default
};

/// Reads and checks a workload document: types, required fields, ranges. Checks that need
/// the catalog (known region, rule set, family) happen in size().
Result<Workload> parse_workload(const nlohmann::json& doc);
/// Parses JSON text from a stream, then parse_workload. `origin` names the input in errors.
Result<Workload> read_workload(std::istream& in, const std::string& origin);
/// The workload as a schema-1 document (fields that are set).
nlohmann::json to_json(const Workload& w);

} // namespace irisize
