// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The main window (main_window.cpp: views, menus and the live plan; main_window_project.cpp:
// systems, files, undo, autosave; main_window_output.cpp: export, print, batch, imports).
// The systems of a project and the workload form on the left, the live
// plan on the right in tabs (Summary, Architecture, Servers, Storage, Cost, Growth, Rules,
// Compare). Every edit asks the PlanAdapter for a plan; invalid input marks the field and
// keeps the last good plan visible, greyed.

#include "irisize/data/catalog.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/report/report_model.hpp"
#include "irisize/workload/workload.hpp"
#include "pdf_report.hpp"
#include "project_history.hpp"
#include "project_summary.hpp"

#include <nlohmann/json.hpp>

#include <QMainWindow>
#include <QMessageBox>

#include <functional>
#include <memory>
#include <optional>

class CompareView;
class CostChart;
class DiagramView;
class GrowthChart;
class PlanAdapter;
class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;
class QUndoStack;
class RulesExplorer;
class ServersModel;
class StorageModel;
class WorkloadForm;

class QPrinter;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(std::shared_ptr<const irisize::Catalog> catalog, QWidget* parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY(MainWindow)

    /// Opens a project or workload file; false (with a message box unless quiet) on error. A
    /// quiet open neither shows messages nor touches the recent-files list.
    bool openFile(const QString& path, bool quiet = false);
    /// Saves to `path`; false on error.
    bool saveTo(const QString& path);
    /// Starts a new project with one system from the template.
    void newProject();

    /// Selects a tab by name (summary, architecture, servers, storage, cost, growth, rules,
    /// compare); false when there is no such tab.
    bool selectTab(const QString& name);
    [[nodiscard]] static QStringList tabNames();

    /// Asks the user a question with Save/Discard/Cancel or Yes/No buttons; tests replace it.
    using Prompt = std::function<QMessageBox::StandardButton(const QString& title, const QString& text,
                                                             QMessageBox::StandardButtons buttons)>;
    void setPrompt(Prompt prompt) { m_prompt = std::move(prompt); }

    /// Where the autosave goes (QStandardPaths AppDataLocation).
    [[nodiscard]] static QString autosavePath();
    /// Offers to recover an autosave left by a run that did not end cleanly.
    void offerRecovery();
    /// Writes the autosave now when there are unsaved changes (the timer calls it every 30 s).
    void autosave();

    // For tests and the screenshot mode.
    [[nodiscard]] WorkloadForm* form() const { return m_form; }
    [[nodiscard]] PlanAdapter* adapter() const { return m_adapter; }
    [[nodiscard]] ServersModel* serversModel() const { return m_serversModel; }
    [[nodiscard]] StorageModel* storageModel() const { return m_storageModel; }
    [[nodiscard]] DiagramView* diagram() const { return m_diagram; }
    [[nodiscard]] CompareView* compareView() const { return m_compare; }
    [[nodiscard]] const std::optional<irisize::Plan>& plan() const { return m_plan; }
    [[nodiscard]] bool planStale() const { return m_stale; }
    /// The plan of the last committed valid input (what is shown greyed while the input is not valid).
    [[nodiscard]] const std::optional<irisize::Plan>& lastGoodPlan() const { return m_lastGood; }
    /// Problems of the opened file, each "file: [system:] field: reason" (empty: none).
    [[nodiscard]] QStringList fileProblems() const;
    /// The Summary pane's text (for tests).
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] int systemCount() const;
    /// Reads SystemPerformance/pButtons reports into the current system's database figures
    /// (95th percentile) and marks the fields that came from them. False with a message in
    /// `error` when no report can be read.
    bool importReports(const QStringList& paths, QString* error);
    /// Brings every tab up to date with the plan (tabs not yet shown are refreshed lazily).
    void refreshAllViews();
    [[nodiscard]] QString currentFile() const { return m_file; }
    /// Every edit, added or removed system and import is a step here (Edit > Undo, Redo).
    [[nodiscard]] QUndoStack* undoStack() const { return m_undo; }
    /// The documents of every system as they are now (the current one from the form).
    [[nodiscard]] ProjectState projectState();
    /// Adds a copy of the current system; removes the current one (a project keeps one).
    void addSystem();
    void removeSystem();

    /// What File > Export writes. Terraform and ICM write a directory.
    enum class ExportFormat { pdf, html, xlsx, markdown, json, text, terraform, icm, svg, png, workload };
    /// Writes the current plan to `path` in `format` (all or nothing); false with a message in
    /// `error` when there is no plan or the file cannot be written. `workload` writes the
    /// selected system's workload document (no plan needed).
    bool exportTo(const QString& path, ExportFormat format, QString* error);
    /// Prints the report to `printer` (File > Print and the print preview use it).
    bool printReport(QPrinter* printer, QString* error);

