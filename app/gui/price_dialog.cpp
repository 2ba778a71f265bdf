// SPDX-License-Identifier: GPL-3.0-or-later
// Tools > Update prices: the offer file and the region asked for, the update run
// off the GUI thread behind a busy dialog, and its outcome shown.
#include "price_dialog.hpp"

#include "price_update.hpp"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <fstream>
#include <vector>

namespace {

QStringList toQt(const std::vector<std::string>& lines) {
    QStringList out;
    for (const auto& l : lines)
        out << QString::fromStdString(l);
    return out;
}

} // namespace

PriceUpdateOutcome updateRegionPrices(QWidget* parent, const irisize::Catalog& catalog, const QString& offer,
                                      const QString& region) {
    PriceUpdateOutcome out;
    const auto target = catalog.data_dir / "prices" / (region.toStdString() + ".json");
    out.target = QString::fromStdString(target.string());
    if (!irisize::app::plausible_region(region.toStdString())) {
        out.message = QObject::tr("'%1' is not a region code (e.g. eu-west-1); nothing written").arg(region);
        return out;
    }
    struct Done {
        irisize::Result<irisize::app::PriceUpdate> update{irisize::Error{}};
        std::vector<std::string> warnings;
    };
    const std::string offerPath = offer.toStdString();
    const irisize::app::PriceUpdateRequest request{region.toStdString(), offerPath, target.string(), {target}};
    auto work = [&catalog, offerPath, request] {
        Done d;
        std::ifstream in(offerPath, std::ios::binary);
        if (!in) {
            d.update = irisize::Error{"", offerPath + ": cannot be opened (missing or unreadable); nothing written"};
            return d;
        }
        d.update = irisize::app::update_region_prices(catalog, in, request, d.warnings);
        return d;
    };

    QProgressDialog busy(QObject::tr("Reading %1 for %2…").arg(QFileInfo(offer).fileName(), region), QString(), 0, 0,
                         parent);
    busy.setCancelButton(nullptr); // the reader cannot stop half-way; it leaves nothing half-written either
    busy.setWindowModality(Qt::WindowModal);
    busy.setMinimumDuration(300);
    QFutureWatcher<Done> watcher;
    QObject::connect(&watcher, &QFutureWatcher<Done>::finished, &busy, [&busy] { busy.done(0); });
    watcher.setFuture(QtConcurrent::run(work));
    if (!watcher.isFinished())
        busy.exec();
    watcher.waitForFinished();
    Done done = watcher.result();
    out.warnings = toQt(done.warnings);
    if (!done.update) {
        out.message = QString::fromStdString(done.update.error().what());
        return out;
    }
    out.ok = true;
    out.summary = toQt(done.update->summary);
    return out;
}

QString runPriceUpdate(QWidget* parent, const irisize::Catalog& catalog, const QString& directory) {
    const QString offer = QFileDialog::getOpenFileName(parent, QObject::tr("AWS price list (AmazonEC2 offer file, CSV)"),
                                                       directory, QObject::tr("CSV files (*.csv);;All files (*)"));
    if (offer.isEmpty())
        return {};
    QStringList regions;
    for (const auto& [code, p] : catalog.prices)
        regions << QString::fromStdString(code);
    bool ok = false;
    const QString region = QInputDialog::getItem(parent, QObject::tr("Update prices"), QObject::tr("Region to update:"),
                                                 regions, 0, true, &ok);
    if (!ok || region.isEmpty())
        return QFileInfo(offer).absolutePath();
    const auto r = updateRegionPrices(parent, catalog, offer, region);
    const QString notes = r.warnings.isEmpty() ? QString() : QStringLiteral("\n\n") + r.warnings.join(QLatin1Char('\n'));
    if (!r.ok)
        QMessageBox::critical(parent, QObject::tr("Update prices"), r.message + notes);
    else
        QMessageBox::information(parent, QObject::tr("Prices updated"),
                                 r.summary.join(QLatin1Char('\n')) + notes + QStringLiteral("\n\n") +
                                     QObject::tr("Restart irisize-gui to size with the new prices of %1.").arg(region));
    return QFileInfo(offer).absolutePath();
}
