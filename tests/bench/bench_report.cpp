// SPDX-License-Identifier: GPL-3.0-or-later
// Median wall time of each report writer for the bundled examples. Reports figures only.
//
//   irisize_bench_report [--iterations N]
//
// Per example: build_report + render_html, render_report_markdown, write_xlsx (to a file in
// the temporary directory), terraform_files, icm_files and, when built, write_pdf; then the same
// for the HealthShare deployment (five systems and a shared web tier), and its sizing.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "irisize/data/catalog.hpp"
#include "irisize/data/deploy_defaults.hpp"
#include "irisize/deploy/icm.hpp"
#include "irisize/report/report_model.hpp"
#include "irisize/sizing/deployment_sizing.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/deploy/terraform.hpp"
#include "xlsx_writer.hpp"
#ifdef IRISIZE_BENCH_PDF
#include "pdf_report.hpp"
#endif

namespace {

double median_ms(int iterations, const std::function<void()>& f) {
    f(); // warm-up
    std::vector<double> ms;
    for (int i = 0; i < iterations; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(ms.size() / 2), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    using namespace irisize;
    int iterations = 20;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--iterations") == 0 && i + 1 < argc)
            iterations = std::max(1, std::atoi(argv[++i]));
    const std::string data = IRISIZE_BENCH_DATA_DIR;
    auto cat = load_catalog(data);
    auto deploy = load_deploy_defaults(data);
    if (!cat || !deploy) {
        fmt::print(stderr, "cannot load data\n");
        return 1;
    }
    const auto scratch = std::filesystem::temp_directory_path() / "irisize-bench-report";
    std::filesystem::create_directories(scratch);
    fmt::print("median ms over {} runs each\n", iterations);
    fmt::print("{:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "example", "html", "markdown", "xlsx", "terraform",
               "icm", "pdf");
    for (const char* n : {"trakcare-regional-hospital", "healthshare-ie-region", "healthconnect-small",
                          "trakcare-users-only"}) {
        std::ifstream in(data + "/examples/" + n + ".json");
        auto w = read_workload(in, n);
        if (!w)
            return 1;
        auto plan = size(*w, *cat, {});
        if (!plan)
            return 1;
        const ReportOptions ro{"bench", "2026-11-26", to_json(*w), &cat->instances};
        std::size_t sink = 0;
        const double html = median_ms(iterations, [&] { sink += render_html(build_report(*plan, ro)).size(); });
        const double md = median_ms(iterations, [&] { sink += render_report_markdown(build_report(*plan, ro)).size(); });
        const double xlsx = median_ms(iterations, [&] {
            sink += write_xlsx(*plan, scratch / "b.xlsx", {ro.version, ro.date, ro.workload}).ok() ? 1 : 0;
        });
        const double tf = median_ms(iterations, [&] { sink += terraform_files(*plan, *cat, *deploy)->size(); });
        const double icm = median_ms(iterations, [&] { sink += icm_files(*plan, *deploy)->size(); });
        std::string pdf = "-";
#ifdef IRISIZE_BENCH_PDF
        pdf = fmt::format("{:.2f}", median_ms(iterations, [&] {
                              sink += pdf::write_pdf(build_report(*plan, ro), (scratch / "b.pdf").string()).ok() ? 1 : 0;
                          }));
#endif
        fmt::print("{:<28} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f} {:>9}\n", n, html, md, xlsx, tf, icm, pdf);
        if (sink == 0)
            fmt::print("(nothing produced)\n");
    }
    {
        // The HealthShare deployment: five systems and a shared web tier in one report (sizing not
        // counted); Terraform of the whole, ICM of each system.
        const char* n = "healthshare-deployment";
        std::ifstream in(data + "/examples/" + n + ".json");
        auto d = read_deployment(in, n, data + "/examples");
        if (!d)
            return 1;
        auto plan = size(*d, *cat, {});
        if (!plan)
            return 1;
        const Plan whole = plan->combined();
        const ReportOptions ro{"bench", "2026-11-26", nullptr, &cat->instances};
        std::size_t sink = 0;
        const double sizing = median_ms(iterations, [&] { sink += size(*d, *cat, {})->systems.size(); });
        const double html = median_ms(iterations, [&] { sink += render_html(build_report(*plan, ro)).size(); });
        const double md = median_ms(iterations, [&] { sink += render_report_markdown(build_report(*plan, ro)).size(); });
        const double xlsx = median_ms(iterations, [&] {
            sink += write_xlsx(whole, scratch / "b.xlsx", {ro.version, ro.date, ro.workload}).ok() ? 1 : 0;
        });
        const double tf = median_ms(iterations, [&] { sink += terraform_files(whole, *cat, *deploy)->size(); });
        const double icm = median_ms(iterations, [&] {
            for (const auto& s : plan->systems)
                sink += icm_files(s, *deploy)->size();
        });
        std::string pdf = "-";
#ifdef IRISIZE_BENCH_PDF
        pdf = fmt::format("{:.2f}", median_ms(iterations, [&] {
                              sink += pdf::write_pdf(build_report(*plan, ro), (scratch / "b.pdf").string()).ok() ? 1 : 0;
                          }));
#endif
        fmt::print("{:<28} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.2f} {:>9}\n", n, html, md, xlsx, tf, icm, pdf);
        fmt::print("(the deployment sized, with explanations: {:.2f} ms)\n", sizing);
        if (sink == 0)
            fmt::print("(nothing produced)\n");
    }
    std::filesystem::remove_all(scratch);
    return 0;
}
