// SPDX-License-Identifier: GPL-3.0-or-later
// The AWS provider's schema read with zlib, and the check of generated HCL against it
// (provider_schema.hpp).
#include "provider_schema.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

#include <catch2/catch.hpp>

#include <zlib.h>

#include "deploy_test_support.hpp"

namespace irisize::test {

namespace fs = std::filesystem;

namespace {

std::string gunzip(const fs::path& file) {
    gzFile in = gzopen(file.string().c_str(), "rb");
    if (!in)
        throw std::runtime_error("cannot open " + file.string());
    std::string out;
    char buffer[1 << 16];
    int n = 0;
    while ((n = gzread(in, buffer, sizeof buffer)) > 0)
        out.append(buffer, static_cast<std::size_t>(n));
    const bool ok = n == 0;
    gzclose(in);
    if (!ok)
        throw std::runtime_error("cannot decompress " + file.string());
    return out;
}

/// Problems of one block against its schema block: unknown attributes and blocks, computed-only
/// attributes set, required attributes and blocks missing, too many or too few nested blocks.
void check_against(const nlohmann::json& schema, const HclBlock& b, const std::string& where, bool resource_level,
                   std::vector<std::string>& problems) {
    static const std::set<std::string> meta = {"provider", "count", "for_each", "depends_on"};
    const auto attrs = schema.value("attributes", nlohmann::json::object());
    const auto block_types = schema.value("block_types", nlohmann::json::object());
    for (const auto& [key, expr] : b.attrs) {
        (void)expr;
        if (resource_level && meta.count(key))
            continue;
        if (!attrs.contains(key)) {
            problems.push_back(where + ": unknown attribute '" + key + "'" +
                               (block_types.contains(key) ? " (it is a block)" : ""));
            continue;
        }
        const auto& a = attrs.at(key);
        if (a.value("computed", false) && !a.value("optional", false) && !a.value("required", false))
            problems.push_back(where + ": attribute '" + key + "' is computed only and cannot be set");
    }
    for (const auto& [key, a] : attrs.items())
        if (a.value("required", false) && !b.attrs.count(key))
            problems.push_back(where + ": required attribute '" + key + "' missing");
    std::map<std::string, int> counts;
    for (const auto& nb : b.blocks) {
        if (resource_level && nb.type == "lifecycle")
            continue;
        ++counts[nb.type];
        if (!block_types.contains(nb.type) && attrs.contains(nb.type)) {
            // Terraform's "attributes as blocks": a list or set of objects (aws_security_group's
            // ingress and egress) may be written as repeated blocks; their keys are the object's.
            const auto& type = attrs.at(nb.type).at("type");
            const bool objects = type.is_array() && type.size() == 2 && (type[0] == "list" || type[0] == "set") &&
                                 type[1].is_array() && type[1].size() == 2 && type[1][0] == "object";
            if (!objects) {
                problems.push_back(where + ": '" + nb.type + "' is an attribute, not a block");
                continue;
            }
            for (const auto& [key, expr] : nb.attrs) {
                (void)expr;
                if (!type[1][1].contains(key))
                    problems.push_back(where + "." + nb.type + ": unknown attribute '" + key + "'");
            }
            if (!nb.blocks.empty())
                problems.push_back(where + "." + nb.type + ": nested blocks in an attribute written as a block");
            continue;
        }
        if (!block_types.contains(nb.type)) {
            problems.push_back(where + ": unknown block '" + nb.type + "'" +
                               (attrs.contains(nb.type) ? " (it is an attribute)" : ""));
            continue;
        }
        check_against(block_types.at(nb.type).at("block"), nb, where + "." + nb.type, false, problems);
    }
    for (const auto& [key, bt] : block_types.items()) {
        const int n = counts.count(key) ? counts.at(key) : 0;
        const std::string mode = bt.value("nesting_mode", "");
        const int min_items = bt.value("min_items", 0);
        const int max_items = bt.value("max_items", mode == "single" ? 1 : 0);
        if (n < min_items)
            problems.push_back(where + ": block '" + key + "' needs at least " + std::to_string(min_items));
        if (max_items > 0 && n > max_items)
            problems.push_back(where + ": block '" + key + "' allows at most " + std::to_string(max_items));
    }
}

} // namespace

bool provider_schema_available() {
    std::error_code ec;
    return fs::is_regular_file(provider_schema_path(), ec);
}

std::string provider_schema_path() {
    return IRISIZE_TERRAFORM_SCHEMA;
}

bool skipped_without_schema() {
    if (provider_schema_available())
        return false;
    skip("the AWS provider schema " + provider_schema_path() + " is not on this machine");
    return true;
}

const nlohmann::json& resource_schemas() {
    static const nlohmann::json schemas = [] {
        const auto doc = nlohmann::json::parse(gunzip(provider_schema_path()));
        return doc.at("provider_schemas").at("registry.terraform.io/hashicorp/aws").at("resource_schemas");
    }();
    return schemas;
}

std::vector<std::string> schema_problems(const std::vector<HclBlock>& blocks) {
    std::vector<std::string> problems;
    const auto& schemas = resource_schemas();
    std::map<std::string, std::string> declared; // "type.name" -> type
    std::set<std::string> variables, data_sources;
    // The reference file leaves data sources out; the generator may use this one only.
    const std::map<std::string, std::set<std::string>> known_data = {
        {"aws_availability_zones", {"state", "provider", "all_availability_zones", "exclude_names"}}};
    for (const auto& b : blocks) {
        if (b.type == "resource") {
            REQUIRE(b.labels.size() == 2);
            const std::string where = b.labels[0] + "." + b.labels[1];
            if (!declared.emplace(where, b.labels[0]).second)
                problems.push_back(where + ": declared twice");
            if (!schemas.contains(b.labels[0])) {
                problems.push_back(where + ": unknown resource type");
                continue;
            }
            check_against(schemas.at(b.labels[0]).at("block"), b, where, true, problems);
        } else if (b.type == "data") {
            REQUIRE(b.labels.size() == 2);
            data_sources.insert(b.labels[0] + "." + b.labels[1]);
            auto known = known_data.find(b.labels[0]);
            if (known == known_data.end())
                problems.push_back("data." + b.labels[0] + ": a data source the test cannot check");
            else
                for (const auto& [key, expr] : b.attrs)
                    if (!known->second.count(key))
                        problems.push_back("data." + b.labels[0] + ": unknown attribute '" + key + "'");
        } else if (b.type == "variable") {
            variables.insert(b.labels.at(0));
        } else if (b.type != "terraform" && b.type != "provider" && b.type != "output") {
            problems.push_back("unexpected top-level block '" + b.type + "'");
        }
    }
    // References in every expression.
    const std::regex ref(R"((data\.)?\b(aws_[a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+))");
    const std::regex var(R"(\bvar\.([a-z0-9_]+))");
    std::function<void(const HclBlock&, const std::string&)> visit = [&](const HclBlock& b, const std::string& at) {
        std::vector<std::string> exprs;
        for (const auto& [k, e] : b.attrs)
            exprs.push_back(e);
        for (const auto& e : exprs) {
            for (std::sregex_iterator it(e.begin(), e.end(), ref), end; it != end; ++it) {
                const auto& m = *it;
                const std::string target = m[2].str() + "." + m[3].str();
                if (m[1].matched) {
                    if (!data_sources.count(target))
                        problems.push_back(at + ": refers to undeclared data." + target);
                    continue;
                }
                auto d = declared.find(target);
                if (d == declared.end()) {
                    problems.push_back(at + ": refers to undeclared " + target);
                    continue;
                }
                const auto& block = schemas.at(d->second).at("block");
                const std::string attr = m[4].str();
                if (!block.value("attributes", nlohmann::json::object()).contains(attr) &&
                    !block.value("block_types", nlohmann::json::object()).contains(attr))
                    problems.push_back(at + ": " + target + " has no attribute '" + attr + "'");
            }
            for (std::sregex_iterator it(e.begin(), e.end(), var), end; it != end; ++it)
                if (!variables.count((*it)[1].str()))
                    problems.push_back(at + ": refers to undeclared var." + (*it)[1].str());
        }
        for (const auto& nb : b.blocks)
            visit(nb, at + "." + nb.type);
    };
    for (const auto& b : blocks)
        visit(b, b.type + (b.labels.empty() ? "" : "." + b.labels.back()));
    return problems;
}

} // namespace irisize::test
