// SPDX-License-Identifier: GPL-3.0-or-later
// The plan writer: each format's name, extension and writer (JSON, text, Markdown, HTML, PDF,
// XLSX, Terraform, ICM), the report options from the catalog, and one write to a file or a
// directory, all or nothing.
#include "plan_writer.hpp"

#include "data_location.hpp"
#include "generated_files.hpp"
#include "output.hpp"
#include "xlsx_writer.hpp"

#include "irisize/data/deploy_defaults.hpp"
#include "irisize/deploy/icm.hpp"
#include "irisize/plan/plan_json.hpp"
#include "irisize/plan/plan_text.hpp"
#include "irisize/report/report_model.hpp"
#include "irisize/deploy/terraform.hpp"

#ifdef IRISIZE_HAVE_PDF
#include "pdf_report.hpp"
#endif

#include <fmt/format.h>

#include <array>
#include <utility>

namespace irisize::app {

namespace {

struct FormatName {
    PlanFormat format;
    std::string_view name;
    std::string_view extension;
};

constexpr std::array<FormatName, 8> kFormats{{
    {PlanFormat::json, "json", ".json"},
    {PlanFormat::text, "text", ".txt"},
    {PlanFormat::markdown, "markdown", ".md"},
    {PlanFormat::html, "html", ".html"},
    {PlanFormat::xlsx, "xlsx", ".xlsx"},
    {PlanFormat::pdf, "pdf", ".pdf"},
    {PlanFormat::terraform, "terraform", ""},
    {PlanFormat::icm, "icm", ""},
}};

const FormatName& entry(PlanFormat format) {
    for (const auto& f : kFormats)
        if (f.format == format)
            return f;
    return kFormats.front();
}

ReportOptions report_options(const Catalog& catalog, const PlanWriteOptions& options) {
    return {version(), report_date(), options.workload, &catalog.instances};
}

} // namespace

std::optional<PlanFormat> plan_format_from(std::string_view name) {
    for (const auto& f : kFormats)
        if (f.name == name)
            return f.format;
    return std::nullopt;
}

std::string_view plan_format_name(PlanFormat format) { return entry(format).name; }

std::string_view plan_format_extension(PlanFormat format) { return entry(format).extension; }

bool writes_directory(PlanFormat format) { return format == PlanFormat::terraform || format == PlanFormat::icm; }

bool pdf_available() {
#ifdef IRISIZE_HAVE_PDF
    return true;
#else
    return false;
#endif
}

Result<bool> write_plan(const Catalog& catalog, const Plan& plan, PlanFormat format, const std::string& target,
                        const PlanWriteOptions& options) {
    switch (format) {
    case PlanFormat::json: return write_file_atomically(target, to_json(plan).dump(2) + "\n");
    case PlanFormat::text: return write_file_atomically(target, render_text(plan));
    case PlanFormat::markdown:
        return write_file_atomically(target, render_report_markdown(build_report(plan, report_options(catalog, options))));
    case PlanFormat::html:
        return write_file_atomically(target, render_html(build_report(plan, report_options(catalog, options))));
    case PlanFormat::xlsx: return write_xlsx(plan, target, {version(), report_date(), options.workload});
    case PlanFormat::pdf: {
#ifdef IRISIZE_HAVE_PDF
        const auto page = pdf::page_size_from(options.page);
        if (!page)
            return Error{"page", fmt::format("unknown page size '{}' (a4 or letter)", options.page)};
        return pdf::write_pdf(build_report(plan, report_options(catalog, options)), target, *page);
#else
        return Error{"format", "this irisize was built without PDF support (IRISIZE_BUILD_PDF=OFF)"};
#endif
    }
    case PlanFormat::terraform:
    case PlanFormat::icm: {
        if (target == "-")
            return Error{"output", fmt::format("{} writes several files: give a directory", plan_format_name(format))};
        auto defaults = load_deploy_defaults(catalog.data_dir);
        if (!defaults)
            return defaults.error();
        auto files = format == PlanFormat::terraform ? terraform_files(plan, catalog, *defaults)
                                                     : icm_files(plan, *defaults);
        if (!files)
            return files.error();
        return write_generated_files(target, *files);
    }
    }
    return Error{"format", "unknown format"};
}

} // namespace irisize::app
