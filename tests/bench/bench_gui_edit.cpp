// SPDX-License-Identifier: GPL-3.0-or-later
// Edit -> plan displayed in the desktop application, offscreen: the time from a keystroke in
// the workload form to every view showing the new plan (form parse, sizing on the worker
// thread, all tabs refreshed). Reports the median and the 90th percentile; not a test.
//
//   irisize_bench_gui_edit [EDITS]     (default 200)

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

    auto wait = [&] {
        QEventLoop loop;
        QObject::connect(&window, &MainWindow::planShown, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
    };
    if (!window.plan())
        wait();
    std::vector<double> ms;
    for (const char* tab : {"summary", "architecture", "servers", "storage", "cost", "growth", "compare"}) {
        window.selectTab(QString::fromLatin1(tab));
        ms.clear();
        for (int i = 0; i < edits; ++i) {
            QElapsedTimer t;
            t.start();
            window.form()->setFieldText(QStringLiteral("database.read_iops"), QString::number(4000 + (i % 50) * 500));
            wait();
            QApplication::processEvents(); // let the visible tab repaint
            ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        fmt::print("edit -> plan displayed, {} tab visible: median {:.1f} ms, p90 {:.1f} ms over {} edits\n", tab,
                   ms[ms.size() / 2], ms[ms.size() * 9 / 10], edits);
    }
    return 0;
}
