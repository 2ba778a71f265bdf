// SPDX-License-Identifier: GPL-3.0-or-later
#include "batch_dialog.hpp"

#include "batch_runner.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

void runBatchDialog(QWidget* parent, std::shared_ptr<const irisize::Catalog> catalog, QString& directory) {
    const QString input = QFileDialog::getOpenFileName(parent, QObject::tr("Run batch: sites to size"), directory,
                                                       QObject::tr("CSV files (*.csv *.txt);;All files (*)"));
    if (input.isEmpty())
        return;
    const QFileInfo info(input);
    const QString suggested = info.dir().filePath(info.completeBaseName() + QStringLiteral("-plans.csv"));
    const QString output = QFileDialog::getSaveFileName(parent, QObject::tr("Run batch: write the plans to"),
                                                        suggested, QObject::tr("CSV files (*.csv)"));
    if (output.isEmpty())
        return;
    directory = QFileInfo(output).absolutePath();

    auto cancel = std::make_shared<std::atomic<bool>>(false);
    QProgressDialog progress(QObject::tr("Sizing the sites in %1…").arg(info.fileName()), QObject::tr("Cancel"), 0,
                             1000, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    progress.setValue(0);
    QPointer<QProgressDialog> guard(&progress);

    irisize::app::BatchOptions opt;
    opt.input = input.toStdString();
    opt.output = output.toStdString();
    opt.cancel = cancel.get();
    opt.on_progress = [guard](const irisize::app::BatchProgress& p) {
        // Called on the worker thread: hand the figures to the dialog on the GUI thread.
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, p] {
                if (!guard)
                    return;
                if (p.total_bytes > 0)
                    guard->setValue(static_cast<int>(1000.0 * static_cast<double>(p.bytes_read) /
                                                     static_cast<double>(p.total_bytes)));
                guard->setLabelText(QObject::tr("%1 sites sized…").arg(p.rows));
            },
            Qt::QueuedConnection);
    };
    QFutureWatcher<irisize::app::BatchResult> watcher;
    QObject::connect(&progress, &QProgressDialog::canceled, &progress, [cancel] { cancel->store(true); });
    QObject::connect(&watcher, &QFutureWatcher<irisize::app::BatchResult>::finished, &progress,
                     [&progress] { progress.done(0); });
    watcher.setFuture(QtConcurrent::run([catalog, opt] { return irisize::app::run_batch(*catalog, opt); }));
    progress.exec();
    watcher.waitForFinished();
    const auto r = watcher.result();
    switch (r.status) {
    case irisize::app::BatchAllOk:
        QMessageBox::information(parent, QObject::tr("Batch done"),
                                 QObject::tr("%1 sites sized; the plans are in %2.").arg(r.rows).arg(output));
        break;
    case irisize::app::BatchSomeRowsFailed:
        QMessageBox::warning(parent, QObject::tr("Batch done, with errors"),
                             QObject::tr("%1 sites: %2 sized, %3 with errors (see the status and error columns "
                                         "of %4).")
                                 .arg(r.rows)
                                 .arg(r.rows - r.failed)
                                 .arg(r.failed)
                                 .arg(output));
        break;
    case irisize::app::BatchCancelled:
        QMessageBox::information(parent, QObject::tr("Batch cancelled"),
                                 QObject::tr("Cancelled after %1 sites; no output was written.").arg(r.rows));
        break;
    default:
        QMessageBox::critical(parent, QObject::tr("Batch failed"), QString::fromStdString(r.message));
    }
}
