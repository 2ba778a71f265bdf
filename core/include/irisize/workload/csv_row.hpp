// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file workload/csv_row.hpp
/// One batch CSV row in, one summary row out. The CSV reading, threading and file handling
/// live in the batch engine the CLI and the GUI share (app/common/batch_runner.cpp); this is
/// the part that must agree with the workload JSON: the same fields, defaults, bounds and
/// messages, named by column.

#include "irisize/data/catalog.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"
#include "irisize/workload/workload.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace irisize {

/// The input columns irisize understands, in documented order (docs/batch.md).
const std::vector<std::string_view>& batch_input_columns();
/// The columns a batch adds after the input's own: status, error, then the plan summary.
const std::vector<std::string_view>& batch_output_columns();

/// Where each known column sits in a header. Names match case-insensitively, surrounding
/// spaces ignored; unknown columns are simply not mapped (the command passes them through).
class BatchHeader {
public:
    /// Fails when a known column appears twice or a required one (name, product, size_gib)
    /// is missing; `region_required` adds region (no --region given).
    static Result<BatchHeader> make(const std::vector<std::string>& names, bool region_required);

    [[nodiscard]] std::optional<std::size_t> index(std::string_view column) const;
    /// As index(), for the column at `position` in batch_input_columns().
    [[nodiscard]] std::optional<std::size_t> index_at(std::size_t position) const;
    [[nodiscard]] std::size_t size() const { return m_count; }

private:
    std::vector<std::optional<std::size_t>> m_index; // by position in batch_input_columns()
    std::size_t m_count = 0;
};

struct BatchRowOptions {
    /// Accept a decimal comma ("2,5") as Excel writes numbers in semicolon-separated files.
    bool decimal_comma = false;
};

/// Reads a workload from one row. Errors name the column: "read_iops: 'abc' is not a number".
Result<Workload> workload_from_row(const BatchHeader& header, const std::vector<std::string>& fields,
                                   const BatchRowOptions& options = {});

/// The CSV column a workload field path belongs to ("database.read_iops" -> "read_iops").
std::string batch_column_for(std::string_view field);

/// The plan summary cells, in batch_output_columns() order after status and error.
std::vector<std::string> batch_summary(const Plan& plan);
/// The same cells into `cells`, whose strings keep their memory (a batch reuses one vector
/// row after row).
void batch_summary(const Plan& plan, std::vector<std::string>& cells);

/// One volume of a purpose in the batch notation: "io2 2x1200GiB 16000IOPS".
std::string batch_volume_cell(const PlannedVolume& v);

} // namespace irisize
