// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Rules tab: an EBS rule explorer. Pick a rule set, a volume type, a size, IOPS and
// throughput (and whether the instance is Nitro); see whether the volume is valid or each
// rule it breaks (stable id and sentence), its baseline and burst IOPS and throughput, how
// long a gp2 burst lasts, the smallest size for the IOPS, and the cheapest valid volume of
// any type for the same size, IOPS and throughput at the current region's prices. The
// verdict and the cheapest alternative sit beside the inputs where the tab is wide and under
// them where it is narrow, so that both are in sight without scrolling; the details follow.

#include <QWidget>

namespace irisize {
struct Catalog;
}

class QComboBox;
class QDoubleSpinBox;
class QBoxLayout;
class QCheckBox;
class QLabel;
class QListWidget;
class QTextBrowser;

class RulesExplorer : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the widget.
    explicit RulesExplorer(const irisize::Catalog& catalog, QWidget* parent = nullptr);
    Q_DISABLE_COPY(RulesExplorer)

    /// Region whose prices price the alternatives (follows the workload form).
    void setRegion(const QString& region);
    /// Sets the inputs (for tests and for "explore this volume" from the Storage tab).
    void setVolume(const QString& rules, const QString& type, double sizeGib, double iops, double throughputMibps);

    /// Rule ids currently violated (empty: valid).
    [[nodiscard]] QStringList violations() const;
    /// The cheapest valid alternative as shown, e.g. "gp3 1,000 GiB, 3,000 IOPS, 125 MiB/s: $80.00/month".
    [[nodiscard]] QString cheapestAlternative() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void recompute();
    void arrange();

    const irisize::Catalog& m_catalog;
    QString m_region;
    QComboBox* m_rules;
    QComboBox* m_type;
    QDoubleSpinBox* m_size;
    QDoubleSpinBox* m_iops;
    QDoubleSpinBox* m_throughput;
    QCheckBox* m_nitro;
    QLabel* m_verdict;
    QLabel* m_cheapestLine;
    QListWidget* m_violationList;
    QTextBrowser* m_details;
    QWidget* m_inputs;
    QWidget* m_results;
    QBoxLayout* m_top;
    QStringList m_violations;
    QString m_cheapest;
};
