// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file roles.hpp
/// What a server is for (Role) and what a volume is for (VolumePurpose), and the one place
/// that names them. Code compares the enums; the names ("dr-async", "journal1") appear only
/// where a plan is written out (JSON, text, reports, deployment files, GUI) through name(),
/// and where data files are read, through parse_role() and parse_volume_purpose(). It sits
/// beside units.hpp because every stage uses it: data/ reads purposes from sizing.json and
/// deploy.json, sizing/ makes the members, plan/ holds them, report/ and deploy/ write them.

#include <array>
#include <optional>
#include <string_view>

namespace irisize {

/// The role of a plan member: the mirror's failover pair and arbiter, the async DR members in
/// the DR region, and the ECP application, web and print servers.
enum class Role { primary, backup, arbiter, dr_async, app, web, print };

/// What a planned volume holds: databases, the write image journal, the two journal
/// directories, the InterSystems installation, and the boot volume.
enum class VolumePurpose { data, wij, journal1, journal2, install, os };

/// Every role, in the order above.
inline constexpr std::array all_roles{Role::primary, Role::backup, Role::arbiter, Role::dr_async,
                                      Role::app,     Role::web,    Role::print};
/// Every volume purpose, in the order above.
inline constexpr std::array all_volume_purposes{VolumePurpose::data,     VolumePurpose::wij,
                                                VolumePurpose::journal1, VolumePurpose::journal2,
                                                VolumePurpose::install,  VolumePurpose::os};

/// The role as plans, reports and deployment files spell it: "primary", "dr-async", ...
constexpr std::string_view name(Role r) {
    switch (r) {
    case Role::primary:
        return "primary";
    case Role::backup:
        return "backup";
    case Role::arbiter:
        return "arbiter";
    case Role::dr_async:
        return "dr-async";
    case Role::app:
        return "app";
    case Role::web:
        return "web";
    case Role::print:
        return "print";
    }
    return "?";
}

/// The volume purpose as plans, data files and deployment files spell it: "data", "wij", ...
constexpr std::string_view name(VolumePurpose p) {
    switch (p) {
    case VolumePurpose::data:
        return "data";
    case VolumePurpose::wij:
        return "wij";
    case VolumePurpose::journal1:
        return "journal1";
    case VolumePurpose::journal2:
        return "journal2";
    case VolumePurpose::install:
        return "install";
    case VolumePurpose::os:
        return "os";
    }
    return "?";
}

/// The role `s` names, or nothing when no role has that name.
constexpr std::optional<Role> parse_role(std::string_view s) {
    for (Role r : all_roles)
        if (name(r) == s)
            return r;
    return std::nullopt;
}

/// The volume purpose `s` names, or nothing when no purpose has that name.
constexpr std::optional<VolumePurpose> parse_volume_purpose(std::string_view s) {
    for (VolumePurpose p : all_volume_purposes)
        if (name(p) == s)
            return p;
    return std::nullopt;
}

/// The mirror's failover pair: primary and backup.
constexpr bool is_failover_member(Role r) {
    return r == Role::primary || r == Role::backup;
}

/// The members that hold the databases: the failover pair and the async DR members.
constexpr bool holds_databases(Role r) {
    return is_failover_member(r) || r == Role::dr_async;
}

} // namespace irisize
