// SPDX-License-Identifier: GPL-3.0-or-later
// The Rules tab: the inputs, the verdict with each broken rule, the volume's
// baseline and burst figures, and the cheapest valid volume of any type at the region's prices.
#include "rules_explorer.hpp"

#include "irisize/data/catalog.hpp"
#include "irisize/format.hpp"
#include "irisize/rules/rule_engine.hpp"
#include "irisize/data/rule_set.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/units.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace u = irisize::units;

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

/// Plain text made safe for the details browser (rich text).
QString html(const std::string& s) {
    return qs(s).toHtmlEscaped();
}

QString numq(double value, int decimals = 0) {
    return qs(irisize::num(value, decimals));
}

/// Fills the type combo with the rule set's volume types and keeps `keep` selected. A type
/// the rule set does not know stays chosen, marked as such (the verdict says so), rather
/// than silently becoming another type.
void fillTypes(QComboBox* combo, const irisize::RuleSet& rules, const QString& keep) {
    const QSignalBlocker block(combo);
    combo->clear();
    for (const auto& t : rules.types) {
        combo->addItem(QStringLiteral("%1 \u2014 %2").arg(qs(t.type), qs(t.name)), qs(t.type));
        combo->setItemData(combo->count() - 1, qs(t.notes), Qt::ToolTipRole);
    }
    int at = combo->findData(keep);
    if (at < 0 && !keep.isEmpty()) {
        combo->addItem(QObject::tr("%1 \u2014 not in %2").arg(keep, qs(rules.id)), keep);
        at = combo->count() - 1;
    }
    combo->setCurrentIndex(at >= 0 ? at : 0);
}

/// One row of the details table; the name stays on one line.
QString row(const QString& what, const QString& value) {
    return QStringLiteral("<tr><td nowrap style='padding-right:12px; color:#555'>%1</td><td>%2</td></tr>")
        .arg(what, value);
}

/// Display text (plain or rich) in which a line never breaks between a number and its unit
/// ("125 GiB") nor inside a unit or word with a slash ("MiB/s", "I/O"): a no-break space and a
/// word joiner. For display only; the accessors keep the plain text.
QString keepUnitsTogether(QString text) {
    static const QRegularExpression numberUnit(QStringLiteral("(?<=\\d) (?=(GiB|IOPS|MiB/s|MiB|KiB|minutes)\\b)"));
    static const QRegularExpression slash(QStringLiteral("(?<=[\\p{L}\\p{N}])/(?=[\\p{L}\\p{N}])"));
    text.replace(numberUnit, QString(QChar::Nbsp));
    text.replace(slash, QStringLiteral("/\u2060"));
    return text;
}

/// A short reason why no volume of `t` meets the demand, from the type's own limits.
QString whyNot(const irisize::VolumeTypeRules& t, const irisize::VolumeDemand& d, bool nitro) {
    if (d.capacity > t.max_size)
        return QStringLiteral("holds at most %1 GiB per volume").arg(numq(u::in_GiB(t.max_size)));
    if (!nitro && t.max_iops_without_nitro && d.iops > *t.max_iops_without_nitro)
        return QStringLiteral("above %1 IOPS only on a Nitro instance").arg(numq(u::in_iops(*t.max_iops_without_nitro)));
    if (t.iops_max > u::iops(0) && d.iops > t.iops_max)
        return QStringLiteral("sustains at most %1 IOPS per volume").arg(numq(u::in_iops(t.iops_max)));
    return QStringLiteral("no volume of this type holds %1 GiB and sustains %2 IOPS and %3 MiB/s")
        .arg(numq(u::in_GiB(d.capacity)), numq(u::in_iops(d.iops)), numq(u::in_MiBps(d.throughput), 1));
}

QString describe(const irisize::VolumeSpec& v) {
    return QStringLiteral("%1 %2 GiB, %3 IOPS, %4 MiB/s")
        .arg(qs(v.type), numq(u::in_GiB(v.size)), numq(u::in_iops(v.iops)), numq(u::in_MiBps(v.throughput), 1));
}

} // namespace

