// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Tools > Update prices: an AWS offer file read into a region's price file through the
// service `irisize import-prices` uses (app/common/price_update), on a worker thread while a
// busy dialog shows, since an offer file can be gigabytes.

#include "irisize/data/catalog.hpp"

#include <QString>
#include <QStringList>

class QWidget;

struct PriceUpdateOutcome {
    bool ok = false;
    QString target;      ///< the price file written (or that would have been)
    QString message;     ///< the error when not ok
    QStringList warnings;
    QStringList summary; ///< what was read, priced, carried over and written
};

/// Updates `region`'s price file in the data directory from `offer`; a busy dialog over
/// `parent` (may be null) shows while the offer is read.
PriceUpdateOutcome updateRegionPrices(QWidget* parent, const irisize::Catalog& catalog, const QString& offer,
                                      const QString& region);

/// Asks for the offer file (starting in `directory`) and the region, updates the prices and
/// says what happened. Returns the directory of the offer chosen (empty: cancelled).
QString runPriceUpdate(QWidget* parent, const irisize::Catalog& catalog, const QString& directory);
