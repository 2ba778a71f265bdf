// SPDX-License-Identifier: GPL-3.0-or-later
// irisize: the headless command line. Parses arguments (CLI11), finds and loads the data,
// and hands over to a subcommand in commands.cpp.

#include <cmath>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "import_metrics.hpp"
#include "import_prices.hpp"
#include "data_location.hpp"

namespace {

// Number checks that say what is wrong in words (CLI11's own quote the whole double range).
CLI::Validator at_least(double lo, bool inclusive) {
    return CLI::Validator(
        [lo, inclusive](std::string& s) -> std::string {
            double v = 0;
            try {
                std::size_t used = 0;
                v = std::stod(s, &used);
                if (used != s.size())
                    return "'" + s + "' is not a number";
            } catch (const std::exception&) {
                return "'" + s + "' is not a number";
            }
            if (!std::isfinite(v))
                return "'" + s + "' is not a finite number";
            if (inclusive ? v < lo : v <= lo)
                return fmt::format("must be {} {}, found {}", inclusive ? "at least" : "greater than", lo, s);
            return {};
        },
        inclusive ? fmt::format(">={}", lo) : fmt::format(">{}", lo));
}

constexpr const char* kExitCodes = "Exit status: 0 success; 1 invalid input, invalid volume or unmeetable "
                                   "demand; 2 usage error. irisize batch also uses 3 (some rows failed) and 130 "
                                   "(interrupted); see irisize batch --help.";

} // namespace

