// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What each fuzz target does with one input, shared by the libFuzzer entry points
// (tests/fuzz/fuzz_*.cpp, clang build) and the regression test that replays the inputs
// fuzzing found (tests/test_fuzz_regressions.cpp, the ordinary build). A driver never
// decides to crash: it reports what it saw, and the caller aborts (fuzzer) or fails a
// check (Catch2) when `bugs` is not empty.

#include "irisize/data/catalog.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace irisize::fuzz {

struct Outcome {
    std::size_t accepted = 0; ///< inputs (documents, rows) read without an error
    std::size_t refused = 0;  ///< inputs turned down with an Error
    std::size_t planned = 0;  ///< accepted inputs that size() turned into a plan
    std::vector<std::string> bugs; ///< what must never happen: a plan failing its check, an error without words
};

/// The workload JSON reader: JSON text -> parse_workload -> size() -> check_plan.
Outcome workload_json(std::string_view bytes, const Catalog& catalog);

/// One batch row at a time: the first line is the header, every other line a row, split on
/// commas (no quoting: this is about workload_from_row, not the CSV reader); each row read
/// with and without the decimal comma, sized and checked.
Outcome batch_rows(std::string_view bytes, const Catalog& catalog);

/// The data-file parsers: the first byte picks rule set, instance catalog, price list (against
/// `catalog`'s instances), profile or sizing policy; the rest is the JSON document.
Outcome data_file(std::string_view bytes, const Catalog& catalog);
/// The parser a data_file() input goes to, by its first byte (for messages).
const char* data_file_kind(std::string_view bytes);

/// The whole batch command on a file: `bytes` written to `scratch`/in.csv, app::run_batch with
/// one job into `scratch`/out.csv and each plan's JSON into `scratch`/details/ (--details).
/// Bugs: an output on failure or none on success, a plan file missing for a sized row, a
/// failure without a message, a temporary left behind.
Outcome batch_file(std::string_view bytes, const Catalog& catalog, const std::filesystem::path& scratch);

/// The SystemPerformance/pButtons importer: `bytes` as one HTML report -> parse_system_performance
/// -> summarize (95th percentile and peak) -> to_workload_document, which must serialise and hold
/// only finite, non-negative demand; when parse_workload accepts it, size() -> check_plan.
Outcome metrics_report(std::string_view bytes, const Catalog& catalog);

/// The AWS Price List importer: `bytes` as an AmazonEC2 offer CSV read for eu-west-1 (the
/// catalog's instance types, io2 tiers and location from data/prices/eu-west-1.json) ->
/// read_price_offer; every price read must be finite and non-negative; then to_price_document
/// over the existing eu-west-1 file -> parse_price_list, as `irisize import-prices` checks it.
Outcome price_offer(std::string_view bytes, const Catalog& catalog);

/// The GUI's project file reader (app::parse_project_file): every system read must survive a
/// save and read back unchanged; each system goes through parse_workload, and an accepted one
/// through size() -> check_plan.
Outcome project_file(std::string_view bytes, const Catalog& catalog);

} // namespace irisize::fuzz
