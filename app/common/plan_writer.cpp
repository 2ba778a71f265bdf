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

Result<bool> write_plan(const Catalog& catalog, const DeploymentPlan& plan, PlanFormat format,
                        const std::string& target, const PlanWriteOptions& options) {
    switch (format) {
    case PlanFormat::json: return write_file_atomically(target, to_json(plan).dump(2) + "\n");
    case PlanFormat::text: return write_file_atomically(target, render_text(plan));
    case PlanFormat::markdown:
        return write_file_atomically(target, render_report_markdown(build_report(plan, report_options(catalog, options))));
    case PlanFormat::html:
        return write_file_atomically(target, render_html(build_report(plan, report_options(catalog, options))));
    case PlanFormat::xlsx: return write_xlsx(plan.combined(), target, {version(), report_date(), options.workload});
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
        if (format == PlanFormat::terraform) {
            auto files = terraform_files(plan.combined(), catalog, *defaults);
            if (!files)
                return files.error();
            return write_generated_files(target, *files);
        }
        // ICM: "If two DM nodes are defined, they are configured as a failover pair" (ICM Guide), so
        // one mirror per ICM deployment: a directory per system, one for the shared web tier.
        std::vector<GeneratedFile> all;
        std::string readme = fmt::format(
            "# ICM definitions for the deployment \"{}\"\n\nICM configures the DM nodes of one deployment as one "
            "failover pair, so each system's mirror is its own ICM deployment, in its own directory:\n\n",
            plan.name);
        auto add = [&](const Plan& part, const std::string& dir) -> std::optional<Error> {
            auto files = icm_files(part, *defaults);
            if (!files)
                return files.error();
            for (auto& f : *files)
                all.push_back({dir + "/" + f.name, std::move(f.content)});
            readme += fmt::format("- `{}/`: {}\n", dir, part.name);
            return std::nullopt;
        };
        // The shared web gateway servers (WS nodes) go with the first system's deployment; their
        // Web Gateway is then configured for every system's servers.
        for (std::size_t i = 0; i < plan.systems.size(); ++i) {
            Plan part = plan.systems[i];
            if (i == 0)
                part.members.insert(part.members.end(), plan.shared.members.begin(), plan.shared.members.end());
            if (auto e = add(part, fmt::format("{}-{}", i + 1, file_safe_name(plan.systems[i].name))))
                return *e;
        }
        if (plan.has_shared())
            readme += fmt::format("\nThe shared web gateway tier's WS nodes are defined with the first system ({}); "
                                  "configure their Web Gateway for every system's servers.\n",
                                  plan.systems.front().name);
        all.push_back({"README.md", readme});
        return write_generated_files(target, all);
    }
    }
    return Error{"format", "unknown format"};
}

} // namespace irisize::app
