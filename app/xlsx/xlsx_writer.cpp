// SPDX-License-Identifier: GPL-3.0-or-later
#include "xlsx_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "irisize/format.hpp"

namespace irisize {

namespace {

namespace u = units;
namespace fs = std::filesystem;

/// Longest text a cell holds (bytes, as libxlsxwriter counts).
constexpr std::size_t max_cell_bytes = 32767;

// --- cell addresses ------------------------------------------------------------------------

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

/// Cut text to what a cell holds, at a UTF-8 character boundary.
std::string_view cell_text(std::string_view s) {
    if (s.size() <= max_cell_bytes)
        return s;
    std::size_t n = max_cell_bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return s.substr(0, n);
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

// --- the workbook ------------------------------------------------------------------------

/// libxlsxwriter's message for an error, without its closing full stop.
std::string reason(lxw_error e) {
    std::string s = lxw_strerror(e);
    while (!s.empty() && (s.back() == '.' || s.back() == ' '))
        s.pop_back();
    return s;
}

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

    lxw_worksheet* sheet(const char* name) {
        lxw_worksheet* ws = workbook_add_worksheet(m_wb, name);
        if (!ws)
            fail(LXW_ERROR_MEMORY_MALLOC_FAILED, name);
        return ws;
    }

    void text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view s, lxw_format* fmt) {
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
    /// Sets a column's width (in characters) and default format.
    void column(lxw_worksheet* ws, lxw_col_t col, double width, lxw_format* fmt) {
        if (!ws)
            return;
        check(worksheet_set_column(ws, col, col, width, fmt), ws, 0, col);
        m_widths[{ws, col}] = width;
    }
    /// Gives the rows with wrapped text the height their lines need: spreadsheet programs
    /// do not work it out when they open a file, and the text would be cut off.
    void fit_rows() {
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
    /// A number cell. A value that is not finite (never in a valid plan) is written as "n/a".
    void number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v, lxw_format* fmt) {
        if (!ws)
            return;
        if (!std::isfinite(v)) {
            text(ws, row, col, "n/a", fmt);
            return;
        }
        check(worksheet_write_number(ws, row, col, v, fmt), ws, row, col);
    }
    /// A formula with its value cached, for viewers that do not recalculate.
    void formula(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& f, double cached,
                 lxw_format* fmt) {
        if (!ws)
            return;
        check(worksheet_write_formula_num(ws, row, col, f.c_str(), fmt, std::isfinite(cached) ? cached : 0.0), ws, row,
              col);
    }
    void date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* date_fmt,
              lxw_format* text_fmt) {
        if (auto d = parse_date(s)) {
            if (ws)
                check(worksheet_write_datetime(ws, row, col, &*d, date_fmt), ws, row, col);
        } else {
            text(ws, row, col, s, text_fmt);
        }
    }

