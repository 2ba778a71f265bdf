// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The batch engine shared by `irisize batch` and the desktop application's File > Run batch:
// a CSV of workloads in, a CSV of plan summaries out, one row per input row, in order.

#include "irisize/data/catalog.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace irisize::app {

struct BatchProgress {
    std::size_t rows = 0;          ///< data rows done
    std::uint64_t bytes_read = 0;  ///< of the input
    std::uint64_t total_bytes = 0; ///< 0 when unknown (standard input, a pipe)
};

struct BatchOptions {
    std::string input = "-";
    std::string output = "-";
    std::string rules;  ///< overrides every row's rules column when not empty
    std::string region; ///< overrides every row's region column when not empty
    int jobs = 0;       ///< rows sized in parallel; 0: all cores
    std::string details; ///< directory for each row's plan; empty: none
    std::string details_format = "json"; ///< json, text, markdown, html or xlsx
    std::string delimiter; ///< "," ";" "tab"; empty: detected from the header
    bool check_only = false; ///< read and check every row, size none (summary columns left empty)
    /// Set (from any thread or a signal handler) to stop; the output is then not written.
    const std::atomic<bool>* cancel = nullptr;
    /// Called on the calling thread after each block of rows.
    std::function<void(const BatchProgress&)> on_progress;
};

enum BatchStatus : int {
    BatchAllOk = 0,
    BatchOutputFailed = 1, ///< the output (or a details file) could not be written; no output file left
                           ///< behind (details files already written stay)
    BatchInputUnreadable = 2, ///< the input cannot be read at all; nothing written
    BatchSomeRowsFailed = 3,  ///< every row written, some with status=error
    BatchCancelled = 130,     ///< stopped; nothing written (standard output: stopped early)
};

/// One row that could not be sized: the data row's number (1 = the first row after the
/// header), the input column at fault (empty when no one column is), and the reason.
struct BatchRowError {
    std::size_t row = 0;
    std::string column;
    std::string message;
};

struct BatchResult {
    BatchStatus status = BatchAllOk;
    std::size_t rows = 0;
    std::size_t failed = 0;
    /// The failed rows in order, at most kMaxListedErrors of them (`failed` counts them all).
    std::vector<BatchRowError> errors;
    static constexpr std::size_t kMaxListedErrors = 10000;
    std::string message; ///< what went wrong, for BatchOutputFailed / BatchInputUnreadable
    std::vector<std::string> passed_through; ///< header columns irisize does not read (kept in the output)
};

BatchResult run_batch(const Catalog& catalog, const BatchOptions& options);

} // namespace irisize::app
