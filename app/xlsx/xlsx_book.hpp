// SPDX-License-Identifier: GPL-3.0-or-later
// The workbook being written, for the sheet writers: cell addresses, the cell formats made once
// per workbook, and Book, through which every libxlsxwriter call goes so that the first error
// is kept (with the cell it happened in) and the rows with wrapped text get their height.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xlsxwriter.h>

namespace irisize::xlsx_detail {

// --- cell addresses and values ---------------------------------------------------------------

/// "A", "B", ..., "Z", "AA" for the column (from 0).
std::string column_name(lxw_col_t col);
/// "C12" for row 11, column 2 (both from 0).
std::string ref(lxw_row_t row, lxw_col_t col);
/// "$C$12".
std::string abs_ref(lxw_row_t row, lxw_col_t col);
std::string yes_no(bool b);
/// A "YYYY-MM-DD" date, when the text is one.
std::optional<lxw_datetime> parse_date(const std::string& s);
/// libxlsxwriter's message for an error, without its closing full stop.
std::string reason(lxw_error e);

// --- the workbook ------------------------------------------------------------------------------

/// The cell formats, created once per workbook.
struct Formats {
    lxw_format* title = nullptr;
    lxw_format* section = nullptr;
    lxw_format* header = nullptr;
    lxw_format* label = nullptr;
    lxw_format* text = nullptr;
    lxw_format* wrap = nullptr;
    lxw_format* center = nullptr;  ///< yes/no flags
    lxw_format* count = nullptr;   ///< small whole numbers (servers, stripe width), centred
    lxw_format* integer = nullptr; ///< #,##0
    lxw_format* decimal = nullptr; ///< #,##0.00
    lxw_format* usd = nullptr;     ///< $#,##0.00
    lxw_format* total_label = nullptr;
    lxw_format* total_usd = nullptr;
    // Left-aligned, for the label/value list of the Summary sheet.
    lxw_format* value_text = nullptr;
    lxw_format* value_integer = nullptr;
    lxw_format* value_decimal = nullptr;
    lxw_format* value_usd = nullptr;
    lxw_format* value_date = nullptr;
};

/// Whole numbers without decimals, others with two (the cell keeps the full value).
lxw_format* size_format(const Formats& f, double v);

/// A column of a table sheet: its header (with the unit) and width in characters.
struct Column {
    const char* header;
    double width;
    bool wrap = false;
};

/// The workbook being written: every libxlsxwriter call goes through here so that the first
/// error is kept and reported.
class Book {
public:
    explicit Book(lxw_workbook* wb) : m_wb(wb) { make_formats(); }

    [[nodiscard]] lxw_workbook* workbook() const { return m_wb; }
    [[nodiscard]] const Formats& f() const { return m_f; }
    [[nodiscard]] lxw_error error() const { return m_error; }
    [[nodiscard]] const std::string& error_where() const { return m_where; }

    lxw_worksheet* sheet(const char* name);
    /// A text cell, cut to what a cell holds; an empty text with a format is a formatted blank.
    void text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view s, lxw_format* fmt);
    /// Sets a column's width (in characters) and default format.
    void column(lxw_worksheet* ws, lxw_col_t col, double width, lxw_format* fmt);
    /// Gives the rows with wrapped text the height their lines need: spreadsheet programs
    /// do not work it out when they open a file, and the text would be cut off.
    void fit_rows();
    /// A number cell. A value that is not finite (never in a valid plan) is written as "n/a".
    void number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v, lxw_format* fmt);
    /// A formula with its value cached, for viewers that do not recalculate.
    void formula(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& f, double cached, lxw_format* fmt);
    /// A date cell when `s` reads as "YYYY-MM-DD", else the text.
    void date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* date_fmt,
              lxw_format* text_fmt);
    /// Header row, column widths, frozen header, autofilter over the data rows, and print
    /// settings (landscape, one page wide, header row repeated).
    void table(lxw_worksheet* ws, const std::vector<Column>& cols, lxw_row_t last_data_row);
    void print_setup(lxw_worksheet* ws);

private:
    void check(lxw_error e, lxw_worksheet* ws, lxw_row_t row, lxw_col_t col);
    void fail(lxw_error e, const char* where);
    lxw_format* add(void (*set)(lxw_format*));
    void make_formats();

    struct Wrapped {
        lxw_worksheet* ws;
        lxw_row_t row;
        lxw_col_t col;
        std::string text;
        bool bold;
    };

    lxw_workbook* m_wb;
    Formats m_f;
    std::vector<Wrapped> m_wrapped;
    std::map<std::pair<lxw_worksheet*, lxw_col_t>, double> m_widths;
    lxw_error m_error = LXW_NO_ERROR;
    std::string m_where;
};

} // namespace irisize::xlsx_detail
