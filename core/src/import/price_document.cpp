// SPDX-License-Identifier: GPL-3.0-or-later
// The prices read from an offer file (price_offer.cpp) written as a data/prices/<region>.json
// document, carrying over from the previous file what the offer file does not hold (region
// name, availability zones, transfer prices) and marking what was carried over.
#include "irisize/import/price_import.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "import/price_volume_types.hpp"

namespace irisize {

namespace {

using nlohmann::json;
using detail::volume_types;

} // namespace

namespace {

constexpr std::string_view kCarriedPrefix = "Carried over from the previous price file: ";

bool published(const json& entry) {
    if (!entry.is_object())
        return true;
    auto it = entry.find("confidence");
    return it == entry.end() || !it->is_string() || it->get<std::string>() == "published";
}

const json* member(const json* obj, std::string_view key) {
    if (obj == nullptr || !obj->is_object())
        return nullptr;
    auto it = obj->find(key);
    return it == obj->end() ? nullptr : &*it;
}

std::string join(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items)
        s += (s.empty() ? "" : ", ") + i;
    return s;
}

json tiers_json(const std::vector<OfferIopsTier>& tiers) {
    json arr = json::array();
    for (const auto& t : tiers) {
        json up_to = nullptr;
        if (t.up_to) {
            const double v = *t.up_to;
            up_to = v == std::floor(v) && v < 9e15 ? json(static_cast<std::int64_t>(v)) : json(v);
        }
        arr.push_back({{"up_to", up_to}, {"usd_per_iops_month", t.price.usd}});
    }
    return arr;
}

} // namespace

