// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #14 item 12: at 1024x700 nothing is cut short (the Cost chart's bar labels with their
// amounts, the Growth legends, the Rules explorer's labels) and the Rules tab's cheapest
// alternative is in sight without scrolling; no unit is broken over two lines ("MiB/ s").
// Item 15 (help): the user guide is compiled in, opens at a section, can be searched, and
// keeps up with the form's fields, the tabs and the menus' shortcuts. Offscreen.
#include "gui_test_support.hpp"
#include <algorithm>
#include <memory>

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGraphicsTextItem>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextLayout>
#include <QTreeWidget>

#include "charts.hpp"
#include "help_window.hpp"
#include "main_window.hpp"
#include "rules_explorer.hpp"
#include "workload_form.hpp"

namespace {

using gui_test::app;
using gui_test::catalog;

/// The main window on the bundled hospital example, at a size, with its plan shown.
std::unique_ptr<MainWindow> hospitalWindow(QSize size) {
    app();
    auto window = std::make_unique<MainWindow>(catalog());
    window->setPrompt(
        [](const QString&, const QString&, QMessageBox::StandardButtons) { return QMessageBox::Discard; });
    QSignalSpy shown(window.get(), &MainWindow::planShown);
    REQUIRE(window->openFile(QStringLiteral(IRISIZE_TEST_DATA_DIR "/examples/trakcare-regional-hospital.json"), true));
    window->resize(size);
    window->show();
    if (!window->plan())
        REQUIRE(shown.wait(20000));
    REQUIRE(window->size() == size);
    return window;
}

/// Text drawn in a chart (axis labels, titles), as laid out.
QStringList chartTexts(QChartView* view) {
    QStringList out;
    for (QGraphicsItem* item : view->scene()->items())
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && text->isVisible())
            out << text->toPlainText();
    return out;
}

/// Shows a tab and waits until its charts have drawn some text.
void showTab(MainWindow& window, const QString& tab, QWidget* charts) {
    REQUIRE(window.selectTab(tab));
    REQUIRE(QTest::qWaitFor(
        [&] {
            const auto views = charts->findChildren<QChartView*>();
            return !views.isEmpty() &&
                   std::all_of(views.begin(), views.end(), [](QChartView* v) { return chartTexts(v).size() > 3; });
        },
        5000));
    QTest::qWait(50); // one more layout pass after the last resize
}

/// A label shows all of its text: one line within its width, or wrapped within its height.
bool labelFits(const QLabel* label) {
    if (label->text().isEmpty())
        return true;
    if (label->wordWrap())
        return label->heightForWidth(label->width()) <= label->height();
    return label->sizeHint().width() <= label->width() && label->sizeHint().height() <= label->height();
}

/// Lines of a laid-out document that end inside a word, e.g. "125 MiB/" before "s": a line
/// that is not the last of its paragraph must end in a space or a dash.
QStringList linesBrokenInsideAWord(QTextDocument* doc) {
    QStringList out;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        const QTextLayout* layout = b.layout();
        if (!layout)
            continue;
        const QString text = b.text();
        for (int i = 0; i + 1 < layout->lineCount(); ++i) {
            const QTextLine line = layout->lineAt(i);
            const int end = line.textStart() + line.textLength();
            if (end <= 0 || end > text.size())
                continue;
            const QChar last = text.at(end - 1);
            if (!last.isSpace() && last != QLatin1Char('-') && last != QChar(0x2014) && last != QChar(0x2013))
                out << text.mid(line.textStart(), line.textLength()) + QStringLiteral(" | ") + text.mid(end, 20);
        }
    }
    return out;
}

/// Display text back to plain: no-break spaces as spaces, no word joiners.
QString plain(QString s) {
    s.replace(QChar::Nbsp, QLatin1Char(' '));
    s.remove(QChar(0x2060));
    return s;
}

} // namespace

