// SPDX-License-Identifier: GPL-3.0-or-later
// write_xlsx(): the document properties and the six sheets in one workbook, made by
// libxlsxwriter into the file that app/common's all-or-nothing writer gives it and committed
// only when the whole workbook was written.
#include "xlsx_writer.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <string>

#include <fmt/format.h>

#include <xlsxwriter.h>

#include "output.hpp"
#include "xlsx_book.hpp"
#include "xlsx_sheets.hpp"

namespace irisize {

namespace {

using namespace xlsx_detail;

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

} // namespace

Result<bool> write_xlsx(const Plan& plan, const std::filesystem::path& file, const XlsxOptions& options) {
    const std::string shown = file.string();
    if (shown.empty())
        return Error{"-o", "no file name given"};
    return app::write_file_atomically_via(
        shown, [&](const std::string& scratch) { return build(plan, scratch, options, shown); });
}

} // namespace irisize
