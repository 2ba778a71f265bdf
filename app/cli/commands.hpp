// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The subcommands of `irisize`. Each returns the process exit status:
// 0 success, 1 the input or the checked volume is invalid, 2 usage error.

#include <optional>
#include <string>

#include "irisize/data/catalog.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/workload/workload.hpp"

namespace irisize::cli {

enum Exit : int { Ok = 0, Invalid = 1, Usage = 2 };

struct SizeArgs {
    std::string workload = "-";
    std::string rules;
    std::string region;
    std::string format = "text"; ///< text, json, markdown, html, pdf, xlsx, terraform, icm
    std::string output = "-";    ///< a file; a directory for terraform and icm
    std::string page = "a4";     ///< PDF page size: a4 or letter
    std::string system;          ///< a project file's system to size, by name; empty: every system
};
int run_size(const Catalog& catalog, const SizeArgs& args);
/// Writes a checked plan in `format` to `output` (a directory for terraform and icm); the
/// exit status. (batch --details writes through app::run_batch instead: no PDF there.)
int write_plan(const Catalog& catalog, const Workload& workload, const Plan& plan, const std::string& format,
               const std::string& output, const std::string& page = "a4");

struct BatchArgs {
    std::string input = "-";
    std::string output = "-";
    std::string rules;
    std::string region;
    int jobs = 0;
    std::string details;
    std::string details_format = "json";
    std::string delimiter;
    bool check_only = false;
    bool progress = true;
};
/// Exit status: 0 every row ok, 3 some rows failed (the others written), 2 the input cannot
/// be read (nothing written), 1 the output cannot be written, 130 interrupted (nothing written).
int run_batch(const Catalog& catalog, const BatchArgs& args);

struct CheckVolumeArgs {
    std::string type;
    double size_gib = 0;
    double iops = 0;
    double throughput_mibps = 0;
    std::string rules;
    std::string instance;
    std::string format = "text";
};
int run_check_volume(const Catalog& catalog, const CheckVolumeArgs& args);

struct CatalogArgs {
    std::string what;
    std::string family;
    std::string rules;
    std::string region = "us-east-1";
    std::string format = "text";
    std::string output = "-";
};
int run_catalog(const Catalog& catalog, const CatalogArgs& args);

} // namespace irisize::cli