TEST_CASE ("the cost chart's bar labels are never cut short, at 1024x700 and at 1600x1000", "[gui][layout]") {
    const QSize size = GENERATE(QSize(1024, 700), QSize(1600, 1000));
    INFO(size.width() << "x" << size.height());
    auto window = hospitalWindow(size);
    auto* cost = window->findChild<CostChart*>();
    REQUIRE(cost);
    showTab(*window, QStringLiteral("cost"), cost);

    const auto views = cost->findChildren<QChartView*>();
    REQUIRE(views.size() == 2);
    for (QChartView* view : views) {
        const QStringList texts = chartTexts(view);
        INFO(texts.join(QStringLiteral(" / ")).toStdString());
        for (const QString& t : texts)
            CHECK_FALSE(t.endsWith(QStringLiteral("...")));
        // Every bar is labelled with its name and its amount.
        const auto axes = view->chart()->axes(Qt::Vertical);
        REQUIRE(axes.size() == 1);
        auto* axis = qobject_cast<QBarCategoryAxis*>(axes.front());
        REQUIRE(axis);
        REQUIRE(axis->count() >= 5);
        for (const QString& category : axis->categories())
            CHECK(category.contains(QLatin1Char('$')));
    }
}

TEST_CASE ("the growth legends wrap rather than cut an entry short", "[gui][layout]") {
    const QSize size = GENERATE(QSize(1024, 700), QSize(1600, 1000));
    INFO(size.width() << "x" << size.height());
    auto window = hospitalWindow(size);
    auto* growth = window->findChild<GrowthChart*>();
    REQUIRE(growth);
    showTab(*window, QStringLiteral("growth"), growth);

    for (QChartView* view : growth->findChildren<QChartView*>())
        for (const QString& t : chartTexts(view))
            CHECK_FALSE(t.endsWith(QStringLiteral("...")));
    for (const char* name : {"capacityLegend", "costLegend"}) {
        auto* legend = growth->findChild<QLabel*>(QString::fromLatin1(name));
        REQUIRE(legend);
        CHECK(legend->isVisible());
        CHECK(labelFits(legend));
    }
    const QString legendText = plain(growth->findChild<QLabel*>(QStringLiteral("capacityLegend"))->text());
    const QStringList entries = growth->capacityLegend();
    REQUIRE(entries.size() == 3);
    for (const QString& entry : entries)
        CHECK(legendText.contains(entry.toHtmlEscaped()));
}

TEST_CASE ("the rules explorer shows every label whole and the cheapest alternative without scrolling",
           "[gui][layout]") {
    const QSize size = GENERATE(QSize(1024, 700), QSize(1600, 1000));
    INFO(size.width() << "x" << size.height());
    auto window = hospitalWindow(size);
    auto* rules = window->findChild<RulesExplorer*>();
    REQUIRE(rules);
    REQUIRE(window->selectTab(QStringLiteral("rules")));

    struct Volume {
        const char* rules;
        const char* type;
        double size, iops, mibps;
    };
    // Valid; invalid with one broken rule; invalid under the 2016 rules; an HDD type.
    for (const Volume& v : {Volume{"aws-2025", "gp3", 100, 0, 0}, Volume{"aws-2025", "gp2", 100, 3000, 0},
                            Volume{"aws-2016", "io1", 99, 3000, 0}, Volume{"aws-2025", "st1", 500, 500, 250}}) {
        INFO(v.type << " " << v.size << " GiB " << v.iops << " IOPS " << v.mibps << " MiB/s under " << v.rules);
        rules->setVolume(QString::fromLatin1(v.rules), QString::fromLatin1(v.type), v.size, v.iops, v.mibps);
        QTest::qWait(30); // layout
        QApplication::processEvents();

        for (QLabel* label : rules->findChildren<QLabel*>()) {
            if (!label->isVisible())
                continue;
            INFO("label '" << label->text().toStdString() << "' " << label->width() << "x" << label->height());
            CHECK(labelFits(label));
        }
        for (QComboBox* combo : rules->findChildren<QComboBox*>()) {
            INFO("combo '" << combo->currentText().toStdString() << "'");
            CHECK(combo->width() >= combo->sizeHint().width());
        }

        auto* cheapest = rules->findChild<QLabel*>(QStringLiteral("cheapest"));
        REQUIRE(cheapest);
        CHECK(cheapest->isVisible());
        REQUIRE_FALSE(rules->cheapestAlternative().isEmpty());
        CHECK(plain(cheapest->text()).contains(rules->cheapestAlternative().toHtmlEscaped()));
        // In sight: inside the explorer (which does not scroll) and inside the window.
        const QRect inExplorer(cheapest->mapTo(rules, QPoint(0, 0)), cheapest->size());
        CHECK(rules->rect().contains(inExplorer));
        const QRect inWindow(cheapest->mapTo(window.get(), QPoint(0, 0)), cheapest->size());
        CHECK(window->rect().contains(inWindow));

        auto* details = rules->findChild<QTextBrowser*>(QStringLiteral("details"));
        REQUIRE(details);
        details->document()->setTextWidth(details->viewport()->width());
        const QStringList broken = linesBrokenInsideAWord(details->document());
        INFO(broken.join(QStringLiteral("\n")).toStdString());
        CHECK(broken.isEmpty());
    }
}