Q_SIGNALS:
    /// The views show a new plan (after planReady was handled).
    void planShown();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildViews();
    void onWorkloadChanged(const irisize::Workload& workload, bool committed);
    void onWorkloadInvalid(const irisize::Error& error);
    void showProblems(const QString& title, const QStringList& problems);
    void onPlanReady(quint64 generation, const irisize::Plan& plan, double ms);
    void onPlanFailed(quint64 generation, const irisize::Error& error);
    void showPlan();
    void refreshTab(int index);
    void setStale(bool stale);
    void loadProject(std::vector<nlohmann::json> systems, const QString& file);
    void storeCurrentSystem();
    /// Fills the systems list from the documents (signals blocked; nothing is selected).
    void fillSystemList();
    [[nodiscard]] QString systemName(int row) const;
    void selectSystem(int row);
    void record(const QString& text, const QString& field = {});
    void applyState(const ProjectState& state);
    bool save();
    bool saveAs();
    void open();
    void exportPlan();
    [[nodiscard]] irisize::ReportOptions reportOptions() const;
    [[nodiscard]] irisize::pdf::PageSize pageSizeSetting() const;
    void printPlan();
    void printPreview();
    void runBatch();
    void importSystemPerformance();
    void updatePrices();
    void pinPlan();
    void about();
    bool maybeSave();
    void setDirty(bool dirty);
    void updateTitle();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    [[nodiscard]] QString lastDirectory() const;
    void rememberDirectory(const QString& path);
    QMessageBox::StandardButton ask(const QString& title, const QString& text, QMessageBox::StandardButtons buttons);

    std::shared_ptr<const irisize::Catalog> m_catalog;
    PlanAdapter* m_adapter;
    WorkloadForm* m_form;
    QListWidget* m_systems;
    QTabWidget* m_tabs;
    QTextBrowser* m_summary;
    DiagramView* m_diagram;
    QTableView* m_serversView;
    QTableView* m_storageView;
    ServersModel* m_serversModel;
    StorageModel* m_storageModel;
    CostChart* m_cost;
    GrowthChart* m_growth;
    RulesExplorer* m_rules;
    CompareView* m_compare;
    QLabel* m_status;
    QMenu* m_recentMenu = nullptr;
    QTimer* m_autosaveTimer;
    QUndoStack* m_undo;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    ProjectSummary m_project;
    ProjectState m_recorded;  // the project as of the last step on the undo stack
    bool m_restoring = false; // an undo or redo is putting a state back

    std::vector<nlohmann::json> m_documents; // every system's document; the current one is live in the form
    int m_current = -1;
    std::optional<irisize::Plan> m_plan;
    std::optional<irisize::Plan> m_pinned;
    std::optional<irisize::Plan> m_lastGood; // of the last committed valid input
    quint64 m_committedRequest = 0;          // generation of the newest committed request
    bool m_stale = false;
    unsigned m_viewsBehind = 0; // bit per tab: not yet showing the current plan
    bool m_dirty = false;
    QString m_file;
    Prompt m_prompt;
};
