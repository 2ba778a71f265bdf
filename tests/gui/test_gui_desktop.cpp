// SPDX-License-Identifier: GPL-3.0-or-later
// What a desktop application has (issue #14, items 11 and 13): undo and redo for every edit,
// added or removed system and import, also from the keyboard inside a field; a project
// summary across its systems; a system's workload exported for `irisize size`; the toolbar.
#include "gui_test_support.hpp"

#include "main_window.hpp"
#include "price_dialog.hpp"
#include "project_summary.hpp"
#include "workload_form.hpp"

#include "irisize/format.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"

#include <catch2/catch.hpp>

#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QUndoStack>

#include <cmath>
#include <fstream>
#include <memory>

using gui_test::waitForPlan;

namespace {

struct Fixture {
    Fixture() {
        gui_test::app();
        window = std::make_unique<MainWindow>(gui_test::catalog());
        window->setPrompt([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
        window->resize(1024, 700);
        window->show();
        if (!window->plan())
            REQUIRE(waitForPlan(*window));
    }
    // Opens `doc` written to a file in a throwaway directory.
    void open(const nlohmann::json& doc, const char* name = "w.json") {
        REQUIRE(dir.isValid());
        const QString path = dir.filePath(QString::fromLatin1(name));
        std::ofstream(path.toStdString()) << doc.dump(2);
        REQUIRE(window->openFile(path, true));
        if (!window->plan())
            REQUIRE(waitForPlan(*window));
    }
    QString text(const char* path) const {
        return qobject_cast<QLineEdit*>(window->form()->field(QString::fromLatin1(path)))->text();
    }
    double primaryIops() const {
        return window->plan()->member(irisize::Role::primary)->volumes[0].demand_iops.value();
    }
    QTemporaryDir dir;
    std::unique_ptr<MainWindow> window;
};

// The plan of `doc` sized alone, as `irisize size` would.
irisize::Plan sizedAlone(const nlohmann::json& doc) {
    auto w = irisize::parse_workload(doc);
    REQUIRE(w.ok());
    auto plan = irisize::size(*w, *gui_test::catalog());
    REQUIRE(plan.ok());
    return *plan;
}

} // namespace

TEST_CASE("Edit > Undo takes back each committed edit and Redo puts it back, with the plan", "[gui][undo]") {
    Fixture f;
    f.open(gui_test::example("healthconnect-small"));
    const QString original = f.text("database.read_iops");
    const double originalIops = f.primaryIops();
    auto* undo = f.window->undoStack();
    CHECK(undo->count() == 0);
    CHECK_FALSE(f.window->isWindowModified());

    f.window->form()->setFieldText(QStringLiteral("database.read_iops"), QStringLiteral("12000"));
    REQUIRE(waitForPlan(*f.window));
    QTest::qWait(1600); // past the merge window: the next edit is a step of its own
    f.window->form()->setFieldText(QStringLiteral("database.read_iops"), QStringLiteral("30000"));
    REQUIRE(waitForPlan(*f.window));
    REQUIRE(undo->count() == 2);
    CHECK(undo->undoText().contains(QStringLiteral("Read IOPS")));
    CHECK(f.window->isWindowModified());
    const double at30000 = f.primaryIops();

    undo->undo();
    REQUIRE(waitForPlan(*f.window));
    CHECK(f.text("database.read_iops") == QStringLiteral("12000"));
    CHECK(f.primaryIops() < at30000);
    undo->undo();
    REQUIRE(waitForPlan(*f.window));
    CHECK(f.text("database.read_iops") == original);
    CHECK(f.primaryIops() == Approx(originalIops));
    CHECK_FALSE(f.window->isWindowModified()); // back where the file is
    undo->redo();
    REQUIRE(waitForPlan(*f.window));
    CHECK(f.text("database.read_iops") == QStringLiteral("12000"));
    CHECK(f.window->isWindowModified());

    // A new edit after an undo drops what could be redone.
    f.window->form()->setFieldText(QStringLiteral("database.size_gib"), QStringLiteral("777"));
    CHECK_FALSE(undo->canRedo());
}

TEST_CASE("Ctrl+Z in a field undoes the whole edit through the Edit menu, never only the field's text",
          "[gui][undo]") {
    Fixture f;
    f.open(gui_test::example("healthconnect-small"));
    f.window->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(f.window.get()));
    auto* field = qobject_cast<QLineEdit*>(f.window->form()->field(QStringLiteral("database.read_iops")));
    REQUIRE(field);
    const QString original = field->text();
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, QStringLiteral("15000"));
    QTest::keyClick(field, Qt::Key_Return);
    REQUIRE(waitForPlan(*f.window));
    REQUIRE(f.window->undoStack()->count() == 1);

