// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's views, menus and the live plan: each new plan shown on the visible tab at
// once and on the others when they are next shown.
#include "main_window.hpp"

#include "batch_dialog.hpp"
#include "charts.hpp"
#include "compare_view.hpp"
#include "diagram_view.hpp"
#include "gui_text.hpp"
#include "help_window.hpp"
#include "plan_adapter.hpp"
#include "plan_models.hpp"
#include "plan_writer.hpp"
#include "price_dialog.hpp"
#include "project.hpp"
#include "report_import.hpp"
#include "rules_explorer.hpp"
#include "workload_form.hpp"

#include "irisize/format.hpp"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <fstream>

namespace u = irisize::units;

namespace {

const char* const kTabs[] = {"summary", "architecture", "servers", "storage", "cost", "growth", "rules", "compare"};

QString html_escape(const std::string& s) { return q(s).toHtmlEscaped(); }

// The Summary tab: the answer first, then what it rests on.
QString summary_html(const irisize::Plan& p, const QStringList& placeholders) {
    QString h;
    if (!placeholders.isEmpty())
        h += QStringLiteral("<p style='background:#fff3cd; color:#5c4400; padding:6px; font-size:large'><b>Placeholder "
                            "figures</b>: %1 still hold the template's figures, not measurements. This plan shows "
                            "how irisize works, not what this system needs.</p>")
                 .arg(placeholders.join(QStringLiteral(", ")).toHtmlEscaped());
    h += QStringLiteral("<h2>%1</h2>").arg(html_escape(p.name));
    if (!p.description.empty())
        h += QStringLiteral("<p>%1</p>").arg(html_escape(p.description));
    const int years = std::max(p.horizon_years, 1);
    h += QStringLiteral("<p style='font-size:large'><b>%1</b> per month &nbsp;·&nbsp; %2 over %3 %5%4</p>")
             .arg(q(irisize::money_str(p.monthly_usd())), q(irisize::money_str(p.monthly_usd() * 12.0 * years)))
             .arg(years)
             .arg(p.price_estimates ? QStringLiteral(" &nbsp;<i>(some prices are estimates)</i>") : QString())
             .arg(years == 1 ? QStringLiteral("year") : QStringLiteral("years"));
    if (const auto* primary = p.member(irisize::Role::primary)) {
        h += QStringLiteral("<p>Database: <b>%1</b> (%2 vCPU, %3 GiB) in %4")
                 .arg(q(primary->instance_type))
                 .arg(primary->vcpu)
                 .arg(q(irisize::num(u::in_GiB(primary->memory))))
                 .arg(q(primary->availability_zone));
        if (const auto* backup = p.member(irisize::Role::backup))
            h += QStringLiteral(", mirrored to %1").arg(q(backup->availability_zone));
        if (const auto* dr = p.member(irisize::Role::dr_async))
            h += QStringLiteral("; DR: <b>%1</b> in %2").arg(q(dr->instance_type), q(dr->region));
        h += QStringLiteral(".</p>");
    }
    h += QStringLiteral("<table cellspacing=0 cellpadding=3>");
    for (const char* cat : {"compute", "storage", "iops", "throughput", "snapshots", "transfer"}) {
        const double v = p.monthly_usd(p.category_cost(cat));
        h += QStringLiteral("<tr><td>%1</td><td align=right>%2</td></tr>")
                 .arg(QString::fromLatin1(cat), q(irisize::money_str(v)));
    }
    h += QStringLiteral("</table>");
    if (!p.warnings.empty()) {
        h += QStringLiteral("<h3>Warnings</h3><ul>");
        for (const auto& w : p.warnings)
            h += QStringLiteral("<li>%1</li>").arg(html_escape(w));
        h += QStringLiteral("</ul>");
    }
    if (!p.assumptions.empty()) {
        h += QStringLiteral("<h3>Assumptions in force</h3><ul>");
        for (const auto& a : p.assumptions)
            h += QStringLiteral("<li>%1</li>").arg(html_escape(a));
        h += QStringLiteral("</ul>");
    }
    h += QStringLiteral("<p style='color:gray'>Rule set %1 (%2); prices as of %3%4. %5</p>")
             .arg(q(p.rules), q(p.rules_as_of), q(p.price_as_of),
                  p.dr_price_as_of.empty() ? QString() : QStringLiteral(" (DR region %1)").arg(q(p.dr_price_as_of)),
                  html_escape(p.price_source));
    return h;
}

} // namespace

