// SPDX-License-Identifier: GPL-3.0-or-later
// The way in must never change an architect's figures behind their back (issue #14, items
// 1-7): files with problems, the mouse wheel over the form, half-typed values, the template's
// placeholders, messages under the fields, and inputs that follow their switch. Driven
// offscreen with key and wheel events, waiting on signals.
#include "gui_test_support.hpp"
#include "main_window.hpp"
#include "plan_adapter.hpp"
#include "project.hpp"
#include "rules_explorer.hpp"
#include "workload_form.hpp"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <fstream>
#include <memory>

namespace {

using gui_test::app;
using gui_test::catalog;

nlohmann::json example() {
    std::ifstream in(IRISIZE_TEST_DATA_DIR "/examples/healthconnect-small.json");
    return nlohmann::json::parse(in);
}

struct Fixture {
    Fixture() {
        app();
        window = std::make_unique<MainWindow>(catalog());
        window->setPrompt([](const QString&, const QString&, QMessageBox::StandardButtons) {
            return QMessageBox::Discard;
        });
        window->resize(1024, 700);
        window->show();
    }
    bool waitForPlan(int ms = 15000) {
        QSignalSpy spy(window.get(), &MainWindow::planShown);
        return spy.wait(ms);
    }
    void settle() {
        if (!window->plan())
            REQUIRE(waitForPlan());
    }
    // Opens `doc` written to a file; returns the file's path.
    QString open(const nlohmann::json& doc) {
        REQUIRE(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("w.json"));
        std::ofstream(path.toStdString()) << doc.dump(2);
        REQUIRE(window->openFile(path, true));
        return path;
    }
    WorkloadForm* form() const { return window->form(); }
    QString line(const char* path) const {
        QLabel* l = form()->messageLine(QString::fromLatin1(path));
        return l && !l->isHidden() ? l->text() : QString();
    }
    QTemporaryDir dir;
    std::unique_ptr<MainWindow> window;
};

QByteArray readAll(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// One wheel notch down over `w`; true when `w` took it. (A sent event is not passed on to the
// parents as a real one is, so the scrolling itself is seen on a real X server.)
bool wheel(QWidget* w, int notches) {
    const QPointF at(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent ev(at, w->mapToGlobal(at), QPoint(), QPoint(0, -120 * notches), Qt::NoButton, Qt::NoModifier,
                   Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &ev);
    return ev.isAccepted();
}

} // namespace

TEST_CASE("a misspelt field in an opened file is shown by name and nothing is sized from an estimate",
          "[gui][input]") {
    Fixture f;
    f.settle();
    auto doc = example();
    doc["database"]["read_iop"] = 12000;
    doc["database"].erase("read_iops");
    const QString path = f.open(doc);
    const QByteArray before = readAll(path);

    // The same reader as `irisize size`: field, reason and the suggestion.
    const auto& problems = f.form()->documentProblems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == QStringLiteral("database.read_iop"));
    CHECK(problems[0].message.contains(QStringLiteral("did you mean 'read_iops'")));
    // Under the field it was meant for, and where the plan goes; no plan from an estimate.
    CHECK(f.line("database.read_iops").contains(QStringLiteral("read_iop")));
    CHECK(f.form()->fieldError(QStringLiteral("database.read_iops")).contains(QStringLiteral("12000")));
    CHECK_FALSE(f.window->plan());
    CHECK_FALSE(f.window->adapter()->busy());
    CHECK(f.window->summaryText().contains(QStringLiteral("database.read_iop")));
    REQUIRE(f.window->fileProblems().size() == 1);
    CHECK(f.window->fileProblems()[0].startsWith(path));
    // Saving untouched keeps the misspelt key; the opened file is not changed.
    CHECK(f.form()->document()["database"]["read_iop"] == 12000);
    CHECK(readAll(path) == before);

    // Typing the figure into the field it was meant for deals with it; then it sizes.
    f.form()->setFieldText(QStringLiteral("database.read_iops"), QStringLiteral("12000"));
    CHECK(f.form()->documentProblems().empty());
    CHECK_FALSE(f.form()->document()["database"].contains("read_iop"));
    REQUIRE(f.waitForPlan());
    CHECK(f.window->plan()->member(irisize::Role::primary)->volumes[0].demand_iops.value() >= 12000);
}

TEST_CASE("values the form cannot show and keys it has no field for are kept and not replaced", "[gui][input]") {
    Fixture f;
    f.settle();
    auto doc = example();
    doc["region"] = "us-east-9";
    doc["_comment"] = "kept";
    doc["database"]["size_history"] = {{{"date", "2024-01-01"}, {"size_gib", 300}},
                                       {{"date", "2024-07-01"}, {"size_gib", 350}},
                                       {{"date", "2025-01-01"}, {"size_gib", 400}}};
    f.open(doc);
    const auto& problems = f.form()->documentProblems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == QStringLiteral("region"));
    CHECK(f.line("region").contains(QStringLiteral("us-east-9")));
    // Blank rather than showing another region as if it were the file's.
    CHECK(qobject_cast<QComboBox*>(f.form()->field(QStringLiteral("region")))->currentText().isEmpty());
    CHECK_FALSE(f.window->plan());
    const auto kept = f.form()->document();
    CHECK(kept["region"] == "us-east-9");
    CHECK(kept["_comment"] == "kept");
    CHECK(kept["database"]["size_history"].size() == 3);
}

