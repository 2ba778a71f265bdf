// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Cost and Growth tabs, drawn with Qt Charts.

#include <QStringList>
#include <QWidget>

namespace irisize {
struct Plan;
}

class QChartView;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QTableWidget;
class QValueAxis;

/// Monthly cost broken down by category (compute, storage, iops, throughput, snapshots,
/// transfer) and by tier (role), as bar charts, with a table of the same numbers. Each bar is
/// labelled with its name and amount, on one line where the chart is wide enough for the
/// whole label and on two lines where it is not (Qt Charts would cut it short).
class CostChart : public QWidget {
    Q_OBJECT
public:
    explicit CostChart(QWidget* parent = nullptr);
    Q_DISABLE_COPY(CostChart)

    void setPlan(const irisize::Plan& plan);
    void clearPlan();
    /// Category -> USD per month as drawn (for tests).
    [[nodiscard]] QList<QPair<QString, double>> categoryTotals() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitBarLabels();
    /// Shows `text` in a cell of the table: a new item in an empty cell, else the item changed
    /// where it differs.
    void setCell(int row, int column, const QString& text, const QString& tip, bool amount, bool bold);

    QChartView* m_byCategory;
    QChartView* m_byTier;
    QTableWidget* m_table;
    QList<QPair<QString, double>> m_categories;
};

/// Year by year to the horizon: database size, data volume capacity needed and planned,
/// and the monthly cost if sized for each year; marks the first year the data volume
/// needs more than a plan sized for today would provide. The legends are lines of text under
/// the charts that wrap, so that no entry is cut short in a narrow window.
class GrowthChart : public QWidget {
    Q_OBJECT
public:
    explicit GrowthChart(QWidget* parent = nullptr);
    Q_DISABLE_COPY(GrowthChart)

    void setPlan(const irisize::Plan& plan);
    void clearPlan();
    /// Number of years drawn (for tests).
    [[nodiscard]] int years() const;
    /// The capacity chart's legend entries, in order (for tests).
    [[nodiscard]] QStringList capacityLegend() const;

private:
    /// Builds the charts' series and axes, empty; setPlan() fills them in.
    void build();

    QChartView* m_capacity;
    QChartView* m_cost;
    QLabel* m_capacityLegend;
    QLabel* m_costLegend;
    int m_years = 0;
    /// The series and axes of the charts shown (owned by the charts; none while no plan is).
    struct Live {
        QLineSeries* database = nullptr;
        QLineSeries* needed = nullptr;
        QLineSeries* planned = nullptr;
        QLineSeries* rule = nullptr;       ///< the year the planned volume runs out, top to bottom
        QScatterSeries* runsOut = nullptr; ///< the need that year
        QValueAxis* xCap = nullptr;
        QValueAxis* yCap = nullptr;
        QLineSeries* sized = nullptr;
        QLineSeries* current = nullptr;
        QValueAxis* xCost = nullptr;
        QValueAxis* yCost = nullptr;
    } m_live;
};