MainWindow::MainWindow(std::shared_ptr<const irisize::Catalog> catalog, QWidget* parent)
    : QMainWindow(parent), m_catalog(std::move(catalog)), m_adapter(new PlanAdapter(m_catalog, this)),
      m_form(new WorkloadForm(*m_catalog, this)), m_systems(new QListWidget(this)), m_tabs(new QTabWidget(this)),
      m_summary(new QTextBrowser(this)), m_diagram(new DiagramView(this)), m_serversView(new QTableView(this)),
      m_storageView(new QTableView(this)), m_serversModel(new ServersModel(this)),
      m_storageModel(new StorageModel(this)), m_cost(new CostChart(this)), m_growth(new GrowthChart(this)),
      m_rules(new RulesExplorer(*m_catalog, this)), m_compare(new CompareView(this)), m_status(new QLabel(this)),
      m_autosaveTimer(new QTimer(this)), m_undo(new QUndoStack(this)) {
    setWindowIcon(QIcon::fromTheme(QStringLiteral("irisize")));
    buildViews();
    buildMenus();

    connect(m_form, &WorkloadForm::workloadChanged, this, &MainWindow::onWorkloadChanged);
    connect(m_form, &WorkloadForm::workloadInvalid, this, &MainWindow::onWorkloadInvalid);
    connect(m_form, &WorkloadForm::edited, this, [this] { setDirty(true); });
    connect(m_form, &WorkloadForm::committed, this,
            [this](const QString& path) {
                // Clicks on a spin box's arrows in quick succession are one step; typed edits are each their own.
                const bool spin = qobject_cast<QAbstractSpinBox*>(m_form->field(path)) != nullptr;
                record(tr("Edit %1").arg(m_form->fieldLabel(path)), spin ? path : QString());
            });
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { setDirty(!clean); });
    connect(m_adapter, &PlanAdapter::planReady, this, &MainWindow::onPlanReady);
    connect(m_adapter, &PlanAdapter::planFailed, this, &MainWindow::onPlanFailed);
    connect(m_systems, &QListWidget::currentRowChanged, this, &MainWindow::selectSystem);

    m_autosaveTimer->setInterval(30 * 1000);
    connect(m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    m_autosaveTimer->start();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    rebuildRecentMenu();
    newProject();
}

MainWindow::~MainWindow() {
    // A dying undo stack says it is clean again; by then this window's members are gone.
    m_undo->blockSignals(true);
}

