// SPDX-License-Identifier: GPL-3.0-or-later
// The Cost and Growth charts: built once, then each new plan's figures put into the same series,
// bars and axes, with a new chart only when the categories change.
#include "charts.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QToolTip>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableWidget>
#include <QTableWidgetItem>
#include <QVBoxLayout>
#include <QValueAxis>

#include "irisize/format.hpp"
#include "irisize/plan/plan.hpp"

namespace {

namespace u = irisize::units;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString money(double usd) {
    return qs(irisize::money_str(usd));
}

const QString kUsdPerMonth = QStringLiteral("USD/month");

/// Puts `chart` in `view` and deletes the chart it replaces (QChartView does not).
void replaceChart(QChartView* view, QChart* chart) {
    chart->setAnimationOptions(QChart::NoAnimation);
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

QChart* emptyChart(const QString& title) {
    auto* chart = new QChart();
    chart->setTitle(title);
    chart->legend()->hide();
    return chart;
}

/// A chart's view. Lines that are not straight across or down (the Growth chart's) need
/// antialiasing to look smooth; a bar chart has none, and antialiased grid lines cost Qt's
/// raster engine most of a redraw (about 39,000 instructions a line), so its view goes without.
QChartView* makeView(QWidget* parent, bool antialiased = true) {
    auto* view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing, antialiased);
    view->setMinimumSize(260, 200);
    return view;
}

// The category labels of a bar chart, kept on its axis: "name  $amount", "name<br>$amount" and
// "name $7.09k"; CostChart::fitBarLabels() shows the first that the chart has room for.
const char* const kOneLineLabels = "oneLineLabels";
const char* const kTwoLineLabels = "twoLineLabels";
const char* const kCompactLabels = "compactLabels";

/// An amount in three significant figures at most: "$661", "$7.09k", "$29.1k", "$1.25M".
QString compactMoney(double usd) {
    const double a = std::abs(usd);
    auto scaled = [&](double unit, const char* suffix) {
        const double v = usd / unit;
        const int decimals = std::abs(v) < 10 ? 2 : std::abs(v) < 100 ? 1 : 0;
        return QStringLiteral("$%1%2").arg(QString::number(v, 'f', decimals), QLatin1String(suffix));
    };
    if (a >= 999.5e3)
        return scaled(1e6, "M");
    if (a >= 999.5)
        return scaled(1e3, "k");
    return QStringLiteral("$%1").arg(QString::number(usd, 'f', 0));
}

/// An axis's range changed only where it differs: each change lays the chart out again.
void setRange(QValueAxis* axis, double min, double max) {
    if (axis->min() != min || axis->max() != max)
        axis->setRange(min, max);
}

/// [lo, hi] rounded out as QValueAxis::applyNiceNumbers() rounds a new axis's range (it starts
/// from the axis's tick count, 5 on a new one): the same figures as an axis built afresh.
void setNiceRange(QValueAxis* axis, double lo, double hi) {
    QValueAxis nice;
    nice.setRange(lo, hi);
    nice.applyNiceNumbers();
    if (axis->tickCount() != nice.tickCount())
        axis->setTickCount(nice.tickCount());
    setRange(axis, nice.min(), nice.max());
}

/// The series' points, replaced in place (the chart redraws them without being built again).
void setPoints(QXYSeries* series, const QList<QPointF>& points) {
    if (series->points() != points)
        series->replace(points);
}

/// Horizontal bars, one for each of `names`, and their axes, without values (see fillBars).
QChart* barChart(const QString& title, const QStringList& names, const QColor& colour) {
    QChart* chart = emptyChart(title);
    auto* set = new QBarSet(kUsdPerMonth);
    set->setProperty("names", names); // the categories, bottom to top
    set->setColor(colour);
    set->setBorderColor(colour.darker(130));
    // Hovering a bar shows its value.
    QObject::connect(set, &QBarSet::hovered, set, [set](bool on, int index) {
        const QStringList tips = set->property("tips").toStringList();
        if (on && index >= 0 && index < tips.size())
            QToolTip::showText(QCursor::pos(), tips[index]);
        else
            QToolTip::hideText();
    });
    auto* series = new QHorizontalBarSeries();
    series->append(set);
    series->setBarWidth(0.6);
    chart->addSeries(series);

    auto* axisY = new QBarCategoryAxis();
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);

