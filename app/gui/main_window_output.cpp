// SPDX-License-Identifier: GPL-3.0-or-later
// The main window, part three: what leaves the window or comes into it besides the project:
// export, print, batch, SystemPerformance import, price updates, pinning for Compare, About.
#include "main_window.hpp"

#include "batch_dialog.hpp"
#include "compare_view.hpp"
#include "data_location.hpp"
#include "diagram_view.hpp"
#include "gui_text.hpp"
#include "output.hpp"
#include "pdf_report.hpp"
#include "plan_writer.hpp"
#include "price_dialog.hpp"
#include "project.hpp"
#include "report_import.hpp"
#include "workload_form.hpp"

#include "irisize/format.hpp"
#include "irisize/import/metrics_import.hpp"
#include "irisize/report/report_model.hpp"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QSettings>
#include <QTextDocument>

#include <algorithm>

// --- export, batch, compare ---------------------------------------------------------------

namespace {

struct ExportChoice {
    const char* filter;
    MainWindow::ExportFormat format;
    const char* extension; ///< empty: a directory
};

const ExportChoice export_choices[] = {
    {QT_TRANSLATE_NOOP("MainWindow", "PDF report (*.pdf)"), MainWindow::ExportFormat::pdf, ".pdf"},
    {QT_TRANSLATE_NOOP("MainWindow", "HTML report, one file (*.html)"), MainWindow::ExportFormat::html, ".html"},
    {QT_TRANSLATE_NOOP("MainWindow", "Excel workbook (*.xlsx)"), MainWindow::ExportFormat::xlsx, ".xlsx"},
    {QT_TRANSLATE_NOOP("MainWindow", "Markdown report (*.md)"), MainWindow::ExportFormat::markdown, ".md"},
    {QT_TRANSLATE_NOOP("MainWindow", "Plan JSON (*.json)"), MainWindow::ExportFormat::json, ".json"},
    {QT_TRANSLATE_NOOP("MainWindow", "Text (*.txt)"), MainWindow::ExportFormat::text, ".txt"},
    {QT_TRANSLATE_NOOP("MainWindow", "Terraform, a directory of .tf files (*)"), MainWindow::ExportFormat::terraform, ""},
    {QT_TRANSLATE_NOOP("MainWindow", "InterSystems Cloud Manager definitions, a directory (*)"),
     MainWindow::ExportFormat::icm, ""},
    {QT_TRANSLATE_NOOP("MainWindow", "Architecture diagram, SVG (*.svg)"), MainWindow::ExportFormat::svg, ".svg"},
    {QT_TRANSLATE_NOOP("MainWindow", "Architecture diagram, PNG (*.png)"), MainWindow::ExportFormat::png, ".png"},
    {QT_TRANSLATE_NOOP("MainWindow", "This system's workload, for irisize size (*.workload.json)"),
     MainWindow::ExportFormat::workload, ".workload.json"},
};

} // namespace

irisize::ReportOptions MainWindow::reportOptions() const {
    irisize::ReportOptions o{irisize::app::version(), irisize::app::report_date(), nullptr, &m_catalog->instances};
    if (m_form->workload())
        o.workload = irisize::to_json(*m_form->workload());
    return o;
}

bool MainWindow::exportTo(const QString& path, ExportFormat format, QString* error) {
    if (format == ExportFormat::workload) {
        // The document as the form holds it: what `irisize size FILE` reads, placeholders marked.
        nlohmann::json doc = m_form->document();
        if (doc.is_object() && !doc.contains("schema"))
            doc["schema"] = 1;
        auto r = irisize::app::write_file_atomically(path.toStdString(), doc.dump(2) + "\n");
        if (!r)
            *error = q(r.error().what());
        return r.ok();
    }
    if (!m_plan) {
        *error = tr("There is no plan to export yet.");
        return false;
    }
    const std::string file = path.toStdString();
    auto fail = [&](const irisize::Error& e) {
        *error = q(e.what());
        return false;
    };
    if (format == ExportFormat::svg || format == ExportFormat::png) {
        refreshAllViews(); // the diagram is drawn lazily, when its tab is shown
        return format == ExportFormat::svg ? m_diagram->exportSvg(path, error) : m_diagram->exportPng(path, error);
    }
    // Every report and deployment format through the service `irisize size` uses.
    static constexpr std::pair<ExportFormat, irisize::app::PlanFormat> kPlanFormats[] = {
        {ExportFormat::pdf, irisize::app::PlanFormat::pdf},   {ExportFormat::html, irisize::app::PlanFormat::html},
        {ExportFormat::xlsx, irisize::app::PlanFormat::xlsx}, {ExportFormat::markdown, irisize::app::PlanFormat::markdown},
        {ExportFormat::json, irisize::app::PlanFormat::json}, {ExportFormat::text, irisize::app::PlanFormat::text},
        {ExportFormat::terraform, irisize::app::PlanFormat::terraform},
        {ExportFormat::icm, irisize::app::PlanFormat::icm}};
    for (const auto& [gui, service] : kPlanFormats)
        if (gui == format) {
            const QString page =
                pageSizeSetting() == irisize::pdf::PageSize::letter ? QStringLiteral("letter") : QStringLiteral("a4");
            auto r = irisize::app::write_plan(*m_catalog, *m_plan, service, file,
                                              {reportOptions().workload, page.toStdString()});
            return r ? true : fail(r.error());
        }
    return false;
}

