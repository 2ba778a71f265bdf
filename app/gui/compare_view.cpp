// SPDX-License-Identifier: GPL-3.0-or-later
// The Compare tab: the pinned and the current plan lined up row by row (cost by
// category, member groups, database volumes), each difference marked with what it costs a month.
#include "compare_view.hpp"

#include "gui_text.hpp"
#include "irisize/format.hpp"
#include "irisize/units.hpp"

#include <QBrush>
#include <QColor>
#include <QEvent>
#include <QFont>
#include <QHeaderView>
#include <QKeySequence>
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
    QString pinnedTip; ///< e.g. what the instances cost a month
    QString currentTip;
};

QString describePlan(const irisize::Plan& p) {
    return QStringLiteral("%1 (%2, %3)").arg(qs(p.name), qs(p.region), qs(p.rules));
}

QString money(double usd) { return qs(irisize::money_str(usd)); }

/// "+$12.34" or "-$3.00".
QString signedMoney(double delta) {
    return (delta < 0 ? QStringLiteral("-") : QStringLiteral("+")) + money(std::abs(delta));
}

/// " (+5.6%)" of `pinned`, or nothing when there is no pinned amount to compare with.
QString percentOf(double delta, double pinned) {
    if (std::abs(pinned) < 0.005)
        return {};
    const double pct = 100.0 * delta / pinned;
    return QStringLiteral(" (%1%2%)").arg(pct < 0 ? QStringLiteral("-") : QStringLiteral("+"),
                                          qs(irisize::num(std::abs(pct), 1)));
}

bool sameMoney(double a, double b) { return std::abs(b - a) < 0.005; }

/// "+$12.34 (+5.6%)", "-$3.00 (-1.2%)" or "same".
QString moneyDifference(double pinned, double current) {
    if (sameMoney(pinned, current))
        return QStringLiteral("same");
    return signedMoney(current - pinned) + percentOf(current - pinned, pinned);
}

Row moneyRow(const QString& what, std::optional<double> pinned, std::optional<double> current) {
    Row r{what, pinned ? money(*pinned) : QString(), current ? money(*current) : QString(), QString(), Diff::Same,
          true, {}, {}};
    if (pinned && current) {
        r.difference = moneyDifference(*pinned, *current);
        r.diff = sameMoney(*pinned, *current) ? Diff::Same : Diff::Changed;
    } else if (pinned) {
        r.difference = QStringLiteral("only pinned");
        r.diff = Diff::OnlyPinned;
    } else if (current) {
        r.difference = QStringLiteral("only current");
        r.diff = Diff::OnlyCurrent;
    }
    return r;
}

/// A described thing (an instance, a volume layout) and what it costs a month.
struct Costed {
    QString text;
    double usd = 0;
};

/// A row of a thing that has a price: what changed and where the money moved, e.g. "same",
/// "same type, +$123.45/month (+8.4%)" (the region changed the price), "changed, -$40.00/month (-2.1%)",
/// "only current, +$140.16/month". `sameWhat` names what stayed the same ("type", "layout").
Row costedRow(const QString& what, const std::optional<Costed>& pinned, const std::optional<Costed>& current,
              const QString& sameWhat) {
    Row r{what, pinned ? pinned->text : QString(), current ? current->text : QString(), QString(), Diff::Same,
          false, pinned ? money(pinned->usd) + QStringLiteral(" a month") : QString(),
          current ? money(current->usd) + QStringLiteral(" a month") : QString()};
    const QString perMonth = QStringLiteral("/month");
    if (pinned && current) {
        const double delta = current->usd - pinned->usd;
        const bool sameText = pinned->text == current->text;
        const bool samePrice = sameMoney(pinned->usd, current->usd);
        r.diff = sameText && samePrice ? Diff::Same : Diff::Changed;
        if (sameText && samePrice)
            r.difference = QStringLiteral("same");
        else if (sameText)
            r.difference = QStringLiteral("same %1, %2%3%4")
                               .arg(sameWhat, signedMoney(delta), perMonth, percentOf(delta, pinned->usd));
        else if (samePrice)
            r.difference = QStringLiteral("changed, same cost");
        else
            r.difference =
                QStringLiteral("changed, %1%2%3").arg(signedMoney(delta), perMonth, percentOf(delta, pinned->usd));
    } else if (pinned) {
        r.diff = Diff::OnlyPinned;
        r.difference = QStringLiteral("only pinned, %1%2").arg(signedMoney(-pinned->usd), perMonth);
    } else if (current) {
        r.diff = Diff::OnlyCurrent;
        r.difference = QStringLiteral("only current, %1%2").arg(signedMoney(current->usd), perMonth);
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
    irisize::Role role = irisize::Role::primary;
    bool dr = false;
    std::size_t zone_rank = 0;
    auto operator<=>(const GroupKey&) const = default;
};

struct Group {
    std::string zone;
    QStringList instances;
    double usd = 0; ///< the instances, a month (count x hourly price x hours), to the cent
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
        g.usd += irisize::to_cents(p.monthly_usd(m.instance_cost * static_cast<double>(m.count)));
    }
    return groups;
}

