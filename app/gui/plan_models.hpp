// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Table models of a plan: the servers (members) and the storage (volumes of every member group).
// Each number's tooltip is its explanation: the rule and the arithmetic that produced it.

#include "irisize/plan/plan.hpp"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

class ServersModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { Role, Zone, Instance, Count, Vcpu, Memory, VcpuNeeded, MemoryNeeded, Monthly, ColumnCount };

    explicit ServersModel(QObject* parent = nullptr);
    Q_DISABLE_COPY(ServersModel)

    /// Shows the plan (none: an empty table). A plan with as many rows as the one shown changes
    /// the cells that differ (dataChanged), any other resets the model. Returns the columns
    /// that may have changed (every one after a reset), for the view to fit their widths.
    QList<int> resetData(const irisize::Plan* plan);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<irisize::Plan> m_plan;
};

/// One row per volume (or LVM stripe) of each member group, as the Cost tab groups the members
/// ("app x10 (us-east-1a)"): its figures are per server, its USD / month is for every server of the
/// group. A last row totals them: what the Cost tab charges for EBS storage, provisioned IOPS and
/// provisioned throughput. Qt::UserRole of the USD / month column is the amount as a double.
class StorageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        Member,
        Purpose,
        Type,
        Stripe,
        Monthly, // before the details: in sight without scrolling in a 1024-pixel window
        Size,
        Iops,
        Throughput,
        NeedCapacity,
        NeedIops,
        NeedThroughput,
        ColumnCount
    };

    explicit StorageModel(QObject* parent = nullptr);
    Q_DISABLE_COPY(StorageModel)

    /// As ServersModel::resetData.
    QList<int> resetData(const irisize::Plan* plan);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The row totalling every volume (the last one), or -1 without a plan.
    [[nodiscard]] int totalRow() const;

private:
    struct Row {
        const irisize::Member* member;
        const irisize::PlannedVolume* volume;
    };
    [[nodiscard]] static std::size_t volumeRows(const irisize::Plan& plan);
    [[nodiscard]] double rowUsd(const Row& row) const;
    [[nodiscard]] double totalUsd() const;
    [[nodiscard]] QVariant totalData(int column, int role) const;

    std::optional<irisize::Plan> m_plan;
    std::vector<Row> m_rows;
};
