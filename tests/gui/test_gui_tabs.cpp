// SPDX-License-Identifier: GPL-3.0-or-later
// The Storage, Servers and Compare tabs say where the money is (issue #14, items 8 and 9): every
// server's volumes, counted and priced as the Cost tab charges them; what the Servers' USD / month
// holds; per-row cost differences between a pinned plan and the current one; how to pin before
// anything is pinned; a Difference column in sight at 1024x700. And a tab changed in place by a
// new plan shows what a tab built for that plan shows. Offscreen, throwaway settings.
#include "gui_test_support.hpp"
#include "charts.hpp"
#include "compare_view.hpp"
#include "diagram_view.hpp"
#include "main_window.hpp"
#include "plan_models.hpp"

#include "irisize/format.hpp"
#include "irisize/sizing/sizing.hpp"

#include <catch2/catch.hpp>

#include <QAbstractGraphicsShapeItem>
#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalBarSeries>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QValueAxis>
#include <QXYSeries>

#include <cmath>
#include <fstream>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using gui_test::app;
using gui_test::catalog;

irisize::Workload hospital() {
    std::ifstream in(IRISIZE_TEST_DATA_DIR "/examples/trakcare-regional-hospital.json");
    auto w = irisize::read_workload(in, "hospital");
    REQUIRE(w.ok());
    return *w;
}

irisize::Plan sized(const irisize::Workload& w) {
    auto plan = irisize::size(w, *catalog(), {});
    REQUIRE(plan.ok());
    return *plan;
}

QString cell(const QAbstractItemModel& m, int row, int column) { return m.index(row, column).data().toString(); }

QString money(double usd) { return QString::fromStdString(irisize::money_str(usd)); }

/// Everything a chart, a table or a model shows, as text, to compare a view changed in place
/// with one built afresh.
QStringList shown(QObject& widget) {
    QStringList out;
    for (QChartView* view : widget.findChildren<QChartView*>()) {
        QChart* chart = view->chart();
        out << QStringLiteral("chart ") + chart->title();
        for (QAbstractSeries* s : chart->series()) {
            out << QStringLiteral("series %1 %2 %3").arg(s->type()).arg(s->name()).arg(s->isVisible());
            if (auto* xy = qobject_cast<QXYSeries*>(s); xy && s->isVisible())
                for (const QPointF& p : xy->points())
                    out << QStringLiteral("point %1 %2").arg(p.x(), 0, 'g', 17).arg(p.y(), 0, 'g', 17);
            if (auto* bars = qobject_cast<QHorizontalBarSeries*>(s))
                for (QBarSet* set : bars->barSets())
                    for (int i = 0; i < set->count(); ++i)
                        out << QStringLiteral("bar %1").arg(set->at(i), 0, 'g', 17);
        }
        for (QAbstractAxis* a : chart->axes()) {
            if (auto* v = qobject_cast<QValueAxis*>(a))
                out << QStringLiteral("axis %1 %2 %3 %4 %5")
                           .arg(v->titleText())
                           .arg(v->min(), 0, 'g', 17)
                           .arg(v->max(), 0, 'g', 17)
                           .arg(v->tickCount())
                           .arg(v->labelFormat());
            if (auto* c = qobject_cast<QBarCategoryAxis*>(a))
                out << QStringLiteral("categories ") + c->categories().join(QLatin1Char('|'));
        }
    }
    for (QLabel* label : widget.findChildren<QLabel*>())
        out << QStringLiteral("label %1 %2").arg(label->isHidden()).arg(label->text());
    QList<QAbstractItemModel*> models;
    for (QTableWidget* table : widget.findChildren<QTableWidget*>())
        models << table->model();
    if (auto* model = qobject_cast<QAbstractItemModel*>(&widget))
        models << model;
    for (QAbstractItemModel* model : models)
        for (int r = 0; r < model->rowCount(); ++r)
            for (int c = 0; c < model->columnCount(); ++c)
                for (int role : {Qt::DisplayRole, Qt::ToolTipRole, Qt::TextAlignmentRole, Qt::FontRole, Qt::UserRole})
                    out << QStringLiteral("cell %1 %2 %3: ").arg(r).arg(c).arg(role) +
                               model->index(r, c).data(role).toString();
    if (auto* diagram = qobject_cast<QGraphicsView*>(&widget)) {
        for (QGraphicsItem* item : diagram->scene()->items(Qt::AscendingOrder)) {
            QString line = QStringLiteral("item %1 %2").arg(item->type()).arg(item->zValue());
            if (auto* shape = dynamic_cast<QAbstractGraphicsShapeItem*>(item))
                line += QStringLiteral(" %1 %2").arg(shape->brush().color().name()).arg(shape->pen().widthF());
            if (auto* text = dynamic_cast<QGraphicsSimpleTextItem*>(item))
                line += QStringLiteral(" %1 %2 %3").arg(text->text()).arg(text->pos().x()).arg(text->pos().y());
            out << line + QStringLiteral(" ") + QString::number(item->boundingRect().width());
        }
        out << QStringLiteral("scene %1 %2").arg(diagram->sceneRect().width()).arg(diagram->sceneRect().height());
    }
    return out;
}

