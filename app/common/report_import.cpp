// SPDX-License-Identifier: GPL-3.0-or-later
// The SystemPerformance import service: each report read and told by its header, the
// unreadable ones skipped with the reason, and the workload written in a stable field order.
#include "report_import.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace irisize::app {

namespace {

/// The whole file, or why it cannot be read.
Result<std::string> slurp(const std::string& path) {
    if (path == "-") {
        std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        return text;
    }
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        return Error{path, "cannot be read: no such file"};
    if (std::filesystem::is_directory(status))
        return Error{path, "cannot be read: it is a directory"};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path, fmt::format("cannot be opened: {}", std::strerror(errno))};
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad())
        return Error{path, "cannot be read (I/O error)"};
    return buf.str();
}

} // namespace

double default_import_percentile(const Catalog& catalog) { return catalog.policy.n.import_percentile_default; }

ReportImport import_reports(const Catalog& catalog, const std::vector<std::string>& paths,
                            std::optional<double> percentile) {
    ReportImport out;
    std::vector<SystemPerformanceReport> reports;
    for (const auto& path : paths) {
        const std::string origin = path == "-" ? std::string("standard input") : path;
        auto text = slurp(path);
        if (!text) {
            out.skipped.push_back(text.error().what());
            continue;
        }
        auto report = parse_system_performance(*text, origin, units::in_KiB(catalog.policy.n.journal_io));
        if (!report) {
            out.skipped.push_back(report.error().what());
            continue;
        }
        reports.push_back(std::move(report).value());
    }
    if (reports.empty())
        return out;
    out.summary = summarize(reports, percentile.value_or(default_import_percentile(catalog)));
    std::vector<std::string> skipped;
    for (const auto& f : out.skipped)
        skipped.push_back("skipped: " + f);
    out.summary->warnings.insert(out.summary->warnings.begin(), skipped.begin(), skipped.end());
    return out;
}

nlohmann::ordered_json workload_in_file_order(const nlohmann::json& doc) {
    nlohmann::ordered_json out;
    for (const char* key : {"schema", "name", "description", "product", "region", "database"})
        if (doc.contains(key))
            out[key] = doc[key];
    for (const auto& [key, value] : doc.items())
        if (!out.contains(key))
            out[key] = value;
    if (out.contains("database")) {
        nlohmann::ordered_json db;
        for (const char* key : {"size_gib", "read_iops", "write_iops", "journal_mibps", "peak_cores", "global_buffers_gib"})
            if (doc["database"].contains(key))
                db[key] = doc["database"][key];
        for (const auto& [key, value] : doc["database"].items())
            if (!db.contains(key))
                db[key] = value;
        out["database"] = db;
    }
    return out;
}

} // namespace irisize::app
