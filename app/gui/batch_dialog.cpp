// SPDX-License-Identifier: GPL-3.0-or-later
// File > Run batch: the input and output chosen, the batch service run on a worker
// thread under a progress dialog that cancels, and the rows that failed listed with their reasons.
#include "batch_dialog.hpp"

#include "batch_runner.hpp"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

QDialog* makeBatchErrorsDialog(QWidget* parent, const irisize::app::BatchResult& result, const QString& output) {
    auto* dialog = new QDialog(parent);
    dialog->setWindowTitle(QObject::tr("Batch done, with errors"));
    auto* layout = new QVBoxLayout(dialog);
    const std::size_t sized = result.rows - result.failed;
    QString text = QObject::tr("%1 of %2 sites sized; %3 could not be sized. The plans, with a status and an "
                               "error column for every row, are in %4.")
                       .arg(sized)
                       .arg(result.rows)
                       .arg(result.failed)
                       .arg(output);
    if (result.errors.size() < result.failed)
        text += QObject::tr(" The first %1 are listed below.").arg(result.errors.size());
    auto* label = new QLabel(text, dialog);
    label->setWordWrap(true);
    layout->addWidget(label);
    auto* table = new QTableWidget(static_cast<int>(result.errors.size()), 3, dialog);
    table->setObjectName(QStringLiteral("batchErrors"));
    table->setHorizontalHeaderLabels({QObject::tr("Row"), QObject::tr("Column"), QObject::tr("Message")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setStretchLastSection(true);
    for (std::size_t i = 0; i < result.errors.size(); ++i) {
        const auto& e = result.errors[i];
        const int r = static_cast<int>(i);
        auto* row = new QTableWidgetItem(QString::number(e.row));
        row->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(r, 0, row);
        table->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(e.column)));
        auto* message = new QTableWidgetItem(QString::fromStdString(e.message));
        message->setToolTip(message->text());
        table->setItem(r, 2, message);
    }
    table->resizeColumnToContents(0);
    table->resizeColumnToContents(1);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(760, 420);
    return dialog;
}

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
    {
        std::unique_ptr<QDialog> dialog(makeBatchErrorsDialog(parent, r, output));
        dialog->exec();
        break;
    }
    case irisize::app::BatchCancelled:
        QMessageBox::information(parent, QObject::tr("Batch cancelled"),
                                 QObject::tr("Cancelled after %1 sites; no output was written.").arg(r.rows));
        break;
    default:
        QMessageBox::critical(parent, QObject::tr("Batch failed"), QString::fromStdString(r.message));
    }
}