std::optional<Costed> costedGroup(const std::map<GroupKey, Group>& groups, const GroupKey& key) {
    const auto it = groups.find(key);
    if (it == groups.end())
        return std::nullopt;
    return Costed{it->second.instances.join(QStringLiteral(", ")), it->second.usd};
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

/// purpose -> volume text and monthly cost (storage, IOPS and throughput, for the servers of the
/// group) of the first member with `role` (empty when none).
std::map<irisize::VolumePurpose, Costed> volumesOf(const irisize::Plan* p, irisize::Role role,
                                                   std::vector<irisize::VolumePurpose>& order) {
    std::map<irisize::VolumePurpose, Costed> out;
    if (!p)
        return out;
    const irisize::Member* m = p->member(role);
    if (!m)
        return out;
    for (const auto& v : m->volumes) {
        remember(order, v.purpose);
        Costed& cell = out[v.purpose];
        if (!cell.text.isEmpty())
            cell.text += QStringLiteral(" + ");
        cell.text += volumeText(v);
        cell.usd += irisize::to_cents(p->monthly_usd(v.cost() * static_cast<double>(m->count)));
    }
    return out;
}

std::optional<Costed> find(const std::map<irisize::VolumePurpose, Costed>& in, irisize::VolumePurpose key) {
    const auto it = in.find(key);
    if (it == in.end())
        return std::nullopt;
    return it->second;
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

    // Members by role and availability zone: the instances and what they cost.
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
        rows.push_back(costedRow(QStringLiteral("%1 (%2)").arg(q(key.role), zone), costedGroup(pg, key),
                                 costedGroup(cg, key), QStringLiteral("type")));
    }

    // Volumes of the database members.
    for (const irisize::Role role : {irisize::Role::primary, irisize::Role::dr_async}) {
        std::vector<irisize::VolumePurpose> purposes;
        const auto pv = volumesOf(pinned, role, purposes);
        const auto cv = volumesOf(current, role, purposes);
        for (const auto& purpose : purposes)
            rows.push_back(costedRow(QStringLiteral("%1 %2 volume").arg(q(role), q(purpose)), find(pv, purpose),
                                     find(cv, purpose), QStringLiteral("layout")));
    }
    return rows;
}

} // namespace

CompareView::CompareView(QWidget* parent)
    : QWidget(parent), m_heading(new QLabel), m_hint(new QLabel), m_table(new QTableWidget) {
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    QFont f = m_heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_heading->setFont(f);
    m_heading->setObjectName(QStringLiteral("compareHeading"));

    // Before anything is pinned: one line saying how, instead of a table of "only current".
    m_hint->setObjectName(QStringLiteral("compareHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    setPinShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));

    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("What"), tr("Pinned"), tr("Current"), tr("Difference")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    // Every column fits the width of the tab, however narrow the window: the labels take what they
    // need, the rest is shared and long cells wrap (rows grow to fit), so the Difference column is never
    // pushed out of sight.
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideNone);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->viewport()->installEventFilter(this); // the columns follow the width of the tab
    m_table->setToolTip(tr("Changed rows are highlighted; money differences are current minus pinned."));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_hint);
    layout->addWidget(m_table, 1);
    layout->addStretch(0); // takes the space while the table is hidden

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

bool CompareView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void CompareView::fitColumns() {
    // Shares of the width: the labels and the differences (which carry the money) get the most; the
    // last column takes whatever is left, so the four always fit side by side.
    const int width = m_table->viewport()->width();
    const auto* header = m_table->horizontalHeader();
    const double share[3] = {0.25, 0.2, 0.2};
    for (int c = 0; c < 3; ++c) {
        const int least = header->fontMetrics().horizontalAdvance(m_table->horizontalHeaderItem(c)->text()) + 16;
        m_table->setColumnWidth(c, std::max(least, static_cast<int>(width * share[c])));
    }
}

void CompareView::setPinShortcut(const QKeySequence& keys) {
    m_hint->setText(
        tr("Nothing is pinned yet. Pin this plan with Plan > Pin current plan (%1), then change the input: "
           "each row here then shows what changed and what it costs a month.")
            .arg(keys.toString(QKeySequence::NativeText)));
}

QString CompareView::hint() const { return m_hint->isHidden() ? QString() : m_hint->text(); }

void CompareView::rebuild() {
    const irisize::Plan* pinned = m_pinned ? &*m_pinned : nullptr;
    const irisize::Plan* current = m_current ? &*m_current : nullptr;

    m_table->clearContents();
    m_heading->setVisible(pinned != nullptr);
    m_hint->setVisible(pinned == nullptr);
    m_table->setVisible(pinned != nullptr);
    if (!pinned) {
        m_table->setRowCount(0);
        return;
    }
    m_heading->setText(tr("Pinned: %1 vs current: %2")
                           .arg(describePlan(*pinned), current ? describePlan(*current) : tr("none yet")));

    const auto rows = compare(pinned, current);
    m_table->setUpdatesEnabled(false);
    m_table->setRowCount(static_cast<int>(rows.size()));
    const QBrush changed(QColor(0xff, 0xf4, 0xc2));
    const QBrush ink(QColor(0x20, 0x20, 0x20));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const Row& row = rows[static_cast<std::size_t>(r)];
        const QString cells[4] = {row.what, row.pinned, row.current, row.difference};
        // Only meaningful when both plans are there: with one plan every row is "only ...".
        const bool mark = current && row.diff != Diff::Same;
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (row.money && (c == 1 || c == 2))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 1 && !row.pinnedTip.isEmpty())
                item->setToolTip(row.pinnedTip);
            if (c == 2 && !row.currentTip.isEmpty())
                item->setToolTip(row.currentTip);
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
    m_table->setUpdatesEnabled(true);
    fitColumns();
    m_table->setCurrentCell(-1, -1);
    m_table->clearSelection();
}
