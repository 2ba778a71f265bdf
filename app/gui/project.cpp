// SPDX-License-Identifier: GPL-3.0-or-later
#include "project.hpp"

#include <QFile>
#include <QSaveFile>

nlohmann::json Project::toJson() const {
    nlohmann::json j;
    j["schema"] = 1;
    j["kind"] = "irisize-project";
    j["systems"] = nlohmann::json::array();
    for (const auto& s : systems)
        j["systems"].push_back(s);
    return j;
}

irisize::Result<Project> readProject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return irisize::Error{path.toStdString(), "cannot be opened: " + file.errorString().toStdString()};
    const QByteArray bytes = file.readAll();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const nlohmann::json::parse_error& e) {
        return irisize::Error{path.toStdString(), std::string("is not valid JSON: ") + e.what()};
    }
    if (!doc.is_object())
        return irisize::Error{path.toStdString(), "is not an irisize project or workload (not a JSON object)"};
    if (doc.value("schema", 0) != 1)
        return irisize::Error{path.toStdString(), "has no \"schema\": 1 (not an irisize file of this version)"};
    Project p;
    if (doc.value("kind", std::string()) == "irisize-project") {
        const auto it = doc.find("systems");
        if (it == doc.end() || !it->is_array())
            return irisize::Error{path.toStdString(), "systems: must be a list of workloads"};
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_object())
                return irisize::Error{path.toStdString(), "systems[" + std::to_string(i) + "]: must be a workload"};
            p.systems.push_back((*it)[i]);
        }
        if (p.systems.empty())
            return irisize::Error{path.toStdString(), "systems: the project has no system"};
    } else {
        p.systems.push_back(doc); // a single workload file
    }
    return p;
}

irisize::Result<bool> writeProject(const QString& path, const Project& project) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return irisize::Error{path.toStdString(), "cannot be written: " + file.errorString().toStdString()};
    const std::string text = project.toJson().dump(2) + "\n";
    if (file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
        !file.commit())
        return irisize::Error{path.toStdString(), "cannot be written: " + file.errorString().toStdString()};
    return true;
}