/// `view` shows `after` having shown `before` just as a new view that has shown only `after`.
template <class View>
void checkInPlace(const irisize::Plan& before, const irisize::Plan& after) {
    View changed;
    View fresh;
    for (View* v : {&changed, &fresh})
        if constexpr (std::is_base_of_v<QWidget, View>)
            v->resize(1000, 700);
    const auto show = [](View& v, const irisize::Plan& plan) {
        if constexpr (std::is_base_of_v<QAbstractItemModel, View>)
            v.resetData(&plan);
        else
            v.setPlan(plan);
    };
    show(changed, before);
    show(changed, after);
    show(fresh, after);
    const QStringList a = shown(changed);
    const QStringList b = shown(fresh);
    REQUIRE(a.size() == b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        INFO(i);
        CHECK(a[i] == b[i]);
    }
}

} // namespace

TEST_CASE("a tab changed in place by a new plan shows what a tab built for that plan shows", "[gui][tabs]") {
    app();
    auto w = hospital();
    const auto base = sized(w);
    // Other demand (other volumes, amounts and bars), more servers (other rows), a projection
    // that runs out (a marked year), and back.
    w.database.read_iops = irisize::units::iops(60000);
    const auto iops = sized(w);
    w.app_servers = irisize::TierCount::fixed(20);
    const auto servers = sized(w);
    auto runsOut = base;
    for (auto& y : runsOut.projection)
        y.data_planned = runsOut.projection.front().data_needed;
    const std::vector<std::pair<const irisize::Plan*, const irisize::Plan*>> pairs = {
        {&base, &iops}, {&iops, &base}, {&base, &servers}, {&servers, &iops}, {&base, &runsOut}, {&runsOut, &base}};
    for (const auto& [before, after] : pairs) {
        checkInPlace<CostChart>(*before, *after);
        checkInPlace<GrowthChart>(*before, *after);
        checkInPlace<ServersModel>(*before, *after);
        checkInPlace<StorageModel>(*before, *after);
        checkInPlace<DiagramView>(*before, *after);
    }
}