void MainWindow::buildViews() {
    // Left: the systems of the project, then the form of the selected one.
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* systemsBox = new QWidget(left);
    auto* systemsLayout = new QHBoxLayout(systemsBox);
    systemsLayout->setContentsMargins(0, 0, 0, 0);
    m_systems->setMaximumHeight(110);
    // Long system names wrap instead of hiding behind a horizontal scroll bar.
    m_systems->setWordWrap(true);
    m_systems->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_systems->setTextElideMode(Qt::ElideMiddle);
    m_systems->setToolTip(tr("The systems of this project (a HealthShare deployment is several mirror sets)."));
    systemsLayout->addWidget(m_systems, 1);
    auto* buttons = new QVBoxLayout();
    auto* add = new QPushButton(tr("Add"), systemsBox);
    auto* remove = new QPushButton(tr("Remove"), systemsBox);
    add->setToolTip(tr("Add a system to the project"));
    remove->setToolTip(tr("Remove the selected system"));
    connect(add, &QPushButton::clicked, this, &MainWindow::addSystem);
    connect(remove, &QPushButton::clicked, this, &MainWindow::removeSystem);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    systemsLayout->addLayout(buttons);
    leftLayout->addWidget(systemsBox);
    auto* scroll = new QScrollArea(left);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(360);
    leftLayout->addWidget(scroll, 1);

    // Right: the plan.
    m_summary->setOpenExternalLinks(false);
    m_tabs->addTab(m_summary, tr("&Summary"));
    m_tabs->addTab(m_diagram, tr("&Architecture"));
    for (auto* view : {m_serversView, m_storageView}) {
        view->setAlternatingRowColors(true);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        view->verticalHeader()->setVisible(false);
    }
    m_serversView->setModel(m_serversModel);
    m_storageView->setModel(m_storageModel);
    m_tabs->addTab(m_serversView, tr("Ser&vers"));
    m_tabs->addTab(m_storageView, tr("S&torage"));
    m_tabs->addTab(m_cost, tr("&Cost"));
    m_tabs->addTab(m_growth, tr("&Growth"));
    m_tabs->addTab(m_rules, tr("&Rules"));
    m_tabs->addTab(m_compare, tr("Com&pare"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::refreshTab);

    auto* split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 1);
    split->setSizes({380, 1000});
    setCentralWidget(split);
    statusBar()->addWidget(m_status, 1);
    resize(1400, 900);
}