irisize::pdf::PageSize MainWindow::pageSizeSetting() const {
    // US Letter where the locale measures in inches, else A4; the setting export/pageSize wins.
    const QString fallback = QLocale::system().measurementSystem() == QLocale::ImperialUSSystem
                                 ? QStringLiteral("letter")
                                 : QStringLiteral("a4");
    const QString name = QSettings().value(QStringLiteral("export/pageSize"), fallback).toString();
    return irisize::pdf::page_size_from(name.toStdString()).value_or(irisize::pdf::PageSize::a4);
}

void MainWindow::exportPlan() {
    // Without a plan only the workload can be exported; the dialog still opens for it.
    QStringList filters;
    for (const auto& c : export_choices)
        filters << tr(c.filter);
    QString filter = QSettings().value(QStringLiteral("export/lastFilter"), filters.front()).toString();
    const std::string name = m_plan ? m_plan->name : m_form->document().value("name", std::string("system"));
    const QString base = lastDirectory() + QLatin1Char('/') + q(irisize::app::file_safe_name(name));
    QString path = QFileDialog::getSaveFileName(this, tr("Export plan"), base, filters.join(QStringLiteral(";;")),
                                                &filter);
    if (path.isEmpty())
        return;
    const auto* choice = &export_choices[0];
    for (const auto& c : export_choices)
        if (tr(c.filter) == filter)
            choice = &c;
    QSettings().setValue(QStringLiteral("export/lastFilter"), filter);
    const bool json = choice->format == ExportFormat::workload && path.endsWith(QLatin1String(".json"));
    if (*choice->extension && !path.endsWith(QLatin1String(choice->extension)) && !json)
        path += QLatin1String(choice->extension);
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool ok = exportTo(path, choice->format, &error);
    QApplication::restoreOverrideCursor();
    if (!ok) {
        QMessageBox::critical(this, tr("Export failed"), error);
        return;
    }
    rememberDirectory(path);
    m_status->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

bool MainWindow::printReport(QPrinter* printer, QString* error) {
    if (!m_plan) {
        *error = tr("There is no plan to print yet.");
        return false;
    }
    auto doc = irisize::pdf::report_document(irisize::build_report(*m_plan, reportOptions()));
    irisize::pdf::print_report(*doc, *printer);
    return true;
}

void MainWindow::printPlan() {
    if (!m_plan) {
        QMessageBox::information(this, tr("Print"), tr("There is no plan to print yet."));
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(q(m_plan->name));
    printer.setPageSize(QPageSize(pageSizeSetting() == irisize::pdf::PageSize::letter ? QPageSize::Letter : QPageSize::A4));
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print the sizing report"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!printReport(&printer, &error))
        QMessageBox::critical(this, tr("Print failed"), error);
}

void MainWindow::printPreview() {
    if (!m_plan) {
        QMessageBox::information(this, tr("Print preview"), tr("There is no plan to print yet."));
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(pageSizeSetting() == irisize::pdf::PageSize::letter ? QPageSize::Letter : QPageSize::A4));
    QPrintPreviewDialog preview(&printer, this);
    preview.setWindowTitle(tr("Sizing report"));
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, [this](QPrinter* p) {
        QString error;
        printReport(p, &error);
    });
    preview.exec();
}

void MainWindow::runBatch() {
    QString dir = lastDirectory();
    runBatchDialog(this, m_catalog, dir);
    QSettings().setValue(QStringLiteral("files/lastDirectory"), dir);
}

bool MainWindow::importReports(const QStringList& paths, QString* error) {
    // The service `irisize import-metrics` uses, at the sizing policy's percentile.
    std::vector<std::string> files;
    for (const auto& path : paths)
        files.push_back(path.toStdString());
    const auto read = irisize::app::import_reports(*m_catalog, files);
    if (!read.summary) {
        QStringList problems;
        for (const auto& s : read.skipped)
            problems << q(s);
        if (error)
            *error = problems.join(QLatin1Char('\n'));
        return false;
    }
    const auto& summary = *read.summary; // its warnings name the files skipped
    nlohmann::json doc = m_form->document();
    const auto imported = irisize::to_workload_document(summary, doc.value("name", std::string("Imported system")),
                                                        doc.value("product", std::string("trakcare")),
                                                        doc.value("region", std::string()));
    // The report's figures replace the form's; everything else stays as the architect set it.
    QStringList notes;
    std::vector<std::pair<QString, QString>> marks;
    if (imported.contains("database"))
        for (const auto& [key, value] : imported["database"].items()) {
            doc["database"][key] = value;
            QString note = tr("From SystemPerformance");
            const auto imp = imported.find("_import");
            if (imp != imported.end() && imp->contains("fields") && (*imp)["fields"].contains(key))
                note += QStringLiteral(": ") + q((*imp)["fields"][key].dump());
            marks.emplace_back(QStringLiteral("database.") + q(key), note);
        }
    // A figure from a report is no longer the template's placeholder.
    if (auto ph = doc.find("_placeholders"); ph != doc.end() && ph->is_array()) {
        nlohmann::json kept = nlohmann::json::array();
        for (const auto& p : *ph)
            if (!p.is_string() || std::none_of(marks.begin(), marks.end(), [&](const auto& m) {
                    return m.first.toStdString() == p.get<std::string>();
                }))
                kept.push_back(p);
        *ph = kept;
    }
    m_form->setDocument(doc);
    for (const auto& [path, note] : marks)
        m_form->markImported(path, note);
    record(tr("Import SystemPerformance"));
    setDirty(true);
    QStringList warnings;
    for (const auto& w : summary.warnings)
        warnings << q(w);
    const auto count = summary.files.size();
    m_status->setText(tr("Imported %1 at the %2th percentile: %3 filled (marked blue).")
                          .arg(count == 1 ? tr("1 file") : tr("%1 files").arg(count))
                          .arg(summary.percentile)
                          .arg(marks.size() == 1 ? tr("1 field") : tr("%1 fields").arg(marks.size())));
    if (!warnings.isEmpty() && error)
        *error = warnings.join(QLatin1Char('\n'));
    return true;
}

void MainWindow::importSystemPerformance() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import SystemPerformance reports"), lastDirectory(),
        tr("SystemPerformance / pButtons reports (*.html *.htm);;mgstat, vmstat, iostat or perfmon files (*.csv *.txt "
           "*.log *.out);;All files (*)"));
    if (paths.isEmpty())
        return;
    rememberDirectory(paths.first());
    QString message;
    if (!importReports(paths, &message))
        QMessageBox::critical(this, tr("Import failed"), message);
    else if (!message.isEmpty())
        QMessageBox::information(this, tr("Imported, with notes"), message);
}