    auto* axisX = new QValueAxis();
    axisX->setTitleText(kUsdPerMonth);
    axisX->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    return chart;
}

/// The bars of a chart from barChart(): the first value at the top, each category labelled with
/// its amount. Changes the bars in place where they are the same categories as the chart shows
/// (true), or leaves the chart alone (false: the caller builds a new one).
bool fillBars(QChart* chart, const QList<QPair<QString, double>>& values) {
    const auto series = chart->series();
    if (series.size() != 1)
        return false;
    auto* bars = qobject_cast<QHorizontalBarSeries*>(series.front());
    const auto xAxes = chart->axes(Qt::Horizontal);
    const auto yAxes = chart->axes(Qt::Vertical);
    if (!bars || bars->count() != 1 || xAxes.size() != 1 || yAxes.size() != 1)
        return false;
    QBarSet* set = bars->barSets().front();
    auto* axisX = qobject_cast<QValueAxis*>(xAxes.front());
    auto* axisY = qobject_cast<QBarCategoryAxis*>(yAxes.front());
    QStringList names;
    // A horizontal bar series draws its first category at the bottom: in reverse.
    for (auto it = values.crbegin(); it != values.crend(); ++it)
        names << it->first;
    if (!axisX || !axisY || set->property("names").toStringList() != names)
        return false;

    QStringList categories;
    QStringList twoLines;
    QStringList compact;
    QStringList tips;
    double top = 0;
    int i = 0;
    for (auto it = values.crbegin(); it != values.crend(); ++it, ++i) {
        if (i < set->count()) {
            if (set->at(i) != it->second)
                set->replace(i, it->second);
        } else {
            *set << it->second;
        }
        categories << QStringLiteral("%1  %2").arg(it->first, money(it->second));
        twoLines << QStringLiteral("%1<br>%2").arg(it->first.toHtmlEscaped(), money(it->second));
        compact << QStringLiteral("%1 %2").arg(it->first, compactMoney(it->second));
        tips << QObject::tr("%1: %2 a month").arg(it->first, money(it->second));
        top = std::max(top, it->second);
    }
    set->setProperty("tips", tips);
    if (axisY->categories().isEmpty())
        axisY->append(categories); // CostChart::fitBarLabels() chooses among them
    axisY->setProperty(kOneLineLabels, categories);
    axisY->setProperty(kTwoLineLabels, twoLines);
    axisY->setProperty(kCompactLabels, compact);
    setNiceRange(axisX, 0, top > 0 ? top * 1.05 : 1.0);
    return true;
}

/// A new chart of bars for `values` (an empty chart when there are none).
QChart* newBarChart(const QString& title, const QList<QPair<QString, double>>& values, const QColor& colour) {
    if (values.isEmpty())
        return emptyChart(title);
    QStringList names;
    for (auto it = values.crbegin(); it != values.crend(); ++it)
        names << it->first;
    QChart* chart = barChart(title, names, colour);
    fillBars(chart, values);
    return chart;
}

/// Shows `values` in the chart of `view`: in place where it has the same categories.
void showBars(QChartView* view, const QString& title, const QList<QPair<QString, double>>& values,
              const QColor& colour) {
    if (values.isEmpty() ? view->chart()->series().isEmpty() : fillBars(view->chart(), values))
        return;
    replaceChart(view, newBarChart(title, values, colour));
}

