// SPDX-License-Identifier: GPL-3.0-or-later
// Roles and volume purposes: each name read back gives the enum it came from, and names that
// plans, reports and data files spell differently are refused.
#include <set>
#include <string_view>

#include <catch2/catch.hpp>

#include "irisize/roles.hpp"

using irisize::Role;
using irisize::VolumePurpose;

// The spellings plans, reports and deployment files use.
static_assert(irisize::name(Role::dr_async) == "dr-async");
static_assert(irisize::name(Role::primary) == "primary");
static_assert(irisize::name(VolumePurpose::journal2) == "journal2");
static_assert(irisize::name(VolumePurpose::os) == "os");
static_assert(irisize::parse_role("print") == Role::print);
static_assert(irisize::parse_volume_purpose("wij") == VolumePurpose::wij);
static_assert(!irisize::parse_role("dr_async"));
static_assert(!irisize::parse_role("Primary"));
static_assert(!irisize::parse_volume_purpose("boot"));
static_assert(!irisize::parse_volume_purpose(""));
// The members that hold the databases and the failover pair.
static_assert(irisize::holds_databases(Role::dr_async) && !irisize::holds_databases(Role::arbiter));
static_assert(irisize::is_failover_member(Role::backup) && !irisize::is_failover_member(Role::dr_async));

TEST_CASE ("every role and volume purpose has its own name, which parses back to it", "[roles]") {
    std::set<std::string_view> names;
    for (const Role r : irisize::all_roles) {
        INFO(irisize::name(r));
        CHECK(names.insert(irisize::name(r)).second);
        CHECK(irisize::parse_role(irisize::name(r)) == r);
        CHECK_FALSE(irisize::parse_volume_purpose(irisize::name(r)));
    }
    for (const VolumePurpose p : irisize::all_volume_purposes) {
        INFO(irisize::name(p));
        CHECK(names.insert(irisize::name(p)).second);
        CHECK(irisize::parse_volume_purpose(irisize::name(p)) == p);
        CHECK_FALSE(irisize::parse_role(irisize::name(p)));
    }
    CHECK(names.size() == 13);
}
