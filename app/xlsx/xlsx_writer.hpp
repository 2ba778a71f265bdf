// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file xlsx_writer.hpp
/// The plan as an Excel workbook (libxlsxwriter) that an architect can hand to a customer and
/// the customer can keep calculating with: six sheets (Summary, Servers, Storage, Cost,
/// Growth, Assumptions), numbers stored as numbers with the unit in the column header, totals
/// as formulas (with their values cached, so viewers that do not recalculate show them too).
///
/// Every number comes from the Plan; nothing about AWS or InterSystems is known here.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"

namespace irisize {

struct XlsxOptions {
    std::string version;     ///< irisize version, shown on the Summary sheet and in the properties
    std::string date;        ///< the report's date, e.g. "2026-11-26" (a real date cell when it reads as one)
    nlohmann::json workload; ///< the workload document as given (null: that part of Assumptions is left out)
};

/// Writes the workbook to `file`, all or nothing: into a hidden temporary beside the target,
/// synced, then renamed over it, so that a failure leaves an earlier file of that name as it
/// was and no partial file behind. A symbolic link is followed (the file it points to is
/// replaced, the link stays); an existing device or pipe (/dev/null, a FIFO) is written in
/// place; "-" writes to standard output; an existing file keeps its permission bits, a new one
/// gets 0666 less the umask. Errors name the file and the reason.
Result<bool> write_xlsx(const Plan& plan, const std::filesystem::path& file, const XlsxOptions& options);

} // namespace irisize