/// The role a cost line belongs to: its component starts with the role (then a space),
/// e.g. "primary (us-east-1a) r6i.8xlarge", "web x2 (us-east-1a) EBS storage"; anything
/// else (snapshots, transfer, provisioned IOPS of all members) is shared.
QString tierOfLine(const std::string& component, const std::vector<std::string>& roles) {
    for (const auto& role : roles)
        if (component.size() > role.size() && component.compare(0, role.size(), role) == 0 &&
            component[role.size()] == ' ')
            return qs(role);
    return QStringLiteral("shared");
}

const QString kCategoryTitle = QStringLiteral("Monthly cost by category (USD/month)");
const QString kTierTitle = QStringLiteral("Monthly cost by tier (USD/month)");
const QString kCapacityTitle = QStringLiteral("Database and data volume capacity by year (GiB)");
const QString kCostTitle = QStringLiteral("Monthly cost if the data volumes were sized for each year (USD/month)");

} // namespace

// ---- CostChart ------------------------------------------------------------------------------

CostChart::CostChart(QWidget* parent)
    : QWidget(parent), m_byCategory(makeView(this, false)), m_byTier(makeView(this, false)),
      m_table(new QTableWidget(0, 3, this)) {
    m_table->setHorizontalHeaderLabels({tr("Component"), tr("Category"), tr("USD/month")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);

    auto* charts = new QWidget(this);
    auto* row = new QHBoxLayout(charts);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_byCategory, 1);
    row->addWidget(m_byTier, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(charts);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    m_byCategory->installEventFilter(this);
    m_byTier->installEventFilter(this);
    clearPlan();
}

bool CostChart::eventFilter(QObject* watched, QEvent* event) {
    // A chart resized (by the window or by the splitter above the table): fit its labels again.
    if (event->type() == QEvent::Resize && (watched == m_byCategory || watched == m_byTier))
        fitBarLabels();
    return QWidget::eventFilter(watched, event);
}

void CostChart::fitBarLabels() {
    // Qt Charts gives a left axis at most 40 % of the chart's width and each category label
    // its share of the chart's height, and cuts a longer label short ("compute $7,0..."). So:
    // the name and the amount on one line if that fits, else on two lines, else the amount
    // rounded ("$7.09k"; the table has it to the cent), else the name alone.
    constexpr qreal labelPadding = 5; // Qt Charts' padding around an axis label
    for (QChartView* view : {m_byCategory, m_byTier}) {
        QChart* chart = view->chart();
        if (!chart)
            continue;
        const auto axes = chart->axes(Qt::Vertical);
        for (QAbstractAxis* a : axes) {
            auto* axis = qobject_cast<QBarCategoryAxis*>(a);
            if (!axis || !axis->property(kOneLineLabels).isValid())
                continue;
            const QStringList oneLine = axis->property(kOneLineLabels).toStringList();
            if (oneLine.isEmpty())
                continue;
            const QFontMetricsF metrics(axis->labelsFont());
            const QMarginsF margins = chart->margins();
            const qreal width = 0.4 * (view->width() - margins.left() - margins.right()) - 2 * labelPadding;
            const qreal rows = static_cast<qreal>(oneLine.size());
            const qreal height = (view->height() - margins.top() - margins.bottom()) / rows - 2 * labelPadding - 4;
            auto fits = [&](const QStringList& labels, int lines) {
                if (height < lines * metrics.lineSpacing())
                    return false;
                for (const QString& label : labels)
                    for (const QString& line : label.split(QStringLiteral("<br>")))
                        if (metrics.horizontalAdvance(line) > width)
                            return false;
                return true;
            };
            QStringList names;
            for (const QString& label : oneLine)
                names << label.section(QStringLiteral("  "), 0, 0);
            QStringList wanted = names;
            if (fits(oneLine, 1))
                wanted = oneLine;
            else if (const QStringList two = axis->property(kTwoLineLabels).toStringList(); fits(two, 2))
                wanted = two;
            else if (const QStringList compact = axis->property(kCompactLabels).toStringList(); fits(compact, 1))
                wanted = compact;
            if (axis->categories() != wanted)
                axis->setCategories(wanted);
        }
    }
}

void CostChart::clearPlan() {
    m_categories.clear();
    replaceChart(m_byCategory, emptyChart(kCategoryTitle));
    replaceChart(m_byTier, emptyChart(kTierTitle));
    m_table->setRowCount(0);
}

QList<QPair<QString, double>> CostChart::categoryTotals() const {
    return m_categories;
}

void CostChart::setPlan(const irisize::Plan& plan) {
    m_categories.clear();

    // By category, in the order of the bill; a category the plan does not have, or that costs
    // nothing, is left out, except provisioned IOPS and throughput, always shown when present
    // so that no charge is silently missing.
    std::vector<std::string> order = {"compute", "storage", "iops", "throughput", "snapshots", "transfer"};
    for (const auto& line : plan.cost_lines)
        if (std::find(order.begin(), order.end(), line.category) == order.end())
            order.push_back(line.category);
    for (const auto& category : order) {
        bool present = false;
        double usd = 0;
        for (const auto& line : plan.cost_lines)
            if (line.category == category) {
                present = true;
                usd += plan.monthly_usd(line.cost);
            }
        const bool always = category == "iops" || category == "throughput";
        if (present && (usd != 0.0 || always))
            m_categories.append({qs(category), usd});
    }

    // By tier: the role each line's component starts with, or "shared".
    std::vector<std::string> roles;
    for (const irisize::Role r : irisize::all_roles)
        roles.emplace_back(irisize::name(r));
    std::vector<std::string> byLength = roles;
    std::stable_sort(byLength.begin(), byLength.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    QList<QPair<QString, double>> tiers;
    for (const auto& role : roles)
        tiers.append({qs(role), 0.0});
    tiers.append({QStringLiteral("shared"), 0.0});
    std::vector<bool> tierPresent(static_cast<std::size_t>(tiers.size()), false);
    for (const auto& line : plan.cost_lines) {
        const QString tier = tierOfLine(line.component, byLength);
        for (qsizetype i = 0; i < tiers.size(); ++i)
            if (tiers[i].first == tier) {
                tiers[i].second += plan.monthly_usd(line.cost);
                tierPresent[static_cast<std::size_t>(i)] = true;
            }
    }
    QList<QPair<QString, double>> shownTiers;
    for (qsizetype i = 0; i < tiers.size(); ++i)
        if (tierPresent[static_cast<std::size_t>(i)])
            shownTiers.append(tiers[i]);

    // The charts and the table are changed in place where they show the same rows as before,
    // which Qt redraws far faster than new ones.
    showBars(m_byCategory, kCategoryTitle, m_categories, QColor(0x3d, 0x78, 0xc2));
    showBars(m_byTier, kTierTitle, shownTiers, QColor(0x4f, 0x9a, 0x5a));
    fitBarLabels();

    // The table: every line, then the total.
    const int rows = static_cast<int>(plan.cost_lines.size()) + 1;
    if (m_table->rowCount() != rows) {
        m_table->setRowCount(0);
        m_table->setRowCount(rows);
    }
    int row = 0;
    for (const auto& line : plan.cost_lines) {
        QString amount = money(plan.monthly_usd(line.cost));
        if (line.estimate)
            amount += tr(" (est.)");
        const QString tip = qs(line.explanation);
        setCell(row, 0, qs(line.component), tip, false, false);
        setCell(row, 1, qs(line.category), tip, false, false);
        setCell(row, 2, amount, tip, true, false);
        ++row;
    }
    QString totalText = money(plan.monthly_usd());
    if (plan.price_estimates)
        totalText += tr(" (incl. estimates)");
    setCell(row, 0, tr("Total"), {}, false, true);
    setCell(row, 1, {}, {}, false, true);
    setCell(row, 2, totalText, {}, true, true);
}

void CostChart::setCell(int row, int column, const QString& text, const QString& tip, bool amount, bool bold) {
    QTableWidgetItem* item = m_table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem(text);
        if (amount)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (bold) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
        }
        if (!tip.isEmpty())
            item->setToolTip(tip);
        m_table->setItem(row, column, item);
        return;
    }
    // Only what differs: each change redraws its cell.
    if (item->text() != text)
        item->setText(text);
    if (item->toolTip() != tip)
        item->setToolTip(tip);
}