void MainWindow::updatePrices() {
    const QString directory = runPriceUpdate(this, *m_catalog, lastDirectory());
    if (!directory.isEmpty())
        rememberDirectory(directory + QStringLiteral("/."));
}

void MainWindow::pinPlan() {
    if (!m_plan)
        return;
    m_pinned = m_plan;
    m_compare->setPinned(&*m_pinned);
    m_compare->setCurrent(&*m_plan);
    selectTab(QStringLiteral("compare"));
    m_status->setText(tr("Pinned %1; change the input and compare.").arg(q(m_plan->name)));
}

void MainWindow::about() {
    const auto& rules = m_catalog->default_rule_set();
    QString prices;
    for (const auto& [code, p] : m_catalog->prices)
        prices += QStringLiteral("<br>%1: %2").arg(q(code), q(p.as_of));
    QMessageBox::about(this, tr("About irisize"),
                       tr("<h3>irisize %1</h3><p>Capacity and storage sizing for InterSystems IRIS and Caché "
                          "deployments on AWS.</p><p>EBS rule set %2 (%3); instance catalog as of %4; price data as "
                          "of:%5</p><p>Data: %6</p><p>License: GPL-3.0-or-later.</p>")
                           .arg(QStringLiteral(IRISIZE_VERSION), q(rules.id), q(rules.as_of),
                                q(m_catalog->instances.as_of), prices,
                                QDir::toNativeSeparators(QFileInfo(QString::fromStdString(m_catalog->data_dir.string())).absoluteFilePath())));
}
