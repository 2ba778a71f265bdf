// SPDX-License-Identifier: GPL-3.0-or-later
// `irisize import-metrics FILE...`: reads ^SystemPerformance / ^pButtons reports and the files
// sites send instead (stand-alone mgstat, also dsp132^mgstat captures, vmstat, iostat, Windows
// perfmon CSV; each told by its header), takes the chosen percentile of each measured figure
// over all of them, prints a short summary on stderr and writes a workload JSON (size_gib
// usually still to be added).

#include "import_metrics.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "irisize/data/catalog.hpp"
#include "irisize/format.hpp"
#include "irisize/import/metrics_import.hpp"
#include "output.hpp"
#include "report_import.hpp"

namespace irisize::cli {

namespace {

constexpr const char* kPrefix = "irisize import-metrics";

std::string percentile_problem(double p) {
    if (!std::isfinite(p) || p <= 0 || p > 100)
        return fmt::format("must be greater than 0 and at most 100, found {}", p);
    return {};
}

CLI::Validator percentile_check() {
    return CLI::Validator(
        [](std::string& s) -> std::string {
            double v = 0;
            try {
                std::size_t used = 0;
                v = std::stod(s, &used);
                if (used != s.size())
                    return "'" + s + "' is not a number";
            } catch (const std::exception&) {
                return "'" + s + "' is not a number";
            }
            return percentile_problem(v);
        },
        "in (0, 100]");
}

std::string value_str(const std::optional<double>& v, int decimals) {
    return v ? num(*v, decimals) : std::string("-");
}

void print_summary(const MetricsSummary& s, std::size_t skipped) {
    fmt::print(stderr, "{}: {} file(s) read{}; samples: {} mgstat, {} vmstat, {} iostat, {} perfmon\n", kPrefix,
               s.files.size(), skipped ? fmt::format(", {} skipped", skipped) : "",
               num(static_cast<double>(s.mgstat_samples)), num(static_cast<double>(s.vmstat_samples)),
               num(static_cast<double>(s.iostat_samples)), num(static_cast<double>(s.perfmon_samples)));
    if (!s.hostname.empty())
        fmt::print(stderr, "  host {}\n", s.hostname);
    if (s.first && s.last)
        fmt::print(stderr, "  from {} to {}, {} h covered{}\n", format_timestamp(*s.first), format_timestamp(*s.last),
                   num(s.covered_hours, 1), s.cpus ? fmt::format(", {} CPUs", *s.cpus) : "");

    const std::string pcol = fmt::format("p{}", num(s.percentile, 2));
    struct Row {
        std::string name, at, peak, samples, source;
    };
    std::vector<Row> rows;
    rows.push_back({"figure", pcol, "peak", "samples", "from"});
    auto add = [&](const std::string& label, const MetricStat& m, int decimals) {
        rows.push_back({label, value_str(m.at_percentile, decimals), value_str(m.peak, decimals),
                        num(static_cast<double>(m.samples)), m.has_value() ? m.source : "not measured"});
    };
    add("read_iops", s.read_iops, 0);
    add("write_iops", s.write_iops, 0);
    add("journal_mibps", s.journal_mibps, 2);
    add("peak_cores", s.peak_cores, 2);
    rows.push_back({"global_buffers_gib", value_str(s.global_buffers_gib.at_percentile, 3), "", "",
                    s.global_buffers_gib.has_value() ? "latest report: " + s.global_buffers_gib.source : "not found"});
    rows.push_back({"size_gib", value_str(s.size_gib.at_percentile, 1), "", "",
                    s.size_gib.has_value() ? "latest report: " + s.size_gib.source : "not in the reports: add it"});
    add("(check) cpu busy %", s.cpu_busy_percent, 1);
    add("(check) db disk w/s", s.device_write_iops, 0);
    if (s.disk_iops.has_value())
        add("(check) disk transfers/s", s.disk_iops, 0);
    if (s.disk_mibps.has_value())
        add("(check) disk MiB/s", s.disk_mibps, 2);

    std::size_t w[4] = {0, 0, 0, 0};
    for (const auto& r : rows) {
        w[0] = std::max(w[0], r.name.size());
        w[1] = std::max(w[1], r.at.size());
        w[2] = std::max(w[2], r.peak.size());
        w[3] = std::max(w[3], r.samples.size());
    }
    for (const auto& r : rows)
        fmt::print(stderr, "  {:<{}}  {:>{}}  {:>{}}  {:>{}}  {}\n", r.name, w[0], r.at, w[1], r.peak, w[2], r.samples,
                   w[3], r.source);
    for (const auto& warning : s.warnings)
        fmt::print(stderr, "{}: warning: {}\n", kPrefix, warning);
}

} // namespace

void define_import_metrics(CLI::App& sub, ImportMetricsArgs& args) {
    sub.add_option("reports", args.reports,
                   "^SystemPerformance or ^pButtons HTML reports (one per day or run), or stand-alone mgstat CSV "
                   "(also a dsp132^mgstat capture), vmstat -t, iostat -xt and perfmon CSV files of one run, "
                   "combined into one import; the kind is told from each file's header ('-' for standard input)")
        ->required()
        ->type_name("FILE");
    sub.add_option("-o,--output", args.output, "Write the workload JSON to FILE ('-' for standard output)")
        ->type_name("FILE")
        ->capture_default_str();
    sub.add_option("--percentile", args.percentile,
                   "Percentile of the samples taken as the demand (nearest rank; 100 = the peak; default: the "
                   "sizing policy's import_percentile_default in data/sizing.json)")
        ->check(percentile_check())
        ->type_name("P");
    sub.add_option("--name", args.name,
                   "Workload name (default: the host name in the files: the report's 'on machine' line, the mgstat "
                   "file name, the perfmon counter path or the iostat banner)")
        ->type_name("NAME");
    std::vector<std::string> products;
    for (auto p : known_products())
        products.emplace_back(p);
    sub.add_option("--product", args.product, "Product profile of the workload")
        ->check(CLI::IsMember(products))
        ->type_name("PRODUCT")
        ->capture_default_str();
    sub.add_option("--region", args.region, "AWS region written into the workload (default: none; give it when sizing)")
        ->type_name("REGION");
    sub.footer("The summary and the warnings go to standard error. database.size_gib is written only when the "
               "report shows the database filesystem (df and CPF); otherwise add it before 'irisize size'. "
               "journal_mibps is an estimate (mgstat Jrnwrts x data/sizing.json journal_io_kib); the workload's "
               "_import record says so, and so do the plan's assumptions.\n"
               "Exit status: 0 written (unreadable reports are skipped with a warning); 1 no report could be read, "
               "or the output cannot be written; 2 usage error.");
}

int run_import_metrics(const Catalog& catalog, const ImportMetricsArgs& args) {
    if (args.reports.empty()) {
        fmt::print(stderr, "irisize: error: import-metrics: give at least one report\n");
        return Usage;
    }
    if (auto why = args.percentile ? percentile_problem(*args.percentile) : std::string(); !why.empty()) {
        fmt::print(stderr, "irisize: error: --percentile: {}\n", why);
        return Usage;
    }
    const auto imported = app::import_reports(
        catalog, args.reports, args.percentile ? std::optional<double>(*args.percentile) : std::nullopt);
    if (!imported.summary) {
        for (const auto& f : imported.skipped)
            fmt::print(stderr, "irisize: error: {}\n", f);
        fmt::print(stderr, "irisize: error: import-metrics: no file could be read; nothing written\n");
        return Invalid;
    }
    const auto& summary = *imported.summary;
    print_summary(summary, imported.skipped.size());
    if (args.region.empty())
        fmt::print(stderr, "{}: note: no --region given: pass --region to 'irisize size' or add \"region\"\n", kPrefix);

    // The workload fields first, in the order docs/workload.md lists them, the record last.
    const auto out = app::workload_in_file_order(to_workload_document(summary, args.name, args.product, args.region));
    auto written = app::write_file_atomically(args.output, out.dump(2) + "\n");
    if (!written) {
        fmt::print(stderr, "irisize: error: {}\n", written.error().what());
        return Invalid;
    }
    if (args.output != "-")
        fmt::print(stderr, "{}: wrote {}\n", kPrefix, args.output);
    return Ok;
}

} // namespace irisize::cli
