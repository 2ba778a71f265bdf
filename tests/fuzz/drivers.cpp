// SPDX-License-Identifier: GPL-3.0-or-later
// The fuzz drivers' bodies: one input read as a workload document, as batch rows or as a
// data file (rule set, instance catalog, price list, profile, sizing policy); what reads is
// sized and checked, and any bug seen is noted.
#include "drivers.hpp"

#include "irisize/workload/csv_row.hpp"
#include "irisize/plan/plan_check.hpp"
#include "irisize/plan/plan_json.hpp"
#include "irisize/data/rule_set.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

namespace irisize::fuzz {

namespace {

// An Error must say something a user can act on.
template <class T>
void note(Outcome& out, const Result<T>& r, std::string_view what) {
    if (r.ok()) {
        ++out.accepted;
        return;
    }
    ++out.refused;
    if (r.error().message.empty())
        out.bugs.push_back(std::string(what) + ": an error without a message (field '" + r.error().field + "')");
}

// Sizes an accepted workload; a plan must pass the independent check and be writable as JSON.
void size_and_check(Outcome& out, const Workload& w, const Catalog& catalog, bool explain, std::string_view what) {
    SizeOptions opt;
    opt.explain = explain;
    auto plan = size(w, catalog, opt);
    if (!plan) {
        if (plan.error().message.empty())
            out.bugs.push_back(std::string(what) + ": size() refused without a message");
        return;
    }
    ++out.planned;
    for (const auto& p : check_plan(*plan, w, catalog))
        out.bugs.push_back(std::string(what) + ": the plan fails its check: " + p);
    try {
        // What `irisize size --format json` and `batch --details` write.
        (void)to_json(*plan).dump(2);
    } catch (const nlohmann::json::exception& e) {
        out.bugs.push_back(std::string(what) + ": the plan cannot be written as JSON: " + e.what());
    }
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (;;) {
        const auto at = s.find(sep);
        parts.push_back(s.substr(0, at));
        if (at == std::string_view::npos)
            return parts;
        s.remove_prefix(at + 1);
    }
}

std::vector<std::string> fields_of(std::string_view line) {
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    std::vector<std::string> out;
    for (auto f : split(line, ','))
        out.emplace_back(f);
    return out;
}

} // namespace

Outcome workload_json(std::string_view bytes, const Catalog& catalog) {
    Outcome out;
    // What `irisize size FILE` reads with: text that is not JSON is an Error too.
    std::istringstream in{std::string(bytes)};
    auto w = read_workload(in, "fuzz.json");
    note(out, w, "workload");
    if (!w)
        return out;
    // The document written back is read back the same (the GUI saves projects this way).
    const auto again = parse_workload(to_json(*w));
    if (!again)
        out.bugs.push_back("workload: to_json() of an accepted workload is refused: " + again.error().what());
    else if (to_json(*again) != to_json(*w))
        out.bugs.push_back("workload: to_json() does not read back to the same workload");
    size_and_check(out, *w, catalog, true, "workload");
    return out;
}

Outcome batch_rows(std::string_view bytes, const Catalog& catalog) {
    Outcome out;
    const auto lines = split(bytes, '\n');
    auto header = BatchHeader::make(fields_of(lines.front()), false);
    note(out, header, "header");
    if (!header)
        return out;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto fields = fields_of(lines[i]);
        for (bool decimal_comma : {false, true}) {
            auto w = workload_from_row(*header, fields, BatchRowOptions{decimal_comma});
            note(out, w, "row");
            if (!w)
                continue;
            // A row means what the same workload means as JSON: accepted there too.
            if (auto j = parse_workload(to_json(*w)); !j)
                out.bugs.push_back("row: accepted, but its JSON form is refused: " + j.error().what());
            size_and_check(out, *w, catalog, false, "row");
        }
    }
    return out;
}

namespace {
constexpr const char* kDataKinds[] = {"rule set", "instance catalog", "price list", "profile", "sizing policy"};
constexpr std::size_t kDataKindCount = sizeof kDataKinds / sizeof kDataKinds[0];
} // namespace

const char* data_file_kind(std::string_view bytes) {
    return bytes.empty() ? "nothing" : kDataKinds[static_cast<unsigned char>(bytes.front()) % kDataKindCount];
}

Outcome data_file(std::string_view bytes, const Catalog& catalog) {
    Outcome out;
    if (bytes.empty())
        return out;
    const std::size_t kind = static_cast<unsigned char>(bytes.front()) % kDataKindCount;
    bytes.remove_prefix(1);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(bytes.begin(), bytes.end());
    } catch (const nlohmann::json::exception&) {
        ++out.refused;
        return out;
    }
    const std::string origin = "fuzz.json";
    switch (kind) {
    case 0:
        note(out, parse_rule_set(doc, origin), "rule set");
        break;
    case 1:
        note(out, parse_instance_catalog(doc, origin), "instance catalog");
        break;
    case 2:
        note(out, parse_price_list(doc, catalog.instances, origin), "price list");
        break;
    case 3:
        note(out, parse_profile(doc, origin), "profile");
        break;
    default:
        note(out, parse_sizing_policy(doc, origin), "sizing policy");
        break;
    }
    return out;
}

} // namespace irisize::fuzz
