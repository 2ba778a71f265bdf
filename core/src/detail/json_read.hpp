// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading fields out of JSON documents with the path of each field at hand, so that a
// missing or ill-typed field becomes an Error naming it. Internally a FieldError is thrown
// and caught at the parse function's boundary, which turns it into a Result.

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "irisize/result.hpp"
#include "irisize/roles.hpp"

namespace irisize::detail {

struct FieldError : std::runtime_error {
    FieldError(std::string f, std::string m) : std::runtime_error(m), field(std::move(f)) {}
    std::string field;
};

inline std::string join_path(const std::string& base, std::string_view key) {
    return base.empty() ? std::string(key) : base + "." + std::string(key);
}

inline const char* json_kind(const nlohmann::json& j) {
    switch (j.type()) {
    case nlohmann::json::value_t::null:
        return "null";
    case nlohmann::json::value_t::boolean:
        return "a true/false value";
    case nlohmann::json::value_t::string:
        return "text";
    case nlohmann::json::value_t::array:
        return "a list";
    case nlohmann::json::value_t::object:
        return "an object";
    default:
        return "a number";
    }
}

/// A view of one JSON object and its dotted path.
class Obj {
public:
    Obj(const nlohmann::json& j, std::string path) : m_j(j), m_path(std::move(path)) {
        if (!m_j.is_object())
            throw FieldError(m_path, std::string("must be an object, found ") + json_kind(m_j));
    }

    [[nodiscard]] const std::string& path() const { return m_path; }
    [[nodiscard]] bool has(std::string_view key) const {
        auto it = m_j.find(key);
        return it != m_j.end() && !it->is_null();
    }
    [[nodiscard]] std::string field(std::string_view key) const { return join_path(m_path, key); }

    [[nodiscard]] double number(std::string_view key) const {
        if (!has(key))
            throw FieldError(field(key), "is required but missing");
        return as_number(m_j.at(key), field(key));
    }
    [[nodiscard]] std::optional<double> opt_number(std::string_view key) const {
        if (!has(key))
            return std::nullopt;
        return as_number(m_j.at(key), field(key));
    }
    [[nodiscard]] double number_or(std::string_view key, double fallback) const {
        return opt_number(key).value_or(fallback);
    }
    [[nodiscard]] std::string string(std::string_view key) const {
        if (!has(key))
            throw FieldError(field(key), "is required but missing");
        const auto& v = m_j.at(key);
        if (!v.is_string())
            throw FieldError(field(key), std::string("must be text, found ") + json_kind(v));
        auto s = v.get<std::string>();
        if (s.empty())
            throw FieldError(field(key), "must not be empty");
        return s;
    }
    [[nodiscard]] std::string string_or(std::string_view key, std::string fallback) const {
        return has(key) ? string(key) : std::move(fallback);
    }
    [[nodiscard]] std::optional<bool> opt_bool(std::string_view key) const {
        if (!has(key))
            return std::nullopt;
        const auto& v = m_j.at(key);
        if (!v.is_boolean())
            throw FieldError(field(key), std::string("must be true or false, found ") + json_kind(v));
        return v.get<bool>();
    }
    [[nodiscard]] std::vector<std::string> strings(std::string_view key) const {
        std::vector<std::string> out;
        if (!has(key))
            return out;
        const auto& v = m_j.at(key);
        if (!v.is_array())
            throw FieldError(field(key), std::string("must be a list of text, found ") + json_kind(v));
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string())
                throw FieldError(field(key) + "[" + std::to_string(i) + "]",
                                 std::string("must be text, found ") + json_kind(v[i]));
            out.push_back(v[i].get<std::string>());
        }
        return out;
    }
    [[nodiscard]] std::optional<Obj> opt_obj(std::string_view key) const {
        if (!has(key))
            return std::nullopt;
        return Obj(m_j.at(key), field(key));
    }
    [[nodiscard]] Obj obj(std::string_view key) const {
        if (!has(key))
            throw FieldError(field(key), "is required but missing");
        return Obj(m_j.at(key), field(key));
    }
    [[nodiscard]] const nlohmann::json& array(std::string_view key) const {
        if (!has(key))
            throw FieldError(field(key), "is required but missing");
        const auto& v = m_j.at(key);
        if (!v.is_array())
            throw FieldError(field(key), std::string("must be a list, found ") + json_kind(v));
        return v;
    }
    [[nodiscard]] const nlohmann::json& raw() const { return m_j; }

    static double as_number(const nlohmann::json& v, const std::string& path) {
        if (!v.is_number())
            throw FieldError(path, std::string("must be a number, found ") + json_kind(v));
        const double d = v.get<double>();
        if (!std::isfinite(d))
            throw FieldError(path, "must be a finite number");
        return d;
    }

private:
    const nlohmann::json& m_j;
    std::string m_path;
};

/// The volume purpose `text` names; any other text is a FieldError at `field` that lists the purposes.
inline VolumePurpose volume_purpose(std::string_view text, const std::string& field) {
    if (auto p = parse_volume_purpose(text))
        return *p;
    std::string known;
    for (VolumePurpose p : all_volume_purposes)
        known += (known.empty() ? "" : ", ") + std::string(name(p));
    throw FieldError(field, "must be a volume purpose (" + known + "), found '" + std::string(text) + "'");
}

// Every key an object of a document (`what`: "workload", "deployment") may hold; anything else is most likely a typo, which must not
// silently turn a measured figure into a profile estimate. Keys starting with "_" are comments.
inline void check_keys(const Obj& o, std::initializer_list<std::string_view> allowed, std::string_view what) {
    for (const auto& [key, _] : o.raw().items()) {
        if (!key.empty() && key[0] == '_')
            continue;
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
            continue;
        // Suggest the allowed key sharing the longest prefix.
        std::string_view best;
        std::size_t best_len = 0;
        for (auto a : allowed) {
            std::size_t n = 0;
            while (n < a.size() && n < key.size() && a[n] == key[n])
                ++n;
            if (n > best_len) {
                best_len = n;
                best = a;
            }
        }
        throw FieldError(o.field(key), best_len >= 3 ? "is not a " + std::string(what) + " field (did you mean '" + std::string(best) + "'?)"
                                                     : "is not a " + std::string(what) + " field");
    }
}

/// Runs `fn` and turns a FieldError or a JSON type error into an Error.
template <class T, class Fn>
Result<T> guarded(const std::string& origin, Fn&& fn) {
    try {
        return fn();
    } catch (const FieldError& e) {
        return Error{origin.empty() ? e.field : origin + ": " + e.field, e.what()};
    } catch (const nlohmann::json::exception& e) {
        return Error{origin, e.what()};
    }
}

} // namespace irisize::detail
