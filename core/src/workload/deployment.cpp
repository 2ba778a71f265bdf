// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the deployment JSON (schema 1, "kind": "deployment"): its own fields, then each
// system, inline or from a workload file beside it, read as a workload and then given the
// deployment's region, rule set and DR region (a system that says otherwise is refused).
#include "irisize/workload/deployment.hpp"

#include <fstream>
#include <istream>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "detail/json_read.hpp"

namespace irisize {

using detail::FieldError;
using detail::Obj;

bool is_deployment_document(const nlohmann::json& doc) {
    if (!doc.is_object())
        return false;
    const auto kind = doc.find("kind");
    return kind != doc.end() && kind->is_string() && kind->get<std::string>() == "deployment";
}

namespace {

// One system's workload document: the inline object, or the file the entry names.
nlohmann::json system_document(const nlohmann::json& entry, const std::string& field,
                               const std::filesystem::path& base_dir, std::string& file) {
    if (entry.is_object())
        return entry;
    if (!entry.is_string())
        throw FieldError(field, std::string("must be a workload (an object) or the path of a workload file, found ") +
                                    detail::json_kind(entry));
    file = entry.get<std::string>();
    if (file.empty())
        throw FieldError(field, "must not be empty (the path of a workload file)");
    const std::filesystem::path path = base_dir / std::filesystem::path(file);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FieldError(field, fmt::format("{}: cannot be opened (no such file or not readable)", path.string()));
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto doc = nlohmann::json::parse(bytes, nullptr, false);
    if (doc.is_discarded())
        throw FieldError(field, fmt::format("{}: is not valid JSON", path.string()));
    if (is_deployment_document(doc))
        throw FieldError(field, fmt::format("{}: is a deployment; a system must be a workload", path.string()));
    return doc;
}

// A setting the system may leave out or repeat, but not contradict.
void adopt(std::string& value, const std::string& deployment_value, const std::string& field, std::string_view what) {
    if (!value.empty() && value != deployment_value)
        throw FieldError(field, fmt::format("is '{}', but the deployment's {} is '{}' (a deployment's systems share it: "
                                            "leave it out of the system)",
                                            value, what, deployment_value.empty() ? std::string("not set") : deployment_value));
    value = deployment_value;
}

} // namespace

Result<Deployment> parse_deployment(const nlohmann::json& json, const std::filesystem::path& base_dir) {
    return detail::guarded<Deployment>("", [&]() -> Result<Deployment> {
        Obj doc(json, "");
        if (!doc.has("schema"))
            throw FieldError("schema", "is required but missing (write \"schema\": 1)");
        if (doc.number("schema") != 1)
            throw FieldError("schema", fmt::format("must be 1, found {}", doc.number("schema")));
        if (!is_deployment_document(json))
            throw FieldError("kind", "must be \"deployment\"");
        detail::check_keys(doc, {"schema", "kind", "name", "description", "region", "rules", "dr", "shared", "systems"},
                           "deployment");
        Deployment d;
        d.name = doc.string("name");
        d.description = doc.string_or("description", "");
        d.region = doc.string("region");
        d.rules = doc.string_or("rules", "");
        if (auto dr = doc.opt_obj("dr")) {
            detail::check_keys(*dr, {"region"}, "deployment");
            d.dr_region = dr->string("region");
            if (d.dr_region == d.region)
                throw FieldError("dr.region", fmt::format("must differ from the deployment's region {}", d.region));
        }
        if (auto shared = doc.opt_obj("shared")) {
            detail::check_keys(*shared, {"web_servers", "families"}, "deployment");
            if (shared->has("web_servers")) {
                const auto& v = shared->raw().at("web_servers");
                if (v.is_string()) {
                    if (v.get<std::string>() != "auto")
                        throw FieldError("shared.web_servers",
                                         fmt::format("must be a whole number or \"auto\", found '{}'", v.get<std::string>()));
                    d.shared.web_servers = TierCount::automatic();
                } else {
                    const double n = shared->number("web_servers");
                    if (n != static_cast<int>(n) || n < 0 || n > 1000)
                        throw FieldError("shared.web_servers",
                                         fmt::format("must be a whole number from 0 to 1000 or \"auto\", found {}", n));
                    // Zero web servers is no shared tier: each system keeps its own.
                    if (n > 0)
                        d.shared.web_servers = TierCount::fixed(static_cast<int>(n));
                }
            }
            d.shared.families = shared->strings("families");
        }
        const auto& systems = doc.array("systems");
        if (systems.empty())
            throw FieldError("systems", "must list at least one system");
        for (std::size_t i = 0; i < systems.size(); ++i) {
            const std::string field = fmt::format("systems[{}]", i);
            DeploymentSystem s;
            const nlohmann::json sys = system_document(systems[i], field, base_dir, s.file);
            // A workload's own errors, with where the system is: inline, or its file.
            const std::string where = s.file.empty() ? field : fmt::format("{} ({})", field, s.file);
            auto w = parse_workload(sys);
            if (!w)
                return Error{w.error().field.empty() ? where : where + "." + w.error().field, w.error().message};
            s.workload = std::move(w).value();
            for (const auto& other : d.systems)
                if (other.workload.name == s.workload.name)
                    throw FieldError(where + ".name",
                                     fmt::format("'{}' names another system too; each system needs its own name",
                                                 s.workload.name));
            adopt(s.workload.region, d.region, where + ".region", "region");
            // Without a rule set of its own, the deployment takes the one its systems name (they must agree).
            if (!doc.has("rules") && d.rules.empty() && !s.workload.rules.empty()) {
                d.rules = s.workload.rules;
                for (auto& earlier : d.systems)
                    earlier.workload.rules = d.rules;
            }
            adopt(s.workload.rules, d.rules, where + ".rules", "rule set");
            // A hybrid system's DR members are its AWS part, in the deployment's region: no DR region of its own.
            const bool hybrid = s.workload.failover_on_premises;
            if (!hybrid && (!s.workload.dr_region.empty() || (s.workload.dr_members && *s.workload.dr_members > 0))) {
                if (d.dr_region.empty())
                    throw FieldError(where + ".dr", "asks for DR members, but the deployment has no DR region (give "
                                                    "dr.region once, in the deployment)");
            }
            if (!hybrid && !(s.workload.dr_members && *s.workload.dr_members == 0))
                adopt(s.workload.dr_region, d.dr_region, where + ".dr.region", "DR region");
            if (d.shares_web_tier()) {
                s.own_web_servers = s.workload.web_servers;
                s.workload.web_servers = TierCount::fixed(0);
            }
            d.systems.push_back(std::move(s));
        }
        return d;
    });
}

Result<Deployment> read_deployment(std::istream& in, const std::string& origin, const std::filesystem::path& base_dir) {
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto doc = nlohmann::json::parse(bytes, nullptr, false);
    if (doc.is_discarded())
        return Error{origin, "is not valid JSON"};
    auto d = parse_deployment(doc, base_dir);
    if (!d)
        return Error{d.error().field.empty() ? origin : origin + ": " + d.error().field, d.error().message};
    return d;
}

} // namespace irisize