// ---- GrowthChart ----------------------------------------------------------------------------

namespace {

QLabel* makeLegend(const QString& name, QWidget* parent) {
    auto* legend = new QLabel(parent);
    legend->setObjectName(name);
    legend->setWordWrap(true);
    legend->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    legend->setTextFormat(Qt::RichText);
    return legend;
}

/// The chart's legend as one line of rich text that wraps between entries, never inside one:
/// a coloured mark (a line, a dashed line or a dot) and the series' name.
QString legendHtml(const QChart* chart) {
    QStringList entries;
    for (const QAbstractSeries* s : chart->series()) {
        const auto* xy = qobject_cast<const QXYSeries*>(s);
        if (!xy || s->name().isEmpty() || !s->isVisible())
            continue;
        QString mark = QStringLiteral("\u25cf"); // a dot, for a marked point
        if (!qobject_cast<const QScatterSeries*>(s))
            mark = xy->pen().style() == Qt::SolidLine ? QStringLiteral("\u2501\u2501") : QStringLiteral("\u254d\u254d");
        QString name = s->name().toHtmlEscaped();
        name.replace(QLatin1Char(' '), QChar::Nbsp);
        entries << QStringLiteral("<span style='white-space:nowrap'><span style='color:%1'>%2</span>&nbsp;%3</span>")
                       .arg(xy->color().name(), mark, name);
    }
    return entries.join(QStringLiteral(" &nbsp;&nbsp; "));
}

} // namespace