void MainWindow::buildMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* newAction = file->addAction(tr("&New"), QKeySequence::New, this, [this] {
        if (maybeSave())
            newProject();
    });
    auto* openAction = file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    auto* saveAction = file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    auto* saveAsAction = file->addAction(tr("Save &As…"), this, &MainWindow::saveAs);
    // The platform's Save As key where it has one, and Ctrl+Shift+S everywhere.
    QList<QKeySequence> saveAsKeys = QKeySequence::keyBindings(QKeySequence::SaveAs);
    if (!saveAsKeys.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)))
        saveAsKeys << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    saveAsAction->setShortcuts(saveAsKeys);
    file->addSeparator();
    auto* exportAction =
        file->addAction(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportPlan);
    file->addAction(tr("&Print…"), QKeySequence::Print, this, &MainWindow::printPlan);
    file->addAction(tr("Print pre&view…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this,
                    &MainWindow::printPreview);
    file->addAction(tr("Run &batch…"), QKeySequence(Qt::CTRL | Qt::Key_B), this, &MainWindow::runBatch);
    auto* importAction = file->addAction(tr("&Import SystemPerformance…"), QKeySequence(Qt::CTRL | Qt::Key_I), this,
                    &MainWindow::importSystemPerformance);
    file->addSeparator();
    auto* quitAction = file->addAction(tr("&Quit"), this, &QWidget::close);
    QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    if (!quitKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Q)))
        quitKeys << QKeySequence(Qt::CTRL | Qt::Key_Q);
    quitAction->setShortcuts(quitKeys);

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    // Typing not yet committed becomes a step first, so Undo takes back what was just typed.
    auto* undo = edit->addAction(tr("&Undo"), QKeySequence::Undo, this, [this] {
        m_form->commitPending();
        m_undo->undo();
    });
    auto* redo = edit->addAction(tr("&Redo"), this, [this] {
        if (!m_form->commitPending())
            m_undo->redo();
    });
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence& k : {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!redoKeys.contains(k))
            redoKeys << k;
    redo->setShortcuts(redoKeys);
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(m_undo, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(m_form, &WorkloadForm::edited, undo, [undo] { undo->setEnabled(true); });
    undo->setIconText(tr("Undo"));
    redo->setIconText(tr("Redo"));
    // The menu and the tooltip say what would be undone or redone.
    const auto follow = [](QAction* a, const QString& verb, const QString& text) {
        a->setText(text.isEmpty() ? verb : verb + QLatin1Char(' ') + text);
        a->setToolTip(a->text().remove(QLatin1Char('&')) + QStringLiteral(" (") +
                      a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char(')'));
    };
    follow(undo, tr("&Undo"), QString());
    follow(redo, tr("&Redo"), QString());
    connect(m_undo, &QUndoStack::undoTextChanged, undo, [undo, follow](const QString& text) {
        follow(undo, tr("&Undo"), text);
    });
    connect(m_undo, &QUndoStack::redoTextChanged, redo, [redo, follow](const QString& text) {
        follow(redo, tr("&Redo"), text);
    });
    m_undoAction = undo;
    m_redoAction = redo;

    auto* system = menuBar()->addMenu(tr("S&ystem"));
    system->addAction(tr("&Add system"), QKeySequence(Qt::CTRL | Qt::Key_T), this, &MainWindow::addSystem);
    system->addAction(tr("&Remove system"), this, &MainWindow::removeSystem);

    auto* plan = menuBar()->addMenu(tr("&Plan"));
    auto* pinAction = plan->addAction(tr("&Pin current plan"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this,
                                      &MainWindow::pinPlan);
    m_compare->setPinShortcut(pinAction->shortcut());
    plan->addAction(tr("&Clear pin"), this, [this] {
        m_pinned.reset();
        m_compare->setPinned(nullptr);
    });

    auto* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Update prices from an AWS price list…"), this, &MainWindow::updatePrices);

    auto* help = menuBar()->addMenu(tr("&Help"));
    // F1 opens the guide where the user is: the form's fields, or the tab being looked at.
    help->addAction(tr("irisize &User Guide"), QKeySequence::HelpContents, this, [this] {
        // The pane under the pointer wins (a tab clicked does not take the focus from a field).
        QWidget* focus = QApplication::focusWidget();
        const bool inForm = !m_tabs->underMouse() && focus && (focus == m_form || m_form->isAncestorOf(focus));
        showUserGuide(this, inForm ? QStringLiteral("workload-fields") : tabNames().value(m_tabs->currentIndex()));
    });
    help->addSeparator();
    help->addAction(tr("&About irisize"), this, &MainWindow::about);

    // The common actions, one click away. Theme icons where the desktop has them, the style's
    // own otherwise; the text stays beside each icon so nothing has to be guessed.
    const auto icon = [this](const char* name, QStyle::StandardPixmap fallback) {
        return QIcon::fromTheme(QString::fromLatin1(name), style()->standardIcon(fallback));
    };
    newAction->setIcon(icon("document-new", QStyle::SP_FileIcon));
    openAction->setIcon(icon("document-open", QStyle::SP_DialogOpenButton));
    saveAction->setIcon(icon("document-save", QStyle::SP_DialogSaveButton));
    m_undoAction->setIcon(icon("edit-undo", QStyle::SP_ArrowBack));
    m_redoAction->setIcon(icon("edit-redo", QStyle::SP_ArrowForward));
    importAction->setIcon(icon("document-import", QStyle::SP_ArrowDown));
    exportAction->setIcon(icon("document-export", QStyle::SP_ArrowUp));
    pinAction->setIcon(icon("view-pin", QStyle::SP_DialogApplyButton));
    for (QAction* a : {newAction, openAction, saveAction, importAction, exportAction, pinAction})
        a->setToolTip(a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")) + QStringLiteral(" (") +
                      a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char(')'));
    openAction->setIconText(tr("Open"));
    importAction->setIconText(tr("Import"));
    exportAction->setIconText(tr("Export"));
    pinAction->setIconText(tr("Pin"));
    auto* bar = addToolBar(tr("Main toolbar"));
    bar->setObjectName(QStringLiteral("mainToolbar")); // saveState() keeps where it was put
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({newAction, openAction, saveAction});
    bar->addSeparator();
    bar->addActions({m_undoAction, m_redoAction});
    bar->addSeparator();
    bar->addActions({importAction, exportAction, pinAction});
}

// --- the live plan ------------------------------------------------------------------------

void MainWindow::onWorkloadChanged(const irisize::Workload&, bool committed) {
    if (!m_form->workload())
        return;
    m_status->setText(tr("Sizing…"));
    const quint64 generation = m_adapter->request(*m_form->workload());
    m_committedRequest = committed ? generation : 0;
    m_rules->setRegion(q(m_form->workload()->region));
}

void MainWindow::onPlanReady(quint64 generation, const irisize::Plan& plan, double ms) {
    m_plan = plan;
    const QStringList placeholders = m_form->placeholderFields();
    if (!placeholders.isEmpty()) // on the plan, so that every tab and export carries it
        m_plan->warnings.insert(m_plan->warnings.begin(),
                                "Placeholder figures from the template, not measurements: " +
                                    placeholders.join(QStringLiteral(", ")).toStdString() +
                                    ". Replace them before using this plan.");
    // Only the plan of a committed input is kept to be shown greyed while the input is invalid.
    if (generation == m_committedRequest)
        m_lastGood = m_plan;
    setStale(false);
    showPlan();
    m_status->setText((placeholders.isEmpty() ? QString() : tr("PLACEHOLDER figures. ")) +
                      tr("Plan ready: %1 a month (sized in %2 ms).")
                          .arg(q(irisize::money_str(plan.monthly_usd())))
                          .arg(ms, 0, 'f', 1));
    Q_EMIT planShown();
}

void MainWindow::onPlanFailed(quint64, const irisize::Error& error) {
    m_form->markError(error);
    if (m_lastGood) {
        m_plan = m_lastGood;
        showPlan();
        setStale(true);
        m_status->setText(tr("No plan: %1 (the last good plan is shown greyed)").arg(q(error.what())));
    } else {
        m_plan.reset();
        setStale(true);
        showProblems(tr("No plan is possible for this input"), {q(error.what())});
        m_status->setText(tr("No plan: %1").arg(q(error.what())));
    }
}

void MainWindow::onWorkloadInvalid(const irisize::Error& error) {
    m_adapter->cancelPending();
    m_committedRequest = 0;
    const auto& problems = m_form->documentProblems();
    if (!problems.empty()) {
        // An opened file with problems: no plan from it, and the problems where the plan goes.
        m_plan.reset();
        m_lastGood.reset();
        setStale(true);
        const QString file = m_file.isEmpty() ? tr("The document") : QFileInfo(m_file).fileName();
        QStringList lines;
        for (const auto& p : problems)
            lines << (p.path.isEmpty() ? p.message : p.path + QStringLiteral(": ") + p.message);
        const QString count = problems.size() == 1 ? tr("a problem") : tr("%1 problems").arg(problems.size());
        showProblems(tr("%1 has %2; nothing was sized").arg(file, count), lines);
        m_status->setText(tr("%1 has %2, listed in the Summary and under the fields; nothing was sized. The file is "
                             "not changed.")
                              .arg(file, count));
        return;
    }
    if (m_lastGood) {
        m_plan = m_lastGood; // the plan of a committed input, not of a half-typed one
        showPlan();
        setStale(true);
        m_status->setText(tr("The input is not valid (%1): the last good plan is shown greyed.").arg(q(error.what())));
    } else {
        m_plan.reset();
        setStale(true);
        showProblems(tr("The input is not valid"), {q(error.what())});
        m_status->setText(tr("The input is not valid (%1); there is no plan yet.").arg(q(error.what())));
    }
}

void MainWindow::showProblems(const QString& title, const QStringList& problems) {
    m_serversModel->resetData(nullptr);
    m_storageModel->resetData(nullptr);
    m_diagram->clearPlan();
    m_cost->clearPlan();
    m_growth->clearPlan();
    QString h = QStringLiteral("<h2 style='color:#b00020'>%1</h2><ul>").arg(title.toHtmlEscaped());
    for (const auto& p : problems)
        h += QStringLiteral("<li>%1</li>").arg(p.toHtmlEscaped());
    h += QStringLiteral("</ul><p>Each field at fault is marked in the form, with the reason under it. Correct it there "
                        "(or in the file and open it again).</p>");
    m_summary->setHtml(h);
    m_summary->setEnabled(true);
    m_viewsBehind = 0;
    selectTab(QStringLiteral("summary"));
}

QString MainWindow::summaryText() const { return m_summary->toPlainText(); }

QStringList MainWindow::fileProblems() const {
    QStringList out;
    const QString file = m_file.isEmpty() ? tr("(new project)") : m_file;
    for (int i = 0; i < systemCount(); ++i) {
        const auto& doc = m_documents[static_cast<std::size_t>(i)];
        const QString system =
            systemCount() > 1 ? q(doc.is_object() ? doc.value("name", std::string("(unnamed)")) : "(unnamed)") +
                                    QStringLiteral(": ")
                              : QString();
        if (i == m_current) {
            for (const auto& p : m_form->documentProblems())
                out << file + QStringLiteral(": ") + system +
                           (p.path.isEmpty() ? p.message : p.path + QStringLiteral(": ") + p.message);
        } else {
            for (const auto& e : workloadProblems(doc))
                out << file + QStringLiteral(": ") + system + q(e.what());
        }
    }
    return out;
}

void MainWindow::showPlan() {
    // Only the visible tab is redrawn now; the others when they are shown (keeps typing fluid).
    m_viewsBehind = (1u << tabNames().size()) - 1;
    refreshTab(m_tabs->currentIndex());
}

namespace {

/// Fits the table's columns to their contents when one of the `changed` columns no longer fits
/// (measuring a column is most of the cost of fitting them all, so only those are measured).
void fitColumns(QTableView* view, const QList<int>& changed) {
    const QHeaderView* header = view->horizontalHeader();
    for (const int c : changed) {
        const int fit = std::max(static_cast<const QAbstractItemView*>(view)->sizeHintForColumn(c),
                                 header->sectionSizeHint(c));
        if (std::clamp(fit, header->minimumSectionSize(), header->maximumSectionSize()) != header->sectionSize(c)) {
            view->resizeColumnsToContents();
            return;
        }
    }
}

} // namespace

void MainWindow::refreshTab(int index) {
    if (!m_plan || index < 0 || !(m_viewsBehind & (1u << index)))
        return;
    m_viewsBehind &= ~(1u << index);
    switch (index) {
    case 0: {
        QString h = summary_html(*m_plan, m_form->placeholderFields());
        if (systemCount() > 1) { // the project first: every system and the totals
            m_project.update(m_documents, m_current, m_stale ? nullptr : &*m_plan, *m_catalog);
            h = m_project.html() + QStringLiteral("<hr>") + h;
        }
        m_summary->setHtml(h);
        break;
    }
    case 1: m_diagram->setPlan(*m_plan); break;
    case 2:
        fitColumns(m_serversView, m_serversModel->resetData(&*m_plan));
        m_serversView->selectionModel()->clear(); // as a reset of the model does
        break;
    case 3:
        fitColumns(m_storageView, m_storageModel->resetData(&*m_plan));
        m_storageView->selectionModel()->clear();
        break;
    case 4: m_cost->setPlan(*m_plan); break;
    case 5: m_growth->setPlan(*m_plan); break;
    case 7: m_compare->setCurrent(&*m_plan); break;
    default: break; // the rules explorer follows the region, not the plan
    }
}

void MainWindow::refreshAllViews() {
    for (int i = 0; i < m_tabs->count(); ++i)
        refreshTab(i);
}

void MainWindow::setStale(bool stale) {
    m_stale = stale;
    m_diagram->setStale(stale);
    for (QWidget* w : {static_cast<QWidget*>(m_summary), static_cast<QWidget*>(m_serversView),
                       static_cast<QWidget*>(m_storageView), static_cast<QWidget*>(m_cost),
                       static_cast<QWidget*>(m_growth)})
        w->setEnabled(!stale);
}

QStringList MainWindow::tabNames() {
    QStringList out;
    for (const char* t : kTabs)
        out << QString::fromLatin1(t);
    return out;
}

bool MainWindow::selectTab(const QString& name) {
    const int i = static_cast<int>(tabNames().indexOf(name.toLower()));
    if (i < 0)
        return false;
    m_tabs->setCurrentIndex(i);
    return true;
}
