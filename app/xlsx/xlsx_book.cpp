// SPDX-License-Identifier: GPL-3.0-or-later
// The workbook wrapper the sheet writers share: cell addresses, the formats, text, number,
// formula and date cells that keep the first error, table headers with autofilter and print
// settings, and the row heights that wrapped text needs.
#include "xlsx_book.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace irisize::xlsx_detail {

namespace {

/// Longest text a cell holds (bytes, as libxlsxwriter counts).
constexpr std::size_t max_cell_bytes = 32767;

constexpr double default_width = 8.43;   ///< Excel's default column width
constexpr double line_height = 15.0;     ///< points, one line of the default font
constexpr double max_row_height = 409.0; ///< points, the most a spreadsheet row can be
/// Characters of running text per unit of column width (the width of a digit): prose has
/// narrow letters and spaces; bold headers less so. Slightly generous, so that a row is
/// rather a little too high than cut off.
constexpr double chars_per_width = 1.2;
constexpr double bold_chars_per_width = 1.0;

/// Cut text to what a cell holds, at a UTF-8 character boundary.
std::string_view cell_text(std::string_view s) {
    if (s.size() <= max_cell_bytes)
        return s;
    std::size_t n = max_cell_bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return s.substr(0, n);
}

/// Lines a text takes in a column `chars` characters wide, wrapped at spaces.
int line_count(std::string_view text, double chars) {
    const auto room = static_cast<std::size_t>(std::max(chars, 4.0));
    int lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos)
            nl = text.size();
        // Greedy word wrap of one paragraph, counting UTF-8 characters.
        std::size_t used = 0;
        int para = 1;
        std::size_t i = start;
        while (i < nl) {
            std::size_t j = text.find(' ', i);
            if (j == std::string_view::npos || j > nl)
                j = nl;
            std::size_t word = 0;
            for (std::size_t k = i; k < j; ++k)
                word += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80;
            if (used > 0 && used + 1 + word > room) {
                ++para;
                used = 0;
            }
            used += (used > 0 ? 1 : 0) + word;
            while (used > room) { // a word longer than the line
                ++para;
                used -= room;
            }
            i = j + 1;
        }
        lines += para;
        start = nl + 1;
    }
    return std::max(lines, 1);
}

} // namespace

std::string column_name(lxw_col_t col) {
    std::string s;
    unsigned n = static_cast<unsigned>(col) + 1;
    while (n > 0) {
        const unsigned r = (n - 1) % 26;
        s.insert(s.begin(), static_cast<char>('A' + r));
        n = (n - 1) / 26;
    }
    return s;
}
/// "C12" for row 11, column 2 (both from 0).
std::string ref(lxw_row_t row, lxw_col_t col) {
    return column_name(col) + std::to_string(row + 1);
}
/// "$C$12".
std::string abs_ref(lxw_row_t row, lxw_col_t col) {
    return "$" + column_name(col) + "$" + std::to_string(row + 1);
}

std::string yes_no(bool b) {
    return b ? "yes" : "no";
}

/// A "YYYY-MM-DD" date, when the text is one.
std::optional<lxw_datetime> parse_date(const std::string& s) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1] || (m == 2 && d == 29 && !leap))
        return std::nullopt;
    return lxw_datetime{y, m, d, 0, 0, 0.0};
}

/// libxlsxwriter's message for an error, without its closing full stop.
std::string reason(lxw_error e) {
    std::string s = lxw_strerror(e);
    while (!s.empty() && (s.back() == '.' || s.back() == ' '))
        s.pop_back();
    return s;
}

lxw_format* size_format(const Formats& f, double v) {
    return std::floor(v) == v ? f.integer : f.decimal;
}

lxw_worksheet* Book::sheet(const char* name) {
    lxw_worksheet* ws = workbook_add_worksheet(m_wb, name);
    if (!ws)
        fail(LXW_ERROR_MEMORY_MALLOC_FAILED, name);
    return ws;
}

void Book::text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view s, lxw_format* fmt) {
    if (!ws)
        return;
    if (s.empty()) {
        if (fmt)
            check(worksheet_write_blank(ws, row, col, fmt), ws, row, col);
        return;
    }
    const std::string t(cell_text(s));
    check(worksheet_write_string(ws, row, col, t.c_str(), fmt), ws, row, col);
    if (fmt == m_f.header || fmt == m_f.wrap || fmt == m_f.value_text)
        m_wrapped.push_back({ws, row, col, t, fmt == m_f.header});
}
void Book::column(lxw_worksheet* ws, lxw_col_t col, double width, lxw_format* fmt) {
    if (!ws)
        return;
    check(worksheet_set_column(ws, col, col, width, fmt), ws, 0, col);
    m_widths[{ws, col}] = width;
}
void Book::fit_rows() {
    std::map<std::pair<lxw_worksheet*, lxw_row_t>, int> lines;
    for (const auto& w : m_wrapped) {
        auto it = m_widths.find({w.ws, w.col});
        const double width = it == m_widths.end() ? default_width : it->second;
        int& n = lines[{w.ws, w.row}];
        n = std::max(n, line_count(w.text, width * (w.bold ? bold_chars_per_width : chars_per_width)));
    }
    for (const auto& [where, n] : lines)
        if (n > 1)
            check(worksheet_set_row(where.first, where.second, std::min(line_height * n, max_row_height), nullptr),
                  where.first, where.second, 0);
}
void Book::number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v, lxw_format* fmt) {
    if (!ws)
        return;
    if (!std::isfinite(v)) {
        text(ws, row, col, "n/a", fmt);
        return;
    }
    check(worksheet_write_number(ws, row, col, v, fmt), ws, row, col);
}
void Book::formula(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& f, double cached,
                   lxw_format* fmt) {
    if (!ws)
        return;
    check(worksheet_write_formula_num(ws, row, col, f.c_str(), fmt, std::isfinite(cached) ? cached : 0.0), ws, row,
          col);
}
void Book::date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* date_fmt,
                lxw_format* text_fmt) {
    if (auto d = parse_date(s)) {
        if (ws)
            check(worksheet_write_datetime(ws, row, col, &*d, date_fmt), ws, row, col);
    } else {
        text(ws, row, col, s, text_fmt);
    }
}

