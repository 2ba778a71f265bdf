// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop application, driven as a user would, offscreen with throwaway settings: type
// into fields and wait for the plan, invalid input, files, the unsaved-changes prompt, and
// the --screenshot mode.
#include "gui_test_support.hpp"
#include "batch_dialog.hpp"
#include "charts.hpp"
#include "compare_view.hpp"
#include "diagram_view.hpp"
#include "main_window.hpp"
#include "plan_adapter.hpp"
#include "plan_models.hpp"
#include "workload_form.hpp"

#include "irisize/sizing/sizing.hpp"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QFile>
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QDialog>
#include <QLineSeries>
#include <QToolTip>
#include <QLabel>
#include <QTableWidget>
#include <QLineEdit>
#include <QPrinter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <fstream>
#include <cstdlib>
#include <memory>
#include <optional>

#include <sys/wait.h>

namespace {

using gui_test::app;
using gui_test::catalog;

// A window with the prompt answered by `answer` and the calls counted.
struct Fixture {
    Fixture() {
        app();
        window = std::make_unique<MainWindow>(catalog());
        window->setPrompt([this](const QString&, const QString& text, QMessageBox::StandardButtons) {
            lastPrompt = text;
            ++prompts;
            return answer;
        });
        window->show();
    }
    bool waitForPlan(int ms = 15000) {
        QSignalSpy spy(window.get(), &MainWindow::planShown);
        return spy.wait(ms);
    }
    std::unique_ptr<MainWindow> window;
    int prompts = 0;
    QString lastPrompt;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
};

// The bundled regional hospital example, sized.
std::optional<irisize::Plan> hospitalPlan() {
    std::ifstream in(IRISIZE_TEST_DATA_DIR "/examples/trakcare-regional-hospital.json");
    auto w = irisize::read_workload(in, "hospital");
    REQUIRE(w.ok());
    auto plan = irisize::size(*w, *catalog(), {});
    REQUIRE(plan.ok());
    return *plan;
}

QString cell(QAbstractItemModel* m, int row, int column) { return m->index(row, column).data().toString(); }

} // namespace

TEST_CASE("typing into the form gives a plan in every view", "[gui]") {
    Fixture f;
    if (!f.window->plan())
        REQUIRE(f.waitForPlan());
    f.window->form()->setFieldText(QStringLiteral("database.read_iops"), QStringLiteral("40000"));
    REQUIRE(f.waitForPlan());
    f.window->refreshAllViews(); // tabs not shown are refreshed when shown
    const auto& plan = *f.window->plan();
    const auto* primary = plan.member(irisize::Role::primary);
    REQUIRE(primary);
    // The servers table lists the primary with its instance type.
    auto* servers = f.window->serversModel();
    REQUIRE(servers->rowCount() == static_cast<int>(plan.members.size()));
    CHECK(cell(servers, 0, ServersModel::Role) == QStringLiteral("primary"));
    CHECK(cell(servers, 0, ServersModel::Instance) == QString::fromStdString(primary->instance_type));
    CHECK_FALSE(servers->index(0, ServersModel::Vcpu).data(Qt::ToolTipRole).toString().isEmpty());
    // The storage table has the database volumes, each explained.
    auto* storage = f.window->storageModel();
    REQUIRE(storage->rowCount() >= 6);
    CHECK(cell(storage, 0, StorageModel::Purpose) == QStringLiteral("data"));
    CHECK(storage->index(0, StorageModel::Iops).data(Qt::ToolTipRole).toString().contains(QStringLiteral("40,000")));
    // The diagram draws the primary with its instance type.
    CHECK(f.window->diagram()->boxLabels().contains(QStringLiteral("primary\n") +
                                                    QString::fromStdString(primary->instance_type)));
    CHECK_FALSE(f.window->planStale());
}

