// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Text between the core (UTF-8 std::string) and Qt (QString), in one place.

#include <QString>

#include <string>
#include <string_view>

#include "irisize/roles.hpp"

/// A core string as a QString (the core's text is UTF-8).
inline QString q(const std::string& s) { return QString::fromStdString(s); }
/// A core name (irisize::name() of a role or a volume purpose) as a QString.
inline QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
/// A role as the plan names it ("dr-async").
inline QString q(irisize::Role r) { return q(irisize::name(r)); }
/// A volume purpose as the plan names it ("journal1").
inline QString q(irisize::VolumePurpose p) { return q(irisize::name(p)); }