TEST_CASE("irisize-gui --screenshot on a file with problems names each field and exits 1", "[gui][input]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto doc = example();
    doc["database"]["read_iop"] = 12000;
    doc["database"]["size_gib"] = -5;
    const QString file = dir.filePath(QStringLiteral("bad.json"));
    std::ofstream(file.toStdString()) << doc.dump(2);
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(IRISIZE_GUI_BIN), {QStringLiteral("--data"), QStringLiteral(IRISIZE_TEST_DATA_DIR),
                                              QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png")),
                                              file});
    REQUIRE(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    CHECK(p.exitCode() == 1);
    CHECK(err.contains(QStringLiteral("database.read_iop")));
    CHECK(err.contains(QStringLiteral("read_iops")));
    CHECK(err.contains(QStringLiteral("database.size_gib")));
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("x.png"))));
}

TEST_CASE("the mouse wheel scrolls the form and changes a combo or spin box only when it has focus",
          "[gui][input]") {
    Fixture f;
    f.settle();
    auto* region = qobject_cast<QComboBox*>(f.form()->field(QStringLiteral("region")));
    auto* members = qobject_cast<QSpinBox*>(f.form()->field(QStringLiteral("dr.members")));
    REQUIRE(region);
    REQUIRE(members);
    auto* scroll = f.window->findChild<QScrollArea*>();
    REQUIRE(scroll);
    QApplication::setActiveWindow(f.window.get());
    f.form()->field(QStringLiteral("name"))->setFocus();
    region->clearFocus();
    members->clearFocus();
    REQUIRE_FALSE(region->hasFocus());
    REQUIRE_FALSE(members->hasFocus());
    const QString before = region->currentText();
    const int membersBefore = members->value();
    QSignalSpy edits(f.form(), &WorkloadForm::edited);
    CHECK_FALSE(wheel(region, 1)); // ignored: Qt passes a real wheel event on to the scroll area
    CHECK_FALSE(wheel(members, -1));
    CHECK(region->currentText() == before);
    CHECK(members->value() == membersBefore);
    CHECK(edits.isEmpty());
    // The scroll area takes it: at 1024x700 the form is taller than its pane.
    const int scrolled = scroll->verticalScrollBar()->value();
    wheel(scroll->viewport(), 1);
    CHECK(scroll->verticalScrollBar()->value() > scrolled);

    // Focused (clicked or tabbed into), the wheel is the box's.
    region->setFocus();
    if (region->hasFocus()) { // needs an active window, which some platforms do not give offscreen
        wheel(region, 1);
        CHECK(region->currentText() != before);
    }
}