TEST_CASE("invalid input marks the field and keeps the last plan, greyed", "[gui]") {
    Fixture f;
    if (!f.window->plan())
        REQUIRE(f.waitForPlan());
    const double before = f.window->plan()->monthly_usd();
    f.window->form()->setFieldText(QStringLiteral("database.size_gib"), QStringLiteral("lots"));
    CHECK_FALSE(f.window->form()->fieldError(QStringLiteral("database.size_gib")).isEmpty());
    CHECK(f.window->planStale());
    REQUIRE(f.window->plan());
    CHECK(f.window->plan()->monthly_usd() == before);

    f.window->form()->setFieldText(QStringLiteral("database.size_gib"), QStringLiteral("-5"));
    CHECK(f.window->form()->fieldError(QStringLiteral("database.size_gib")).contains(QStringLiteral("greater than 0")));

    // Back to a valid value: the mark goes, a fresh plan comes.
    f.window->form()->setFieldText(QStringLiteral("database.size_gib"), QStringLiteral("1500"));
    CHECK(f.window->form()->fieldError(QStringLiteral("database.size_gib")).isEmpty());
    REQUIRE(f.waitForPlan());
    CHECK_FALSE(f.window->planStale());
}

TEST_CASE("an error found while sizing marks its field", "[gui]") {
    Fixture f;
    if (!f.window->plan())
        REQUIRE(f.waitForPlan());
    QSignalSpy failed(f.window->adapter(), &PlanAdapter::planFailed);
    f.window->form()->setFieldText(QStringLiteral("families"), QStringLiteral("t3"));
    REQUIRE(failed.wait(15000));
    CHECK(f.window->form()->fieldError(QStringLiteral("families")).contains(QStringLiteral("no instance")));
    CHECK(f.window->planStale());
}

TEST_CASE("save and open round-trip a project of two systems", "[gui][files]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("two.irisize.json"));
    nlohmann::json saved;
    {
        Fixture f;
        f.window->form()->setFieldText(QStringLiteral("name"), QStringLiteral("Patient index"));
        f.window->form()->setFieldText(QStringLiteral("database.write_iops"), QStringLiteral("777"));
        saved = f.window->form()->document();
        REQUIRE(f.window->saveTo(path));
        CHECK(f.window->systemCount() == 1);
    }
    Fixture g;
    REQUIRE(g.window->openFile(path, true));
    CHECK(g.window->form()->document() == saved);
    CHECK(g.window->currentFile() == path);
    REQUIRE(g.waitForPlan());
    CHECK(g.window->plan()->name == "Patient index");
}

TEST_CASE("closing with unsaved changes asks first", "[gui][files]") {
    Fixture f;
    f.window->form()->setFieldText(QStringLiteral("database.peak_cores"), QStringLiteral("9"));
    f.answer = QMessageBox::Cancel;
    CHECK_FALSE(f.window->close());
    CHECK(f.prompts == 1);
    CHECK(f.window->isVisible());
    f.answer = QMessageBox::Discard;
    CHECK(f.window->close());
    CHECK(f.prompts == 2);
}

TEST_CASE("an autosaved project is offered back after a crash", "[gui][files]") {
    Fixture f;
    f.window->form()->setFieldText(QStringLiteral("name"), QStringLiteral("Unsaved work"));
    QFile::remove(MainWindow::autosavePath());
    f.window->autosave(); // what the timer does every 30 s while there are changes
    REQUIRE(QFile::exists(MainWindow::autosavePath()));
    // A second window stands for the next start after the first was killed.
    Fixture g;
    g.answer = QMessageBox::Yes;
    g.window->offerRecovery();
    CHECK(g.prompts == 1);
    CHECK(g.window->form()->document().value("name", std::string()) == "Unsaved work");
    QFile::remove(MainWindow::autosavePath());
}

TEST_CASE("pinning a plan compares it with the current one", "[gui]") {
    Fixture f;
    if (!f.window->plan())
        REQUIRE(f.waitForPlan());
    f.window->selectTab(QStringLiteral("compare"));
    // Pin through the menu action.
    for (auto* a : f.window->findChildren<QAction*>())
        if (a->text().contains(QStringLiteral("Pin current plan")))
            a->trigger();
    f.window->form()->setFieldText(QStringLiteral("region"), QStringLiteral("eu-west-1"));
    REQUIRE(f.waitForPlan());
    f.window->refreshAllViews();
    const auto rows = f.window->compareView()->rows();
    REQUIRE_FALSE(rows.isEmpty());
    CHECK(rows.first().size() == 4);
    CHECK(rows.first()[1] != rows.first()[2]); // the monthly totals differ between regions
}

