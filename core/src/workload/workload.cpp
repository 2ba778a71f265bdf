// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing the workload JSON (schema 1): types, required fields and ranges, each
// error naming its field; dated size and user history are read here, fitted in
// growth_fit.cpp.
#include "irisize/workload/workload.hpp"

#include <algorithm>
#include <cmath>
#include <istream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "detail/json_read.hpp"
#include "workload/workload_bounds.hpp"
#include "irisize/data/catalog.hpp"
#include "irisize/workload/growth_fit.hpp"

namespace irisize {

using detail::FieldError;
using detail::Obj;
namespace u = units;

namespace {

using detail::Bounds;
namespace bounds = detail::bounds;

double checked(const Obj& o, std::string_view key, double v, const Bounds& b) {
    if (auto why = detail::out_of_bounds(b, v); !why.empty())
        throw FieldError(o.field(key), why);
    return v;
}

std::optional<double> opt_range(const Obj& o, std::string_view key, const Bounds& b) {
    auto v = o.opt_number(key);
    if (v)
        checked(o, key, *v, b);
    return v;
}

std::optional<int> opt_count(const Obj& o, std::string_view key, const Bounds& b) {
    auto v = opt_range(o, key, b);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// A tier count: a whole number, or "auto" where `auto_allowed` (irisize picks the count).
TierCount opt_tier(const Obj& o, std::string_view key, bool auto_allowed) {
    if (!o.has(key))
        return {};
    const auto& v = o.raw().at(key);
    if (v.is_string()) {
        if (auto_allowed && v.get<std::string>() == "auto")
            return TierCount::automatic();
        throw FieldError(o.field(key), auto_allowed ? fmt::format("must be a whole number or \"auto\", found '{}'",
                                                                  v.get<std::string>())
                                                    : std::string("must be a whole number (print servers are not "
                                                                  "sized by load, so \"auto\" does not apply)"));
    }
    return TierCount::fixed(*opt_count(o, key, bounds::tier_count));
}

// import-metrics' `_import` record marks a journal rate it derived from mgstat Jrnwrts as an
// estimate at an assumed write size; that holds while journal_mibps is still the imported value.
std::optional<double> imported_journal_estimate(const nlohmann::json& doc, const std::optional<units::throughput>& journal) {
    if (!journal || !doc.is_object() || !doc.contains("_import") || !doc["_import"].is_object())
        return std::nullopt;
    const auto& imp = doc["_import"];
    if (!imp.contains("fields") || !imp["fields"].is_object() || !imp["fields"].contains("journal_mibps"))
        return std::nullopt;
    const auto& f = imp["fields"]["journal_mibps"];
    if (!f.is_object() || !f.contains("estimate") || !f["estimate"].is_boolean() || !f["estimate"].get<bool>() ||
        !f.contains("journal_block_kib") || !f["journal_block_kib"].is_number() || !f.contains("value") ||
        !f["value"].is_number())
        return std::nullopt;
    if (std::abs(f["value"].get<double>() - units::in_MiBps(*journal)) > 0.005)
        return std::nullopt; // edited after the import: a figure of the architect's own
    return f["journal_block_kib"].get<double>();
}

void check_keys(const Obj& o, std::initializer_list<std::string_view> allowed) {
    detail::check_keys(o, allowed, "workload");
}

} // namespace

Result<Workload> parse_workload(const nlohmann::json& json) {
    return detail::guarded<Workload>("", [&]() -> Result<Workload> {
        Obj doc(json, "");
        if (!doc.has("schema"))
            throw FieldError("schema", "is required but missing (write \"schema\": 1)");
        if (doc.number("schema") != 1)
            throw FieldError("schema", fmt::format("must be 1, found {}", doc.number("schema")));
        check_keys(doc, {"schema", "name", "description", "product", "region", "rules", "database", "users", "ha", "dr",
                         "tiers", "target_cpu_percent", "backup", "families"});
        Workload w;
        w.name = doc.string("name");
        w.description = doc.has("description") ? doc.string("description") : std::string();
        w.product = doc.string("product");
        const auto& products = known_products();
        if (std::find(products.begin(), products.end(), w.product) == products.end()) {
            std::string list;
            for (auto p : products)
                list += (list.empty() ? "" : ", ") + std::string(p);
            throw FieldError("product", fmt::format("unknown product '{}' (one of {})", w.product, list));
        }
        w.region = doc.string_or("region", "");
        w.rules = doc.string_or("rules", "");

        const auto db = doc.obj("database");
        check_keys(db, {"size_gib", "growth_percent_per_year", "size_history", "horizon_years", "read_iops",
                        "write_iops", "journal_mibps", "peak_cores", "global_buffers_gib",
                        "shared_memory_percent_of_ram", "site_memory_gib"});
        auto& d = w.database;
        if (db.has("size_history")) {
            const auto& arr = db.array("size_history");
            for (std::size_t i = 0; i < arr.size(); ++i) {
                Obj e(arr[i], db.field("size_history") + "[" + std::to_string(i) + "]");
                check_keys(e, {"date", "size_gib"});
                DatedSize ds;
                ds.date = e.string("date");
                auto days = parse_date_days(ds.date);
                if (!days)
                    throw FieldError(e.field("date"), days.error().message);
                ds.days = *days;
                ds.size_gib = checked(e, "size_gib", e.number("size_gib"), bounds::size_gib);
                d.size_history.push_back(std::move(ds));
            }
        }
        if (d.size_history.empty() || db.has("size_gib"))
            d.size = u::GiB(checked(db, "size_gib", db.number("size_gib"), bounds::size_gib));
        d.growth_percent_per_year = opt_range(db, "growth_percent_per_year", bounds::growth_percent);
        d.horizon_years = opt_count(db, "horizon_years", bounds::horizon_years);
        if (auto v = opt_range(db, "read_iops", bounds::iops))
            d.read_iops = u::iops(*v);
        if (auto v = opt_range(db, "write_iops", bounds::iops))
            d.write_iops = u::iops(*v);
        if (auto v = opt_range(db, "journal_mibps", bounds::journal_mibps))
            d.journal = u::MiBps(*v);
        d.journal_estimated_io_kib = imported_journal_estimate(json, d.journal);
        d.peak_cores = opt_range(db, "peak_cores", bounds::peak_cores);
        if (auto v = opt_range(db, "global_buffers_gib", bounds::global_buffers_gib))
            d.global_buffers = u::GiB(*v);
        d.shared_memory_percent_of_ram = opt_range(db, "shared_memory_percent_of_ram", bounds::shared_memory_percent);
        if (auto v = opt_range(db, "site_memory_gib", bounds::global_buffers_gib))
            d.site_memory = u::GiB(*v);

        if (auto users = doc.opt_obj("users")) {
            check_keys(*users, {"concurrent", "target", "history"});
            w.concurrent_users = opt_count(*users, "concurrent", bounds::users);
            w.target_users = opt_count(*users, "target", bounds::users);
            if (users->has("history")) {
                const auto& arr = users->array("history");
                for (std::size_t i = 0; i < arr.size(); ++i) {
                    Obj e(arr[i], users->field("history") + "[" + std::to_string(i) + "]");
                    check_keys(e, {"users", "read_iops", "write_iops", "journal_mibps", "peak_cores", "date"});
                    UserSample us;
                    us.users = checked(e, "users", e.number("users"), bounds::users);
                    us.read_iops = opt_range(e, "read_iops", bounds::iops);
                    us.write_iops = opt_range(e, "write_iops", bounds::iops);
                    us.journal_mibps = opt_range(e, "journal_mibps", bounds::journal_mibps);
                    us.peak_cores = opt_range(e, "peak_cores", bounds::peak_cores);
                    w.user_history.push_back(us);
                }
            }
            if (w.target_users && w.user_history.size() < 2)
                throw FieldError(users->field("target"),
                                 "needs users.history with at least two measurements to project from");
        }
        if (auto ha = doc.opt_obj("ha")) {
            check_keys(*ha, {"mirror", "arbiter", "failover_site", "link"});
            w.mirror = ha->opt_bool("mirror").value_or(true);
            w.arbiter = ha->opt_bool("arbiter").value_or(w.mirror);
            const std::string site = ha->string_or("failover_site", "aws");
            if (site != "aws" && site != "on_premises")
                throw FieldError("ha.failover_site", fmt::format("must be \"aws\" or \"on_premises\", found '{}'", site));
            w.failover_on_premises = site == "on_premises";
            if (ha->has("link")) {
                w.link = ha->string("link");
                if (w.link != "vpn" && w.link != "direct_connect")
                    throw FieldError("ha.link", fmt::format("must be \"vpn\" or \"direct_connect\", found '{}'", w.link));
                if (!w.failover_on_premises)
                    throw FieldError("ha.link", "only applies to a hybrid site (ha.failover_site \"on_premises\"): the link "
                                                "from the data centre to AWS");
            }
        }
        if (auto dr = doc.opt_obj("dr")) {
            check_keys(*dr, {"region", "members", "capacity_percent"});
            w.dr_region = dr->string_or("region", "");
            w.dr_members = opt_count(*dr, "members", bounds::dr_members);
            w.dr_capacity_percent = opt_range(*dr, "capacity_percent", bounds::dr_capacity_percent);
        }
        if (auto tiers = doc.opt_obj("tiers")) {
            check_keys(*tiers, {"web_servers", "app_servers", "print_servers"});
            w.web_servers = opt_tier(*tiers, "web_servers", true);
            w.app_servers = opt_tier(*tiers, "app_servers", true);
            w.print_servers = opt_tier(*tiers, "print_servers", false);
        }
        w.target_cpu_percent = opt_range(doc, "target_cpu_percent", bounds::target_cpu_percent);
        if (auto b = doc.opt_obj("backup")) {
            check_keys(*b, {"snapshot_retention_days"});
            w.snapshot_retention_days = opt_count(*b, "snapshot_retention_days", bounds::retention_days);
        }
        w.families = doc.strings("families");
        return w;
    });
}

Result<Workload> read_workload(std::istream& in, const std::string& origin) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) { // parse_error, or out_of_range for a number like 1e400
        return Error{origin, fmt::format("is not valid JSON: {}", e.what())};
    }
    auto w = parse_workload(doc);
    if (!w && !origin.empty())
        return Error{w.error().field, w.error().message + " (in " + origin + ")"};
    return w;
}

