// SPDX-License-Identifier: GPL-3.0-or-later
// The summary as a schema-1 workload document: the measured figures under `database`, and an
// `_import` record of where each came from (files, percentile, value, peak, samples, span),
// the cross-checks and the warnings; journal_mibps marked an estimate.

#include "irisize/import/metrics_import.hpp"
#include "irisize/format.hpp"

#include <chrono>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace irisize {

using std::string;

string format_timestamp(std::int64_t t) {
    using namespace std::chrono;
    auto days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    const auto secs = t - days * 86400;
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), secs / 3600,
                       (secs / 60) % 60, secs % 60);
}

namespace {

double rounded(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

nlohmann::json stat_json(const MetricStat& m, double percentile, bool configuration) {
    nlohmann::json j;
    j["source"] = m.source;
    j["unit"] = m.unit;
    j["files"] = m.files;
    if (configuration) {
        j["value"] = m.at_percentile ? nlohmann::json(*m.at_percentile) : nlohmann::json();
        j["taken_from"] = "the most recent report";
        j["largest"] = m.peak ? nlohmann::json(*m.peak) : nlohmann::json();
        j["reports"] = m.samples;
    } else {
        j["percentile"] = percentile;
        j["value"] = m.at_percentile ? nlohmann::json(*m.at_percentile) : nlohmann::json();
        j["peak"] = m.peak ? nlohmann::json(*m.peak) : nlohmann::json();
        if (m.peak_time)
            j["peak_at"] = format_timestamp(*m.peak_time);
        j["samples"] = m.samples;
    }
    if (m.first && m.last) {
        j["first"] = format_timestamp(*m.first);
        j["last"] = format_timestamp(*m.last);
        j["span_hours"] = rounded(static_cast<double>(*m.last - *m.first) / 3600.0, 2);
    }
    return j;
}

} // namespace

nlohmann::json to_workload_document(const MetricsSummary& s, const string& name, const string& product,
                                    const string& region) {
    nlohmann::json doc;
    doc["schema"] = 1;
    doc["name"] = !name.empty() ? name : !s.hostname.empty() ? s.hostname : string("imported-workload");
    doc["description"] = fmt::format("Measured from {} file(s), p{} (irisize import-metrics)", s.files.size(),
                                     s.percentile);
    doc["product"] = product;
    if (!region.empty())
        doc["region"] = region;
    auto& db = doc["database"];
    db = nlohmann::json::object();
    // Whole IOPS, cores and MiB/s to 2 decimals, GiB to 3: finer than any sizing step.
    if (s.size_gib.at_percentile)
        db["size_gib"] = rounded(*s.size_gib.at_percentile, 1);
    if (s.read_iops.at_percentile)
        db["read_iops"] = rounded(*s.read_iops.at_percentile, 0);
    if (s.write_iops.at_percentile)
        db["write_iops"] = rounded(*s.write_iops.at_percentile, 0);
    if (s.journal_mibps.at_percentile)
        db["journal_mibps"] = rounded(*s.journal_mibps.at_percentile, 2);
    if (s.peak_cores.at_percentile)
        db["peak_cores"] = rounded(*s.peak_cores.at_percentile, 2);
    if (s.global_buffers_gib.at_percentile && *s.global_buffers_gib.at_percentile > 0)
        db["global_buffers_gib"] = rounded(*s.global_buffers_gib.at_percentile, 3);

    nlohmann::json imp;
    imp["tool"] = "irisize import-metrics";
    imp["percentile"] = s.percentile;
    imp["method"] = s.method;
    imp["files"] = s.files;
    if (s.first && s.last) {
        imp["first_sample"] = format_timestamp(*s.first);
        imp["last_sample"] = format_timestamp(*s.last);
    }
    imp["covered_hours"] = rounded(s.covered_hours, 2);
    imp["samples"] = {{"mgstat", s.mgstat_samples},
                      {"vmstat", s.vmstat_samples},
                      {"iostat", s.iostat_samples},
                      {"perfmon", s.perfmon_samples}};
    if (s.cpus)
        imp["cpus"] = *s.cpus;
    if (s.memory_gib) {
        imp["memory_gib"] = rounded(*s.memory_gib, 1);
        // The running server's RAM: the plan says whether the site itself passes the memory rule.
        doc["database"]["site_memory_gib"] = rounded(*s.memory_gib, 1);
    }
    auto& fields = imp["fields"];
    for (const MetricStat* m : {&s.read_iops, &s.write_iops, &s.journal_mibps, &s.peak_cores})
        fields[m->field] = stat_json(*m, s.percentile, false);
    if (s.journal_mibps.has_value() && s.journal_io_kib > 0) {
        // Jrnwrts counts writes, not bytes: the MiB/s rest on an assumed write size.
        auto& j = fields["journal_mibps"];
        j["estimate"] = true;
        j["journal_block_kib"] = s.journal_io_kib;
        j["note"] = fmt::format("estimated from mgstat Jrnwrts x {} KiB per journal write (data/sizing.json "
                                "journal_io_kib); journal writes are 4 KiB to 4 MiB, so the journal disk's iostat "
                                "wkB/s is the better measure",
                                num(s.journal_io_kib));
    }
    fields["global_buffers_gib"] = stat_json(s.global_buffers_gib, s.percentile, true);
    fields["size_gib"] = s.size_gib.has_value()
                             ? stat_json(s.size_gib, s.percentile, true)
                             : nlohmann::json{{"value", nullptr}, {"note", "not in the report(s): add it"}};
    auto& checks = imp["cross_checks"];
    checks["cpu_busy_percent"] = stat_json(s.cpu_busy_percent, s.percentile, false);
    checks["database_device_write_iops"] = stat_json(s.device_write_iops, s.percentile, false);
    if (s.disk_iops.has_value())
        checks["disk_transfers_iops"] = stat_json(s.disk_iops, s.percentile, false);
    if (s.disk_mibps.has_value())
        checks["disk_mibps"] = stat_json(s.disk_mibps, s.percentile, false);
    imp["warnings"] = s.warnings;
    doc["_import"] = std::move(imp);
    // Text copied from the report (paths, host names) may not be UTF-8 (an old Latin-1 CPF):
    // replace what is not, so that the document always serialises.
    return nlohmann::json::parse(doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace irisize
