// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The workload form: grouped fields for one system. Every edit rebuilds the workload
// document from the fields and reads it with the core's own parser, so the form accepts and
// refuses exactly what the workload JSON does; an invalid field is marked with the message.

#include "irisize/result.hpp"
#include "irisize/workload.hpp"

#include <nlohmann/json.hpp>

#include <QWidget>

#include <map>
#include <optional>

namespace irisize {
struct Catalog;
}

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class WorkloadForm : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadForm(const irisize::Catalog& catalog, QWidget* parent = nullptr);
    Q_DISABLE_COPY(WorkloadForm)

    /// Fills the fields from a workload document (possibly incomplete); emits nothing.
    void setDocument(const nlohmann::json& doc);
    /// The document as the fields hold it: numbers as numbers, text that is not a number
    /// kept as text (so nothing typed is lost), empty fields left out.
    [[nodiscard]] nlohmann::json document() const;
    /// The workload when the fields are valid.
    [[nodiscard]] const std::optional<irisize::Workload>& workload() const { return m_workload; }

    /// Marks the field named by `error.field` (a workload path such as "database.read_iops")
    /// with the message, e.g. for an error found while sizing. Unknown fields mark the form.
    void markError(const irisize::Error& error);
    void clearErrors();
    /// Marks a field as filled from an imported report (blue frame, the note as tooltip);
    /// the mark goes when the document is replaced.
    void markImported(const QString& path, const QString& note);
    /// Fields marked as imported (for tests).
    [[nodiscard]] QStringList importedFields() const;
    /// The message shown on a field, empty when it is fine (for tests).
    [[nodiscard]] QString fieldError(const QString& path) const;
    /// The editor of a field by workload path (for tests and focus).
    [[nodiscard]] QWidget* field(const QString& path) const;
    /// Sets a field's text (line edits and combo boxes) as if typed.
    void setFieldText(const QString& path, const QString& text);

Q_SIGNALS:
    /// The fields hold a valid workload (after any edit).
    void workloadChanged(const irisize::Workload& workload);
    /// The fields do not read as a workload; `error` names the field.
    void workloadInvalid(const irisize::Error& error);
    /// Any edit (valid or not), for the unsaved-changes mark.
    void edited();

private:
    void onEdited();
    QLineEdit* addLine(const QString& path, const QString& tooltip, const QString& placeholder = {});
    void markField(const QString& path, const QString& message);

    const irisize::Catalog& m_catalog;
    std::map<QString, QWidget*> m_fields; // by workload path
    std::map<QString, QString> m_errors;
    std::map<QString, QString> m_imported;
    QLabel* m_message;
    std::optional<irisize::Workload> m_workload;
    bool m_filling = false;
};