RulesExplorer::RulesExplorer(const irisize::Catalog& catalog, QWidget* parent)
    : QWidget(parent), m_catalog(catalog), m_rules(new QComboBox), m_type(new QComboBox),
      m_size(new QDoubleSpinBox), m_iops(new QDoubleSpinBox), m_throughput(new QDoubleSpinBox),
      m_nitro(new QCheckBox(tr("Nitro instance"))), m_verdict(new QLabel), m_cheapestLine(new QLabel),
      m_violationList(new QListWidget), m_details(new QTextBrowser), m_inputs(new QWidget), m_results(new QWidget),
      m_top(new QBoxLayout(QBoxLayout::LeftToRight)) {
    // --- inputs ------------------------------------------------------------------------------
    for (const auto& rs : m_catalog.rule_sets) {
        m_rules->addItem(QStringLiteral("%1 (as of %2)").arg(qs(rs.id), qs(rs.as_of)), qs(rs.id));
        m_rules->setItemData(m_rules->count() - 1, qs(rs.title), Qt::ToolTipRole);
    }
    if (!m_catalog.rule_sets.empty()) {
        const int at = m_rules->findData(qs(m_catalog.default_rule_set().id));
        m_rules->setCurrentIndex(at >= 0 ? at : 0);
    }
    m_rules->setToolTip(tr("The EBS rule set: what each volume type allowed and delivered as of a date."));
    m_type->setToolTip(tr("The EBS volume type (API name) under the selected rule set."));
    m_rules->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_size->setRange(0, 1e6);
    m_size->setDecimals(0);
    m_size->setSuffix(tr(" GiB"));
    m_size->setValue(100);
    m_size->setGroupSeparatorShown(true);
    m_size->setToolTip(tr("Size of one volume in GiB (binary gigabytes, 2^30 bytes), as EBS provisions and bills it."));

    m_iops->setRange(0, 1e7);
    m_iops->setDecimals(0);
    m_iops->setSuffix(tr(" IOPS"));
    m_iops->setGroupSeparatorShown(true);
    m_iops->setToolTip(tr("I/O operations per second. Provisioned for io1, io2 and gp3 (0 on gp3: the included "
                          "baseline); for the other types the rate the volume must sustain (0: none stated)."));

    m_throughput->setRange(0, 1e5);
    m_throughput->setDecimals(1);
    m_throughput->setSuffix(tr(" MiB/s"));
    m_throughput->setGroupSeparatorShown(true);
    m_throughput->setToolTip(tr("Throughput in MiB/s (binary megabytes per second). Provisioned for gp3 (0: the "
                                "included figure); for the other types the rate the volume must sustain."));

    m_nitro->setChecked(true);
    m_nitro->setToolTip(tr("Whether the volume is attached to a Nitro-based instance: some IOPS limits apply only "
                           "to older (Xen) instances."));

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Rule set"), m_rules);
    form->addRow(tr("Volume type"), m_type);
    form->addRow(tr("Size"), m_size);
    form->addRow(tr("IOPS"), m_iops);
    form->addRow(tr("Throughput"), m_throughput);
    form->addRow(QString(), m_nitro);

    auto* inputBox = new QGroupBox(tr("Volume"));
    inputBox->setLayout(form);

    auto* hint = new QLabel(tr("Every figure comes from the selected rule set and the region's price list."));
    hint->setWordWrap(true);
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // the form sets the width, not this line

    auto* leftLayout = new QVBoxLayout(m_inputs);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(inputBox);
    leftLayout->addWidget(hint);
    leftLayout->addStretch(1);

    // --- results: the verdict, the broken rules and the cheapest alternative ------------------
    QFont big = m_verdict->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_verdict->setFont(big);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);

    m_violationList->setObjectName(QStringLiteral("violations"));
    m_violationList->setWordWrap(true);
    m_violationList->setAlternatingRowColors(true);
    m_violationList->setMaximumHeight(m_violationList->fontMetrics().height() * 8);
    m_violationList->setToolTip(tr("Each rule the volume breaks: [stable rule id] and the sentence with the numbers."));

    m_cheapestLine->setObjectName(QStringLiteral("cheapest"));
    m_cheapestLine->setWordWrap(true);
    m_cheapestLine->setTextFormat(Qt::RichText);
    m_cheapestLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cheapestLine->setToolTip(tr("The cheapest volume of any type fit for random I/O that is valid and carries the "
                                  "same size, IOPS and throughput without bursting; every type is listed below."));

    auto* resultsLayout = new QVBoxLayout(m_results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_verdict);
    auto* brokenLabel = new QLabel(tr("Broken rules"));
    brokenLabel->setObjectName(QStringLiteral("brokenRulesLabel"));
    resultsLayout->addWidget(brokenLabel);
    resultsLayout->addWidget(m_violationList);
    resultsLayout->addWidget(m_cheapestLine);
    resultsLayout->addStretch(1);

    m_details->setObjectName(QStringLiteral("details"));
    m_details->setOpenLinks(false);

    // The form keeps its natural width (long type names included); the results go beside it
    // when there is room and under it when not (arrange()); the details take the rest.
    m_inputs->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    m_top->setContentsMargins(0, 0, 0, 0);
    m_top->addWidget(m_inputs, 0);
    m_top->addWidget(m_results, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_top, 0);
    layout->addWidget(m_details, 1);

    // --- behaviour ---------------------------------------------------------------------------
    if (m_rules->count() > 0) {
        if (const irisize::RuleSet* rs = m_catalog.rule_set(m_rules->currentData().toString().toStdString()))
            fillTypes(m_type, *rs, QStringLiteral("gp3"));
    }

    connect(m_rules, &QComboBox::currentIndexChanged, this, [this] {
        if (const irisize::RuleSet* rs = m_catalog.rule_set(m_rules->currentData().toString().toStdString()))
            fillTypes(m_type, *rs, m_type->currentData().toString());
        recompute();
    });
    connect(m_type, &QComboBox::currentIndexChanged, this, &RulesExplorer::recompute);
    connect(m_size, &QDoubleSpinBox::valueChanged, this, &RulesExplorer::recompute);
    connect(m_iops, &QDoubleSpinBox::valueChanged, this, &RulesExplorer::recompute);
    connect(m_throughput, &QDoubleSpinBox::valueChanged, this, &RulesExplorer::recompute);
    connect(m_nitro, &QCheckBox::toggled, this, &RulesExplorer::recompute);

    recompute();
}

