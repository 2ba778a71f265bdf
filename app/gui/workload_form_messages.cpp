// SPDX-License-Identifier: GPL-3.0-or-later
// The workload form's messages: the document validated on each edit, a problem placed under
// the field it concerns (or the field that drives it), fields restyled as marked, imported or
// placeholders, and the marks cleared.
#include "workload_form.hpp"

#include <QFormLayout>
#include <QLabel>
#include <QRegularExpression>

#include <algorithm>
#include <utility>

QString WorkloadForm::problemField(const irisize::Error& error) const {
    QString path = QString::fromStdString(error.field);
    if (path.startsWith(QLatin1String("families")))
        return QStringLiteral("families");
    if (field(path))
        return path;
    // A misspelt key is shown under the field it was most likely meant for.
    static const QRegularExpression meant(QStringLiteral("did you mean '([^']+)'"));
    const auto m = meant.match(QString::fromStdString(error.message));
    if (!m.hasMatch())
        return {};
    const int dot = static_cast<int>(path.lastIndexOf(QLatin1Char('.')));
    const QString candidate = (dot < 0 ? QString() : path.left(dot + 1)) + m.captured(1);
    if (field(candidate))
        return candidate;
    for (const auto& [p, w] : m_fields)
        if (p.startsWith(candidate + QLatin1Char('.')))
            return p;
    return {};
}

void WorkloadForm::validate(bool committed) {
    clearErrors(); // leaves the placeholders' notes
    if (!m_problems.empty()) {
        QStringList elsewhere;
        for (const auto& p : m_problems) {
            if (!p.field.isEmpty())
                markField(p.field, tr("In the file: %1").arg(p.message));
            else
                elsewhere << (p.path.isEmpty() ? p.message : p.path + QStringLiteral(": ") + p.message);
        }
        QString text = (m_problems.size() == 1 ? tr("The file has a problem")
                                               : tr("The file has %1 problems").arg(m_problems.size())) +
                       tr("; nothing is sized until each is dealt with (edit the marked field). The file itself is "
                          "not changed.");
        if (!elsewhere.isEmpty())
            text += QLatin1Char('\n') + tr("Not in the form (left out at your first edit):") + QLatin1Char('\n') +
                    elsewhere.join(QLatin1Char('\n'));
        m_message->setText(text);
        m_message->show();
        m_workload.reset();
        const auto& first = m_problems.front();
        Q_EMIT workloadInvalid(irisize::Error{first.path.toStdString(), first.message.toStdString()});
        return;
    }
    auto w = irisize::parse_workload(document());
    if (!w) {
        m_workload.reset();
        markError(w.error());
        Q_EMIT workloadInvalid(w.error());
        return;
    }
    m_workload = std::move(w).value();
    Q_EMIT workloadChanged(*m_workload, committed);
}

void WorkloadForm::showMessage(const QString& path, const QString& message, bool error) {
    QLabel* line = messageLine(path); // touched only where it changes: a row shown lays the form out again
    if (!line)
        return;
    if (line->text() != message)
        line->setText(message);
    const bool shown = !message.isEmpty();
    const QString style = error ? QStringLiteral("color: #b00020;") : QStringLiteral("color: #666; font-style: italic;");
    if (shown && line->styleSheet() != style)
        line->setStyleSheet(style);
    auto* rows = line->parentWidget() ? qobject_cast<QFormLayout*>(line->parentWidget()->layout()) : nullptr;
    if (rows ? rows->isRowVisible(line) != shown : line->isHidden() == shown) // not yet as it should be
        rows ? rows->setRowVisible(line, shown) : line->setVisible(shown);
}

void WorkloadForm::restyle(const QString& path) {
    QWidget* w = field(path);
    if (!w)
        return;
    QString style;
    QString tip = w->property("baseTooltip").toString();
    if (auto imp = m_imported.find(path); imp != m_imported.end()) {
        style = QStringLiteral("border: 2px solid #1565c0;");
        tip = imp->second;
    }
    if (std::find(m_placeholders.begin(), m_placeholders.end(), path) != m_placeholders.end())
        style += QStringLiteral("color: #777; font-style: italic;");
    if (auto err = m_errors.find(path); err != m_errors.end()) {
        style = QStringLiteral("border: 2px solid #b00020;");
        tip = err->second;
    }
    if (w->styleSheet() != style)
        w->setStyleSheet(style);
    w->setToolTip(tip);
}

void WorkloadForm::markField(const QString& path, const QString& message) {
    m_errors[path] = message;
    restyle(path);
    showMessage(path, message, true);
}

void WorkloadForm::markError(const irisize::Error& error) {
    QString path = QString::fromStdString(error.field);
    // "families[1]" marks the families field; the sizer's names of a demand or a command-line
    // option mark the field that drives it; an unknown field marks the form only.
    static const std::pair<const char*, const char*> drivenBy[] = {
        {"--rules", "rules"},
        {"--region", "region"},
        {"database", "database.peak_cores"},
        {"database volumes", "database.read_iops"},
        {"dr volumes", "dr.capacity_percent"},
        {"users", "users.concurrent"},
        {"users.history", "users.concurrent"},
        {"database.size_history", "database.size_gib"},
    };
    if (path.startsWith(QLatin1String("families")))
        path = QStringLiteral("families");
    for (const auto& [from, to] : drivenBy)
        if (path == QLatin1String(from))
            path = QLatin1String(to);
    const QString message = QString::fromStdString(error.message);
    if (field(path)) {
        markField(path, path == QString::fromStdString(error.field)
                            ? message
                            : QString::fromStdString(error.field) + QStringLiteral(": ") + message);
        return;
    }
    m_message->setText(path.isEmpty() ? message : path + QStringLiteral(": ") + message);
    m_message->show();
}

void WorkloadForm::clearErrors() {
    for (const auto& [path, message] : std::exchange(m_errors, {}))
        restyle(path);
    const QStringList held = placeholderFields(); // a placeholder keeps its note and its style
    for (const auto& [path, _] : m_lines)
        showMessage(path, held.contains(path) ? tr("Placeholder, not a measurement: replace it.") : QString(),
                    !held.contains(path));
    std::ranges::for_each(m_placeholders, [this](const QString& p) { restyle(p); });
    m_message->clear();
    m_message->hide();
}

QString WorkloadForm::fieldError(const QString& path) const {
    auto it = m_errors.find(path);
    return it == m_errors.end() ? QString() : it->second;
}