json to_price_document(const PriceImport& found, const std::string& region, const std::optional<json>& existing,
                       const std::string& as_of, const std::string& source) {
    const json* old = existing && existing->is_object() ? &*existing : nullptr;
    std::vector<std::string> estimates;
    bool carried_figures = false;

    json doc = json::object();
    doc["schema"] = 1;
    doc["kind"] = "price-list";
    doc["region"] = region;
    const json* name = member(old, "region_name");
    doc["region_name"] = name && name->is_string() ? *name : json(region);
    const json* azs = member(old, "availability_zones");
    doc["availability_zones"] = azs && azs->is_array() ? *azs : json::array();
    doc["currency"] = "USD";
    doc["term"] = "on-demand";
    const json* hours = member(old, "hours_per_month");
    if (hours && hours->is_number()) // AWS's billing month comes from the data, never from here
        doc["hours_per_month"] = *hours;
    doc["as_of"] = as_of;

    // Public references: the offer file for what it priced; for what is carried over, the
    // references the previous file gave it (an older file without references names its sources).
    json references = json::object();
    references["aws-offer"] = {
        {"title", fmt::format("AWS Price List for Amazon EC2 and Amazon EBS: On-Demand prices, {}",
                              doc["region_name"].get<std::string>())},
        {"as_of", as_of}};
    std::vector<std::string> prev_sources;
    if (const json* s = member(old, "source")) {
        if (s->is_string())
            prev_sources.push_back(s->get<std::string>());
        else if (s->is_array())
            for (const auto& x : *s)
                if (x.is_string())
                    prev_sources.push_back(x.get<std::string>());
    }
    const json* old_refs = member(old, "references");
    if (old_refs && !old_refs->is_object())
        old_refs = nullptr;
    const json* old_as_of = member(old, "as_of");
    auto previous_refs = [&](const json* entry, const json* fallback) {
        const json* ids = member(entry, "references");
        if (!ids || !ids->is_array())
            ids = fallback && fallback->is_array() ? fallback : nullptr;
        json out = json::array();
        if (old_refs) {
            for (const auto& [id, ref] : old_refs->items()) {
                if (ids && std::find(ids->begin(), ids->end(), json(id)) == ids->end())
                    continue;
                out.push_back(id);
                references[id] = ref;
            }
        } else {
            for (std::size_t i = 0; i < prev_sources.size(); ++i) {
                std::string title = prev_sources[i];
                if (title.starts_with(kCarriedPrefix))
                    title.erase(0, kCarriedPrefix.size());
                const std::string id = fmt::format("previous-source-{}", i + 1);
                out.push_back(id);
                references[id] = {{"title", title},
                                  {"as_of", old_as_of && old_as_of->is_string() ? *old_as_of : json("unknown")}};
            }
        }
        return out;
    };
    auto offer_and = [](json previous) {
        json out = json::array({"aws-offer"});
        for (auto& id : previous)
            if (id != "aws-offer")
                out.push_back(std::move(id));
        return out;
    };

    // Instances: every row found, then what the previous file priced and the offer did not.
    json instances = json::object();
    for (const auto& [type, price] : found.instances)
        instances[type] = {{"usd_per_hour", price.usd}, {"confidence", "published"}};
    std::vector<std::string> carried_estimates;
    std::size_t carried_instances = 0;
    if (const json* prev = member(old, "instances"); prev && prev->is_object()) {
        for (const auto& type : found.missing_instances) {
            auto it = prev->find(type);
            if (it == prev->end())
                continue;
            instances[type] = *it;
            instances[type]["references"] = previous_refs(&*it, member(old, "instance_references"));
            ++carried_instances;
            if (!published(*it))
                carried_estimates.push_back(type);
        }
    }
    if (carried_instances > 0)
        carried_figures = true;
    if (!carried_estimates.empty())
        estimates.push_back(fmt::format("Instance prices not in the AWS offer file ({}), carried over from the "
                                        "previous price file where they are estimates: {}",
                                        as_of, join(carried_estimates)));
    doc["instances"] = std::move(instances);

    // Reserved Instances: every offering the offer file lists for the types it prices (the file is
    // the source; nothing is carried over, since the offerings of a new file replace the old ones).
    if (!found.reserved.empty()) {
        json reserved = json::object();
        for (const auto& [type, offers] : found.reserved) {
            json list = json::array();
            for (const auto& o : offers)
                list.push_back({{"term_years", o.term_years},
                                {"purchase_option", o.purchase_option},
                                {"offering_class", o.offering_class},
                                {"upfront_usd", o.upfront_usd ? o.upfront_usd->usd : 0.0},
                                {"usd_per_hour", o.usd_per_hour ? o.usd_per_hour->usd : 0.0},
                                {"confidence", "published"}});
            reserved[type] = std::move(list);
        }
        doc["reserved"] = std::move(reserved);
    } else if (const json* prev = member(old, "reserved"); prev && prev->is_object()) {
        doc["reserved"] = *prev;
        carried_figures = true;
    }

    // EBS: per volume type, imported figures first, the rest carried over.
    const json* old_ebs = member(old, "ebs");
    json ebs = json::object();
    bool ebs_imported = false;
    std::vector<std::string> types(volume_types().begin(), volume_types().end());
    if (old_ebs && old_ebs->is_object())
        for (const auto& [key, value] : old_ebs->items())
            if (value.is_object() && std::find(types.begin(), types.end(), key) == types.end())
                types.push_back(key);
    for (const auto& type : types) {
        const json* prev = member(old_ebs, type);
        if (prev && !prev->is_object())
            prev = nullptr;
        auto fit = found.ebs.find(type);
        const OfferEbs* got = fit == found.ebs.end() ? nullptr : &fit->second;
        if (!got) {
            if (prev) {
                ebs[type] = *prev;
                ebs[type]["references"] = previous_refs(prev, member(old_ebs, "references"));
                carried_figures = true;
                if (!published(*prev))
                    estimates.push_back(fmt::format("EBS {}: not in the AWS offer file, carried over from the "
                                                    "previous price file where it is an estimate",
                                                    type));
            }
            continue;
        }
        ebs_imported = true;
        json entry = json::object();
        std::vector<std::string> carried;
        auto carry = [&](std::initializer_list<std::string_view> keys, std::string_view what) {
            bool any = false;
            for (auto k : keys)
                if (const json* v = member(prev, k)) {
                    entry[std::string(k)] = *v;
                    any = true;
                }
            if (any)
                carried.emplace_back(what);
        };
        if (got->per_gib_month)
            entry["usd_per_gib_month"] = got->per_gib_month->usd;
        else
            carry({"usd_per_gib_month"}, "storage");
        if (got->per_iops_month)
            entry["usd_per_iops_month"] = got->per_iops_month->usd;
        else if (!got->iops_tiers.empty())
            entry["iops_tiers"] = tiers_json(got->iops_tiers);
        else
            carry({"usd_per_iops_month", "iops_tiers"}, "IOPS");
        if (got->per_mibps_month)
            entry["usd_per_mibps_month"] = got->per_mibps_month->usd;
        else
            carry({"usd_per_mibps_month"}, "throughput");
        if (got->per_million_io)
            entry["usd_per_million_io"] = got->per_million_io->usd;
        else
            carry({"usd_per_million_io"}, "I/O requests");
        std::string confidence = "published";
        if (!carried.empty()) {
            carried_figures = true;
            if (prev) {
                for (const auto& [k, v] : prev->items())
                    if (!entry.contains(k) && k != "confidence")
                        entry[k] = v; // notes and anything else that explains the carried figures
                if (!published(*prev)) {
                    confidence = prev->value("confidence", "estimate");
                    estimates.push_back(fmt::format("EBS {} {}: not in the AWS offer file, carried over from the "
                                                    "previous price file where it is an estimate (so the whole "
                                                    "entry is marked {})",
                                                    type, join(carried), confidence));
                }
            }
        }
        entry["confidence"] = confidence;
        entry["references"] = carried.empty() || !prev
                                  ? json::array({"aws-offer"})
                                  : offer_and(previous_refs(prev, member(old_ebs, "references")));
        ebs[type] = std::move(entry);
    }
    if (ebs_imported)
        ebs["as_of"] = as_of;
    else if (const json* a = member(old_ebs, "as_of"))
        ebs["as_of"] = *a;
    doc["ebs"] = std::move(ebs);

    // Snapshots.
    const json* old_snap = member(old, "snapshot");
    if (old_snap && !old_snap->is_object())
        old_snap = nullptr;
    if (found.snapshot || found.snapshot_archive) {
        json snap = json::object();
        snap["as_of"] = as_of;
        std::vector<std::string> carried;
        if (found.snapshot)
            snap["usd_per_gib_month"] = found.snapshot->usd;
        else if (const json* v = member(old_snap, "usd_per_gib_month")) {
            snap["usd_per_gib_month"] = *v;
            carried.emplace_back("storage");
        }
        if (found.snapshot_archive)
            snap["archive_usd_per_gib_month"] = found.snapshot_archive->usd;
        else if (const json* v = member(old_snap, "archive_usd_per_gib_month")) {
            snap["archive_usd_per_gib_month"] = *v;
            carried.emplace_back("archive");
        }
        std::string confidence = "published";
        if (!carried.empty()) {
            carried_figures = true;
            if (!published(*old_snap)) {
                confidence = old_snap->value("confidence", "estimate");
                estimates.push_back(fmt::format("Snapshot {} price: not in the AWS offer file, carried over from "
                                                "the previous price file where it is an estimate (so the whole "
                                                "entry is marked {})",
                                                join(carried), confidence));
            }
        }
        snap["confidence"] = confidence;
        snap["references"] = carried.empty() ? json::array({"aws-offer"}) : offer_and(previous_refs(old_snap, nullptr));
        doc["snapshot"] = std::move(snap);
    } else if (old_snap) {
        doc["snapshot"] = *old_snap;
        doc["snapshot"]["references"] = previous_refs(old_snap, nullptr);
        carried_figures = true;
        if (!published(*old_snap))
            estimates.push_back("Snapshot prices: not in the AWS offer file, carried over from the previous price "
                                "file where they are estimates");
    }

    // Transfer prices are not in the AmazonEC2 offer file's scope here: always carried over.
    if (const json* tr = member(old, "transfer")) {
        doc["transfer"] = *tr;
        if (tr->is_object())
            doc["transfer"]["references"] = previous_refs(tr, nullptr);
        carried_figures = true;
        if (!published(*tr))
            estimates.push_back("Data transfer prices: carried over from the previous price file where they are "
                                "estimates");
    }

    json sources = json::array();
    sources.push_back(source);
    if (carried_figures) {
        for (auto& s : prev_sources) {
            std::string text = s.starts_with(kCarriedPrefix) ? s : std::string(kCarriedPrefix) + s;
            if (std::find(sources.begin(), sources.end(), json(text)) == sources.end())
                sources.push_back(text);
        }
    }
    doc["source"] = std::move(sources);
    doc["references"] = std::move(references);
    doc["instance_references"] = json::array({"aws-offer"});
    doc["estimates"] = estimates;
    return doc;
}

} // namespace irisize
