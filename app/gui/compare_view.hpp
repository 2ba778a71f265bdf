// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Compare: a pinned plan beside the current one: the monthly cost by category, every
// member group's instances, and every volume of the database members, with the differences marked
// and what each row's change costs a month (e.g. two regions, or aws-2016 against aws-2025 rules).

#include "irisize/plan/plan.hpp"

#include <QKeySequence>
#include <QWidget>

#include <optional>

class QLabel;
class QTableWidget;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);
    Q_DISABLE_COPY(CompareView)

    /// The reference plan (nullptr: none pinned).
    void setPinned(const irisize::Plan* plan);
    /// The keys of Plan > Pin current plan, named in the line shown before anything is pinned.
    void setPinShortcut(const QKeySequence& keys);
    /// The live plan (nullptr: none yet).
    void setCurrent(const irisize::Plan* plan);

    /// Rows of the comparison as shown: {what, pinned, current, difference} (for tests).
    [[nodiscard]] QList<QStringList> rows() const;
    /// The line saying how to pin a plan, while nothing is pinned (empty once a plan is pinned).
    [[nodiscard]] QString hint() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void fitColumns();

    std::optional<irisize::Plan> m_pinned;
    std::optional<irisize::Plan> m_current;
    QLabel* m_heading;
    QLabel* m_hint;
    QTableWidget* m_table;
};