TEST_CASE("typing is sized after a pause or on Enter and only a committed plan is kept as the last good one",
          "[gui][input]") {
    Fixture f;
    f.settle();
    auto* size = qobject_cast<QLineEdit*>(f.form()->field(QStringLiteral("database.size_gib")));
    REQUIRE(size);
    f.form()->setFieldText(QStringLiteral("database.size_gib"), QStringLiteral("1500")); // committed
    REQUIRE(f.waitForPlan());
    REQUIRE(f.window->lastGoodPlan());
    const double committed = f.window->lastGoodPlan()->monthly_usd();

    // Keystrokes: nothing is read until the pause or Enter.
    QSignalSpy changed(f.form(), &WorkloadForm::workloadChanged);
    QTest::keyClicks(size, QStringLiteral("0"));
    CHECK(changed.isEmpty());
    CHECK(irisize::units::in_GiB(*f.form()->workload()->database.size) == Approx(1500));
    // After the pause the half-typed 15000 is sized and shown, but not kept as the last good plan.
    REQUIRE(changed.wait(5000));
    CHECK_FALSE(changed.front().at(1).toBool());
    REQUIRE(f.waitForPlan());
    CHECK(f.window->plan()->monthly_usd() != Approx(committed));
    CHECK(f.window->lastGoodPlan()->monthly_usd() == Approx(committed));
    // Going invalid greys the committed plan, not the half-typed one.
    QSignalSpy invalid(f.form(), &WorkloadForm::workloadInvalid);
    QTest::keyClicks(size, QStringLiteral("x"));
    REQUIRE(invalid.wait(5000));
    CHECK(f.window->planStale());
    REQUIRE(f.window->plan());
    CHECK(f.window->plan()->monthly_usd() == Approx(committed));

    // Enter commits at once.
    changed.clear();
    QTest::keyClick(size, Qt::Key_Backspace);
    QTest::keyClick(size, Qt::Key_Return);
    REQUIRE(changed.size() == 1);
    CHECK(changed.front().at(1).toBool());
    REQUIRE(f.waitForPlan());
    CHECK(f.window->lastGoodPlan()->monthly_usd() == Approx(f.window->plan()->monthly_usd()));
    CHECK(f.window->lastGoodPlan()->monthly_usd() != Approx(committed));
}

TEST_CASE("a new project starts from placeholders marked in the form and on the plan until changed", "[gui][input]") {
    Fixture f;
    f.window->newProject();
    f.settle();
    const QStringList placeholders = f.form()->placeholderFields();
    CHECK(placeholders.contains(QStringLiteral("database.size_gib")));
    CHECK(placeholders.contains(QStringLiteral("database.read_iops")));
    CHECK(f.line("database.size_gib").contains(QStringLiteral("Placeholder")));
    REQUIRE(f.window->plan());
    REQUIRE_FALSE(f.window->plan()->warnings.empty());
    CHECK(f.window->plan()->warnings.front().find("Placeholder") != std::string::npos);
    CHECK(f.window->summaryText().contains(QStringLiteral("Placeholder figures")));

    f.form()->setFieldText(QStringLiteral("database.size_gib"), QStringLiteral("2000"));
    CHECK_FALSE(f.form()->placeholderFields().contains(QStringLiteral("database.size_gib")));
    CHECK(f.line("database.size_gib").isEmpty());
    CHECK(f.form()->placeholderFields().contains(QStringLiteral("database.read_iops")));
    // Saved and opened again, what is still a placeholder stays one.
    CHECK(f.form()->document()["_placeholders"].size() == static_cast<std::size_t>(placeholders.size() - 1));

    // Figures imported from a SystemPerformance report are not placeholders either.
    QString message;
    REQUIRE(f.window->importReports(
        {QStringLiteral(IRISIZE_TEST_DATA_DIR "/../tests/data/systemperformance/sp_modern_linux_crlf.html")}, &message));
    CHECK(f.form()->importedFields().contains(QStringLiteral("database.read_iops")));
    CHECK_FALSE(f.form()->placeholderFields().contains(QStringLiteral("database.read_iops")));
}

TEST_CASE("an invalid field has its reason on a line under it and a refused plan marks the field that causes it",
          "[gui][input]") {
    Fixture f;
    f.settle();
    f.form()->setFieldText(QStringLiteral("database.size_gib"), QStringLiteral("-5"));
    CHECK(f.line("database.size_gib").contains(QStringLiteral("greater than 0")));
    f.form()->setFieldText(QStringLiteral("database.size_gib"), QStringLiteral("500"));
    CHECK(f.line("database.size_gib").isEmpty());

    QSignalSpy failed(f.window->adapter(), &PlanAdapter::planFailed);
    f.form()->setFieldText(QStringLiteral("database.peak_cores"), QStringLiteral("5000"));
    REQUIRE(failed.wait(15000));
    // The sizer names the demand; the form marks the field that drives it, with what the largest has.
    CHECK(f.line("database.peak_cores").contains(QStringLiteral("no instance")));
    CHECK(f.line("database.peak_cores").contains(QStringLiteral("the largest")));
}