    // Typed but not committed, then Ctrl+Z: the typing becomes a step and is taken back.
    field->selectAll();
    QTest::keyClicks(field, QStringLiteral("99"));
    QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier);
    CHECK(field->text() == QStringLiteral("15000"));
    QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier);
    CHECK(field->text() == original);
    REQUIRE(waitForPlan(*f.window));
    // The plan follows the field: what is shown is what is sized.
    CHECK(f.window->form()->workload()->database.read_iops ==
          irisize::parse_workload(gui_test::example("healthconnect-small"))->database.read_iops);
    QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(field->text() == QStringLiteral("15000"));
}

TEST_CASE("adding and removing a system are steps that undo brings back", "[gui][undo]") {
    Fixture f;
    f.open(gui_test::example("healthconnect-small"));
    const auto name = gui_test::example("healthconnect-small")["name"].get<std::string>();
    f.window->addSystem();
    REQUIRE(f.window->systemCount() == 2);
    f.window->form()->setFieldText(QStringLiteral("name"), QStringLiteral("Second site"));
    f.window->removeSystem(); // the selected one, "Second site"
    REQUIRE(f.window->systemCount() == 1);
    CHECK(f.window->projectState().systems[0]["name"] == name);

    auto* undo = f.window->undoStack();
    CHECK(undo->undoText().contains(QStringLiteral("Second site")));
    undo->undo(); // the removal
    REQUIRE(f.window->systemCount() == 2);
    CHECK(f.window->projectState().systems[1]["name"] == "Second site");
    CHECK(f.window->projectState().current == 1);
    undo->undo(); // the rename
    CHECK(f.window->projectState().systems[1]["name"] == name + " (copy)");
    undo->undo(); // the added system
    CHECK(f.window->systemCount() == 1);
    undo->redo();
    CHECK(f.window->systemCount() == 2);
}

TEST_CASE("a SystemPerformance import is one step", "[gui][undo][import]") {
    Fixture f;
    f.open(gui_test::example("healthconnect-small"));
    const auto before = f.window->form()->document()["database"];
    QString message;
    REQUIRE(f.window->importReports(
        {QStringLiteral(IRISIZE_TEST_DATA_DIR "/../tests/data/systemperformance/sp_modern_linux_crlf.html")}, &message));
    CHECK(f.window->form()->document()["database"]["read_iops"] == 1900);
    REQUIRE(f.window->undoStack()->count() == 1);
    CHECK(f.window->undoStack()->undoText().contains(QStringLiteral("Import")));
    f.window->undoStack()->undo();
    CHECK(f.window->form()->document()["database"] == before);
}

TEST_CASE("a project of several systems is summed in the Summary tab", "[gui][project]") {
    Fixture f;
    auto hospital = gui_test::example("trakcare-regional-hospital");
    auto small = gui_test::example("healthconnect-small");
    const nlohmann::json project = {{"schema", 1}, {"kind", "irisize-project"}, {"systems", {hospital, small}}};
    f.open(project, "p.irisize.json");
    REQUIRE(f.window->systemCount() == 2);
    REQUIRE(f.window->selectTab(QStringLiteral("summary")));
    f.window->refreshAllViews();

    const auto a = sizedAlone(hospital);
    const auto b = sizedAlone(small);
    const QString summary = f.window->summaryText();
    CHECK(summary.contains(QStringLiteral("Project: 2 systems")));
    CHECK(summary.contains(QString::fromStdString(irisize::money_str(a.monthly_usd() + b.monthly_usd()))));
    CHECK(summary.contains(QString::fromStdString(irisize::money_str(b.monthly_usd()))));
    CHECK(summary.contains(QString::number(instanceCount(a) + instanceCount(b))));

    // A system that cannot be sized is named, and left out of the total, with a note saying so.
    ProjectSummary s;
    small["database"]["size_gib"] = -1;
    s.update({hospital, small}, 0, &a, *gui_test::catalog());
    CHECK(s.unsized() == 1);
    CHECK(s.monthlyUsd() == Approx(a.monthly_usd()));
    CHECK(s.html().contains(QStringLiteral("database.size_gib")));
    CHECK(s.html().contains(QStringLiteral("not counted")));
}