TEST_CASE("irisize-gui --screenshot renders each tab to a PNG", "[gui][screenshot]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    for (const auto& tab : MainWindow::tabNames()) {
        const QString png = dir.filePath(tab + QStringLiteral(".png"));
        const QString cmd = QStringLiteral("QT_QPA_PLATFORM=offscreen '%1' --data '%2' --screenshot '%3' --tab %4 '%5' 2>&1")
                                .arg(QStringLiteral(IRISIZE_GUI_BIN), QStringLiteral(IRISIZE_TEST_DATA_DIR), png, tab,
                                     QStringLiteral(IRISIZE_TEST_DATA_DIR "/examples/trakcare-regional-hospital.json"));
        const int st = std::system(cmd.toLocal8Bit().constData());
        INFO(tab.toStdString());
        CHECK(WIFEXITED(st));
        CHECK(WEXITSTATUS(st) == 0);
        QFile f(png);
        REQUIRE(f.open(QIODevice::ReadOnly));
        CHECK(f.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));
        CHECK(f.size() > 20000);
    }
    const int bad = std::system(QStringLiteral("QT_QPA_PLATFORM=offscreen '%1' --data '%2' --screenshot /tmp/x.png "
                                               "--tab nosuchtab >/dev/null 2>&1")
                                    .arg(QStringLiteral(IRISIZE_GUI_BIN), QStringLiteral(IRISIZE_TEST_DATA_DIR))
                                    .toLocal8Bit()
                                    .constData());
    CHECK(WEXITSTATUS(bad) == 1);
}

TEST_CASE("importing a SystemPerformance report fills and marks the demand fields", "[gui][import]") {
    Fixture f;
    if (!f.window->plan())
        REQUIRE(f.waitForPlan());
    QString message;
    const QString report =
        QStringLiteral(IRISIZE_TEST_DATA_DIR "/../tests/data/systemperformance/sp_modern_linux_crlf.html");
    REQUIRE(f.window->importReports({report}, &message));
    const auto doc = f.window->form()->document();
    CHECK(doc["database"]["read_iops"] == 1900); // the report's 95th percentile
    CHECK(f.window->form()->importedFields().contains(QStringLiteral("database.read_iops")));
    REQUIRE(f.waitForPlan());
    CHECK(f.window->plan()->member(irisize::Role::primary)->volumes[0].demand_iops.value() > 0);

    QString error;
    CHECK_FALSE(f.window->importReports({QStringLiteral("/nonexistent/report.html")}, &error));
    CHECK(error.contains(QStringLiteral("no such file")));
}

#include <csignal>

#include <QTest>

#include <unistd.h>

// Run only by the next test, in a child process: the same throwaway settings, an edit, the
// autosave the 30 s timer makes, then the event loop until the parent kills the process.
TEST_CASE("autosave child: edit, autosave, wait to be killed", "[.][autosave-child]") {
    Fixture f;
    f.window->form()->setFieldText(QStringLiteral("name"), QStringLiteral("Killed mid-edit"));
    f.window->autosave();
    QTest::qWait(120000); // the parent sends SIGKILL long before this
    FAIL("the parent did not kill this process");
}