TEST_CASE("opening a file with an invalid value shows its problems in the plan pane", "[gui][input]") {
    Fixture f;
    f.settle();
    auto doc = example();
    doc["database"]["read_iops"] = -5;
    doc["ha"]["mirror"] = "yes";
    f.open(doc);
    CHECK_FALSE(f.window->plan());
    const QString pane = f.window->summaryText();
    CHECK(pane.contains(QStringLiteral("2 problem")));
    CHECK(pane.contains(QStringLiteral("database.read_iops")));
    CHECK(pane.contains(QStringLiteral("ha.mirror")));
    CHECK(f.line("database.read_iops").contains(QStringLiteral("In the file")));
    CHECK_FALSE(f.line("ha.mirror").isEmpty());
}

TEST_CASE("dependent inputs follow their switch and the Rules tab keeps the chosen volume type", "[gui][input]") {
    Fixture f;
    f.settle();
    auto* form = f.form();
    form->setFieldText(QStringLiteral("ha.mirror"), QStringLiteral("false"));
    CHECK_FALSE(form->field(QStringLiteral("ha.arbiter"))->isEnabled());
    form->setFieldText(QStringLiteral("ha.mirror"), QStringLiteral("true"));
    CHECK(form->field(QStringLiteral("ha.arbiter"))->isEnabled());

    form->setFieldText(QStringLiteral("dr.region"), QStringLiteral("(none)"));
    CHECK_FALSE(form->field(QStringLiteral("dr.members"))->isEnabled());
    CHECK_FALSE(form->field(QStringLiteral("dr.capacity_percent"))->isEnabled());
    form->setFieldText(QStringLiteral("dr.region"), QStringLiteral("us-west-2"));
    CHECK(form->field(QStringLiteral("dr.members"))->isEnabled());

    auto* rules = f.window->findChild<RulesExplorer*>();
    REQUIRE(rules);
    rules->setVolume(QStringLiteral("aws-2025"), QStringLiteral("gp3"), 500, 3000, 125);
    const auto combos = rules->findChildren<QComboBox*>();
    REQUIRE(combos.size() >= 2);
    QComboBox* ruleSet = combos[0];
    QComboBox* type = combos[1];
    REQUIRE(type->currentData().toString() == QStringLiteral("gp3"));
    const int old = ruleSet->findData(QStringLiteral("aws-2016"));
    REQUIRE(old >= 0);
    ruleSet->setCurrentIndex(old);
    CHECK(type->currentData().toString() == QStringLiteral("gp3")); // not silently gp2
    CHECK(type->currentText().contains(QStringLiteral("not in aws-2016")));
}

TEST_CASE("a hybrid site opens without problems, is sized as one, and its switches follow", "[gui][input]") {
    Fixture f;
    f.settle();
    std::ifstream in(IRISIZE_TEST_DATA_DIR "/examples/trakcare-hybrid-dr.json");
    const auto hybrid = nlohmann::json::parse(in);
    f.open(hybrid);
    CHECK(f.form()->documentProblems().empty());
    auto* form = f.form();
    CHECK(form->hybrid());
    CHECK(form->field(QStringLiteral("ha.link"))->isEnabled());
    CHECK(form->field(QStringLiteral("dr.members"))->isEnabled());
    CHECK_FALSE(form->field(QStringLiteral("dr.region"))->isEnabled());
    // The document is the file's: nothing the architect wrote is changed or dropped.
    const auto doc = form->document();
    CHECK(doc["ha"]["failover_site"] == "on_premises");
    CHECK(doc["ha"]["link"] == "vpn");
    CHECK(doc["dr"]["members"] == 2);
    CHECK(doc["dr"]["capacity_percent"] == 100);
    if (!f.window->plan() || !f.window->plan()->hybrid())
        REQUIRE(f.waitForPlan());
    REQUIRE(f.window->plan());
    CHECK(f.window->plan()->hybrid());
    CHECK(f.window->plan()->member(irisize::Role::primary)->on_premises);

    // Back to AWS: no failover site or link in the document, the DR region enabled again.
    form->setFieldText(QStringLiteral("ha.failover_site"), QStringLiteral("aws"));
    CHECK_FALSE(form->hybrid());
    CHECK_FALSE(form->field(QStringLiteral("ha.link"))->isEnabled());
    CHECK(form->field(QStringLiteral("dr.region"))->isEnabled());
    const auto aws = form->document();
    CHECK_FALSE(aws["ha"].contains("failover_site"));
    CHECK_FALSE(aws["ha"].contains("link"));
}
