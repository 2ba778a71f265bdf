// SPDX-License-Identifier: GPL-3.0-or-later
// The Servers and Storage table models: a plan's rows and cells with their tooltips, and on a
// new plan only the cells that changed reported to the views.
#include "plan_models.hpp"

#include "gui_text.hpp"

#include "irisize/format.hpp"

#include <QFont>

#include <algorithm>
#include <iterator>

namespace u = irisize::units;

namespace {
QString number(double v, int decimals = 0) { return q(irisize::num(v, decimals)); }
/// "$1,234.50": cents always, as the Cost tab prints.
QString money(double usd) { return q(irisize::money_str(usd)); }

/// The roles a view draws or shows of a cell.
constexpr int kCellRoles[] = {Qt::DisplayRole, Qt::ToolTipRole, Qt::TextAlignmentRole, Qt::FontRole, Qt::UserRole};
constexpr std::size_t kRoles = std::size(kCellRoles);

/// Every cell's data in each role of kCellRoles (row by row), to find the cells a new plan
/// changes: a view redraws those alone, where a reset redraws (and lays out) the whole table.
std::vector<QVariant> cellData(const QAbstractTableModel& model) {
    std::vector<QVariant> out;
    for (int r = 0; r < model.rowCount(); ++r)
        for (int c = 0; c < model.columnCount(); ++c)
            for (const int role : kCellRoles)
                out.push_back(model.data(model.index(r, c), role));
    return out;
}

/// Tells the views of each cell whose data is not what `before` holds (the same number of
/// cells); returns the columns of those cells.
QList<int> notifyChanged(QAbstractTableModel& model, const std::vector<QVariant>& before) {
    const std::vector<QVariant> after = cellData(model);
    QList<int> changed;
    for (std::size_t i = 0; i < after.size(); i += kRoles) {
        const auto at = static_cast<std::ptrdiff_t>(i);
        if (!std::equal(after.begin() + at, after.begin() + at + static_cast<std::ptrdiff_t>(kRoles),
                        before.begin() + at)) {
            const int cell = static_cast<int>(i / kRoles);
            const QModelIndex index = model.index(cell / model.columnCount(), cell % model.columnCount());
            Q_EMIT model.dataChanged(index, index);
            if (!changed.contains(index.column()))
                changed << index.column();
        }
    }
    std::sort(changed.begin(), changed.end());
    return changed;
}

QList<int> everyColumn(const QAbstractTableModel& model) {
    QList<int> out;
    for (int c = 0; c < model.columnCount(); ++c)
        out << c;
    return out;
}
} // namespace

// --- servers ------------------------------------------------------------------------------

ServersModel::ServersModel(QObject* parent) : QAbstractTableModel(parent) {}

QList<int> ServersModel::resetData(const irisize::Plan* plan) {
    if (plan && m_plan && plan->members.size() == m_plan->members.size()) {
        const std::vector<QVariant> before = cellData(*this);
        m_plan = *plan;
        return notifyChanged(*this, before);
    }
    beginResetModel();
    if (plan)
        m_plan = *plan;
    else
        m_plan.reset();
    endResetModel();
    return everyColumn(*this);
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
        const QString explanation = q(first ? first->explanation : m.explanation);
        if (index.column() != Monthly || m.on_premises)
            return explanation;
        // The arithmetic of the instances' cost, as the Cost tab's compute line has it.
        const QString arithmetic =
            tr("%1 x %2/hour x %3 hours = %4 a month%5: the instances only; their EBS volumes are on the "
               "Storage tab.")
                .arg(m.count)
                .arg(q(irisize::usd_rate(u::in_usd(m.instance_cost * u::hours(1)))),
                     number(u::in_hours(m_plan->month), 2), money(m_plan->monthly_usd(m.instance_cost) * m.count),
                     m.price_estimate ? tr(" (the hourly price is an estimate)") : QString());
        return explanation.isEmpty() ? arithmetic : arithmetic + QStringLiteral("\n\n") + explanation;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Count)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    // A hybrid site's member in the data centre: what it needs, no instance, no price.
    if (m.on_premises)
        switch (index.column()) {
        case Zone: return tr("on premises");
        case Instance: return tr("the site's own");
        case Vcpu:
        case Memory: return QStringLiteral("-");
        case Monthly: return tr("not priced");
        default: break;
        }
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
        return money(m_plan->monthly_usd(m.instance_cost) * m.count) +
               (m.price_estimate ? QStringLiteral(" (est.)") : QString());
    default: return {};
    }
}