TEST_CASE("an autosave survives irisize being killed and is offered back at the next start", "[gui][files][faults]") {
    app();
    QFile::remove(MainWindow::autosavePath());
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::execl("/proc/self/exe", "irisize_gui_tests", "[autosave-child]", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Wait until the child's autosave holds the edit, then kill it as a crash would: no clean
    // exit, no chance to remove the autosave.
    bool saved = false;
    for (int waited = 0; waited < 60000 && !saved; waited += 50) {
        QFile file(MainWindow::autosavePath());
        saved = file.open(QIODevice::ReadOnly) && file.readAll().contains("Killed mid-edit");
        if (!saved)
            ::usleep(50 * 1000);
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(saved);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    REQUIRE(QFile::exists(MainWindow::autosavePath()));

    // The next start: a fresh window offers the autosave back once, and restores the edit.
    Fixture g;
    g.answer = QMessageBox::Yes;
    g.window->offerRecovery();
    CHECK(g.prompts == 1);
    CHECK(g.window->form()->document().value("name", std::string()) == "Killed mid-edit");
    CHECK(g.window->isWindowModified()); // recovered work is unsaved until saved

    // Still there until saved or closed cleanly; declined, it is removed and not offered again.
    Fixture h;
    h.answer = QMessageBox::No;
    h.window->offerRecovery();
    CHECK(h.prompts == 1);
    CHECK_FALSE(QFile::exists(MainWindow::autosavePath()));
    h.window->offerRecovery();
    CHECK(h.prompts == 1);
}

TEST_CASE("File > Export writes every format and File > Print renders the report", "[gui][export]") {
    Fixture f;
    if (!f.window->plan())
        REQUIRE(f.waitForPlan());
    REQUIRE(f.window->plan());
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    using F = MainWindow::ExportFormat;
    const struct {
        F format;
        const char* name;
        const char* starts;
    } cases[] = {{F::pdf, "r.pdf", "%PDF-"},      {F::html, "r.html", "<!DOCTYPE html>"},
                 {F::xlsx, "r.xlsx", "PK"},        {F::markdown, "r.md", "# Sizing of"},
                 {F::json, "r.json", "{"},         {F::text, "r.txt", "irisize plan"},
                 {F::svg, "r.svg", "<?xml"},       {F::png, "r.png", "\x89PNG"}};
    for (const auto& c : cases) {
        INFO(c.name);
        QString error;
        const QString path = dir.filePath(QString::fromLatin1(c.name));
        REQUIRE(f.window->exportTo(path, c.format, &error));
        QFile file(path);
        REQUIRE(file.open(QIODevice::ReadOnly));
        CHECK(file.readAll().startsWith(c.starts));
    }
    QString error;
    REQUIRE(f.window->exportTo(dir.filePath(QStringLiteral("tf")), F::terraform, &error));
    CHECK(QFile::exists(dir.filePath(QStringLiteral("tf/storage.tf"))));
    REQUIRE(f.window->exportTo(dir.filePath(QStringLiteral("icm")), F::icm, &error));
    CHECK(QFile::exists(dir.filePath(QStringLiteral("icm/README.md"))));

    // A file where the directory should be: a clear error, the file untouched.
    QFile blocker(dir.filePath(QStringLiteral("blocked")));
    REQUIRE(blocker.open(QIODevice::WriteOnly));
    blocker.write("keep");
    blocker.close();
    CHECK_FALSE(f.window->exportTo(blocker.fileName(), F::terraform, &error));
    CHECK(error.contains(QStringLiteral("blocked")));

    // Printing goes through the same layout as the PDF export.
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(dir.filePath(QStringLiteral("printed.pdf")));
    REQUIRE(f.window->printReport(&printer, &error));
    QFile printed(printer.outputFileName());
    REQUIRE(printed.open(QIODevice::ReadOnly));
    CHECK(printed.readAll().startsWith("%PDF-"));
}

TEST_CASE("the growth chart marks the year the planned volume runs out, or says it covers the horizon", "[gui]") {
    app();
    const auto plan = hospitalPlan();
    REQUIRE(plan->projection.size() >= 2);

    GrowthChart chart;
    chart.setPlan(*plan);
    QStringList legend = chart.capacityLegend();
    CHECK(legend.filter(QStringLiteral("runs out")).isEmpty());
    CHECK(legend.filter(QStringLiteral("covers years 0 to %1").arg(plan->projection.back().year)).size() == 1);

    // A plan whose data volumes hold only the first year's need runs out in year 1.
    auto short_plan = *plan;
    for (auto& y : short_plan.projection)
        y.data_planned = short_plan.projection.front().data_needed;
    chart.setPlan(short_plan);
    legend = chart.capacityLegend();
    CHECK(legend.filter(QStringLiteral("runs out (year 1)")).size() == 1);
    CHECK(legend.filter(QStringLiteral("covers")).isEmpty());
}

TEST_CASE("the batch dialog lists every row it could not size with its column and reason", "[gui][batch]") {
    app();
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString input = dir.filePath(QStringLiteral("sites.csv"));
    const QString output = dir.filePath(QStringLiteral("plans.csv"));
    {
        std::ifstream in(IRISIZE_TEST_DATA_DIR "/examples/sites.csv");
        std::string header, good;
        REQUIRE(std::getline(in, header));
        REQUIRE(std::getline(in, good));
        std::string bad = good;
        const auto at = bad.find(",2500,");
        REQUIRE(at != std::string::npos);
        bad.replace(at, 6, ",-5,"); // size_gib
        std::ofstream out(input.toStdString());
        out << header << '\n' << good << '\n' << bad << '\n' << good << '\n';
    }
    irisize::app::BatchOptions opt;
    opt.input = input.toStdString();
    opt.output = output.toStdString();
    const auto r = irisize::app::run_batch(*catalog(), opt);
    REQUIRE(r.status == irisize::app::BatchSomeRowsFailed);
    CHECK(r.rows == 3);
    CHECK(r.failed == 1);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].row == 2);
    CHECK(r.errors[0].column == "size_gib");

    std::unique_ptr<QDialog> dialog(makeBatchErrorsDialog(nullptr, r, output));
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("batchErrors"));
    REQUIRE(table);
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 0)->text() == QStringLiteral("2"));
    CHECK(table->item(0, 1)->text() == QStringLiteral("size_gib"));
    CHECK_FALSE(table->item(0, 2)->text().isEmpty());
    const auto* label = dialog->findChild<QLabel*>();
    REQUIRE(label);
    CHECK(label->text().contains(QStringLiteral("2 of 3 sites sized")));
}