void RulesExplorer::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    arrange();
}

void RulesExplorer::arrange() {
    // Beside the form, the results need room for the verdict and a few words a line.
    const int room = width() - m_inputs->sizeHint().width() - layout()->spacing();
    const int needed = m_verdict->fontMetrics().horizontalAdvance(QStringLiteral("Invalid: 2 rules broken")) * 3 / 2;
    const auto direction = room >= needed ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_top->direction() != direction)
        m_top->setDirection(direction);
}

void RulesExplorer::setRegion(const QString& region) {
    if (region == m_region)
        return;
    m_region = region;
    recompute();
}

void RulesExplorer::setVolume(const QString& rules, const QString& type, double sizeGib, double iops,
                              double throughputMibps) {
    {
        const QSignalBlocker b1(m_rules);
        const QSignalBlocker b2(m_type);
        const QSignalBlocker b3(m_size);
        const QSignalBlocker b4(m_iops);
        const QSignalBlocker b5(m_throughput);

        const int r = m_rules->findData(rules);
        if (r >= 0)
            m_rules->setCurrentIndex(r);
        if (const irisize::RuleSet* rs = m_catalog.rule_set(m_rules->currentData().toString().toStdString()))
            fillTypes(m_type, *rs, type);
        m_size->setValue(sizeGib);
        m_iops->setValue(iops);
        m_throughput->setValue(throughputMibps);
    }
    recompute();
}

QStringList RulesExplorer::violations() const {
    return m_violations;
}

QString RulesExplorer::cheapestAlternative() const {
    return m_cheapest;
}

