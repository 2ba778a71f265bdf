// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The sizing report as PDF (A4 or US Letter), and the same document for printing. The
// report model (irisize/report/report_model.hpp) is laid out by QTextDocument; its SVG figures are
// drawn as vector graphics, so their text stays text in the PDF.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "irisize/report/report_model.hpp"
#include "irisize/result.hpp"

class QPagedPaintDevice;
class QTextDocument;

namespace irisize::pdf {

enum class PageSize { a4, letter };

/// "a4" or "letter" (case-insensitive); nothing for anything else.
std::optional<PageSize> page_size_from(std::string_view name);

/// The report as a text document (title page, sections, tables, vector figures).
std::unique_ptr<QTextDocument> report_document(const Report& report);

/// Prints the document to a printer or PDF writer, with page numbers in the footer. Lays the
/// document out at the device's page size first and adds page breaks so that no heading ends
/// a page, every caption shares its figure's page, no table starts or ends a page with a
/// single row (a continued table repeats its header row) and every line is drawn once.
void print_report(QTextDocument& document, QPagedPaintDevice& device);

/// Writes the report as PDF, all or nothing (see app::write_file_atomically). Works without
/// a display: a process without a QGuiApplication gets one on the offscreen platform.
Result<bool> write_pdf(const Report& report, const std::string& path, PageSize page = PageSize::a4);

} // namespace irisize::pdf
