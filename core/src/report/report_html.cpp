// SPDX-License-Identifier: GPL-3.0-or-later
// The report model laid out as HTML: one self-contained file (inline CSS and SVG) that prints
// well. xml_escape() is shared with the SVG figures and the PDF writer.
#include <fmt/format.h>

#include "irisize/report/report_model.hpp"

namespace irisize {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            // Control characters other than tab and newline are not allowed in XML.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                out += ' ';
            else
                out += c;
        }
    }
    return out;
}

namespace {

constexpr const char* css = R"(
  body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #1a202c;
         max-width: 72em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
  h1 { font-size: 20pt; color: #23395d; margin-bottom: 0.2em; }
  h2 { font-size: 14pt; color: #23395d; border-bottom: 1px solid #8aa2c8; margin-top: 1.6em; }
  h3 { font-size: 11pt; color: #23395d; margin-top: 1.2em; }
  .subtitle { font-size: 12pt; color: #4a5568; margin-top: 0; }
  .wide { overflow-x: auto; }
  table { border-collapse: collapse; margin: 0.6em 0; width: 100%; font-size: 9.5pt; }
  th, td { border: 1px solid #cbd5e0; padding: 3px 6px; vertical-align: top; }
  th { background: #edf2f7; text-align: left; }
  td { white-space: nowrap; }
  td.w { white-space: normal; }
  td.n, th.n { text-align: right; white-space: nowrap; }
  tr.total td { font-weight: bold; background: #f7fafc; }
  table.facts { width: auto; }
  table.facts th { width: 14em; }
  .note { border-left: 4px solid #b7791f; background: #fffaf0; padding: 0.4em 0.8em; }
  figure { margin: 1em 0; page-break-inside: avoid; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-size: 9pt; color: #4a5568; }
  footer { margin-top: 2em; font-size: 8.5pt; color: #718096; border-top: 1px solid #cbd5e0; }
  nav ol { columns: 2; }
  th .u { white-space: nowrap; }
  @media print {
    body { margin: 0; max-width: none; font-size: 9.5pt; }
    .wide { overflow: visible; }
    table { font-size: 8.5pt; }
    /* A heading keeps with what follows it; a figure with its caption; a row stays whole and
       a table's header row repeats on every page it spans. */
    h1, h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
    h2 + *, h3 + *, h2 + .wide table, h3 + .wide table { break-before: avoid; page-break-before: avoid; }
    section { page-break-inside: auto; }
    tr, figure, figcaption, .note { break-inside: avoid; page-break-inside: avoid; }
    figcaption { break-before: avoid; page-break-before: avoid; }
    thead { display: table-header-group; }
    p, li { orphans: 2; widows: 2; }
    nav { display: none; }
    a { color: inherit; text-decoration: none; }
  }
  @page { margin: 16mm 14mm; }
)";

// A column header with its words free to wrap but its unit ("(MiB/s)", "IOPS/GiB") whole.
std::string header_html(std::string_view title) {
    std::string out;
    std::size_t start = 0;
    while (start <= title.size()) {
        auto end = title.find(' ', start);
        if (end == std::string_view::npos)
            end = title.size();
        const std::string_view word = title.substr(start, end - start);
        if (!out.empty())
            out += ' ';
        if (word.find('/') != std::string_view::npos || word.find('(') != std::string_view::npos)
            out += "<span class=\"u\">" + xml_escape(word) + "</span>";
        else
            out += xml_escape(word);
        start = end + 1;
    }
    return out;
}

void html_table(std::string& out, const ReportTable& t, const char* cls = nullptr) {
    out += cls ? fmt::format("<div class=\"wide\"><table class=\"{}\">\n<thead><tr>", cls)
               : "<div class=\"wide\"><table>\n<thead><tr>";
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        out += fmt::format("<th{}>{}</th>", i < t.numeric.size() && t.numeric[i] ? " class=\"n\"" : "",
                           header_html(t.columns[i]));
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out += (t.total_row && r + 1 == t.rows.size()) ? "<tr class=\"total\">" : "<tr>";
        for (std::size_t i = 0; i < t.rows[r].size(); ++i) {
            // Short cells (zones, instance types, amounts) stay on one line; prose wraps.
            const bool numeric = i < t.numeric.size() && t.numeric[i];
            const char* cell_class = numeric ? " class=\"n\"" : t.rows[r][i].size() > 32 ? " class=\"w\"" : "";
            out += fmt::format("<td{}>{}</td>", cell_class, xml_escape(t.rows[r][i]));
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
}

} // namespace

std::string render_html(const Report& report) {
    std::string out;
    out.reserve(64 * 1024);
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n";
    out += "<meta name=\"generator\" content=\"irisize\" />\n";
    out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", xml_escape(report.title), css);
    out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n", xml_escape(report.title),
                       xml_escape(report.subtitle));
    out += "<table class=\"facts\">\n<tbody>\n";
    for (const auto& [k, v] : report.facts)
        out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", xml_escape(k), xml_escape(v));
    out += "</tbody>\n</table>\n</header>\n";

    out += "<nav>\n<h2>Contents</h2>\n<ol>\n";
    for (const auto& s : report.sections)
        out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", xml_escape(s.id), xml_escape(s.title));
    out += "</ol>\n</nav>\n";

    for (const auto& s : report.sections) {
        out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", xml_escape(s.id), xml_escape(s.title));
        for (const auto& b : s.blocks) {
            switch (b.kind) {
            case ReportBlock::Kind::paragraph: out += fmt::format("<p>{}</p>\n", xml_escape(b.text)); break;
            case ReportBlock::Kind::note: out += fmt::format("<p class=\"note\">{}</p>\n", xml_escape(b.text)); break;
            case ReportBlock::Kind::subheading: out += fmt::format("<h3>{}</h3>\n", xml_escape(b.text)); break;
            case ReportBlock::Kind::bullets:
                out += "<ul>\n";
                for (const auto& i : b.items)
                    out += fmt::format("<li>{}</li>\n", xml_escape(i));
                out += "</ul>\n";
                break;
            case ReportBlock::Kind::table: html_table(out, b.table); break;
            case ReportBlock::Kind::figure:
                out += "<figure>\n" + b.svg + fmt::format("<figcaption>{}</figcaption>\n</figure>\n", xml_escape(b.text));
                break;
            }
        }
        out += "</section>\n";
    }
    out += fmt::format("<footer><p>{}</p></footer>\n</body>\n</html>\n", xml_escape(report.footer));
    return out;
}

} // namespace irisize
