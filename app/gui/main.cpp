// SPDX-License-Identifier: GPL-3.0-or-later
// irisize-gui: the desktop application. Options: a project to open, --data DIR, and
// --screenshot FILE [--tab NAME] to render the main window to a PNG without a display
// (QT_QPA_PLATFORM=offscreen) for reviewers, documentation and tests. A file with problems
// (a misspelt field, an invalid value) gets every problem on stderr, by field, and exit 1.

#include "data_location.hpp"
#include "main_window.hpp"
#include "plan_adapter.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("irisize"));
    QApplication::setApplicationName(QStringLiteral("irisize-gui"));
    QApplication::setApplicationDisplayName(QStringLiteral("irisize"));
    QApplication::setApplicationVersion(QStringLiteral(IRISIZE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("irisize - capacity and storage sizing for InterSystems IRIS/Cache on AWS (desktop)"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project or workload file to open."),
                                 QStringLiteral("[PROJECT]"));
    QCommandLineOption dataOpt(QStringLiteral("data"), QStringLiteral("Data directory."), QStringLiteral("DIR"));
    QCommandLineOption shotOpt(QStringLiteral("screenshot"),
                               QStringLiteral("Render the main window to FILE (PNG) once the plan is ready, then "
                                              "exit. Works without a display (QT_QPA_PLATFORM=offscreen)."),
                               QStringLiteral("FILE"));
    QCommandLineOption tabOpt(QStringLiteral("tab"),
                              QStringLiteral("Tab to show: %1.").arg(MainWindow::tabNames().join(QStringLiteral(", "))),
                              QStringLiteral("NAME"), QStringLiteral("summary"));
    parser.addOptions({dataOpt, shotOpt, tabOpt});
    parser.process(app);

    const bool screenshot = parser.isSet(shotOpt);
    auto fail = [&](const QString& message) {
        std::fprintf(stderr, "irisize-gui: error: %s\n", qPrintable(message));
        if (!screenshot)
            QMessageBox::critical(nullptr, QStringLiteral("irisize"), message);
        return 1;
    };

    std::string tried;
    const auto dir = irisize::app::find_data_dir(
        parser.isSet(dataOpt) ? std::optional<std::filesystem::path>(parser.value(dataOpt).toStdString())
                              : std::nullopt,
        argv[0], &tried);
    if (!dir)
        return fail(QStringLiteral("no data directory found (tried %1); use --data DIR or set IRISIZE_DATA")
                        .arg(QString::fromStdString(tried)));
    auto catalog = irisize::load_catalog(dir->dir);
    if (!catalog)
        return fail(QStringLiteral("data: %1").arg(QString::fromStdString(catalog.error().what())));

    MainWindow window(std::make_shared<const irisize::Catalog>(std::move(catalog).value()));
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty() && !window.openFile(args.first(), screenshot))
        return screenshot ? fail(QStringLiteral("cannot open %1").arg(args.first())) : 1;
    if (screenshot && !args.isEmpty()) {
        // A file with problems is not pictured as if it had been sized: every problem, by field.
        const QStringList problems = window.fileProblems();
        for (const auto& p : problems)
            std::fprintf(stderr, "irisize-gui: error: %s\n", qPrintable(p));
        if (!problems.isEmpty())
            return 1;
    }
    if (!window.selectTab(parser.value(tabOpt)))
        return fail(QStringLiteral("unknown tab '%1' (one of %2)")
                        .arg(parser.value(tabOpt), MainWindow::tabNames().join(QStringLiteral(", "))));

    if (screenshot) {
        window.resize(1500, 950);
        window.show();
        // Wait for the plan (or give up after 20 s), let the views lay out, then grab.
        QEventLoop loop;
        QObject::connect(&window, &MainWindow::planShown, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        if (!window.plan())
            loop.exec();
        QTimer::singleShot(300, &loop, &QEventLoop::quit);
        loop.exec();
        if (!window.plan())
            return fail(QStringLiteral("no plan to show (the input is not valid?)"));
        if (!window.grab().save(parser.value(shotOpt), "PNG"))
            return fail(QStringLiteral("cannot write %1").arg(parser.value(shotOpt)));
        return 0;
    }

    window.show();
    window.offerRecovery();
    return QApplication::exec();
}
