// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing a workload document at dotted paths ("database.read_iops"), and a
// field's text as JSON and back, for the form.
#include "document_fields.hpp"

#include <charconv>
#include <cmath>
#include <utility>

void putDocumentValue(nlohmann::json& doc, const std::string& path, nlohmann::json value) {
    nlohmann::json* at = &doc;
    std::size_t start = 0;
    for (;;) {
        const auto dot = path.find('.', start);
        const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (dot == std::string::npos) {
            (*at)[key] = std::move(value);
            return;
        }
        at = &(*at)[key];
        start = dot + 1;
    }
}

const nlohmann::json* documentValue(const nlohmann::json& doc, const std::string& path) {
    const nlohmann::json* at = &doc;
    std::size_t start = 0;
    for (;;) {
        const auto dot = path.find('.', start);
        const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!at->is_object())
            return nullptr;
        auto it = at->find(key);
        if (it == at->end())
            return nullptr;
        if (dot == std::string::npos)
            return &*it;
        at = &*it;
        start = dot + 1;
    }
}

nlohmann::json fieldJson(const QString& text) {
    const std::string s = text.trimmed().toStdString();
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && end == s.data() + s.size() && std::isfinite(v)) {
        if (v == std::floor(v) && std::abs(v) < 9e15)
            return static_cast<long long>(v);
        return v;
    }
    return s;
}

QString fieldText(const nlohmann::json& v) {
    if (v.is_number_integer())
        return QString::number(v.get<long long>());
    if (v.is_number())
        return QString::number(v.get<double>(), 'g', 12);
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_boolean())
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

bool eraseDocumentPath(nlohmann::json& doc, const std::string& path) {
    const std::string keyPath = path.substr(0, path.find('['));
    nlohmann::json* at = &doc;
    std::size_t start = 0;
    for (;;) {
        if (!at->is_object())
            return false;
        const auto dot = keyPath.find('.', start);
        const std::string key = keyPath.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        const auto it = at->find(key);
        if (it == at->end())
            return false;
        if (dot == std::string::npos) {
            at->erase(it);
            return true;
        }
        at = &*it;
        start = dot + 1;
    }
}