nlohmann::json to_json(const Workload& w) {
    nlohmann::json j;
    j["schema"] = 1;
    j["name"] = w.name;
    if (!w.description.empty())
        j["description"] = w.description;
    j["product"] = w.product;
    if (!w.region.empty())
        j["region"] = w.region;
    if (!w.rules.empty())
        j["rules"] = w.rules;
    auto& db = j["database"];
    const auto& d = w.database;
    if (d.size)
        db["size_gib"] = u::in_GiB(*d.size);
    if (d.growth_percent_per_year)
        db["growth_percent_per_year"] = *d.growth_percent_per_year;
    if (!d.size_history.empty()) {
        auto& h = db["size_history"];
        for (const auto& ds : d.size_history)
            h.push_back({{"date", ds.date}, {"size_gib", ds.size_gib}});
    }
    if (d.horizon_years)
        db["horizon_years"] = *d.horizon_years;
    if (d.read_iops)
        db["read_iops"] = u::in_iops(*d.read_iops);
    if (d.write_iops)
        db["write_iops"] = u::in_iops(*d.write_iops);
    if (d.journal)
        db["journal_mibps"] = u::in_MiBps(*d.journal);
    if (d.peak_cores)
        db["peak_cores"] = *d.peak_cores;
    if (d.global_buffers)
        db["global_buffers_gib"] = u::in_GiB(*d.global_buffers);
    if (d.shared_memory_percent_of_ram)
        db["shared_memory_percent_of_ram"] = *d.shared_memory_percent_of_ram;
    if (d.site_memory)
        db["site_memory_gib"] = u::in_GiB(*d.site_memory);
    if (w.concurrent_users)
        j["users"]["concurrent"] = *w.concurrent_users;
    if (w.target_users)
        j["users"]["target"] = *w.target_users;
    for (const auto& us : w.user_history) {
        nlohmann::json e{{"users", us.users}};
        if (us.read_iops)
            e["read_iops"] = *us.read_iops;
        if (us.write_iops)
            e["write_iops"] = *us.write_iops;
        if (us.journal_mibps)
            e["journal_mibps"] = *us.journal_mibps;
        if (us.peak_cores)
            e["peak_cores"] = *us.peak_cores;
        j["users"]["history"].push_back(e);
    }
    j["ha"] = {{"mirror", w.mirror}, {"arbiter", w.arbiter}};
    if (w.failover_on_premises) {
        j["ha"]["failover_site"] = "on_premises";
        if (!w.link.empty())
            j["ha"]["link"] = w.link;
    }
    if (!w.dr_region.empty() || w.dr_members || w.dr_capacity_percent) {
        auto& dr = j["dr"];
        if (!w.dr_region.empty())
            dr["region"] = w.dr_region;
        if (w.dr_members)
            dr["members"] = *w.dr_members;
        if (w.dr_capacity_percent)
            dr["capacity_percent"] = *w.dr_capacity_percent;
    }
    for (const auto& [key, tier] : {std::pair{"web_servers", &w.web_servers}, std::pair{"app_servers", &w.app_servers},
                                    std::pair{"print_servers", &w.print_servers}}) {
        if (tier->is_auto())
            j["tiers"][key] = "auto";
        else if (tier->is_fixed())
            j["tiers"][key] = tier->count;
    }
    if (w.target_cpu_percent)
        j["target_cpu_percent"] = *w.target_cpu_percent;
    if (w.snapshot_retention_days)
        j["backup"]["snapshot_retention_days"] = *w.snapshot_retention_days;
    if (!w.families.empty())
        j["families"] = w.families;
    return j;
}

} // namespace irisize