TEST_CASE("the Storage tab lists every server's volumes and totals what the Cost tab charges for EBS", "[gui][tabs]") {
    app();
    const int appServers = GENERATE(2, 20);
    auto w = hospital();
    w.app_servers = irisize::TierCount::fixed(appServers);
    const auto plan = sized(w);
    CAPTURE(appServers);

    StorageModel storage;
    storage.resetData(&plan);

    // One row per volume of every member group, then the total.
    std::size_t volumes = 0;
    for (const auto& m : plan.members)
        volumes += m.volumes.size();
    REQUIRE(storage.rowCount() == static_cast<int>(volumes) + 1);
    REQUIRE(storage.totalRow() == storage.rowCount() - 1);

    // The rows add up to the Cost tab's EBS lines: storage, provisioned IOPS, provisioned throughput.
    double cost_lines = 0;
    for (const auto& line : plan.cost_lines)
        if (line.category == "storage" || line.category == "iops" || line.category == "throughput")
            cost_lines += irisize::to_cents(plan.monthly_usd(line.cost));
    double rows = 0;
    for (int r = 0; r < storage.totalRow(); ++r)
        rows += storage.index(r, StorageModel::Monthly).data(Qt::UserRole).toDouble();
    CHECK(std::lround(rows * 100) == std::lround(cost_lines * 100));
    const double total = storage.index(storage.totalRow(), StorageModel::Monthly).data(Qt::UserRole).toDouble();
    CHECK(std::lround(total * 100) == std::lround(cost_lines * 100));
    CHECK(cell(storage, storage.totalRow(), StorageModel::Monthly) == money(cost_lines));

    // Each app server group of a zone shows its count and is charged for all its servers.
    const int perZone = appServers / 2;
    int appRows = 0;
    for (const auto& m : plan.members) {
        if (m.role != irisize::Role::app)
            continue;
        REQUIRE(m.count == perZone);
        const QString zone = QString::fromStdString(m.availability_zone);
        const QString name = perZone > 1 ? QStringLiteral("app x%1 (%2)").arg(perZone).arg(zone)
                                         : QStringLiteral("app (%1)").arg(zone);
        for (int r = 0; r < storage.totalRow(); ++r) {
            if (cell(storage, r, StorageModel::Member) != name)
                continue;
            ++appRows;
            const auto purpose = irisize::parse_volume_purpose(cell(storage, r, StorageModel::Purpose).toStdString());
            double one = -1;
            for (const auto& v : m.volumes)
                if (v.purpose == purpose)
                    one = plan.monthly_usd(v.cost());
            REQUIRE(one > 0);
            CHECK(cell(storage, r, StorageModel::Monthly) == money(one * perZone));
            if (perZone > 1)
                CHECK(storage.index(r, StorageModel::Monthly)
                          .data(Qt::ToolTipRole)
                          .toString()
                          .contains(QStringLiteral("x %1 servers").arg(perZone)));
        }
    }
    CHECK(appRows == 2); // a boot volume in each of the two zones

    // The primary's volumes come first, each still explained.
    CHECK(cell(storage, 0, StorageModel::Member).startsWith(QStringLiteral("primary")));
    CHECK_FALSE(storage.index(0, StorageModel::Iops).data(Qt::ToolTipRole).toString().isEmpty());
}

TEST_CASE("the Servers tab's USD / month is the instances only, and says so", "[gui][tabs]") {
    app();
    auto w = hospital();
    w.app_servers = irisize::TierCount::fixed(20);
    const auto plan = sized(w);
    ServersModel servers;
    servers.resetData(&plan);

    const QString header = servers.headerData(ServersModel::Monthly, Qt::Horizontal).toString();
    CHECK(header.contains(QStringLiteral("Instances")));
    const QString tip = servers.headerData(ServersModel::Monthly, Qt::Horizontal, Qt::ToolTipRole).toString();
    CHECK(tip.contains(QStringLiteral("volumes are not included")));

    // The figure is the Cost tab's compute line of the group, not compute plus storage.
    bool checked = false;
    for (int r = 0; r < servers.rowCount(); ++r) {
        if (cell(servers, r, ServersModel::Role) != QStringLiteral("app"))
            continue;
        const std::string zone = cell(servers, r, ServersModel::Zone).toStdString();
        for (const auto& line : plan.cost_lines)
            if (line.category == "compute" && line.component.rfind("app x10 (" + zone + ")", 0) == 0) {
                CHECK(cell(servers, r, ServersModel::Monthly) == money(plan.monthly_usd(line.cost)));
                checked = true;
            }
    }
    CHECK(checked);
}

