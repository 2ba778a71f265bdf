// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare_view.hpp"

#include "irisize/format.hpp"
#include "irisize/units.hpp"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace u = irisize::units;

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

enum class Diff { Same, Changed, OnlyPinned, OnlyCurrent };

struct Row {
    QString what;
    QString pinned;
    QString current;
    QString difference;
    Diff diff = Diff::Same;
    bool money = false;
};

QString describePlan(const irisize::Plan& p) {
    return QStringLiteral("%1 (%2, %3)").arg(qs(p.name), qs(p.region), qs(p.rules));
}

/// "+$12.34 (+5.6%)", "-$3.00 (-1.2%)" or "same".
QString moneyDifference(double pinned, double current) {
    const double delta = current - pinned;
    if (std::abs(delta) < 0.005)
        return QStringLiteral("same");
    QString s = (delta > 0 ? QStringLiteral("+") : QStringLiteral("-")) + qs(irisize::money_str(std::abs(delta)));
    if (std::abs(pinned) >= 0.005) {
        const double pct = 100.0 * delta / pinned;
        s += QStringLiteral(" (%1%2%)").arg(pct >= 0 ? QStringLiteral("+") : QStringLiteral("-"),
                                            qs(irisize::num(std::abs(pct), 1)));
    }
    return s;
}

Row moneyRow(const QString& what, std::optional<double> pinned, std::optional<double> current) {
    Row r{what, pinned ? qs(irisize::money_str(*pinned)) : QString(),
          current ? qs(irisize::money_str(*current)) : QString(), QString(), Diff::Same, true};
    if (pinned && current) {
        r.difference = moneyDifference(*pinned, *current);
        r.diff = r.difference == QLatin1String("same") ? Diff::Same : Diff::Changed;
    } else if (pinned) {
        r.difference = QStringLiteral("only pinned");
        r.diff = Diff::OnlyPinned;
    } else if (current) {
        r.difference = QStringLiteral("only current");
        r.diff = Diff::OnlyCurrent;
    }
    return r;
}

Row textRow(const QString& what, const QString& pinned, const QString& current) {
    Row r{what, pinned, current, QString(), Diff::Same, false};
    if (!pinned.isEmpty() && !current.isEmpty()) {
        r.diff = pinned == current ? Diff::Same : Diff::Changed;
        r.difference = pinned == current ? QStringLiteral("same") : QStringLiteral("changed");
    } else if (!pinned.isEmpty()) {
        r.diff = Diff::OnlyPinned;
        r.difference = QStringLiteral("only pinned");
    } else if (!current.isEmpty()) {
        r.diff = Diff::OnlyCurrent;
        r.difference = QStringLiteral("only current");
    }
    return r;
}

/// Appends `key` to `order` unless it is there already (keeps first-seen order).
template <class K>
void remember(std::vector<K>& order, const K& key) {
    if (std::find(order.begin(), order.end(), key) == order.end())
        order.push_back(key);
}

// --- members ------------------------------------------------------------------------------

/// A member group matched across the two plans: its role, whether it sits in the DR region,
/// and the rank of its availability zone among the zones the plan uses in that region (so
/// us-east-1a lines up with eu-west-1a when the region changes).
struct GroupKey {
    std::string role;
    bool dr = false;
    std::size_t zone_rank = 0;
    auto operator<=>(const GroupKey&) const = default;
};

struct Group {
    std::string zone;
    QStringList instances;
};

std::map<GroupKey, Group> memberGroups(const irisize::Plan& p, std::vector<GroupKey>& order) {
    // Zones the plan uses, per region, sorted: their position is the zone's rank.
    std::map<std::string, std::set<std::string>> zones;
    for (const auto& m : p.members)
        zones[m.region].insert(m.availability_zone);

    std::map<GroupKey, Group> groups;
    for (const auto& m : p.members) {
        const auto& inRegion = zones[m.region];
        const auto rank = static_cast<std::size_t>(std::distance(inRegion.begin(), inRegion.find(m.availability_zone)));
        const GroupKey key{m.role, !m.region.empty() && m.region != p.region, rank};
        remember(order, key);
        auto& g = groups[key];
        g.zone = m.availability_zone;
        g.instances << QStringLiteral("%1 x %2").arg(qs(m.instance_type)).arg(m.count);
    }
    return groups;
}

// --- volumes ------------------------------------------------------------------------------

QString volumeText(const irisize::PlannedVolume& v) {
    QString s;
    if (v.stripe_width > 1)
        s = QStringLiteral("%1x ").arg(v.stripe_width);
    s += QStringLiteral("%1 %2 GiB %3 IOPS %4 MiB/s")
             .arg(qs(v.type), qs(irisize::num(u::in_GiB(v.size))), qs(irisize::num(u::in_iops(v.iops))),
                  qs(irisize::num(u::in_MiBps(v.throughput), 1)));
    return s;
}

/// purpose -> volume text of the first member with `role` (empty when none).
std::map<std::string, QString> volumesOf(const irisize::Plan* p, const std::string& role,
                                         std::vector<std::string>& order) {
    std::map<std::string, QString> out;
    if (!p)
        return out;
    const irisize::Member* m = p->member(role);
    if (!m)
        return out;
    for (const auto& v : m->volumes) {
        remember(order, v.purpose);
        QString& cell = out[v.purpose];
        if (!cell.isEmpty())
            cell += QStringLiteral(" + ");
        cell += volumeText(v);
    }
    return out;
}