void RulesExplorer::recompute() {
    m_violations.clear();
    m_cheapest.clear();
    m_violationList->clear();
    m_cheapestLine->clear();

    const irisize::RuleSet* rules = m_catalog.rule_set(m_rules->currentData().toString().toStdString());
    if (!rules) {
        m_verdict->setText(tr("No rule set"));
        m_verdict->setStyleSheet(QString());
        m_details->setHtml(tr("<p>The catalog has no EBS rule set.</p>"));
        m_cheapestLine->hide();
        return;
    }

    const bool nitro = m_nitro->isChecked();
    const irisize::AttachContext ctx{nitro};
    const irisize::VolumeSpec spec{m_type->currentData().toString().toStdString(), u::GiB(m_size->value()),
                                   u::iops(m_iops->value()), u::MiBps(m_throughput->value())};

    // Verdict and the broken rules.
    const auto broken = irisize::validate(*rules, spec, ctx);
    for (const auto& v : broken) {
        m_violations << qs(v.rule);
        auto* item = new QListWidgetItem(keepUnitsTogether(QStringLiteral("[%1] %2").arg(qs(v.rule), qs(v.message))));
        item->setToolTip(qs(v.message));
        m_violationList->addItem(item);
    }
    if (auto* label = findChild<QLabel*>(QStringLiteral("brokenRulesLabel")))
        label->setText(broken.empty() ? tr("Broken rules: none") : tr("Broken rules"));
    m_violationList->setVisible(!broken.empty());
    if (broken.empty()) {
        m_verdict->setText(tr("Valid"));
        m_verdict->setStyleSheet(QStringLiteral("color: #1b7f2a;"));
    } else {
        m_verdict->setText(broken.size() == 1 ? tr("Invalid: 1 rule broken")
                                              : tr("Invalid: %1 rules broken").arg(broken.size()));
        m_verdict->setStyleSheet(QStringLiteral("color: #c62828;"));
    }

    QString h;
    const irisize::VolumeTypeRules* t = rules->find(spec.type);
    if (!t) {
        h += QStringLiteral("<p>The rule set %1 does not know the volume type %2.</p>").arg(html(rules->id), html(spec.type));
    } else {
        h += QStringLiteral("<h3>%1 \u2014 %2</h3>").arg(html(t->type), html(t->name));
        if (!t->notes.empty())
            h += QStringLiteral("<p>%1</p>").arg(html(t->notes));

        h += QStringLiteral("<table cellspacing='2'>");
        h += row(tr("Size range"), QStringLiteral("%1 \u2013 %2 GiB").arg(numq(u::in_GiB(t->min_size)),
                                                                          numq(u::in_GiB(t->max_size))));
        h += row(tr("Baseline IOPS"), numq(u::in_iops(irisize::baseline_iops(*t, spec))));
        h += row(tr("Max (burst) IOPS"), numq(u::in_iops(irisize::max_iops(*t, spec))));
        h += row(tr("Sustained throughput"),
                 QStringLiteral("%1 MiB/s").arg(numq(u::in_MiBps(irisize::sustained_throughput(*t, spec)), 1)));
        h += row(tr("Max throughput"),
                 QStringLiteral("%1 MiB/s").arg(numq(u::in_MiBps(irisize::max_throughput(*t, spec)), 1)));

        const double askedIops = m_iops->value();
        if (askedIops > 0) {
            if (const auto minutes = irisize::burst_minutes(*t, spec.size, spec.iops))
                h += row(tr("Burst at %1 IOPS").arg(numq(askedIops)),
                         tr("a full credit bucket lasts %1 minutes").arg(numq(*minutes, 1)));
            else if (t->burst_bucket)
                h += row(tr("Burst at %1 IOPS").arg(numq(askedIops)), tr("no credit drain: at or under the baseline"));
            if (const auto smallest = irisize::min_size_for_iops(*t, spec.iops, ctx))
                h += row(tr("Smallest size for %1 IOPS").arg(numq(askedIops)),
                         QStringLiteral("%1 GiB").arg(numq(u::in_GiB(*smallest))));
            else
                h += row(tr("Smallest size for %1 IOPS").arg(numq(askedIops)),
                         tr("none: no %1 volume sustains it").arg(html(t->type)));
        }
        h += row(tr("Random I/O"), t->random_io ? tr("suits random I/O (database and journal volumes)")
                                                : QStringLiteral("<b style='color:#c62828'>%1</b>")
                                                      .arg(tr("HDD: never a database or journal volume")));
        h += QStringLiteral("</table>");
    }

    // Cheapest valid alternative among the types fit for random I/O.
    h += QStringLiteral("<h3>%1</h3>").arg(tr("Smallest valid volume of each type for %1 GiB, %2 IOPS, %3 MiB/s")
                                               .arg(numq(m_size->value()), numq(m_iops->value()),
                                                    numq(m_throughput->value(), 1)));
    const irisize::PriceList* prices = m_region.isEmpty() ? nullptr : m_catalog.price_list(m_region.toStdString());
    if (m_region.isEmpty())
        h += QStringLiteral("<p><i>%1</i></p>").arg(tr("No region selected: the alternatives are not priced."));
    else if (!prices)
        h += QStringLiteral("<p><i>%1</i></p>")
                 .arg(tr("No price list for region %1: the alternatives are not priced.").arg(m_region.toHtmlEscaped()));
    else
        h += QStringLiteral("<p>%1</p>")
                 .arg(tr("Prices: %1 (%2), as of %3.")
                          .arg(html(prices->region), html(prices->region_name), html(prices->as_of)));

    const irisize::VolumeDemand demand{spec.size, spec.iops, spec.throughput};
    std::optional<double> best;
    std::size_t bestRow = 0;
    std::vector<std::pair<QString, QString>> alternatives; // type, result (HTML)
    for (const auto& alt : rules->types) {
        if (!alt.random_io)
            continue;
        QString result;
        const auto v = irisize::smallest_volume(alt, demand, ctx);
        if (!v) {
            result = tr("cannot: %1").arg(whyNot(alt, demand, nitro).toHtmlEscaped());
        } else if (!prices) {
            result = describe(*v).toHtmlEscaped();
        } else if (const auto cost = irisize::volume_cost(alt, *prices, *v, 1)) {
            const double usd = u::usd_per_month(cost->total(), prices->month);
            const QString line = QStringLiteral("%1: %2/month").arg(describe(*v), qs(irisize::money_str(usd)));
            result = line.toHtmlEscaped();
            if (!best || usd < *best) {
                best = usd;
                bestRow = alternatives.size();
                m_cheapest = line;
            }
        } else {
            result = tr("%1 (no price for %2 in %3)").arg(describe(*v), qs(alt.type), m_region).toHtmlEscaped();
        }
        alternatives.emplace_back(qs(alt.type), result);
    }
    h += QStringLiteral("<p>%1</p>").arg(tr("Types fit for random I/O, each at the smallest valid size, IOPS and "
                                            "throughput that carry the demand without bursting:"));
    h += QStringLiteral("<table cellspacing='2'>");
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        const auto& [type, result] = alternatives[i];
        h += best && i == bestRow ? row(QStringLiteral("<b>%1</b>").arg(type), QStringLiteral("<b>%1</b>").arg(result))
                                  : row(type, result);
    }
    h += QStringLiteral("</table>");
    m_details->setHtml(keepUnitsTogether(h));

    // The answer, in sight: the cheapest valid alternative (the row in bold above).
    QString cheapest;
    if (!m_cheapest.isEmpty())
        cheapest = tr("<b>Cheapest valid volume</b> for this size, IOPS and throughput at %1 prices: <b>%2</b>")
                       .arg(prices ? html(prices->region) : QString(), m_cheapest.toHtmlEscaped());
    else if (prices)
        cheapest = tr("<b>No valid, priced volume of any type meets this demand.</b>");
    else
        cheapest = QStringLiteral("<i>%1</i>").arg(tr("No prices for the region: the alternatives are not priced."));
    m_cheapestLine->setText(keepUnitsTogether(cheapest));
    m_cheapestLine->show();
}