TEST_CASE ("a unit is never split from its number or broken at its slash in the rules explorer", "[gui][layout]") {
    app();
    RulesExplorer rules(*catalog());
    rules.setRegion(QStringLiteral("us-east-1"));
    rules.resize(300, 700); // narrower than any window: wrapping must happen, but between words
    rules.show();
    rules.setVolume(QStringLiteral("aws-2025"), QStringLiteral("gp3"), 100, 0, 0);
    QApplication::processEvents();
    auto* details = rules.findChild<QTextBrowser*>(QStringLiteral("details"));
    REQUIRE(details);
    const QString text = details->document()->toPlainText();
    CHECK(plain(text).contains(QStringLiteral("125 MiB/s")));
    CHECK_FALSE(text.contains(QStringLiteral("125 MiB/s"))); // held together with a no-break space and a joiner
    details->document()->setTextWidth(details->viewport()->width());
    const QStringList broken = linesBrokenInsideAWord(details->document());
    for (const QString& line : broken)
        CHECK_FALSE(line.contains(QStringLiteral("/ |"))); // the table's names may wrap at any letter here
}

// ---- the user guide ------------------------------------------------------------------------

TEST_CASE ("the user guide is compiled in and names its sections as GitHub does", "[gui][help]") {
    app();
    const QString guide = userGuideMarkdown();
    REQUIRE(guide.size() > 5000);
    CHECK(guide.startsWith(QStringLiteral("# irisize user guide")));
    CHECK(userGuideAnchor(QStringLiteral("High availability and DR")) == QStringLiteral("high-availability-and-dr"));
    CHECK(userGuideAnchor(QStringLiteral("Files, data and prices")) == QStringLiteral("files-data-and-prices"));

    // Every link inside the guide leads to a section of it.
    HelpWindow help;
    const QStringList sections = help.sections();
    static const QRegularExpression link(QStringLiteral("\\]\\(#([a-z0-9_-]+)\\)"));
    int links = 0;
    for (auto it = link.globalMatch(guide); it.hasNext();) {
        const QString anchor = it.next().captured(1);
        INFO(anchor.toStdString());
        CHECK(sections.contains(anchor));
        ++links;
    }
    CHECK(links >= 15);
}

