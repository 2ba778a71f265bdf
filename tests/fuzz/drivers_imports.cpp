// SPDX-License-Identifier: GPL-3.0-or-later
// The importers' drivers: SystemPerformance reports (import-metrics) and AWS price-list offer
// files (import-prices), each taken as far as the command takes it.
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "drivers.hpp"
#include "irisize/import/metrics_import.hpp"
#include "irisize/plan/plan_check.hpp"
#include "irisize/import/price_import.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"

namespace irisize::fuzz {

namespace {

std::string number_text(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// A summarised figure: finite, and its percentile never above its peak.
void check_stat(Outcome& out, const MetricStat& m, std::string_view what) {
    const std::string name = std::string(what) + " " + m.field;
    if (m.at_percentile && !std::isfinite(*m.at_percentile))
        out.bugs.push_back(name + ": the percentile is not a finite number");
    if (m.peak && !std::isfinite(*m.peak))
        out.bugs.push_back(name + ": the peak is not a finite number");
    if (m.at_percentile && m.peak && *m.at_percentile > *m.peak)
        out.bugs.push_back(name + ": the percentile " + number_text(*m.at_percentile) + " is above the peak " +
                           number_text(*m.peak));
}

} // namespace

Outcome metrics_report(std::string_view bytes, const Catalog& catalog) {
    Outcome out;
    auto report = parse_system_performance(bytes, "fuzz.html", irisize::units::in_KiB(catalog.policy.n.journal_io));
    if (!report) {
        ++out.refused;
        if (report.error().message.empty())
            out.bugs.push_back("report: an error without a message (field '" + report.error().field + "')");
        return out;
    }
    ++out.accepted;
    if (report->mgstat_samples == 0 && report->vmstat_samples == 0)
        out.bugs.push_back("report: accepted without an mgstat or vmstat sample");
    for (double percentile : {95.0, 100.0}) {
        const auto summary = summarize({*report}, percentile);
        for (const MetricStat* m :
             {&summary.read_iops, &summary.write_iops, &summary.journal_mibps, &summary.peak_cores,
              &summary.cpu_busy_percent, &summary.device_write_iops, &summary.global_buffers_gib, &summary.size_gib})
            check_stat(out, *m, "summary");
        nlohmann::json doc;
        try {
            doc = to_workload_document(summary, "", "iris", "eu-west-1");
            (void)doc.dump(2); // what `irisize import-metrics -o` writes
        } catch (const nlohmann::json::exception& e) {
            out.bugs.push_back(std::string("report: the workload document cannot be written: ") + e.what());
            continue;
        }
        if (!doc.contains("database") || !doc["database"].is_object()) {
            out.bugs.push_back("report: the workload document has no database object");
            continue;
        }
        for (const auto& [key, value] : doc["database"].items())
            if (!value.is_number() || !std::isfinite(value.get<double>()))
                out.bugs.push_back("report: database." + key + " in the workload document is " + value.dump());
        if (percentile != 95.0)
            continue; // sizing the peak as well adds little but time
        auto w = parse_workload(doc);
        if (!w) {
            ++out.refused; // size_gib is written only when the report shows it; negative figures are refused
            if (w.error().message.empty())
                out.bugs.push_back("report: the imported workload is refused without a message");
            continue;
        }
        SizeOptions opt;
        opt.explain = false;
        auto plan = size(*w, catalog, opt);
        if (!plan) {
            if (plan.error().message.empty())
                out.bugs.push_back("report: size() refused the imported workload without a message");
            continue;
        }
        ++out.planned;
        for (const auto& p : check_plan(*plan, *w, catalog))
            out.bugs.push_back("report: the plan of the imported workload fails its check: " + p);
    }
    return out;
}

namespace {

// The previous eu-west-1 price file, which import-prices carries figures over from.
const nlohmann::json& existing_eu_west_1(const Catalog& catalog) {
    static const nlohmann::json doc = [&] {
        std::ifstream in(catalog.data_dir / "prices" / "eu-west-1.json", std::ios::binary);
        return nlohmann::json::parse(in);
    }();
    return doc;
}

void check_price(Outcome& out, const OfferPrice& p, const std::string& what) {
    if (!std::isfinite(p.usd) || p.usd < 0)
        out.bugs.push_back("offer: " + what + " read as " + number_text(p.usd) + " (line " + std::to_string(p.line) +
                           ")");
}

} // namespace

Outcome price_offer(std::string_view bytes, const Catalog& catalog) {
    Outcome out;
    const auto& existing = existing_eu_west_1(catalog);
    PriceImportOptions options;
    options.region = "eu-west-1";
    for (const auto& it : catalog.instances.instances)
        options.instance_types.push_back(it.type);
    options.location = existing.value("region_name", std::string());
    options.io2_tier_bounds = io2_tier_bounds(existing);
    std::istringstream in{std::string(bytes)};
    auto found = read_price_offer(in, options, "fuzz.csv");
    if (!found) {
        ++out.refused;
        if (found.error().message.empty())
            out.bugs.push_back("offer: an error without a message (field '" + found.error().field + "')");
        return out;
    }
    ++out.accepted;
    for (const auto& [type, p] : found->instances)
        check_price(out, p, "instance " + type);
    for (const auto& [type, e] : found->ebs) {
        for (const auto* p : {&e.per_gib_month, &e.per_iops_month, &e.per_mibps_month, &e.per_million_io})
            if (*p)
                check_price(out, **p, "EBS " + type);
        for (const auto& tier : e.iops_tiers)
            check_price(out, tier.price, "EBS " + type + " IOPS tier");
    }
    for (const auto* p : {&found->snapshot, &found->snapshot_archive})
        if (*p)
            check_price(out, **p, "snapshot");
    if (found->region_rows == 0)
        return out; // import-prices stops here: the offer file of another region
    nlohmann::json doc;
    try {
        doc = to_price_document(*found, "eu-west-1", existing, found->as_of, "fuzz.csv");
        (void)doc.dump(2); // what `irisize import-prices` writes
    } catch (const nlohmann::json::exception& e) {
        out.bugs.push_back(std::string("offer: the price document cannot be written: ") + e.what());
        return out;
    }
    // import-prices checks the result this way before it writes anything.
    auto checked = parse_price_list(doc, catalog.instances, "eu-west-1.json");
    if (!checked) {
        ++out.refused;
        if (checked.error().message.empty())
            out.bugs.push_back("offer: the price document is refused without a message");
    }
    return out;
}

} // namespace irisize::fuzz