QVariant ServersModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Monthly)
        return tr("The on-demand price of the instances for a month: count x price per hour x hours in the "
                  "month. Their EBS volumes are not included: the Storage tab lists them, and the Cost tab "
                  "charges them on its storage lines.");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Role: return tr("Role");
    case Zone: return tr("Availability\nzone");
    case Instance: return tr("Instance");
    case Count: return tr("Count");
    case Vcpu: return tr("vCPU");
    case Memory: return tr("RAM (GiB)");
    case VcpuNeeded: return tr("vCPU\nneeded");
    case MemoryNeeded: return tr("RAM needed\n(GiB)");
    case Monthly: return tr("Instances\nUSD / month");
    default: return {};
    }
}

// --- storage ------------------------------------------------------------------------------

namespace {
/// The member group as the Cost tab names it: "app x10 (us-east-1a)", "primary (us-east-1a)".
QString groupName(const irisize::Member& m) {
    return q(m.role) + (m.count > 1 ? QStringLiteral(" x%1").arg(m.count) : QString()) +
           QStringLiteral(" (%1)").arg(q(m.availability_zone));
}
} // namespace

StorageModel::StorageModel(QObject* parent) : QAbstractTableModel(parent) {}

QList<int> StorageModel::resetData(const irisize::Plan* plan) {
    std::vector<QVariant> before;
    const bool sameRows = plan && m_plan && volumeRows(*plan) == m_rows.size();
    if (sameRows)
        before = cellData(*this);
    else
        beginResetModel();
    m_rows.clear();
    if (plan) {
        m_plan = *plan;
        // Every member group and every volume: the app servers of each zone are billed for their boot
        // volumes as much as the database members for theirs.
        for (const auto& m : m_plan->members)
            for (const auto& v : m.volumes)
                m_rows.push_back({&m, &v});
    } else {
        m_plan.reset();
    }
    if (sameRows)
        return notifyChanged(*this, before);
    endResetModel();
    return everyColumn(*this);
}

std::size_t StorageModel::volumeRows(const irisize::Plan& plan) {
    std::size_t rows = 0;
    for (const auto& m : plan.members)
        rows += m.volumes.size();
    return rows;
}

int StorageModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_plan ? 0 : static_cast<int>(m_rows.size()) + 1;
}

int StorageModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

int StorageModel::totalRow() const { return m_plan ? static_cast<int>(m_rows.size()) : -1; }

double StorageModel::rowUsd(const Row& row) const {
    // One server's volume (all its stripe members) times the servers of the group, to the cent.
    return irisize::to_cents(m_plan->monthly_usd(row.volume->cost() * static_cast<double>(row.member->count)));
}

double StorageModel::totalUsd() const {
    // The sum of the amounts as shown, so that the column adds up to its total.
    double sum = 0;
    for (const auto& r : m_rows)
        sum += rowUsd(r);
    return irisize::to_cents(sum);
}

QVariant StorageModel::totalData(int column, int role) const {
    if (role == Qt::FontRole) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && column >= Stripe)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole && column == Monthly)
        return totalUsd();
    if (role == Qt::ToolTipRole) {
        int servers = 0;
        int volumes = 0;
        for (const auto& m : m_plan->members) {
            servers += m.count;
            for (const auto& v : m.volumes)
                volumes += v.stripe_width * m.count;
        }
        auto category = [this](const char* c) { return money(m_plan->monthly_usd(m_plan->category_cost(c))); };
        return tr("Every server's EBS volumes: %1 volumes on %2 servers (boot volumes included). The Cost tab "
                  "charges the same: its EBS storage lines (%3), provisioned IOPS (%4) and provisioned "
                  "throughput (%5).")
            .arg(volumes)
            .arg(servers)
            .arg(category("storage"), category("iops"), category("throughput"));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Member: return tr("Total, all servers");
    case Monthly: return money(totalUsd());
    default: return {};
    }
}

