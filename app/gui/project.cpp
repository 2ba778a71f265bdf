// SPDX-License-Identifier: GPL-3.0-or-later
// Project files read and written from the GUI: through the Qt-free project format of
// app/common, saved with QSaveFile, and each system's document checked for problems.
#include "project.hpp"

#include "document_fields.hpp"

#include "project_file.hpp"

#include "irisize/workload/workload.hpp"

#include <QFile>
#include <QSaveFile>

#include <algorithm>

nlohmann::json Project::toJson() const { return irisize::app::project_document(systems); }

irisize::Result<Project> readProject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return irisize::Error{path.toStdString(), "cannot be opened: " + file.errorString().toStdString()};
    const QByteArray bytes = file.readAll();
    auto systems = irisize::app::parse_project_file(
        std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), path.toStdString());
    if (!systems)
        return systems.error();
    Project p;
    p.systems = std::move(systems).value();
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

std::vector<irisize::Error> workloadProblems(const nlohmann::json& doc) {
    // Required fields get a stand-in once taken out, only so that the reading goes on to
    // the next problem; the stand-ins are never shown.
    static const std::pair<const char*, nlohmann::json> standIns[] = {
        {"name", "x"}, {"product", "trakcare"}, {"database.size_gib", 1}, {"schema", 1}};
    std::vector<irisize::Error> out;
    nlohmann::json copy = doc;
    for (int round = 0; round < 64; ++round) {
        auto read = irisize::parse_workload(copy);
        if (read)
            break;
        const irisize::Error& e = read.error();
        const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.field == e.field; });
        if (seen)
            break;
        out.push_back(e);
        const bool erased = !e.field.empty() && eraseDocumentPath(copy, e.field);
        bool stood = false;
        for (const auto& [path, value] : standIns)
            if (e.field == path) {
                const std::string p = path;
                const auto dot = p.find('.');
                if (dot == std::string::npos) {
                    copy[p] = value;
                    stood = true;
                } else if (auto parent = copy.find(p.substr(0, dot)); parent != copy.end() && parent->is_object()) {
                    (*parent)[p.substr(dot + 1)] = value;
                    stood = true;
                }
            }
        if (!erased && !stood)
            break;
    }
    return out;
}
