// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// File > Run batch: the same engine as `irisize batch`, with a progress dialog that can be
// cancelled (the output file is then not written).

#include "batch_runner.hpp"
#include "irisize/data/catalog.hpp"

#include <QString>

#include <memory>

class QDialog;
class QWidget;

/// Asks for the input and output CSV, runs the batch on a worker thread with a progress
/// dialog, and reports the outcome. `directory` is where the file dialogs start; it is
/// updated to where the output went.
void runBatchDialog(QWidget* parent, std::shared_ptr<const irisize::Catalog> catalog, QString& directory);

/// The rows a batch could not size, one line each (row, column, message) in a table, with the
/// counts and where the output went. The caller shows it (exec) and owns it.
QDialog* makeBatchErrorsDialog(QWidget* parent, const irisize::app::BatchResult& result, const QString& output);
