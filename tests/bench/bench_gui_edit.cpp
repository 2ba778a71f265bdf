// SPDX-License-Identifier: GPL-3.0-or-later
// Edit -> plan displayed in the desktop application, offscreen: the time from a keystroke in
// the workload form to the visible tab showing the new plan (form parse, sizing on the worker
// thread, the visible tab redrawn), and the time to show a tab after an edit made on another
// (a tab out of sight is brought up to date when it is shown) and, to compare, without one.
// Reports the median and the 90th percentile; not a test.
//
//   irisize_bench_gui_edit [EDITS] [TAB...]     (default 200 edits, every tab but Rules)

#include "main_window.hpp"
#include "workload_form.hpp"

#include <fmt/format.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace {

void wait_for_plan(MainWindow& window) {
    QEventLoop loop;
    QObject::connect(&window, &MainWindow::planShown, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
}

// One edit until the plan is on screen, in milliseconds. Its own function so that a profile can
// count only the edits: valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*time_one_edit*'
[[gnu::noinline]] double time_one_edit(MainWindow& window, int i) {
    QElapsedTimer t;
    t.start();
    window.form()->setFieldText(QStringLiteral("database.read_iops"), QString::number(4000 + (i % 50) * 500));
    wait_for_plan(window);
    QApplication::processEvents(); // let the visible tab repaint
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

// Showing `tab` until it is drawn, in milliseconds, from another tab where an edit was made
// (`edit`) or not: the first is what bringing the tab up to date adds to the second.
[[gnu::noinline]] double time_one_switch(MainWindow& window, const QString& tab, int i, bool edit) {
    window.selectTab(tab == QLatin1String("summary") ? QStringLiteral("compare") : QStringLiteral("summary"));
    QApplication::processEvents();
    if (edit) {
        window.form()->setFieldText(QStringLiteral("database.read_iops"), QString::number(4000 + (i % 50) * 500));
        wait_for_plan(window);
        QApplication::processEvents();
    }
    QElapsedTimer t;
    t.start();
    window.selectTab(tab);
    QApplication::processEvents(); // the tab brought up to date and drawn
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

void report(const char* what, const QString& tab, std::vector<double>& ms) {
    std::sort(ms.begin(), ms.end());
    fmt::print("{}, {} tab: median {:.1f} ms, p90 {:.1f} ms over {}\n", what, tab.toStdString(), ms[ms.size() / 2],
               ms[ms.size() * 9 / 10], ms.size());
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    const int edits = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    auto catalog = irisize::load_catalog(IRISIZE_BENCH_DATA_DIR);
    if (!catalog) {
        fmt::print(stderr, "cannot load data: {}\n", catalog.error().what());
        return 1;
    }
    MainWindow window(std::make_shared<const irisize::Catalog>(std::move(catalog).value()));
    window.setPrompt([](const QString&, const QString&, QMessageBox::StandardButtons) { return QMessageBox::Discard; });
    window.resize(1500, 950);
    window.show();

    if (!window.plan())
        wait_for_plan(window);
    QStringList tabs;
    for (int i = 2; i < argc; ++i)
        tabs << QString::fromLocal8Bit(argv[i]);
    if (tabs.isEmpty())
        tabs = {"summary", "architecture", "servers", "storage", "cost", "growth", "compare"};
    std::vector<double> ms;
    for (const QString& tab : tabs) {
        if (!window.selectTab(tab)) {
            fmt::print(stderr, "no tab named {}\n", tab.toStdString());
            return 1;
        }
        ms.clear();
        QApplication::processEvents(); // the newly shown tab is drawn before the clock starts
        for (int i = 0; i < edits; ++i)
            ms.push_back(time_one_edit(window, i));
        report("edit -> plan displayed, tab visible", tab, ms);
    }
    for (const bool edit : {true, false})
        for (const QString& tab : tabs) {
            ms.clear();
            for (int i = 0; i < edits; ++i)
                ms.push_back(time_one_switch(window, tab, i, edit));
            report(edit ? "edit on another tab, then this tab shown" : "no edit, this tab shown", tab, ms);
        }
    return 0;
}