void Book::table(lxw_worksheet* ws, const std::vector<Column>& cols, lxw_row_t last_data_row) {
    if (!ws)
        return;
    for (std::size_t i = 0; i < cols.size(); ++i) {
        const auto c = static_cast<lxw_col_t>(i);
        column(ws, c, cols[i].width, cols[i].wrap ? m_f.wrap : nullptr);
        text(ws, 0, c, cols[i].header, m_f.header);
    }
    const auto last_col = static_cast<lxw_col_t>(cols.size() - 1);
    worksheet_freeze_panes(ws, 1, 0);
    check(worksheet_autofilter(ws, 0, 0, std::max<lxw_row_t>(last_data_row, 1), last_col), ws, 0, 0);
    print_setup(ws);
    check(worksheet_repeat_rows(ws, 0, 0), ws, 0, 0);
}
void Book::print_setup(lxw_worksheet* ws) {
    if (!ws)
        return;
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    check(worksheet_set_footer(ws, "&L&A&RPage &P of &N"), ws, 0, 0);
}

void Book::check(lxw_error e, lxw_worksheet* ws, lxw_row_t row, lxw_col_t col) {
    if (e == LXW_NO_ERROR || m_error != LXW_NO_ERROR)
        return;
    m_error = e;
    m_where = fmt::format("{}!{}", ws && ws->name ? ws->name : "?", ref(row, col));
}
void Book::fail(lxw_error e, const char* where) {
    if (m_error != LXW_NO_ERROR)
        return;
    m_error = e;
    m_where = where;
}

lxw_format* Book::add(void (*set)(lxw_format*)) {
    lxw_format* fm = workbook_add_format(m_wb);
    if (!fm) {
        fail(LXW_ERROR_MEMORY_MALLOC_FAILED, "formats");
        return nullptr;
    }
    format_set_align(fm, LXW_ALIGN_VERTICAL_TOP);
    set(fm);
    return fm;
}
void Book::make_formats() {
    static constexpr const char* integer = "#,##0";
    static constexpr const char* decimal = "#,##0.00";
    static constexpr const char* usd = "$#,##0.00";
    m_f.title = add([](lxw_format* fm) {
        format_set_bold(fm);
        format_set_font_size(fm, 16);
    });
    m_f.section = add([](lxw_format* fm) {
        format_set_bold(fm);
        format_set_font_size(fm, 12);
    });
    m_f.header = add([](lxw_format* fm) {
        format_set_bold(fm);
        format_set_text_wrap(fm);
        format_set_bg_color(fm, 0xDDE4EE);
        format_set_bottom(fm, LXW_BORDER_THIN);
    });
    m_f.label = add([](lxw_format* fm) { format_set_bold(fm); });
    m_f.text = add([](lxw_format*) {});
    m_f.wrap = add([](lxw_format* fm) {
        format_set_text_wrap(fm);
        format_set_indent(fm, 1);
    });
    m_f.center = add([](lxw_format* fm) { format_set_align(fm, LXW_ALIGN_CENTER); });
    m_f.count = add([](lxw_format* fm) {
        format_set_num_format(fm, integer);
        format_set_align(fm, LXW_ALIGN_CENTER);
    });
    m_f.integer = add([](lxw_format* fm) { format_set_num_format(fm, integer); });
    m_f.decimal = add([](lxw_format* fm) { format_set_num_format(fm, decimal); });
    m_f.usd = add([](lxw_format* fm) { format_set_num_format(fm, usd); });
    m_f.total_label = add([](lxw_format* fm) {
        format_set_bold(fm);
        format_set_top(fm, LXW_BORDER_THIN);
    });
    m_f.total_usd = add([](lxw_format* fm) {
        format_set_bold(fm);
        format_set_top(fm, LXW_BORDER_THIN);
        format_set_num_format(fm, usd);
    });
    m_f.value_text = add([](lxw_format* fm) {
        format_set_text_wrap(fm);
        format_set_align(fm, LXW_ALIGN_LEFT);
    });
    m_f.value_integer = add([](lxw_format* fm) {
        format_set_num_format(fm, integer);
        format_set_align(fm, LXW_ALIGN_LEFT);
    });
    m_f.value_decimal = add([](lxw_format* fm) {
        format_set_num_format(fm, decimal);
        format_set_align(fm, LXW_ALIGN_LEFT);
    });
    m_f.value_usd = add([](lxw_format* fm) {
        format_set_num_format(fm, usd);
        format_set_align(fm, LXW_ALIGN_LEFT);
        format_set_bold(fm);
    });
    m_f.value_date = add([](lxw_format* fm) {
        format_set_num_format(fm, "yyyy-mm-dd");
        format_set_align(fm, LXW_ALIGN_LEFT);
    });
}

} // namespace irisize::xlsx_detail