TEST_CASE("File > Export writes the system's workload so that irisize size reads it", "[gui][export]") {
    Fixture f;
    f.open(gui_test::example("trakcare-regional-hospital"));
    f.window->form()->setFieldText(QStringLiteral("database.read_iops"), QStringLiteral("12345"));
    REQUIRE(waitForPlan(*f.window));
    const QString path = f.dir.filePath(QStringLiteral("out.workload.json"));
    QString error;
    REQUIRE(f.window->exportTo(path, MainWindow::ExportFormat::workload, &error));
    std::ifstream in(path.toStdString());
    auto w = irisize::read_workload(in, "out.workload.json"); // the reader irisize size uses
    REQUIRE(w.ok());
    REQUIRE(w->database.read_iops);
    CHECK(w->database.read_iops->value() == Approx(12345));
    auto plan = irisize::size(*w, *gui_test::catalog());
    REQUIRE(plan.ok());
    CHECK(plan->monthly_usd() == Approx(f.window->plan()->monthly_usd()));
}

TEST_CASE("the toolbar holds the common actions with their shortcuts", "[gui]") {
    Fixture f;
    auto bars = f.window->findChildren<QToolBar*>();
    REQUIRE(bars.size() == 1);
    QStringList texts;
    for (QAction* a : bars.front()->actions())
        if (!a->isSeparator()) {
            texts << a->iconText();
            CHECK_FALSE(a->icon().isNull());
            CHECK(a->toolTip().contains(QLatin1Char('(')));
        }
    CHECK(texts == QStringList{QStringLiteral("New"), QStringLiteral("Open"), QStringLiteral("Save"),
                               QStringLiteral("Undo"), QStringLiteral("Redo"), QStringLiteral("Import"),
                               QStringLiteral("Export"), QStringLiteral("Pin")});
}

TEST_CASE("Tools > Update prices reads an offer file through the import-prices service, or changes nothing",
          "[gui][prices]") {
    gui_test::app();
    // A copy of the data directory, so that the bundled price files are never touched.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString data = dir.filePath(QStringLiteral("data"));
    QDirIterator it(QStringLiteral(IRISIZE_TEST_DATA_DIR), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = data + from.mid(QStringLiteral(IRISIZE_TEST_DATA_DIR).size());
        QDir().mkpath(QFileInfo(to).absolutePath());
        REQUIRE(QFile::copy(from, to));
    }
    auto loaded = irisize::load_catalog(data.toStdString());
    REQUIRE(loaded.ok());
    const QString target = data + QStringLiteral("/prices/eu-west-1.json");
    QFile before(target);
    REQUIRE(before.open(QIODevice::ReadOnly));
    const QByteArray old = before.readAll();
    before.close();

    const QString offers = QStringLiteral(IRISIZE_TEST_DATA_DIR "/../tests/data/pricelist/");
    // The offer of eu-west-1: written in the price files' key order, with the summary the CLI prints.
    auto r = updateRegionPrices(nullptr, *loaded, offers + QStringLiteral("offer-2025.csv"), QStringLiteral("eu-west-1"));
    REQUIRE(r.ok);
    CHECK(r.summary.front().startsWith(QStringLiteral("import-prices eu-west-1:")));
    CHECK(r.summary.join(QLatin1Char('\n')).contains(QStringLiteral("wrote ") + target));
    QFile after(target);
    REQUIRE(after.open(QIODevice::ReadOnly));
    const QByteArray written = after.readAll();
    CHECK(written != old);
    CHECK(written.indexOf("\"schema\"") < written.indexOf("\"instances\""));
    CHECK(written.indexOf("\"instances\"") < written.indexOf("\"ebs\""));
    after.close();

    // An offer without a row of the region: refused, and the file stays as it was.
    auto refused = updateRegionPrices(nullptr, *loaded, offers + QStringLiteral("offer-2025.csv"),
                                      QStringLiteral("ap-southeast-2"));
    CHECK_FALSE(refused.ok);
    CHECK(refused.message.contains(QStringLiteral("nothing written")));
    auto missing = updateRegionPrices(nullptr, *loaded, offers + QStringLiteral("no-such.csv"),
                                      QStringLiteral("eu-west-1"));
    CHECK_FALSE(missing.ok);
    CHECK(missing.message.contains(QStringLiteral("cannot be opened")));
    QFile again(target);
    REQUIRE(again.open(QIODevice::ReadOnly));
    CHECK(again.readAll() == written);
}
