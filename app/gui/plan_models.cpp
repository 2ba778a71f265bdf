// SPDX-License-Identifier: GPL-3.0-or-later
#include "plan_models.hpp"

#include "irisize/format.hpp"

namespace u = irisize::units;

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
QString number(double v, int decimals = 0) { return q(irisize::num(v, decimals)); }
} // namespace

// --- servers ------------------------------------------------------------------------------

ServersModel::ServersModel(QObject* parent) : QAbstractTableModel(parent) {}

void ServersModel::resetData(const irisize::Plan* plan) {
    beginResetModel();
    if (plan)
        m_plan = *plan;
    else
        m_plan.reset();
    endResetModel();
}

int ServersModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_plan ? 0 : static_cast<int>(m_plan->members.size());
}

int ServersModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ServersModel::data(const QModelIndex& index, int role) const {
    if (!m_plan || !index.isValid())
        return {};
    const auto& m = m_plan->members[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole) {
        // The explanation of the member's role: the first member of the role carries it.
        const auto* first = m_plan->member(m.role);
        return q(first ? first->explanation : m.explanation);
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Count)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Role: return q(m.role);
    case Zone: return q(m.availability_zone);
    case Instance: return q(m.instance_type);
    case Count: return m.count;
    case Vcpu: return m.vcpu;
    case Memory: return number(u::in_GiB(m.memory), 1);
    case VcpuNeeded: return number(m.demand.vcpu, 1);
    case MemoryNeeded: return number(u::in_GiB(m.demand.memory), 1);
    case Monthly:
        return q(irisize::money_str(m_plan->monthly_usd(m.instance_cost) * m.count)) +
               (m.price_estimate ? QStringLiteral(" (est.)") : QString());
    default: return {};
    }
}

QVariant ServersModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Role: return tr("Role");
    case Zone: return tr("Availability zone");
    case Instance: return tr("Instance");
    case Count: return tr("Count");
    case Vcpu: return tr("vCPU");
    case Memory: return tr("RAM (GiB)");
    case VcpuNeeded: return tr("vCPU needed");
    case MemoryNeeded: return tr("RAM needed (GiB)");
    case Monthly: return tr("USD / month");
    default: return {};
    }
}

// --- storage ------------------------------------------------------------------------------

StorageModel::StorageModel(QObject* parent) : QAbstractTableModel(parent) {}

void StorageModel::resetData(const irisize::Plan* plan) {
    beginResetModel();
    m_rows.clear();
    if (plan) {
        m_plan = *plan;
        for (const auto& m : m_plan->members) {
            // Database members and their volumes; the others only have a boot volume.
            if (&m != m_plan->member(m.role) && m.role != "dr-async")
                continue;
            for (const auto& v : m.volumes)
                m_rows.push_back({&m, &v});
        }
    } else {
        m_plan.reset();
    }
    endResetModel();
}

int StorageModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int StorageModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant StorageModel::data(const QModelIndex& index, int role) const {
    if (!m_plan || !index.isValid())
        return {};
    const auto& [m, v] = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole) {
        // The primary's explanation serves the backup, whose volumes are the same.
        const irisize::Member* source = m->role == "backup" ? m_plan->member("primary") : m;
        for (const auto& pv : source->volumes)
            if (pv.purpose == v->purpose && !pv.explanation.empty())
                return q(pv.explanation);
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Stripe)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Member: return q(m->role + " (" + m->availability_zone + ")");
    case Purpose: return q(v->purpose);
    case Type: return q(v->type);
    case Stripe: return v->stripe_width;
    case Size: return number(u::in_GiB(v->size));
    case Iops: return number(u::in_iops(v->iops));
    case Throughput: return number(u::in_MiBps(v->throughput), 1);
    case NeedCapacity: return number(u::in_GiB(v->demand_capacity));
    case NeedIops: return number(u::in_iops(v->demand_iops));
    case NeedThroughput: return number(u::in_MiBps(v->demand_throughput), 1);
    case Monthly: return q(irisize::money_str(m_plan->monthly_usd(v->cost())));
    default: return {};
    }
}

QVariant StorageModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Member: return tr("Member");
    case Purpose: return tr("Purpose");
    case Type: return tr("Type");
    case Stripe: return tr("Volumes");
    case Size: return tr("Size each (GiB)");
    case Iops: return tr("IOPS each");
    case Throughput: return tr("MiB/s each");
    case NeedCapacity: return tr("Needs (GiB)");
    case NeedIops: return tr("Needs (IOPS)");
    case NeedThroughput: return tr("Needs (MiB/s)");
    case Monthly: return tr("USD / month");
    default: return {};
    }
}
