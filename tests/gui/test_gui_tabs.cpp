// SPDX-License-Identifier: GPL-3.0-or-later
// The Storage and Servers tabs say where the money is (issue #14, item 8): every server's volumes,
// counted and priced as the Cost tab charges them, and what the Servers' USD / month holds.
// Offscreen, throwaway settings.
#include "plan_models.hpp"

#include "irisize/format.hpp"
#include "irisize/sizing.hpp"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QStandardPaths>

#include <cmath>
#include <fstream>
#include <memory>
#include <string>

namespace {

QApplication& app() {
    static int argc = 1;
    static char name[] = "irisize-gui-tabs-tests";
    static char* argv[] = {name, nullptr};
    static QApplication* a = [] {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QStandardPaths::setTestModeEnabled(true); // settings and autosave go to throwaway places
        auto* created = new QApplication(argc, argv);
        QApplication::setOrganizationName(QStringLiteral("irisize-test"));
        QApplication::setApplicationName(QStringLiteral("irisize-test"));
        return created;
    }();
    return *a;
}

std::shared_ptr<const irisize::Catalog> catalog() {
    static auto cat = [] {
        auto c = irisize::load_catalog(IRISIZE_TEST_DATA_DIR);
        REQUIRE(c.ok());
        return std::make_shared<const irisize::Catalog>(std::move(c).value());
    }();
    return cat;
}

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

} // namespace

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
        if (m.role != "app")
            continue;
        REQUIRE(m.count == perZone);
        const QString zone = QString::fromStdString(m.availability_zone);
        const QString name = perZone > 1 ? QStringLiteral("app x%1 (%2)").arg(perZone).arg(zone)
                                         : QStringLiteral("app (%1)").arg(zone);
        for (int r = 0; r < storage.totalRow(); ++r) {
            if (cell(storage, r, StorageModel::Member) != name)
                continue;
            ++appRows;
            const QString purpose = cell(storage, r, StorageModel::Purpose);
            double one = -1;
            for (const auto& v : m.volumes)
                if (QString::fromStdString(v.purpose) == purpose)
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
