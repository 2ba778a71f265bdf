// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Text between the core (UTF-8 std::string) and Qt (QString), in one place.

#include <QString>

#include <string>

/// A core string as a QString (the core's text is UTF-8).
inline QString q(const std::string& s) { return QString::fromStdString(s); }