std::vector<Row> compare(const irisize::Plan* pinned, const irisize::Plan* current) {
    std::vector<Row> rows;
    auto total = [](const irisize::Plan* p) -> std::optional<double> {
        if (!p)
            return std::nullopt;
        return p->monthly_usd();
    };
    rows.push_back(moneyRow(QStringLiteral("Monthly total"), total(pinned), total(current)));

    // Cost by category, in the order the plans list them.
    std::vector<std::string> categories;
    for (const auto* p : {pinned, current})
        if (p)
            for (const auto& line : p->cost_lines)
                remember(categories, line.category);
    for (const auto& c : categories) {
        auto sum = [&c](const irisize::Plan* p) -> std::optional<double> {
            if (!p)
                return std::nullopt;
            bool any = false;
            for (const auto& line : p->cost_lines)
                any = any || line.category == c;
            if (!any)
                return std::nullopt;
            return p->monthly_usd(p->category_cost(c));
        };
        rows.push_back(moneyRow(QStringLiteral("%1 cost").arg(qs(c)), sum(pinned), sum(current)));
    }

    // Members by role and availability zone.
    std::vector<GroupKey> order;
    const auto pg = pinned ? memberGroups(*pinned, order) : std::map<GroupKey, Group>{};
    const auto cg = current ? memberGroups(*current, order) : std::map<GroupKey, Group>{};
    for (const auto& key : order) {
        const auto pi = pg.find(key);
        const auto ci = cg.find(key);
        QString zone;
        if (pi != pg.end() && ci != cg.end() && pi->second.zone != ci->second.zone)
            zone = QStringLiteral("%1 / %2").arg(qs(pi->second.zone), qs(ci->second.zone));
        else
            zone = qs(pi != pg.end() ? pi->second.zone : ci->second.zone);
        rows.push_back(textRow(QStringLiteral("%1 (%2)").arg(qs(key.role), zone),
                               pi != pg.end() ? pi->second.instances.join(QStringLiteral(", ")) : QString(),
                               ci != cg.end() ? ci->second.instances.join(QStringLiteral(", ")) : QString()));
    }

    // Volumes of the database members.
    for (const std::string role : {"primary", "dr-async"}) {
        std::vector<std::string> purposes;
        const auto pv = volumesOf(pinned, role, purposes);
        const auto cv = volumesOf(current, role, purposes);
        for (const auto& purpose : purposes) {
            const auto pi = pv.find(purpose);
            const auto ci = cv.find(purpose);
            rows.push_back(textRow(QStringLiteral("%1 %2 volume").arg(qs(role), qs(purpose)),
                                   pi != pv.end() ? pi->second : QString(), ci != cv.end() ? ci->second : QString()));
        }
    }
    return rows;
}

} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent), m_heading(new QLabel), m_table(new QTableWidget) {
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    QFont f = m_heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_heading->setFont(f);
    m_heading->setObjectName(QStringLiteral("compareHeading"));

    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("What"), tr("Pinned"), tr("Current"), tr("Difference")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    // Columns are sized once per rebuild (ResizeToContents would measure on every item set).
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Changed rows are highlighted; money differences are current minus pinned."));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_table, 1);

    rebuild();
}

void CompareView::setPinned(const irisize::Plan* plan) {
    if (plan)
        m_pinned = *plan;
    else
        m_pinned.reset();
    rebuild();
}

void CompareView::setCurrent(const irisize::Plan* plan) {
    if (plan)
        m_current = *plan;
    else
        m_current.reset();
    rebuild();
}

QList<QStringList> CompareView::rows() const {
    QList<QStringList> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_table->columnCount(); ++c) {
            const QTableWidgetItem* item = m_table->item(r, c);
            cells << (item ? item->text() : QString());
        }
        out << cells;
    }
    return out;
}

void CompareView::rebuild() {
    const irisize::Plan* pinned = m_pinned ? &*m_pinned : nullptr;
    const irisize::Plan* current = m_current ? &*m_current : nullptr;

    if (!pinned)
        m_heading->setText(tr("Pin a plan (Plan > Pin current plan) to compare it with the live one"));
    else
        m_heading->setText(tr("Pinned: %1 vs current: %2")
                               .arg(describePlan(*pinned), current ? describePlan(*current) : tr("none yet")));

    m_table->clearContents();
    if (!pinned && !current) {
        m_table->setRowCount(0);
        return;
    }

    const auto rows = compare(pinned, current);
    m_table->setUpdatesEnabled(false);
    m_table->setRowCount(static_cast<int>(rows.size()));
    const QBrush changed(QColor(0xff, 0xf4, 0xc2));
    const QBrush ink(QColor(0x20, 0x20, 0x20));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const Row& row = rows[static_cast<std::size_t>(r)];
        const QString cells[4] = {row.what, row.pinned, row.current, row.difference};
        // Only meaningful when both plans are there: with one plan every row is "only ...".
        const bool mark = pinned && current && row.diff != Diff::Same;
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (row.money && (c == 1 || c == 2))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (mark) {
                item->setBackground(changed);
                item->setForeground(ink);
                if (c == 0 || c == 3) {
                    QFont font = item->font();
                    font.setBold(true);
                    item->setFont(font);
                }
            }
            m_table->setItem(r, c, item);
        }
        if (r == 0) {
            for (int c = 0; c < 4; ++c) {
                QFont font = m_table->item(r, c)->font();
                font.setBold(true);
                m_table->item(r, c)->setFont(font);
            }
        }
    }
    m_table->resizeColumnsToContents();
    m_table->setUpdatesEnabled(true);
    m_table->setCurrentCell(-1, -1);
    m_table->clearSelection();
}
