// SPDX-License-Identifier: GPL-3.0-or-later
// The main window, part two: the project's systems, opening and saving, undo and redo, the
// unsaved-changes prompt, recent files and the autosave with its recovery.
#include "main_window.hpp"

#include "charts.hpp"
#include "compare_view.hpp"
#include "diagram_view.hpp"
#include "gui_text.hpp"
#include "plan_adapter.hpp"
#include "plan_models.hpp"
#include "project.hpp"
#include "workload_form.hpp"

#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTextBrowser>

#include <algorithm>
#include <fstream>

namespace {
constexpr int kMaxRecent = 8;
} // namespace

// --- systems and files --------------------------------------------------------------------

int MainWindow::systemCount() const { return static_cast<int>(m_documents.size()); }

void MainWindow::storeCurrentSystem() {
    if (m_current < 0 || m_current >= systemCount())
        return;
    m_documents[static_cast<std::size_t>(m_current)] = m_form->document();
    if (auto* item = m_systems->item(m_current)) {
        item->setText(systemName(m_current));
        item->setToolTip(item->text());
    }
}

void MainWindow::selectSystem(int row) {
    if (row < 0 || row >= systemCount() || row == m_current)
        return;
    storeCurrentSystem();
    m_current = row;
    const bool dirty = m_dirty;
    m_form->setDocument(m_documents[static_cast<std::size_t>(row)]);
    setDirty(dirty); // switching systems is not an edit
}

QString MainWindow::systemName(int row) const {
    const auto& doc = m_documents[static_cast<std::size_t>(row)];
    return q(doc.is_object() && doc.contains("name") && doc["name"].is_string() ? doc["name"].get<std::string>()
                                                                                 : std::string("(unnamed)"));
}

void MainWindow::fillSystemList() {
    m_systems->blockSignals(true);
    m_systems->clear();
    for (int i = 0; i < systemCount(); ++i) {
        m_systems->addItem(systemName(i));
        m_systems->item(i)->setToolTip(systemName(i));
    }
    m_systems->blockSignals(false);
}

void MainWindow::loadProject(std::vector<nlohmann::json> systems, const QString& file) {
    m_documents = std::move(systems);
    m_current = -1;
    fillSystemList();
    m_file = file;
    m_plan.reset();
    m_lastGood.reset();
    m_committedRequest = 0;
    m_serversModel->resetData(nullptr);
    m_storageModel->resetData(nullptr);
    m_diagram->clearPlan();
    m_cost->clearPlan();
    m_growth->clearPlan();
    m_summary->clear();
    m_systems->setCurrentRow(0); // fills the form, which asks for a plan
    m_undo->clear();
    m_recorded = projectState();
    setDirty(false);
}

void MainWindow::newProject() {
    nlohmann::json doc;
    std::ifstream in(m_catalog->data_dir / "templates" / "new-system.json");
    try {
        if (in)
            doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
        doc = nlohmann::json::object();
    }
    if (!doc.is_object() || doc.empty())
        doc = {{"schema", 1}, {"name", "New system"}, {"product", "trakcare"}};
    doc.erase("_comment");
    loadProject({doc}, QString());
}

bool MainWindow::openFile(const QString& path, bool quiet) {
    auto project = readProject(path);
    if (!project) {
        if (!quiet)
            QMessageBox::critical(this, tr("Cannot open"), q(project.error().what()));
        return false;
    }
    loadProject(std::move(project->systems), path);
    if (!quiet) { // a quiet open (screenshots, tests) leaves the user's recent files alone
        addRecent(path);
        rememberDirectory(path);
    }
    return true;
}