GrowthChart::GrowthChart(QWidget* parent)
    : QWidget(parent), m_capacity(makeView(this)), m_cost(makeView(this)),
      m_capacityLegend(makeLegend(QStringLiteral("capacityLegend"), this)),
      m_costLegend(makeLegend(QStringLiteral("costLegend"), this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_capacity, 3);
    layout->addWidget(m_capacityLegend);
    layout->addWidget(m_cost, 2);
    layout->addWidget(m_costLegend);
    clearPlan();
}

void GrowthChart::clearPlan() {
    m_years = 0;
    m_live = {};
    replaceChart(m_capacity, emptyChart(kCapacityTitle));
    replaceChart(m_cost, emptyChart(kCostTitle));
    m_capacityLegend->clear();
    m_costLegend->clear();
    m_capacityLegend->hide();
    m_costLegend->hide();
}

int GrowthChart::years() const {
    return m_years;
}

QStringList GrowthChart::capacityLegend() const {
    QStringList out;
    if (!m_capacity->chart())
        return out;
    for (auto* s : m_capacity->chart()->series())
        if (!s->name().isEmpty() && s->isVisible())
            out << s->name();
    return out;
}

namespace {

/// Years on x: whole numbers, a little room either side so that the end points show whole.
QValueAxis* yearAxis() {
    auto* axis = new QValueAxis();
    axis->setTitleText(QObject::tr("year"));
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(1);
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setMinorTickCount(0);
    return axis;
}

void setLegend(QLabel* legend, const QString& html) {
    if (legend->text() != html)
        legend->setText(html);
    legend->show();
}

QLineSeries* lineSeries(const QColor& colour, Qt::PenStyle style = Qt::SolidLine) {
    auto* series = new QLineSeries();
    QPen pen(colour, 2.2, style);
    series->setPen(pen);
    series->setColor(colour);
    series->setPointsVisible(true);
    // Hovering the line shows the nearest year's value (GiB, or USD when the name says a cost).
    QObject::connect(series, &QXYSeries::hovered, series, [series](const QPointF& at, bool on) {
        const auto points = series->points();
        if (!on || points.isEmpty()) {
            QToolTip::hideText();
            return;
        }
        const auto nearest = std::min_element(points.begin(), points.end(), [&](const QPointF& a, const QPointF& b) {
            return std::abs(a.x() - at.x()) < std::abs(b.x() - at.x());
        });
        const bool usd = series->property("usd").toBool();
        QToolTip::showText(QCursor::pos(), QObject::tr("%1, year %2: %3")
                                               .arg(series->name())
                                               .arg(nearest->x())
                                               .arg(usd ? money(nearest->y()) + QObject::tr(" a month")
                                                        : QString::fromStdString(irisize::num(nearest->y())) +
                                                              QStringLiteral(" GiB")));
    });
    return series;
}

void attach(QChart* chart, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y) {
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace

void GrowthChart::build() {
    // --- capacity --------------------------------------------------------------------------
    auto* capacity = new QChart();
    capacity->setTitle(kCapacityTitle);
    capacity->legend()->hide(); // drawn under the chart, where it can wrap
    m_live.database = lineSeries(QColor(0x3d, 0x78, 0xc2));
    m_live.database->setName(tr("database size"));
    m_live.needed = lineSeries(QColor(0xd0, 0x7a, 0x1e));
    m_live.needed->setName(tr("data volume needed (with free space)"));
    m_live.planned = lineSeries(QColor(0x3b, 0x8a, 0x4a), Qt::DashLine);
    m_live.xCap = yearAxis();
    m_live.yCap = new QValueAxis();
    m_live.yCap->setTitleText(tr("GiB"));
    m_live.yCap->setLabelFormat(QStringLiteral("%.0f"));
    capacity->addAxis(m_live.xCap, Qt::AlignBottom);
    capacity->addAxis(m_live.yCap, Qt::AlignLeft);
    attach(capacity, m_live.database, m_live.xCap, m_live.yCap);
    attach(capacity, m_live.needed, m_live.xCap, m_live.yCap);
    attach(capacity, m_live.planned, m_live.xCap, m_live.yCap);
    // The year the planned volume runs out: a rule and a point, shown only when there is one.
    const QColor red(0xc0, 0x2a, 0x2a);
    m_live.rule = new QLineSeries();
    m_live.rule->setPen(QPen(red, 1.2, Qt::DotLine));
    attach(capacity, m_live.rule, m_live.xCap, m_live.yCap);
    m_live.runsOut = new QScatterSeries();
    m_live.runsOut->setColor(red);
    m_live.runsOut->setBorderColor(red.darker(140));
    m_live.runsOut->setMarkerSize(13);
    attach(capacity, m_live.runsOut, m_live.xCap, m_live.yCap);
    replaceChart(m_capacity, capacity);

    // --- cost --------------------------------------------------------------------------
    auto* cost = new QChart();
    cost->setTitle(kCostTitle);
    cost->legend()->hide();
    m_live.sized = lineSeries(QColor(0x6b, 0x52, 0x9e));
    m_live.sized->setName(tr("data volumes sized for that year"));
    m_live.current = lineSeries(QColor(0x55, 0x60, 0x6b), Qt::DashLine);
    m_live.current->setPointsVisible(false);
    m_live.sized->setProperty("usd", true);
    m_live.current->setProperty("usd", true);
    m_live.xCost = yearAxis();
    m_live.yCost = new QValueAxis();
    m_live.yCost->setTitleText(kUsdPerMonth);
    m_live.yCost->setLabelFormat(QStringLiteral("%.0f"));
    cost->addAxis(m_live.xCost, Qt::AlignBottom);
    cost->addAxis(m_live.yCost, Qt::AlignLeft);
    attach(cost, m_live.sized, m_live.xCost, m_live.yCost);
    attach(cost, m_live.current, m_live.xCost, m_live.yCost);
    replaceChart(m_cost, cost);
}

void GrowthChart::setPlan(const irisize::Plan& plan) {
    const auto& projection = plan.projection;
    if (projection.empty()) {
        clearPlan();
        return;
    }
    // The charts are built once and then changed in place: a new plan replaces the points, the
    // names and the ranges that differ, which Qt Charts redraws far faster than a new chart.
    if (!m_live.database)
        build();
    m_years = static_cast<int>(projection.size());
    const int lastYear = projection.back().year;

    // --- capacity --------------------------------------------------------------------------
    QList<QPointF> database;
    QList<QPointF> needed;
    QList<QPointF> planned;
    double top = 0;
    for (const auto& p : projection) {
        const double db = u::in_GiB(p.database);
        const double need = u::in_GiB(p.data_needed);
        const double plan_gib = u::in_GiB(p.data_planned);
        database.append(QPointF(p.year, db));
        needed.append(QPointF(p.year, need));
        planned.append(QPointF(p.year, plan_gib));
        top = std::max({top, db, need, plan_gib});
    }
    // The first year the planned data volumes no longer hold what is needed, if any; otherwise
    // the plan covers the horizon and the legend says so.
    std::optional<std::size_t> runsOut;
    for (std::size_t i = 0; i < projection.size(); ++i)
        if (u::in_GiB(projection[i].data_needed) > u::in_GiB(projection[i].data_planned) + 1e-9) {
            runsOut = i;
            break;
        }
    m_live.planned->setName(
        runsOut ? tr("data volume planned")
        : projection.size() > 1
            ? tr("data volume planned (covers years %1 to %2)").arg(projection.front().year).arg(lastYear)
            : tr("data volume planned (covers year %1)").arg(lastYear));
    setRange(m_live.xCap, -0.25, std::max(lastYear, 1) + 0.25);
    setNiceRange(m_live.yCap, 0, top > 0 ? top * 1.1 : 1.0);
    setPoints(m_live.database, database);
    setPoints(m_live.needed, needed);
    setPoints(m_live.planned, planned);
    if (runsOut) {
        const auto& p = projection[*runsOut];
        setPoints(m_live.rule, {QPointF(p.year, 0), QPointF(p.year, m_live.yCap->max())});
        setPoints(m_live.runsOut, {QPointF(p.year, u::in_GiB(p.data_needed))});
    }
    m_live.runsOut->setName(runsOut ? tr("planned data volume runs out (year %1)").arg(projection[*runsOut].year)
                                    : QString());
    m_live.rule->setVisible(runsOut.has_value());
    m_live.runsOut->setVisible(runsOut.has_value());
    setLegend(m_capacityLegend, legendHtml(m_capacity->chart()));

    // --- cost --------------------------------------------------------------------------
    m_live.current->setName(tr("this plan (sized for year %1)").arg(lastYear));
    const double planUsd = plan.monthly_usd();
    double lo = planUsd;
    double hi = planUsd;
    QList<QPointF> sized;
    for (const auto& p : projection) {
        const double usd = plan.monthly_usd(p.monthly_if_sized_for_year);
        sized.append(QPointF(p.year, usd));
        lo = std::min(lo, usd);
        hi = std::max(hi, usd);
    }
    setRange(m_live.xCost, -0.25, std::max(lastYear, 1) + 0.25);
    const double spread = std::max(hi - lo, std::max(hi, 1.0) * 0.02);
    setNiceRange(m_live.yCost, std::max(0.0, lo - spread * 0.3), hi + spread * 0.3);
    setPoints(m_live.sized, sized);
    setPoints(m_live.current, {QPointF(projection.front().year, planUsd), QPointF(lastYear, planUsd)});
    setLegend(m_costLegend, legendHtml(m_cost->chart()));
}
