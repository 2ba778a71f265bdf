// SPDX-License-Identifier: GPL-3.0-or-later
#include "project.hpp"

#include "project_file.hpp"

#include <QFile>
#include <QSaveFile>

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
