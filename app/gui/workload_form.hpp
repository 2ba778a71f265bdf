// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The workload form: grouped fields for one system. Every edit rebuilds the workload
// document from the fields and reads it with the core's own parser, so the form accepts and
// refuses exactly what the workload JSON does; an invalid field is marked, with the reason
// in a line under it.
//
// Nothing changes behind the architect's back: a loaded document's problems (a misspelt
// field, a value the form cannot show) are listed and block sizing until the field is
// edited; keys the form has no field for are carried along unchanged; typing is validated
// after a short pause and committed on Enter or leaving the field; combo and spin boxes take
// the mouse wheel only when focused; template figures stay marked as placeholders until
// changed.

#include "irisize/result.hpp"
#include "irisize/workload/workload.hpp"

#include <nlohmann/json.hpp>

#include <QWidget>

#include <map>
#include <optional>
#include <vector>

namespace irisize {
struct Catalog;
}

class QCheckBox;
class QTimer;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class WorkloadForm : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadForm(const irisize::Catalog& catalog, QWidget* parent = nullptr);
    Q_DISABLE_COPY(WorkloadForm)

    /// One problem of a loaded document: where it is in the document, the form field it is
    /// shown under (empty: the form has none), and why.
    struct Problem {
        QString path;
        QString field;
        QString message;
    };

    /// Fills the fields from a workload document (possibly incomplete) and validates it. The
    /// document's problems (every one the workload reader finds, and values the fields cannot
    /// show) are kept until their field is edited; while any is left no workload is emitted.
    /// Fields listed in the document's "_placeholders" are marked as placeholders.
    void setDocument(const nlohmann::json& doc);
    /// Problems of the loaded document not yet dealt with.
    [[nodiscard]] const std::vector<Problem>& documentProblems() const { return m_problems; }
    /// Fields still holding a template's placeholder figure.
    [[nodiscard]] QStringList placeholderFields() const;
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
    /// The message line under a field (red for an error, grey for a placeholder); hidden when
    /// there is nothing to say.
    [[nodiscard]] QLabel* messageLine(const QString& path) const;
    /// Validates now and commits (what Enter or leaving a field does).
    void commit();
    /// Commits typing not yet committed; false when there was none.
    bool commitPending();
    /// The label a field has in the form ("Read IOPS"), or the path when it has none.
    [[nodiscard]] QString fieldLabel(const QString& path) const;

    /// Passes the mouse wheel of an unfocused combo or spin box on to the scroll area.
    bool eventFilter(QObject* watched, QEvent* event) override;
    /// The editor of a field by workload path (for tests and focus).
    [[nodiscard]] QWidget* field(const QString& path) const;
    /// The failover site is "on_premises" (a hybrid site).
    [[nodiscard]] bool hybrid() const;
    /// Sets a field's text (line edits and combo boxes) as if typed and committed.
    void setFieldText(const QString& path, const QString& text);

Q_SIGNALS:
    /// The fields hold a valid workload: after a pause in typing (`committed` false) or on a
    /// commit (Enter, leaving the field, a choice in a combo, spin or check box).
    void workloadChanged(const irisize::Workload& workload, bool committed);
    /// The fields do not read as a workload; `error` names the field.
    void workloadInvalid(const irisize::Error& error);
    /// Any edit (valid or not), for the unsaved-changes mark.
    void edited();
    /// An edit was committed (valid or not): `path` is the field last edited. The window
    /// records the project for undo.
    void committed(const QString& path);

private:
    void onEdited(const QString& path);
    void onTyped(const QString& path);
    void validate(bool committed);
    void updateDependents();
    void showMessage(const QString& path, const QString& message, bool error);
    void restyle(const QString& path);
    void resolve(const QString& path);
    [[nodiscard]] QString problemField(const irisize::Error& error) const;
    QWidget* withLine(const QString& path);
    [[nodiscard]] nlohmann::json fieldsDocument() const;
    QWidget* addLine(const QString& path, const QString& tooltip, const QString& placeholder = {});
    void markField(const QString& path, const QString& message);

    const irisize::Catalog& m_catalog;
    std::map<QString, QWidget*> m_fields; // by workload path
    std::map<QString, QString> m_errors;
    std::map<QString, QString> m_imported;
    std::map<QString, QLabel*> m_lines;   // message line under each field
    std::vector<Problem> m_problems;      // of the loaded document, not yet dealt with
    nlohmann::json m_extra;               // the loaded document's keys the form has no field for
    std::map<QString, nlohmann::json> m_raw; // values of problem fields as the document has them
    std::vector<QString> m_placeholders;  // fields still holding a template figure
    QLabel* m_message;
    QTimer* m_pause;                      // sizes after a pause in typing
    bool m_uncommitted = false;           // typed since the last commit
    std::optional<irisize::Workload> m_workload;
    bool m_filling = false;
    QString m_lastEdited;                 // the field of the edit being committed
};