TEST_CASE("Compare says what each row's change costs, even when only the price changed", "[gui][tabs]") {
    app();
    auto w = hospital();
    const auto pinned = sized(w); // us-east-1
    w.region = "eu-west-1";
    const auto current = sized(w);

    CompareView view;
    view.setCurrent(&current);
    view.setPinned(&pinned);
    const auto rows = view.rows();
    REQUIRE_FALSE(rows.isEmpty());
    CHECK(view.hint().isEmpty());

    // The primary's instances: the difference is the plans' own monthly figures, current minus pinned.
    const auto* p = pinned.member(irisize::Role::primary);
    const auto* c = current.member(irisize::Role::primary);
    REQUIRE(p);
    REQUIRE(c);
    const double delta = irisize::to_cents(current.monthly_usd(c->instance_cost * static_cast<double>(c->count))) -
                         irisize::to_cents(pinned.monthly_usd(p->instance_cost * static_cast<double>(p->count)));
    REQUIRE(std::abs(delta) >= 0.01); // eu-west-1 prices the instance differently
    const QString moved = (delta < 0 ? QStringLiteral("-") : QStringLiteral("+")) + money(std::abs(delta)) +
                          QStringLiteral("/month");
    bool found = false;
    for (const auto& row : rows) {
        if (!row[0].startsWith(QStringLiteral("primary (")))
            continue;
        found = true;
        CAPTURE(row);
        CHECK(row[3] != QStringLiteral("same"));
        CHECK(row[3].contains(moved));
        if (row[1] == row[2])
            CHECK(row[3].startsWith(QStringLiteral("same type, ")));
    }
    CHECK(found);

    // A volume row says what it costs too when the region's EBS price differs, and "same" only when
    // nothing moved.
    for (const auto& row : rows)
        if (row[0].endsWith(QStringLiteral(" volume")) && row[3] != QStringLiteral("same"))
            CHECK(row[3].contains(QStringLiteral("/month")));
}

TEST_CASE("Compare with nothing pinned says how to pin instead of listing 'only current'", "[gui][tabs]") {
    app();
    const auto plan = sized(hospital());
    CompareView view;
    view.setCurrent(&plan);
    CHECK(view.rows().isEmpty());
    CHECK(view.hint().contains(QStringLiteral("Pin current plan")));
    CHECK(view.hint().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P).toString(QKeySequence::NativeText)));

    view.setPinned(&plan);
    CHECK(view.hint().isEmpty());
    const auto rows = view.rows();
    REQUIRE_FALSE(rows.isEmpty());
    for (const auto& row : rows)
        CHECK(row[3] == QStringLiteral("same"));

    view.setPinned(nullptr);
    CHECK(view.rows().isEmpty());
    CHECK_FALSE(view.hint().isEmpty());
}

TEST_CASE("the Compare tab's Difference column is in sight in a 1024x700 window", "[gui][tabs]") {
    app();
    MainWindow window(catalog());
    window.setPrompt([](const QString&, const QString&, QMessageBox::StandardButtons) { return QMessageBox::Cancel; });
    window.resize(1024, 700);
    window.show();
    if (!window.plan()) {
        QSignalSpy spy(&window, &MainWindow::planShown);
        REQUIRE(spy.wait(15000));
    }
    REQUIRE(window.selectTab(QStringLiteral("compare")));
    for (auto* a : window.findChildren<QAction*>())
        if (a->text().contains(QStringLiteral("Pin current plan")))
            a->trigger();
    QApplication::processEvents();

    auto* table = window.compareView()->findChild<QTableWidget*>(QStringLiteral("compareTable"));
    REQUIRE(table);
    REQUIRE(table->isVisible());
    REQUIRE(table->rowCount() > 0);
    const int right = table->columnViewportPosition(3) + table->columnWidth(3);
    CHECK(table->columnViewportPosition(3) >= 0);
    CHECK(right <= table->viewport()->width());
    // Wide enough for its heading and a money figure.
    const auto fm = table->horizontalHeader()->fontMetrics();
    CHECK(table->columnWidth(3) >= fm.horizontalAdvance(QStringLiteral("same type, +$1,234.56")) / 2);
    CHECK(table->columnWidth(3) >= fm.horizontalAdvance(QStringLiteral("Difference")));
}