TEST_CASE ("the user guide describes every tab, every form field and every menu shortcut", "[gui][help]") {
    auto window = hospitalWindow(QSize(1024, 700));
    const QString guide = userGuideMarkdown();
    HelpWindow help;

    // The tabs: by their labels, and a section for each of MainWindow::tabNames().
    auto* tabs = window->findChild<QTabWidget*>();
    REQUIRE(tabs);
    REQUIRE(tabs->count() == MainWindow::tabNames().size());
    for (int i = 0; i < tabs->count(); ++i) {
        const QString label = tabs->tabText(i).remove(QLatin1Char('&'));
        INFO(label.toStdString());
        CHECK(guide.contains(QStringLiteral("### %1\n").arg(label)));
        const auto mnemonic = tabs->tabText(i).indexOf(QLatin1Char('&'));
        REQUIRE(mnemonic >= 0);
        CHECK(
            guide.contains(QStringLiteral("| Alt+%1 | %2 |").arg(tabs->tabText(i).at(mnemonic + 1).toUpper(), label)));
    }
    for (const QString& name : MainWindow::tabNames())
        CHECK(help.sections().contains(name));

    // The form: every group, every row label, every check box, and every field's workload key.
    WorkloadForm form(*catalog());
    int labels = 0;
    for (auto* box : form.findChildren<QGroupBox*>()) {
        INFO(box->title().toStdString());
        CHECK(guide.contains(QStringLiteral("### %1\n").arg(box->title())));
    }
    for (auto* rows : form.findChildren<QFormLayout*>())
        for (int r = 0; r < rows->rowCount(); ++r)
            if (auto* item = rows->itemAt(r, QFormLayout::LabelRole))
                if (auto* label = qobject_cast<QLabel*>(item->widget()); label && !label->text().isEmpty()) {
                    INFO(label->text().toStdString());
                    CHECK(guide.contains(QStringLiteral("**%1**").arg(label->text())));
                    ++labels;
                }
    for (auto* check : form.findChildren<QCheckBox*>()) {
        INFO(check->text().toStdString());
        CHECK(guide.contains(QStringLiteral("**%1**").arg(check->text())));
        ++labels;
    }
    CHECK(labels >= 25);
    int keys = 0;
    for (auto* w : form.findChildren<QWidget*>())
        if (!w->objectName().isEmpty() && form.field(w->objectName()) == w) {
            INFO(w->objectName().toStdString());
            CHECK(guide.contains(QStringLiteral("(`%1`)").arg(w->objectName())));
            ++keys;
        }
    CHECK(keys >= 25);

    // The menus' shortcuts.
    int shortcuts = 0;
    for (QAction* menu : window->menuBar()->actions())
        if (menu->menu())
            for (QAction* a : menu->menu()->actions())
                if (!a->shortcut().isEmpty()) {
                    const QString sequence = a->shortcut().toString(QKeySequence::PortableText);
                    INFO(a->text().toStdString() << ": " << sequence.toStdString());
                    CHECK(guide.contains(QStringLiteral("| %1 |").arg(sequence)));
                    ++shortcuts;
                }
    CHECK(shortcuts >= 10);
}

TEST_CASE ("showUserGuide opens one shared window at the section asked for, and Find finds", "[gui][help]") {
    auto window = hospitalWindow(QSize(1024, 700));
    HelpWindow* help = showUserGuide(window.get(), QStringLiteral("cost"));
    REQUIRE(help);
    CHECK(help->isVisible());
    CHECK(help->isWindow());
    CHECK(help->parentWidget() == window.get());
    REQUIRE(QTest::qWaitForWindowExposed(help));
    CHECK(help->browser()->document()->toPlainText().contains(QStringLiteral("How plans are found")));
    QTest::qWait(20); // the second scroll, once laid out
    CHECK(help->currentSection() == QStringLiteral("cost"));
    CHECK(help->browser()->verticalScrollBar()->value() > 0);

    // Again: the same window, now at another section.
    CHECK(showUserGuide(window.get(), QStringLiteral("how-plans-are-found")) == help);
    QTest::qWait(20);
    CHECK(help->currentSection() == QStringLiteral("how-plans-are-found"));
    CHECK_FALSE(help->showSection(QStringLiteral("no-such-section")));

    // The contents list every section below the title.
    auto* contents = help->findChild<QTreeWidget*>(QStringLiteral("contents"));
    REQUIRE(contents);
    CHECK(contents->topLevelItemCount() >= 10);
    const int needed = static_cast<QAbstractItemView*>(contents)->sizeHintForColumn(0) +
                       2 * contents->indentation(); // no heading cut short
    CHECK(contents->viewport()->width() >= needed);

    // Ctrl+F opens the find bar; a search finds, wraps around, and says when there is nothing.
    auto* bar = help->findChild<QWidget*>(QStringLiteral("findBar"));
    REQUIRE(bar);
    CHECK_FALSE(bar->isVisible());
    QTest::keyClick(help, Qt::Key_F, Qt::ControlModifier);
    CHECK(bar->isVisible());
    CHECK(help->find(QStringLiteral("Ctrl+Shift+P")));
    CHECK(help->browser()->textCursor().selectedText() == QStringLiteral("Ctrl+Shift+P"));
    CHECK(help->find(QStringLiteral("Ctrl+Shift+P"))); // the next one, or the first again
    CHECK_FALSE(help->find(QStringLiteral("no such words in the guide")));

    help->close();
    CHECK_FALSE(help->isVisible());
    CHECK(showUserGuide(window.get()) == help); // reopened, not a second window
    CHECK(help->isVisible());
}
