// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Table models of a plan: the servers (members) and the storage (volumes per member). Each
// number's tooltip is its explanation: the rule and the arithmetic that produced it.

#include "irisize/plan.hpp"

#include <QAbstractTableModel>

#include <optional>

class ServersModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { Role, Zone, Instance, Count, Vcpu, Memory, VcpuNeeded, MemoryNeeded, Monthly, ColumnCount };

    explicit ServersModel(QObject* parent = nullptr);
    Q_DISABLE_COPY(ServersModel)

    void resetData(const irisize::Plan* plan);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<irisize::Plan> m_plan;
};

class StorageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        Member,
        Purpose,
        Type,
        Stripe,
        Size,
        Iops,
        Throughput,
        NeedCapacity,
        NeedIops,
        NeedThroughput,
        Monthly,
        ColumnCount
    };

    explicit StorageModel(QObject* parent = nullptr);
    Q_DISABLE_COPY(StorageModel)

    void resetData(const irisize::Plan* plan);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        const irisize::Member* member;
        const irisize::PlannedVolume* volume;
    };
    std::optional<irisize::Plan> m_plan;
    std::vector<Row> m_rows;
};