    /// Header row, column widths, frozen header, autofilter over the data rows, and print
    /// settings (landscape, one page wide, header row repeated).
    void table(lxw_worksheet* ws, const std::vector<Column>& cols, lxw_row_t last_data_row) {
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
    void print_setup(lxw_worksheet* ws) {
        if (!ws)
            return;
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        check(worksheet_set_footer(ws, "&L&A&RPage &P of &N"), ws, 0, 0);
    }

private:
    void check(lxw_error e, lxw_worksheet* ws, lxw_row_t row, lxw_col_t col) {
        if (e == LXW_NO_ERROR || m_error != LXW_NO_ERROR)
            return;
        m_error = e;
        m_where = fmt::format("{}!{}", ws && ws->name ? ws->name : "?", ref(row, col));
    }
    void fail(lxw_error e, const char* where) {
        if (m_error != LXW_NO_ERROR)
            return;
        m_error = e;
        m_where = where;
    }

    lxw_format* add(auto&& set) {
        lxw_format* fm = workbook_add_format(m_wb);
        if (!fm) {
            fail(LXW_ERROR_MEMORY_MALLOC_FAILED, "formats");
            return nullptr;
        }
        format_set_align(fm, LXW_ALIGN_VERTICAL_TOP);
        set(fm);
        return fm;
    }
    void make_formats() {
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

    /// Lines a text takes in a column `chars` characters wide, wrapped at spaces.
    static int line_count(std::string_view text, double chars) {
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

    struct Wrapped {
        lxw_worksheet* ws;
        lxw_row_t row;
        lxw_col_t col;
        std::string text;
        bool bold;
    };
    static constexpr double default_width = 8.43;   ///< Excel's default column width
    static constexpr double line_height = 15.0;     ///< points, one line of the default font
    static constexpr double max_row_height = 409.0; ///< points, the most a spreadsheet row can be
    /// Characters of running text per unit of column width (the width of a digit): prose has
    /// narrow letters and spaces; bold headers less so. Slightly generous, so that a row is
    /// rather a little too high than cut off.
    static constexpr double chars_per_width = 1.2;
    static constexpr double bold_chars_per_width = 1.0;

    lxw_workbook* m_wb;
    Formats m_f;
    std::vector<Wrapped> m_wrapped;
    std::map<std::pair<lxw_worksheet*, lxw_col_t>, double> m_widths;
    lxw_error m_error = LXW_NO_ERROR;
    std::string m_where;
};

/// Whole numbers without decimals, others with two (the cell keeps the full value).
lxw_format* size_format(const Formats& f, double v) {
    return std::floor(v) == v ? f.integer : f.decimal;
}

// --- the sheets ------------------------------------------------------------------------------

/// Rows of the Cost sheet before its lines: the header.
constexpr lxw_row_t cost_first_line_row = 1;

/// The row of the Cost sheet's total, which the Summary sheet refers to.
lxw_row_t cost_total_row(const Plan& plan) {
    return cost_first_line_row + static_cast<lxw_row_t>(plan.cost_lines.size());
}

void summary_sheet(Book& b, lxw_worksheet* ws, const Plan& plan, const XlsxOptions& options) {
    const Formats& f = b.f();
    b.column(ws, 0, 30, nullptr);
    b.column(ws, 1, 100, nullptr);
    b.print_setup(ws);
    b.text(ws, 0, 0, fmt::format("Sizing of {}", plan.name), f.title);
    lxw_row_t row = 2;
    auto item = [&](std::string_view label, std::string_view value) {
        b.text(ws, row, 0, label, f.label);
        b.text(ws, row, 1, value, f.value_text);
        ++row;
    };
    item("System", plan.name);
    if (!plan.description.empty())
        item("Description", plan.description);
    item("Product", plan.product);
    item("Region", plan.region);
    item("DR region", plan.dr_region.empty() ? "none" : plan.dr_region);
    item("EBS rule set", plan.rules);
    b.text(ws, row, 0, "Rule set as of", f.label);
    b.date(ws, row++, 1, plan.rules_as_of, f.value_date, f.value_text);
    item("Price source", plan.price_source);
    b.text(ws, row, 0, "Prices as of", f.label);
    b.date(ws, row++, 1, plan.price_as_of, f.value_date, f.value_text);
    if (!plan.dr_price_as_of.empty()) {
        b.text(ws, row, 0, "DR region prices as of", f.label);
        b.date(ws, row++, 1, plan.dr_price_as_of, f.value_date, f.value_text);
    }
    b.text(ws, row, 0, "Billing month (hours)", f.label);
    b.number(ws, row++, 1, u::in_hours(plan.month), f.value_integer);
    item("Contains estimates",
         plan.price_estimates ? "yes: some prices used are estimates (see the Cost sheet)" : "no");
    b.text(ws, row, 0, "Horizon (years)", f.label);
    b.number(ws, row++, 1, plan.horizon_years, f.value_integer);
    b.text(ws, row, 0, "Database at horizon (GiB)", f.label);
    const double db = u::in_GiB(plan.database_at_horizon);
    b.number(ws, row++, 1, db, std::floor(db) == db ? f.value_integer : f.value_decimal);

    // The totals refer to the Cost sheet, so that a changed cost line carries through.
    const double monthly = plan.monthly_usd();
    const lxw_row_t monthly_row = row++;
    b.text(ws, monthly_row, 0, "Total per month (USD)", f.label);
    b.formula(ws, monthly_row, 1, "=Cost!" + abs_ref(cost_total_row(plan), 2), monthly, f.value_usd);
    const lxw_row_t year_row = row++;
    b.text(ws, year_row, 0, "Total per year (USD)", f.label);
    b.formula(ws, year_row, 1, "=" + ref(monthly_row, 1) + "*12", monthly * 12.0, f.value_usd);
    const int years = std::max(plan.horizon_years, 1);
    b.text(ws, row, 0, fmt::format("Total over {} year{} (USD)", years, years == 1 ? "" : "s"), f.label);
    b.formula(ws, row, 1, fmt::format("={}*{}", ref(year_row, 1), years), monthly * 12.0 * years, f.value_usd);
    ++row;
    item("Prepared with", options.version.empty() ? "irisize" : "irisize " + options.version);
    b.text(ws, row, 0, "Report date", f.label);
    b.date(ws, row++, 1, options.date, f.value_date, f.value_text);

    ++row;
    b.text(ws, row++, 0, "Warnings", f.section);
    if (plan.warnings.empty())
        b.text(ws, row++, 1, "none", f.value_text);
    int n = 0;
    for (const auto& w : plan.warnings) {
        b.number(ws, row, 0, ++n, f.value_integer);
        b.text(ws, row++, 1, w, f.value_text);
    }
    ++row;
    b.text(ws, row, 1,
           "Money is in US dollars per billing month; sizes in GiB (2^30 bytes), throughput in MiB/s. The other "
           "sheets hold the servers, the volumes, every cost line, the growth and why each number is what it is.",
           f.value_text);
}

void servers_sheet(Book& b, lxw_worksheet* ws, const Plan& plan) {
    const Formats& f = b.f();
    const std::vector<Column> cols = {{"Role", 11},
                                      {"Region", 14},
                                      {"Availability zone", 14},
                                      {"Instance type", 15},
                                      {"Count", 8},
                                      {"vCPU (each)", 9},
                                      {"Memory (GiB, each)", 11},
                                      {"vCPU needed", 10},
                                      {"Memory needed (GiB)", 11},
                                      {"IOPS needed", 11},
                                      {"Throughput needed (MiB/s)", 13},
                                      {"Monthly each (USD)", 13},
                                      {"Monthly total (USD)", 13},
                                      {"Price estimate", 9}};
    lxw_row_t row = 1;
    for (const auto& m : plan.members) {
        const double each = plan.monthly_usd(m.instance_cost);
        const double mem = u::in_GiB(m.memory);
        const double mem_need = u::in_GiB(m.demand.memory);
        b.text(ws, row, 0, m.role, f.text);
        b.text(ws, row, 1, m.region, f.text);
        b.text(ws, row, 2, m.availability_zone, f.text);
        b.text(ws, row, 3, m.instance_type, f.text);
        b.number(ws, row, 4, m.count, f.count);
        b.number(ws, row, 5, m.vcpu, f.integer);
        b.number(ws, row, 6, mem, size_format(f, mem));
        b.number(ws, row, 7, m.demand.vcpu, f.decimal);
        b.number(ws, row, 8, mem_need, size_format(f, mem_need));
        b.number(ws, row, 9, u::in_iops(m.demand.iops), f.integer);
        b.number(ws, row, 10, u::in_MiBps(m.demand.throughput), f.decimal);
        b.number(ws, row, 11, each, f.usd);
        b.formula(ws, row, 12, fmt::format("={}*{}", ref(row, 4), ref(row, 11)), each * m.count, f.usd);
        b.text(ws, row, 13, yes_no(m.price_estimate), f.center);
        ++row;
    }
    const lxw_row_t last = row - 1;
    b.table(ws, cols, last);
    double total = 0;
    for (const auto& m : plan.members)
        total += plan.monthly_usd(m.instance_cost) * m.count;
    b.text(ws, row, 0, "Total", f.total_label);
    for (lxw_col_t c = 1; c < 12; ++c)
        b.text(ws, row, c, "", f.total_label);
    b.formula(ws, row, 12, fmt::format("=SUM({}:{})", ref(1, 12), ref(last, 12)), total, f.total_usd);
    b.text(ws, row, 13, "", f.total_label);
}

void storage_sheet(Book& b, lxw_worksheet* ws, const Plan& plan) {
    const Formats& f = b.f();
    const std::vector<Column> cols = {{"Member", 10},
                                      {"Availability zone", 13},
                                      {"Servers", 8},
                                      {"Purpose", 9},
                                      {"Type", 6},
                                      {"Stripe width (volumes)", 10},
                                      {"Size per volume (GiB)", 10},
                                      {"Total size (GiB)", 10},
                                      {"IOPS per volume", 10},
                                      {"Throughput per volume (MiB/s)", 12},
                                      {"Capacity needed (GiB)", 10},
                                      {"IOPS needed", 10},
                                      {"Throughput needed (MiB/s)", 12},
                                      {"Storage (USD/month)", 12},
                                      {"Provisioned IOPS (USD/month)", 12},
                                      {"Provisioned throughput (USD/month)", 12},
                                      {"Monthly per server (USD)", 12},
                                      {"Monthly all servers (USD)", 12},
                                      {"Explanation", 90, true}};
    lxw_row_t row = 1;
    double total = 0;
    for (const auto& m : plan.members)
        for (const auto& v : m.volumes) {
            const double size = u::in_GiB(v.size);
            const double need = u::in_GiB(v.demand_capacity);
            const double per_server = plan.monthly_usd(v.cost());
            total += per_server * m.count;
            b.text(ws, row, 0, m.role, f.text);
            b.text(ws, row, 1, m.availability_zone, f.text);
            b.number(ws, row, 2, m.count, f.count);
            b.text(ws, row, 3, v.purpose, f.text);
            b.text(ws, row, 4, v.type, f.text);
            b.number(ws, row, 5, v.stripe_width, f.count);
            b.number(ws, row, 6, size, size_format(f, size));
            b.formula(ws, row, 7, fmt::format("={}*{}", ref(row, 5), ref(row, 6)), size * v.stripe_width,
                      size_format(f, size));
            b.number(ws, row, 8, u::in_iops(v.iops), f.integer);
            b.number(ws, row, 9, u::in_MiBps(v.throughput), f.decimal);
            b.number(ws, row, 10, need, size_format(f, need));
            b.number(ws, row, 11, u::in_iops(v.demand_iops), f.integer);
            b.number(ws, row, 12, u::in_MiBps(v.demand_throughput), f.decimal);
            b.number(ws, row, 13, plan.monthly_usd(v.storage_cost), f.usd);
            b.number(ws, row, 14, plan.monthly_usd(v.iops_cost), f.usd);
            b.number(ws, row, 15, plan.monthly_usd(v.throughput_cost), f.usd);
            b.formula(ws, row, 16, fmt::format("=SUM({}:{})", ref(row, 13), ref(row, 15)), per_server, f.usd);
            b.formula(ws, row, 17, fmt::format("={}*{}", ref(row, 2), ref(row, 16)), per_server * m.count, f.usd);
            b.text(ws, row, 18, v.explanation, f.wrap);
            ++row;
        }
    const lxw_row_t last = row - 1;
    b.table(ws, cols, last);
    b.text(ws, row, 0, "Total", f.total_label);
    for (lxw_col_t c = 1; c < 17; ++c)
        b.text(ws, row, c, "", f.total_label);
    if (last >= 1)
        b.formula(ws, row, 17, fmt::format("=SUM({}:{})", ref(1, 17), ref(last, 17)), total, f.total_usd);
    else
        b.number(ws, row, 17, 0.0, f.total_usd);
    b.text(ws, row, 18, "", f.total_label);
}

void cost_sheet(Book& b, lxw_worksheet* ws, const Plan& plan) {
    const Formats& f = b.f();
    const std::vector<Column> cols = {
        {"Component", 46}, {"Category", 12}, {"Monthly (USD)", 14}, {"Estimate", 9}, {"Explanation", 90, true}};
    lxw_row_t row = cost_first_line_row;
    for (const auto& c : plan.cost_lines) {
        b.text(ws, row, 0, c.component, f.text);
        b.text(ws, row, 1, c.category, f.text);
        b.number(ws, row, 2, plan.monthly_usd(c.cost), f.usd);
        b.text(ws, row, 3, yes_no(c.estimate), f.center);
        b.text(ws, row, 4, c.explanation, f.wrap);
        ++row;
    }
    const lxw_row_t last = row - 1;
    b.table(ws, cols, last);
    b.text(ws, row, 0, "Total per month", f.total_label);
    b.text(ws, row, 1, "", f.total_label);
    if (last >= cost_first_line_row)
        b.formula(ws, row, 2, fmt::format("=SUM({}:{})", ref(cost_first_line_row, 2), ref(last, 2)), plan.monthly_usd(),
                  f.total_usd);
    else
        b.number(ws, row, 2, plan.monthly_usd(), f.total_usd);
    b.text(ws, row, 3, "", f.total_label);
    b.text(ws, row, 4, "", f.total_label);
}

void growth_sheet(Book& b, lxw_worksheet* ws, const Plan& plan) {
    const Formats& f = b.f();
    const std::vector<Column> cols = {{"Year", 7},
                                      {"Database (GiB)", 15},
                                      {"Data volume needed (GiB)", 14},
                                      {"Data volume planned (GiB)", 14},
                                      {"Monthly if sized for that year (USD)", 16}};
    lxw_row_t row = 1;
    for (const auto& y : plan.projection) {
        const double db = u::in_GiB(y.database);
        const double need = u::in_GiB(y.data_needed);
        const double planned = u::in_GiB(y.data_planned);
        b.number(ws, row, 0, y.year, f.integer);
        b.number(ws, row, 1, db, size_format(f, db));
        b.number(ws, row, 2, need, size_format(f, need));
        b.number(ws, row, 3, planned, size_format(f, planned));
        b.number(ws, row, 4, plan.monthly_usd(y.monthly_if_sized_for_year), f.usd);
        ++row;
    }
    const lxw_row_t last = row - 1;
    b.table(ws, cols, last);
    if (!ws || plan.projection.empty())
        return;
    b.text(ws, row + 1, 0,
           fmt::format("The plan provisions the data volumes for year {} from the start, at {} per month in total. "
                       "The last column is what the plan would cost if the data volumes were sized for that year "
                       "only.",
                       plan.horizon_years, money_str(plan.monthly_usd())),
           f.text);

    // Capacity needed and planned, year by year.
    lxw_chart* chart = workbook_add_chart(b.workbook(), LXW_CHART_LINE);
    if (!chart)
        return;
    const std::string years = fmt::format("=Growth!{}:{}", abs_ref(1, 0), abs_ref(last, 0));
    for (lxw_col_t c = 1; c <= 3; ++c) {
        const std::string values = fmt::format("=Growth!{}:{}", abs_ref(1, c), abs_ref(last, c));
        lxw_chart_series* s = chart_add_series(chart, years.c_str(), values.c_str());
        if (s)
            chart_series_set_name(s, fmt::format("=Growth!{}", abs_ref(0, c)).c_str());
    }
    chart_title_set_name(chart, "Data capacity by year");
    chart_axis_set_name(chart->x_axis, "Year");
    chart_axis_set_name(chart->y_axis, "GiB");
    chart_axis_set_num_format(chart->y_axis, "#,##0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt{};
    opt.x_scale = 1.3;
    opt.y_scale = 1.2;
    worksheet_insert_chart_opt(ws, row + 3, 0, chart, &opt);
}

/// The workload document, one row per value: a dotted path and the value as given.
void workload_rows(Book& b, lxw_worksheet* ws, lxw_row_t& row, const nlohmann::json& j, const std::string& path) {
    const Formats& f = b.f();
    if (j.is_object() && !j.empty()) {
        for (const auto& [k, v] : j.items())
            workload_rows(b, ws, row, v, path.empty() ? k : path + "." + k);
        return;
    }
    if (j.is_array() && !j.empty()) {
        for (std::size_t i = 0; i < j.size(); ++i)
            workload_rows(b, ws, row, j[i], fmt::format("{}[{}]", path, i));
        return;
    }
    b.text(ws, row, 0, path, f.value_text);
    if (j.is_number())
        b.number(ws, row, 3, j.get<double>(),
                 std::floor(j.get<double>()) == j.get<double>() ? f.value_integer : f.value_decimal);
    else if (j.is_boolean())
        b.text(ws, row, 3, j.get<bool>() ? "true" : "false", f.value_text);
    else if (j.is_string())
        b.text(ws, row, 3, j.get<std::string>(), f.value_text);
    else
        b.text(ws, row, 3, j.dump(), f.value_text);
    ++row;
}

void assumptions_sheet(Book& b, lxw_worksheet* ws, const Plan& plan, const XlsxOptions& options) {
    const Formats& f = b.f();
    b.column(ws, 0, 30, f.wrap);
    b.column(ws, 1, 16, nullptr);
    b.column(ws, 2, 14, nullptr);
    b.column(ws, 3, 100, f.wrap);
    b.print_setup(ws);
    lxw_row_t row = 0;
    auto header = [&](std::initializer_list<std::pair<lxw_col_t, const char*>> cells) {
        for (lxw_col_t c = 0; c < 4; ++c)
            b.text(ws, row, c, "", f.header);
        for (const auto& [c, name] : cells)
            b.text(ws, row, c, name, f.header);
        ++row;
    };

    b.text(ws, row++, 0, "Assumptions", f.section);
    header({{0, "No."}, {3, "Assumption"}});
    int n = 0;
    for (const auto& a : plan.assumptions) {
        b.number(ws, row, 0, ++n, f.value_integer);
        b.text(ws, row++, 3, a, f.wrap);
    }
    if (plan.assumptions.empty())
        b.text(ws, row++, 3, "none: every value came from the workload", f.wrap);

    ++row;
    b.text(ws, row++, 0, "Instances turned down", f.section);
    header({{0, "Role"}, {1, "Instance type"}, {2, "Monthly (USD)"}, {3, "Reason"}});
    for (const auto& r : plan.rejected) {
        b.text(ws, row, 0, r.role, f.value_text);
        b.text(ws, row, 1, r.instance_type, f.text);
        b.number(ws, row, 2, plan.monthly_usd(r.cost), f.usd);
        b.text(ws, row++, 3, r.reason, f.wrap);
    }
    if (plan.rejected.empty())
        b.text(ws, row++, 3, "none: no cheaper instance was looked at and turned down", f.wrap);

    ++row;
    b.text(ws, row++, 0, "Explanations", f.section);
    header({{0, "Subject"}, {3, "Explanation"}});
    for (const auto& e : plan.all_explanations()) {
        b.text(ws, row, 0, e.subject, f.value_text);
        b.text(ws, row++, 3, e.text, f.wrap);
    }

    if (!options.workload.is_null()) {
        ++row;
        b.text(ws, row++, 0, "Workload as given", f.section);
        header({{0, "Field"}, {3, "Value"}});
        workload_rows(b, ws, row, options.workload, "");
    }
}

/// Document properties: title, subject, author, comments with the data's dates.
lxw_error properties(lxw_workbook* wb, const Plan& plan, const XlsxOptions& options) {
    std::string title = fmt::format("Sizing of {}", plan.name);
    std::string subject = fmt::format("{} in {}{}", plan.product, plan.region,
                                      plan.dr_region.empty() ? "" : fmt::format(", DR in {}", plan.dr_region));
    std::string author = "irisize";
    std::string keywords = fmt::format("irisize, sizing, {}, {}", plan.product, plan.region);
    std::string comments =
        fmt::format("EBS rule set {} as of {}; prices as of {}{}; {}{}; irisize {}{}", plan.rules, plan.rules_as_of,
                    plan.price_as_of, plan.dr_price_as_of.empty() ? "" : " (DR region " + plan.dr_price_as_of + ")",
                    plan.price_source, plan.price_estimates ? "; contains estimates" : "", options.version,
                    options.date.empty() ? "" : ", " + options.date);
    lxw_doc_properties p{};
    p.title = title.data();
    p.subject = subject.data();
    p.author = author.data();
    p.keywords = keywords.data();
    p.comments = comments.data();
    // The report's date as the creation time, so that the same plan on the same day gives the same file.
    if (auto d = parse_date(options.date)) {
        std::tm tm{};
        tm.tm_year = d->year - 1900;
        tm.tm_mon = d->month - 1;
        tm.tm_mday = d->day;
        p.created = ::timegm(&tm);
    }
    return workbook_set_properties(wb, &p);
}

/// Writes the whole workbook to `file`, which is a scratch file nobody else sees.
Result<bool> build(const Plan& plan, const std::string& file, const XlsxOptions& options, const std::string& shown) {
    lxw_workbook_options wo{};
    wo.use_zip64 = LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(file.c_str(), &wo);
    if (!wb)
        return Error{shown, "cannot start the workbook: out of memory (nothing written)"};
    if (const lxw_error e = properties(wb, plan, options); e != LXW_NO_ERROR) {
        lxw_workbook_free(wb);
        return Error{shown, fmt::format("cannot set the document properties: {} (nothing written)", reason(e))};
    }
    Book b(wb);
    lxw_worksheet* summary = b.sheet("Summary");
    lxw_worksheet* servers = b.sheet("Servers");
    lxw_worksheet* storage = b.sheet("Storage");
    lxw_worksheet* cost = b.sheet("Cost");
    lxw_worksheet* growth = b.sheet("Growth");
    lxw_worksheet* assumptions = b.sheet("Assumptions");
    summary_sheet(b, summary, plan, options);
    servers_sheet(b, servers, plan);
    storage_sheet(b, storage, plan);
    cost_sheet(b, cost, plan);
    growth_sheet(b, growth, plan);
    assumptions_sheet(b, assumptions, plan, options);
    b.fit_rows();
    if (b.error() != LXW_NO_ERROR) {
        const std::string where = b.error_where();
        const lxw_error e = b.error();
        lxw_workbook_free(wb);
        return Error{shown, fmt::format("cannot write cell {}: {} (nothing written)", where, reason(e))};
    }
    errno = 0;
    const lxw_error e = workbook_close(wb); // frees the workbook, also on failure
    if (e != LXW_NO_ERROR) {
        const int err = errno;
        return Error{shown, fmt::format("cannot write the workbook: {}{} (nothing written)", reason(e),
                                        err != 0 ? fmt::format(": {}", std::strerror(err)) : std::string())};
    }
    return true;
}

// --- all or nothing ------------------------------------------------------------------------

/// Removes a scratch file unless released.
class ScratchFile {
public:
    explicit ScratchFile(std::string path) : m_path(std::move(path)) {}
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    ~ScratchFile() {
        if (!m_path.empty())
            ::unlink(m_path.c_str());
    }
    [[nodiscard]] const std::string& path() const { return m_path; }
    void release() { m_path.clear(); }

private:
    std::string m_path;
};

/// Makes an empty scratch file from a mkstemp template.
Result<std::string> make_scratch(std::string tmpl, const std::string& shown, const fs::path& dir) {
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return Error{
            shown, fmt::format("cannot create a file in {}: {} (nothing written)", dir.string(), std::strerror(errno))};
    ::close(fd);
    return tmpl;
}

Result<bool> write_all(int fd, const std::string& from, const std::string& shown) {
    const int in = ::open(from.c_str(), O_RDONLY);
    if (in < 0)
        return Error{shown, fmt::format("cannot read the workbook back: {}", std::strerror(errno))};
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(in);
            return Error{shown, fmt::format("cannot read the workbook back: {}", std::strerror(err))};
        }
        if (n == 0)
            break;
        ssize_t done = 0;
        while (done < n) {
            const ssize_t w = ::write(fd, buf + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                const int err = errno;
                ::close(in);
                return Error{shown, fmt::format("cannot write: {}", std::strerror(err))};
            }
            done += w;
        }
    }
    ::close(in);
    return true;
}

} // namespace

Result<bool> write_xlsx(const Plan& plan, const fs::path& file, const XlsxOptions& options) {
    const std::string shown = file.string();
    if (shown.empty())
        return Error{"-o", "no file name given"};

    // Where the bytes go: a symbolic link is followed; a device, pipe or standard output gets
    // a finished workbook copied into it; a regular file is replaced by a rename.
    fs::path target = file;
    bool special = shown == "-";
    mode_t mode = 0;
    if (!special) {
        std::error_code ec;
        if (fs::is_symlink(fs::symlink_status(target, ec))) {
            auto resolved = fs::weakly_canonical(target, ec);
            if (ec)
                return Error{shown, fmt::format("is a symbolic link that cannot be followed: {}", ec.message())};
            target = resolved;
        }
        struct stat st {};
        if (::stat(target.c_str(), &st) == 0) {
            if (S_ISDIR(st.st_mode))
                return Error{shown, "is a directory"};
            special = !S_ISREG(st.st_mode);
            mode = st.st_mode & 07777;
        } else {
            const mode_t mask = ::umask(0);
            ::umask(mask);
            mode = 0666 & ~mask;
        }
    }

    if (special) {
        std::error_code ec;
        const fs::path dir = fs::temp_directory_path(ec);
        if (ec)
            return Error{shown, fmt::format("no directory for a temporary file: {}", ec.message())};
        auto tmp = make_scratch((dir / "irisize-xlsx-XXXXXX").string(), shown, dir);
        if (!tmp)
            return tmp.error();
        ScratchFile scratch(*tmp);
        if (auto r = build(plan, scratch.path(), options, shown); !r)
            return r.error();
        if (shown == "-") {
            std::fflush(stdout);
            auto r = write_all(STDOUT_FILENO, scratch.path(), "-o");
            if (!r)
                return Error{"-o", "cannot write to standard output: " + r.error().message};
            return true;
        }
        const int out = ::open(target.c_str(), O_WRONLY | O_TRUNC);
        if (out < 0)
            return Error{shown, fmt::format("cannot be opened for writing: {}", std::strerror(errno))};
        auto r = write_all(out, scratch.path(), shown);
        ::close(out);
        return r;
    }

    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    auto tmp = make_scratch((dir / ("." + target.filename().string() + ".XXXXXX")).string(), shown, dir);
    if (!tmp)
        return tmp.error();
    ScratchFile scratch(*tmp);
    if (auto r = build(plan, scratch.path(), options, shown); !r)
        return r.error();
    const int fd = ::open(scratch.path().c_str(), O_RDONLY);
    if (fd < 0)
        return Error{shown, fmt::format("cannot reopen the workbook: {} (nothing written)", std::strerror(errno))};
    if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        return Error{shown, fmt::format("cannot flush to disk: {} (nothing written)", std::strerror(err))};
    }
    ::close(fd);
    if (::rename(scratch.path().c_str(), target.c_str()) != 0)
        return Error{shown, fmt::format("cannot replace the file: {} (nothing written)", std::strerror(errno))};
    scratch.release();
    return true;
}

} // namespace irisize
