// SPDX-License-Identifier: GPL-3.0-or-later
// The report model laid out as Markdown: headings, paragraphs, lists and pipe tables; figures
// are left out and named by their captions.
#include <fmt/format.h>

#include "irisize/report/report_model.hpp"

namespace irisize {

namespace {

// Table cells may not hold a pipe or a line break in Markdown.
std::string md_cell(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

} // namespace

std::string render_report_markdown(const Report& report) {
    std::string out = fmt::format("# {}\n\n{}\n\n", report.title, report.subtitle);
    for (const auto& [k, v] : report.facts)
        out += fmt::format("- **{}:** {}\n", k, v);
    for (const auto& s : report.sections) {
        out += fmt::format("\n## {}\n\n", s.title);
        for (const auto& b : s.blocks) {
            switch (b.kind) {
            case ReportBlock::Kind::paragraph: out += b.text + "\n\n"; break;
            case ReportBlock::Kind::note: out += "> " + b.text + "\n\n"; break;
            case ReportBlock::Kind::subheading: out += fmt::format("### {}\n\n", b.text); break;
            case ReportBlock::Kind::bullets:
                for (const auto& i : b.items)
                    out += fmt::format("- {}\n", i);
                out += "\n";
                break;
            case ReportBlock::Kind::table: {
                const auto& t = b.table;
                out += "|";
                for (const auto& c : t.columns)
                    out += fmt::format(" {} |", md_cell(c));
                out += "\n|";
                for (std::size_t i = 0; i < t.columns.size(); ++i)
                    out += i < t.numeric.size() && t.numeric[i] ? "---:|" : "---|";
                out += "\n";
                for (std::size_t r = 0; r < t.rows.size(); ++r) {
                    const bool total = t.total_row && r + 1 == t.rows.size();
                    out += "|";
                    for (const auto& c : t.rows[r])
                        out += total && !c.empty() ? fmt::format(" **{}** |", md_cell(c)) : fmt::format(" {} |", md_cell(c));
                    out += "\n";
                }
                out += "\n";
                break;
            }
            case ReportBlock::Kind::figure:
                out += fmt::format("*{} (drawn in the HTML and PDF reports.)*\n\n", b.text);
                break;
            }
        }
    }
    out += fmt::format("---\n\n{}\n", report.footer);
    return out;
}

} // namespace irisize
