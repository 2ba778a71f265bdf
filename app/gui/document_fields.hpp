// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A workload document seen field by field, as the form edits it: values at dotted paths
// ("database.read_iops"), and the text of a field as JSON and back. The document is kept
// as the architect typed it; parse_workload decides what it means.

#include <nlohmann/json.hpp>

#include <QString>

#include <string>

/// The value at a dotted path, or null when a key on the way is missing or not an object.
const nlohmann::json* documentValue(const nlohmann::json& doc, const std::string& path);
/// Puts `value` at a dotted path, making the objects on the way.
void putDocumentValue(nlohmann::json& doc, const std::string& path, nlohmann::json value);
/// Takes the key at a dotted path out of a document; a path into a list ("families[1]",
/// "database.size_history[0].date") takes out the whole list. False when there is no such key.
bool eraseDocumentPath(nlohmann::json& doc, const std::string& path);

/// The text of a field as JSON: a number when it reads as one (locale-independent, '.' as the
/// decimal point), else the text itself, so that the reader names the field.
nlohmann::json fieldJson(const QString& text);
/// A JSON value as a field shows it (numbers without the locale's grouping).
QString fieldText(const nlohmann::json& value);