TEST_CASE("crash recovery names the file the work belonged to and saves back to it", "[gui][files]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("hospital.irisize.json"));
    {
        Fixture f;
        f.window->form()->setFieldText(QStringLiteral("name"), QStringLiteral("Saved once"));
        REQUIRE(f.window->saveTo(path));
        f.window->form()->setFieldText(QStringLiteral("name"), QStringLiteral("Edited after saving"));
        QFile::remove(MainWindow::autosavePath());
        f.window->autosave();
        REQUIRE(QFile::exists(MainWindow::autosavePath()));
    }
    Fixture g;
    g.answer = QMessageBox::Yes;
    g.window->offerRecovery();
    CHECK(g.prompts == 1);
    CHECK(g.lastPrompt.contains(QStringLiteral("hospital.irisize.json")));
    CHECK(g.window->form()->document().value("name", std::string()) == "Edited after saving");
    CHECK(g.window->currentFile() == path);
    QFile::remove(MainWindow::autosavePath());

    // Work that belonged to no file says so.
    Fixture h;
    h.window->form()->setFieldText(QStringLiteral("name"), QStringLiteral("Never saved"));
    h.window->autosave();
    Fixture k;
    k.answer = QMessageBox::No;
    k.window->offerRecovery();
    CHECK(k.lastPrompt.contains(QStringLiteral("an untitled project")));
    CHECK_FALSE(QFile::exists(MainWindow::autosavePath()));
}

TEST_CASE("the growth charts show a point's value on hover", "[gui]") {
    app();
    const auto plan = hospitalPlan();
    GrowthChart chart;
    chart.resize(900, 700);
    chart.show();
    chart.setPlan(*plan);
    int checked = 0;
    for (auto* view : chart.findChildren<QChartView*>()) {
        REQUIRE(view->chart());
        for (auto* s : view->chart()->series()) {
            auto* line = qobject_cast<QLineSeries*>(s);
            if (!line || line->name().isEmpty() || line->points().isEmpty())
                continue;
            const QPointF last = line->points().back();
            Q_EMIT line->hovered(QPointF(last.x() - 0.1, last.y()), true);
            const QString tip = QToolTip::text();
            INFO(tip.toStdString());
            CHECK(tip.startsWith(line->name()));
            CHECK(tip.contains(QStringLiteral("year %1").arg(last.x())));
            CHECK((tip.contains(QStringLiteral(" GiB")) || tip.contains(QStringLiteral("$"))));
            Q_EMIT line->hovered(last, false);
            ++checked;
        }
    }
    CHECK(checked >= 4);
}