QVariant StorageModel::data(const QModelIndex& index, int role) const {
    if (!m_plan || !index.isValid())
        return {};
    if (index.row() == totalRow())
        return totalData(index.column(), role);
    const auto& row = m_rows[static_cast<std::size_t>(index.row())];
    const auto& [m, v] = row;
    if (role == Qt::ToolTipRole) {
        if (index.column() == Member)
            return m->count > 1 ? tr("%1 %2 servers in %3, each with the volumes of these rows; the figures are "
                                     "per server, USD / month is for all %1.")
                                      .arg(m->count)
                                      .arg(q(m->role), q(m->availability_zone))
                                : tr("One %1 server in %2; the figures are its own.")
                                      .arg(q(m->role), q(m->availability_zone));
        // Explanations come with the first member of a role; the primary's serves the backup,
        // whose volumes are the same.
        const irisize::Member* source =
            m->role == irisize::Role::backup ? m_plan->member(irisize::Role::primary) : m_plan->member(m->role);
        QString explanation;
        if (source)
            for (const auto& pv : source->volumes)
                if (pv.purpose == v->purpose && !pv.explanation.empty()) {
                    explanation = q(pv.explanation);
                    break;
                }
        if (index.column() != Monthly)
            return explanation.isEmpty() ? QVariant() : QVariant(explanation);
        const QString arithmetic =
            tr("%1 per server (storage %2, provisioned IOPS %3, provisioned throughput %4) x %5 = %6 a month")
                .arg(money(m_plan->monthly_usd(v->cost())), money(m_plan->monthly_usd(v->storage_cost)),
                     money(m_plan->monthly_usd(v->iops_cost)), money(m_plan->monthly_usd(v->throughput_cost)))
                .arg(m->count == 1 ? tr("1 server") : tr("%1 servers").arg(m->count))
                .arg(money(rowUsd(row)));
        return explanation.isEmpty() ? arithmetic : arithmetic + QStringLiteral("\n\n") + explanation;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Stripe)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole && index.column() == Monthly)
        return rowUsd(row);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Member: return groupName(*m);
    case Purpose: return q(v->purpose);
    case Type: return q(v->type);
    case Stripe: return v->stripe_width;
    case Size: return number(u::in_GiB(v->size));
    case Iops: return number(u::in_iops(v->iops));
    case Throughput: return number(u::in_MiBps(v->throughput), 1);
    case NeedCapacity: return number(u::in_GiB(v->demand_capacity));
    case NeedIops: return number(u::in_iops(v->demand_iops));
    case NeedThroughput: return number(u::in_MiBps(v->demand_throughput), 1);
    case Monthly: return money(rowUsd(row));
    default: return {};
    }
}

QVariant StorageModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Member: return tr("The member group, as the Cost tab names it: role, servers in the group (x10), zone");
        case Stripe: return tr("Volumes striped together (LVM) for this purpose on one server");
        case Size:
        case Iops:
        case Throughput: return tr("Of each volume of the stripe, on one server");
        case NeedCapacity:
        case NeedIops:
        case NeedThroughput:
            return tr("What the purpose must hold or sustain on one server (all its volumes together)");
        case Monthly:
            return tr("For every server of the group: one server's volumes (storage, provisioned IOPS and "
                      "provisioned throughput) x the servers. The total row equals what the Cost tab charges "
                      "for EBS.");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Member: return tr("Member");
    case Purpose: return tr("Purpose");
    case Type: return tr("Type");
    case Stripe: return tr("Volumes");
    case Size: return tr("Size each\n(GiB)");
    case Iops: return tr("IOPS\neach");
    case Throughput: return tr("MiB/s\neach");
    case NeedCapacity: return tr("Needs\n(GiB)");
    case NeedIops: return tr("Needs\n(IOPS)");
    case NeedThroughput: return tr("Needs\n(MiB/s)");
    case Monthly: return tr("USD / month\nall servers");
    default: return {};
    }
}
