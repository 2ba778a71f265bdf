// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file report/report_model.hpp
/// The sizing report as a document: a title page, then sections of paragraphs, lists,
/// tables and figures (SVG). `build_report()` turns a plan into one; the writers only lay it
/// out: HTML (a single self-contained file) and Markdown, both declared here (written in
/// core/src/report/report_html.cpp and report_markdown.cpp), and PDF (app/pdf, through Qt).
/// XLSX, Terraform and ICM read the plan directly: they are data, not documents.
///
///   Plan --build_report--> Report --render_html / render_report_markdown / write_pdf--> file

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "irisize/plan/deployment_plan.hpp"
#include "irisize/plan/plan.hpp"

namespace irisize {

struct InstanceCatalog;

/// A table; `numeric[i]` marks columns that hold numbers (right-aligned). The header names
/// carry the units ("Size (GiB)"). `total_row` marks the last row as a total.
struct ReportTable {
    std::vector<std::string> columns;
    std::vector<bool> numeric;
    std::vector<std::vector<std::string>> rows;
    bool total_row = false;
};

/// One block of a section.
struct ReportBlock {
    enum class Kind { paragraph, note, bullets, table, figure, subheading };
    Kind kind = Kind::paragraph;
    std::string text;               ///< paragraph, note, subheading; figure caption
    std::vector<std::string> items; ///< bullets
    ReportTable table;
    std::string svg;        ///< figure: a complete <svg> element
    double svg_width = 0;   ///< figure: its natural size in CSS pixels
    double svg_height = 0;
};

struct ReportSection {
    std::string id; ///< stable anchor: summary, workload, architecture, servers, storage, ...
    std::string title;
    std::vector<ReportBlock> blocks;
};

struct Report {
    std::string title;    ///< "Sizing of <system>"
    std::string subtitle; ///< product and regions
    std::vector<std::pair<std::string, std::string>> facts; ///< title-page key figures, in order
    std::vector<ReportSection> sections;
    std::string footer; ///< irisize version, date, rule set and price data
};

struct ReportOptions {
    std::string version;        ///< irisize version, printed on the report
    std::string date;           ///< the report's date, e.g. 2026-11-26
    nlohmann::json workload;    ///< the workload document as given (null: section left out)
    const InstanceCatalog* instances = nullptr; ///< for the instance-limit check (null: left out)
};

/// The report of one plan.
Report build_report(const Plan& plan, const ReportOptions& options);
/// The report of a deployment: a summary with the cost per system and in total, one
/// architecture figure of every system, the shared tier, then each system's sections (titled
/// with its name) and the sources of all of them once.
Report build_report(const DeploymentPlan& plan, const ReportOptions& options);

/// A self-contained HTML5 document (inline CSS and SVG, no external resources) that prints well.
std::string render_html(const Report& report);
/// The report as Markdown (figures left out, named by their captions).
std::string render_report_markdown(const Report& report);

/// Escapes text for HTML/XML content and attribute values.
std::string xml_escape(std::string_view text);

} // namespace irisize
