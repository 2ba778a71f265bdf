// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What every GUI test program needs: one offscreen QApplication with throwaway settings and
// autosave places, the bundled catalog, the bundled examples, and a wait for the next plan.

#include "main_window.hpp"

#include "irisize/data/catalog.hpp"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>

#include <fstream>
#include <memory>
#include <string>

#include <QStringList>

namespace Catch { // failures print the text, not "{?}"
template <> struct StringMaker<QString> {
    static std::string convert(const QString& s) { return '"' + s.toStdString() + '"'; }
};
template <> struct StringMaker<QStringList> {
    static std::string convert(const QStringList& l) { return "[" + l.join(QStringLiteral(", ")).toStdString() + "]"; }
};
} // namespace Catch

namespace gui_test {

inline QApplication& app() {
    static int argc = 1;
    static char name[] = "irisize-gui-tests";
    static char* argv[] = {name, nullptr};
    static QApplication* a = [] {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QStandardPaths::setTestModeEnabled(true); // settings and autosave go to throwaway places
        auto* created = new QApplication(argc, argv);
        QApplication::setOrganizationName(QStringLiteral("irisize-test"));
        // One name per test process: CTest runs the cases as parallel processes, and a shared
        // autosave file would be written by one case while another's clean exit removes it. A
        // child the case starts (the killed-autosave case) inherits its parent's name, and
        // only the process that chose the name removes its files.
        QByteArray instance = qgetenv("IRISIZE_GUI_TEST_INSTANCE");
        const bool owner = instance.isEmpty();
        if (owner) {
            instance = QByteArray::number(QCoreApplication::applicationPid());
            qputenv("IRISIZE_GUI_TEST_INSTANCE", instance);
        }
        QApplication::setApplicationName(QStringLiteral("irisize-test-") + QString::fromLatin1(instance));
        static const struct Scratch {
            bool owner;
            QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
            QString settings = QStandardPaths::writableLocation(QStandardPaths::ConfigLocation) +
                               QStringLiteral("/irisize-test/") + QCoreApplication::applicationName() +
                               QStringLiteral(".conf");
            ~Scratch() {
                if (!owner)
                    return;
                QDir(data).removeRecursively();
                QFile::remove(settings);
            }
        } scratch{owner};
        return created;
    }();
    return *a;
}

inline std::shared_ptr<const irisize::Catalog> catalog() {
    static auto cat = [] {
        auto c = irisize::load_catalog(IRISIZE_TEST_DATA_DIR);
        REQUIRE(c.ok());
        return std::make_shared<const irisize::Catalog>(std::move(c).value());
    }();
    return cat;
}

/// A bundled example (data/examples/NAME.json) as a document.
inline nlohmann::json example(const std::string& name) {
    std::ifstream in(std::string(IRISIZE_TEST_DATA_DIR) + "/examples/" + name + ".json");
    REQUIRE(in);
    return nlohmann::json::parse(in);
}

/// Waits for the window to show its next plan; false after `ms`.
inline bool waitForPlan(MainWindow& window, int ms = 15000) {
    QSignalSpy spy(&window, &MainWindow::planShown);
    return spy.wait(ms);
}

} // namespace gui_test