int main(int argc, char** argv) {
    using namespace irisize;
    CLI::App app{"irisize - capacity and storage sizing for InterSystems IRIS/Cache deployments on AWS\n"
                 "Recommends EC2 instances, EBS volume layouts and the DR footprint; prices and explains them.",
                 "irisize"};
    app.footer(kExitCodes);
    app.require_subcommand(1);
    app.set_version_flag("--version", fmt::format("irisize {}", app::version()));
    std::string data_dir;
    app.add_option("--data", data_dir,
                   "Data directory (default: $IRISIZE_DATA, the installed share/irisize, or "
                   "the source tree)")
        ->type_name("DIR");

    // size
    cli::SizeArgs size_args;
    auto* size = app.add_subcommand("size", "Size a workload (or a project's systems) and write the plan");
    size->add_option("workload", size_args.workload,
                     "Workload JSON file, or a project file saved by irisize-gui ('-' for standard input)")
        ->required()
        ->type_name("WORKLOAD.json");
    size->add_option("--system", size_args.system,
                     "Of a project file, the system to size, by name (default: every system; several need "
                     "-o DIRECTORY)")
        ->type_name("NAME");
    size->add_option("--rules", size_args.rules, "EBS rule set (default: the workload's, else aws-2025)")
        ->type_name("ID");
    size->add_option("--region", size_args.region, "AWS region (overrides the workload's)")->type_name("REGION");
    size->add_option("--format", size_args.format,
                     "Output format: text, json, markdown, html (one self-contained file), pdf, xlsx, "
                     "terraform or icm (these two write a directory; icm is for InterSystems Cloud Manager, "
                     "which InterSystems has deprecated: prefer terraform)")
        ->check(CLI::IsMember({"text", "json", "markdown", "html", "pdf", "xlsx", "terraform", "icm"}))
        ->capture_default_str();
    size->add_option("-o,--output", size_args.output,
                     "Write to FILE ('-' for standard output); a DIRECTORY for terraform and icm")
        ->type_name("FILE")
        ->capture_default_str();
    size->add_option("--page", size_args.page, "PDF page size")
        ->check(CLI::IsMember({"a4", "letter"}, CLI::ignore_case))
        ->capture_default_str();

    // batch
    cli::BatchArgs batch_args;
    auto* batch = app.add_subcommand("batch", "Size every row of a CSV of workloads; write a CSV of plan summaries");
    batch->add_option("input", batch_args.input, "Input CSV ('-' for standard input)")
        ->required()
        ->type_name("INPUT.csv");
    batch->add_option("-o,--output", batch_args.output, "Output CSV ('-' for standard output)")
        ->type_name("OUTPUT.csv")
        ->capture_default_str();
    batch->add_option("--rules", batch_args.rules, "EBS rule set for every row (overrides the rules column)")
        ->type_name("ID");
    batch->add_option("--region", batch_args.region, "AWS region for every row (overrides the region column)")
        ->type_name("REGION");
    batch->add_option("-j,--jobs", batch_args.jobs, "Rows sized in parallel (default: all cores)")
        ->check(CLI::Range(1, 1024))
        ->type_name("N");
    batch->add_option("--details", batch_args.details,
                      "Also write each row's full plan as DIR/<row>-<name>.<ext> (see --details-format)")
        ->type_name("DIR");
    batch->add_option("--details-format", batch_args.details_format,
                      "Format of the --details files: json, text, markdown, html or xlsx")
        ->check(CLI::IsMember({"json", "text", "markdown", "html", "xlsx"}))
        ->capture_default_str();
    batch->add_option("--delimiter", batch_args.delimiter, "Input field separator (default: detected from the header)")
        ->check(CLI::IsMember({",", ";", "tab", "comma", "semicolon"}));
    batch->add_flag("--check", batch_args.check_only,
                    "Only read and check every row (columns, numbers, ranges, names); size none");
    batch->add_flag("!--no-progress", batch_args.progress, "No progress bar (shown only when stderr is a terminal)");
    batch->footer("Exit status: 0 every row ok; 3 some rows failed (the others are written); 2 the input cannot be "
                  "read (nothing written); 1 the output cannot be written; 130 interrupted (nothing written).");

    // check-volume
    cli::CheckVolumeArgs cv_args;
    auto* cv = app.add_subcommand("check-volume", "Check one EBS volume against a rule set");
    cv->add_option("--type", cv_args.type, "Volume type (gp2, gp3, io1, io2, st1, sc1, standard)")->required();
    cv->add_option("--size", cv_args.size_gib, "Size in GiB")->required()->check(at_least(0, false))->type_name("GIB");
    cv->add_option("--iops", cv_args.iops, "Provisioned IOPS (io1, io2, gp3) or IOPS needed (gp2, st1, sc1, standard)")
        ->check(at_least(0, true))
        ->type_name("N");
    cv->add_option("--throughput", cv_args.throughput_mibps,
                   "Provisioned throughput (gp3) or throughput needed (others), MiB/s")
        ->check(at_least(0, true))
        ->type_name("MIBPS");
    cv->add_option("--rules", cv_args.rules, "EBS rule set (default aws-2025)")->type_name("ID");
    cv->add_option("--instance", cv_args.instance, "Instance type the volume attaches to (Nitro limits)")
        ->type_name("TYPE");
    cv->add_option("--format", cv_args.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cv->footer("Exit status: 0 valid, 1 invalid (each violated rule listed), 2 usage error.");

    // catalog
    cli::CatalogArgs cat_args;
    auto* cat = app.add_subcommand("catalog", "List instance types, volume types or regions from the data");
    cat->add_option("what", cat_args.what, "instances, volumes or regions")
        ->required()
        ->check(CLI::IsMember({"instances", "volumes", "regions"}));
    cat->add_option("--family", cat_args.family, "Only this instance family (instances)")->type_name("F");
    cat->add_option("--rules", cat_args.rules, "Rule set (volumes; default aws-2025)")->type_name("ID");
    cat->add_option("--region", cat_args.region, "Region whose prices to show (instances)")->capture_default_str();
    cat->add_option("--format", cat_args.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    cat->add_option("-o,--output", cat_args.output, "Write to FILE ('-' for standard output)")->type_name("FILE");

    // import-metrics
    cli::ImportMetricsArgs im_args;
    auto* im = app.add_subcommand("import-metrics",
                                  "Read SystemPerformance/pButtons reports; write a workload JSON of measured demand");
    cli::define_import_metrics(*im, im_args);

    // import-prices
    cli::ImportPricesArgs ip_args;
    auto* ip = app.add_subcommand("import-prices", "Import on-demand prices from an AWS Price List bulk CSV "
                                                   "(AmazonEC2) into data/prices/<region>.json");
    cli::define_import_prices(*ip, ip_args);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        if (e.get_exit_code() != 0)
            fmt::print(stderr, "Run 'irisize --help' for usage.\n");
        return e.get_exit_code() == 0 ? 0 : cli::Usage;
    }

    std::string tried;
    auto location = app::find_data_dir(data_dir.empty() ? std::nullopt : std::optional<std::filesystem::path>(data_dir),
                                       argc > 0 ? argv[0] : nullptr, &tried);
    if (!location) {
        fmt::print(stderr, "irisize: error: no data directory found (tried {}); pass --data DIR or set IRISIZE_DATA\n",
                   tried);
        return cli::Invalid;
    }
    auto catalog = load_catalog(location->dir);
    if (!catalog) {
        fmt::print(stderr, "irisize: error: data: {}\n", catalog.error().what());
        return cli::Invalid;
    }

    if (im->parsed()) // the journal block size Jrnwrts counts is in data/sizing.json
        return cli::run_import_metrics(*catalog, im_args);
    if (size->parsed())
        return cli::run_size(*catalog, size_args);
    if (batch->parsed())
        return cli::run_batch(*catalog, batch_args);
    if (ip->parsed())
        return cli::run_import_prices(*catalog, ip_args);
    if (cv->parsed())
        return cli::run_check_volume(*catalog, cv_args);
    return cli::run_catalog(*catalog, cat_args);
}