void MainWindow::open() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), lastDirectory(),
                                                      tr("irisize projects (*.irisize.json *.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::saveTo(const QString& path) {
    storeCurrentSystem();
    Project p;
    p.systems = m_documents;
    auto written = writeProject(path, p);
    if (!written) {
        QMessageBox::critical(this, tr("Cannot save"), q(written.error().what()));
        return false;
    }
    m_file = path;
    m_undo->setClean();
    setDirty(false);
    addRecent(path);
    rememberDirectory(path);
    QFile::remove(autosavePath());
    m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool MainWindow::save() { return m_file.isEmpty() ? saveAs() : saveTo(m_file); }

bool MainWindow::saveAs() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save project"),
                                                m_file.isEmpty() ? lastDirectory() + QStringLiteral("/project.irisize.json")
                                                                 : m_file,
                                                tr("irisize projects (*.irisize.json)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".irisize.json");
    return saveTo(path);
}

void MainWindow::addSystem() {
    m_form->commitPending();
    storeCurrentSystem();
    const ProjectState before = projectState();
    nlohmann::json doc = m_current >= 0 ? m_documents[static_cast<std::size_t>(m_current)] : nlohmann::json{};
    doc["name"] = doc.value("name", std::string("System")) + " (copy)";
    m_documents.push_back(doc);
    m_systems->addItem(systemName(systemCount() - 1));
    m_systems->setCurrentRow(systemCount() - 1);
    m_recorded = before;
    record(tr("Add system %1").arg(q(doc["name"].get<std::string>())));
}

void MainWindow::removeSystem() {
    if (systemCount() <= 1 || m_current < 0) {
        m_status->setText(tr("A project keeps at least one system; nothing was removed."));
        return;
    }
    m_form->commitPending();
    const ProjectState before = projectState();
    const int row = m_current;
    const QString name = q(m_documents[static_cast<std::size_t>(row)].value("name", std::string("(unnamed)")));
    m_documents.erase(m_documents.begin() + row);
    m_current = -1;
    delete m_systems->takeItem(row);
    m_systems->setCurrentRow(std::min(row, systemCount() - 1));
    m_recorded = before;
    record(tr("Remove system %1").arg(name));
    m_status->setText(tr("Removed %1. Edit > Undo (%2) brings it back.")
                          .arg(name, QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
}

// --- undo and redo ------------------------------------------------------------------------

ProjectState MainWindow::projectState() {
    storeCurrentSystem();
    return {m_documents, std::max(m_current, 0)};
}

void MainWindow::record(const QString& text, const QString& field) {
    if (m_restoring || m_current < 0)
        return;
    ProjectState now = projectState();
    ProjectState before = m_recorded;
    if (now.systems == before.systems) {
        m_recorded.current = now.current; // a new selection is not a step
        return;
    }
    if (before.systems.size() == now.systems.size())
        before.current = now.current; // an edit: undo shows the system it was made in
    m_recorded = now;
    m_undo->push(new ProjectStep(std::move(before), std::move(now), text,
                                 [this](const ProjectState& s) { applyState(s); }, field));
}

void MainWindow::applyState(const ProjectState& state) {
    m_restoring = true;
    m_documents = state.systems;
    m_current = -1;
    fillSystemList();
    m_systems->setCurrentRow(std::clamp(state.current, 0, systemCount() - 1)); // fills the form, which sizes
    m_recorded = state;
    m_restoring = false;
}

// --- state, settings, autosave ------------------------------------------------------------

QMessageBox::StandardButton MainWindow::ask(const QString& title, const QString& text,
                                           QMessageBox::StandardButtons buttons) {
    if (m_prompt)
        return m_prompt(title, text, buttons);
    return QMessageBox::question(this, title, text, buttons);
}

bool MainWindow::maybeSave() {
    if (!m_dirty)
        return true;
    const auto answer =
        ask(tr("Unsaved changes"), tr("The project has changes that are not saved. Save them?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QFile::remove(autosavePath()); // a clean exit leaves nothing to recover
    settings.remove(QStringLiteral("recovery/file"));
    event->accept();
}

void MainWindow::setDirty(bool dirty) {
    m_dirty = dirty;
    updateTitle();
}

void MainWindow::updateTitle() {
    const QString name = m_file.isEmpty() ? tr("Untitled") : QFileInfo(m_file).fileName();
    setWindowTitle(QStringLiteral("%1[*] — irisize").arg(name));
    setWindowModified(m_dirty);
}

void MainWindow::addRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("files/recent")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent.removeAll(abs);
    recent.prepend(abs);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("files/recent"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("files/recent")).toStringList();
    for (const auto& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

QString MainWindow::lastDirectory() const {
    return QSettings().value(QStringLiteral("files/lastDirectory"), QDir::homePath()).toString();
}

void MainWindow::rememberDirectory(const QString& path) {
    QSettings().setValue(QStringLiteral("files/lastDirectory"), QFileInfo(path).absolutePath());
}

QString MainWindow::autosavePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave.irisize.json");
}

void MainWindow::autosave() {
    if (!m_dirty)
        return;
    storeCurrentSystem();
    QDir().mkpath(QFileInfo(autosavePath()).absolutePath());
    Project p;
    p.systems = m_documents;
    // The file the work belongs to, so that recovery can name it and save back to it.
    QSettings().setValue(QStringLiteral("recovery/file"), m_file);
    (void)writeProject(autosavePath(), p); // best effort; the real save reports its errors
}

void MainWindow::offerRecovery() {
    const QString path = autosavePath();
    if (!QFile::exists(path))
        return;
    const QString file = QSettings().value(QStringLiteral("recovery/file")).toString();
    const QString what = file.isEmpty() ? tr("an untitled project")
                                        : tr("%1 (in %2)").arg(QFileInfo(file).fileName(),
                                                               QDir::toNativeSeparators(QFileInfo(file).absolutePath()));
    const auto answer = ask(tr("Recover unsaved work"),
                            tr("irisize did not end cleanly last time. Recover the unsaved changes to %1, autosaved "
                               "at %2?")
                                .arg(what, QFileInfo(path).lastModified().toString(Qt::ISODate)),
                            QMessageBox::Yes | QMessageBox::No);
    if (answer == QMessageBox::Yes) {
        auto project = readProject(path);
        if (project) {
            loadProject(std::move(project->systems), file);
            m_undo->resetClean(); // undoing every edit does not make recovered work saved
            setDirty(true);
            m_status->setText(file.isEmpty() ? tr("Recovered the autosaved project; save it to keep it.")
                                             : tr("Recovered the unsaved changes to %1; save to keep them there.")
                                                   .arg(QFileInfo(file).fileName()));
            QSettings().remove(QStringLiteral("recovery/file"));
            return;
        }
    }
    QFile::remove(path);
    QSettings().remove(QStringLiteral("recovery/file"));
}
