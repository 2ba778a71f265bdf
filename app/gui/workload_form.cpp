// SPDX-License-Identifier: GPL-3.0-or-later
#include "workload_form.hpp"

#include "irisize/catalog.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <charconv>
#include <cmath>
#include <string_view>

namespace {

// Numeric fields: workload path and what to tell the user.
struct NumberField {
    const char* path;
    const char* label;
    const char* tooltip;
};

const NumberField kDatabase[] = {
    {"database.size_gib", "Database size (GiB)", "Size of the databases today, GiB. Required."},
    {"database.growth_percent_per_year", "Growth (% per year)", "Compound growth of the databases, percent per year."},
    {"database.horizon_years", "Horizon (years)", "Years to plan for; volumes are sized for the horizon."},
    {"database.read_iops", "Read IOPS", "Database reads per second at peak (mgstat PhyRds). Empty: from the profile."},
    {"database.write_iops", "Write IOPS", "Database writes per second at peak (mgstat PhyWrs). Empty: from the profile."},
    {"database.journal_mibps", "Journal (MiB/s)", "Journal write rate at peak, MiB/s (mgstat Jrnwrts / 16)."},
    {"database.peak_cores", "Peak busy cores", "Busy cores at peak on the database server (vmstat us+sy x CPUs)."},
    {"database.global_buffers_gib", "Global buffers (GiB)", "Database cache (globals). Empty: from the profile."},
    {"database.shared_memory_percent_of_ram", "Shared memory max (% RAM)",
     "IRIS shared memory (the InterSystems memory plan estimate) as a share of the database server's RAM. "
     "Empty: the policy's 75 %, after the huge-pages guidance. The plan shows whether the next smaller instance "
     "would fit at 80 %."},
    {"database.site_memory_gib", "Site server RAM (GiB)",
     "RAM of the running site's database server (import-metrics reads it). The plan says whether that server "
     "passes the memory rule. Empty: not compared."},
};

// Puts `value` into the document at a dotted path.
void put(nlohmann::json& doc, const std::string& path, nlohmann::json value) {
    nlohmann::json* at = &doc;
    std::size_t start = 0;
    for (;;) {
        const auto dot = path.find('.', start);
        const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (dot == std::string::npos) {
            (*at)[key] = std::move(value);
            return;
        }
        at = &(*at)[key];
        start = dot + 1;
    }
}

const nlohmann::json* get(const nlohmann::json& doc, const std::string& path) {
    const nlohmann::json* at = &doc;
    std::size_t start = 0;
    for (;;) {
        const auto dot = path.find('.', start);
        const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!at->is_object())
            return nullptr;
        auto it = at->find(key);
        if (it == at->end())
            return nullptr;
        if (dot == std::string::npos)
            return &*it;
        at = &*it;
        start = dot + 1;
    }
}

// The text of a field as JSON: a number when it reads as one (locale-independent, '.' as the
// decimal point), else the text itself so that the parser names the field.
nlohmann::json numberOrText(const QString& text) {
    const std::string s = text.trimmed().toStdString();
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && end == s.data() + s.size() && std::isfinite(v)) {
        if (v == std::floor(v) && std::abs(v) < 9e15)
            return static_cast<long long>(v);
        return v;
    }
    return s;
}

QString jsonText(const nlohmann::json& v) {
    if (v.is_number_integer())
        return QString::number(v.get<long long>());
    if (v.is_number())
        return QString::number(v.get<double>(), 'g', 12);
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_boolean())
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

} // namespace

WorkloadForm::WorkloadForm(const irisize::Catalog& catalog, QWidget* parent)
    : QWidget(parent), m_catalog(catalog), m_message(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);

    // System.
    auto* system = new QGroupBox(tr("System"), this);
    auto* sf = new QFormLayout(system);
    sf->addRow(tr("Name"), addLine("name", tr("A name for this system, e.g. the hospital and product. Required.")));
    sf->addRow(tr("Description"), addLine("description", tr("Free text carried into the plan.")));
    auto* product = new QComboBox(system);
    for (auto p : irisize::known_products())
        product->addItem(QString::fromUtf8(p.data(), static_cast<int>(p.size())));
    product->setToolTip(tr("The InterSystems product: selects the profile that fills demand from concurrent users."));
    m_fields["product"] = product;
    sf->addRow(tr("Product"), product);
    auto* region = new QComboBox(system);
    for (const auto& [code, prices] : catalog.prices)
        region->addItem(QString::fromStdString(code));
    region->setToolTip(tr("AWS region of production; its prices and availability zones are used."));
    m_fields["region"] = region;
    sf->addRow(tr("Region"), region);
    auto* rules = new QComboBox(system);
    for (const auto& r : catalog.rule_sets)
        rules->addItem(QString::fromStdString(r.id));
    rules->setCurrentText(QString::fromStdString(catalog.default_rule_set().id));
    rules->setToolTip(tr("EBS rule set: aws-2025 (today's limits) or aws-2016 (the 2016 reference architecture)."));
    m_fields["rules"] = rules;
    sf->addRow(tr("Rule set"), rules);
    sf->addRow(tr("Instance families"),
               addLine("families", tr("Allowed instance families, separated by commas or spaces (e.g. r6i, m6i). "
                                      "Empty: general purpose and memory optimised."),
                       tr("all suitable")));
    layout->addWidget(system);

    // Demand.
    auto* demand = new QGroupBox(tr("Database demand"), this);
    auto* df = new QFormLayout(demand);
    for (const auto& f : kDatabase)
        df->addRow(tr(f.label), addLine(QString::fromLatin1(f.path), tr(f.tooltip)));
    df->addRow(tr("Concurrent users"),
               addLine("users.concurrent", tr("Peak concurrent users. With users given, empty demand fields are "
                                              "estimated from the product profile (an illustrative estimate).")));
    layout->addWidget(demand);

    // HA and DR.
    auto* ha = new QGroupBox(tr("High availability and DR"), this);
    auto* hf = new QFormLayout(ha);
    auto* mirror = new QCheckBox(tr("Mirror (primary and backup in two zones)"), ha);
    mirror->setChecked(true);
    m_fields["ha.mirror"] = mirror;
    hf->addRow(mirror);
    auto* arbiter = new QCheckBox(tr("Arbiter in a third zone"), ha);
    arbiter->setChecked(true);
    m_fields["ha.arbiter"] = arbiter;
    hf->addRow(arbiter);
    auto* dr = new QComboBox(ha);
    dr->addItem(tr("(none)"));
    for (const auto& [code, prices] : catalog.prices)
        dr->addItem(QString::fromStdString(code));
    dr->setToolTip(tr("Region of the async DR member(s); must differ from production."));
    m_fields["dr.region"] = dr;
    hf->addRow(tr("DR region"), dr);
    auto* members = new QSpinBox(ha);
    members->setRange(0, 16);
    members->setValue(1);
    members->setToolTip(tr("Number of async DR members."));
    m_fields["dr.members"] = members;
    hf->addRow(tr("DR members"), members);
    hf->addRow(tr("DR capacity (%)"),
               addLine("dr.capacity_percent", tr("CPU and memory of a DR member as a percentage of production."),
                       tr("100")));
    layout->addWidget(ha);

    // Tiers and policy.
    auto* tiers = new QGroupBox(tr("Tiers and policy"), this);
    auto* tf = new QFormLayout(tiers);
    // Below 0 each spin box shows its special value: "auto" (irisize picks the count and the type)
    // or, for print servers, the profile's default; type the word or step below 0 to get it.
    for (const auto& [path, label, tip, special] :
         {std::tuple{"tiers.web_servers", "Web servers",
                     "Web gateway servers behind the load balancer, round robin over the region's zones. "
                     "auto: irisize picks the count (at least two) and the type with the lowest total cost.",
                     "auto"},
          std::tuple{"tiers.app_servers", "App (ECP) servers",
                     "ECP application servers, over the database members' zones. auto: irisize picks the count "
                     "(at least two) and the type with the lowest total cost for the users.",
                     "auto"},
          std::tuple{"tiers.print_servers", "Print servers",
                     "Print servers, over the database members' zones. profile default: the product profile's "
                     "count (TrakCare: two EPS print servers).",
                     "profile default"}}) {
        auto* spin = new QSpinBox(tiers);
        spin->setRange(-1, 1000);
        spin->setSpecialValueText(tr(special));
        spin->setProperty("autoCount", std::string_view(special) == "auto");
        spin->setToolTip(tr(tip));
        m_fields[QString::fromLatin1(path)] = spin;
        tf->addRow(tr(label), spin);
    }
    tf->addRow(tr("Target CPU (%)"),
               addLine("target_cpu_percent", tr("CPU busy at peak that the servers are sized for."), tr("policy")));
    tf->addRow(tr("Snapshot retention (days)"),
               addLine("backup.snapshot_retention_days", tr("Days of daily EBS snapshots kept."), tr("policy")));
    layout->addWidget(tiers);

    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    layout->addWidget(m_message);
    layout->addStretch(1);

    for (const auto& [path, w] : m_fields) {
        w->setProperty("baseTooltip", w->toolTip());
        w->setObjectName(path);
        if (auto* le = qobject_cast<QLineEdit*>(w))
            connect(le, &QLineEdit::textEdited, this, &WorkloadForm::onEdited);
        else if (auto* cb = qobject_cast<QComboBox*>(w))
            connect(cb, &QComboBox::currentIndexChanged, this, &WorkloadForm::onEdited);
        else if (auto* sp = qobject_cast<QSpinBox*>(w))
            connect(sp, &QSpinBox::valueChanged, this, &WorkloadForm::onEdited);
        else if (auto* ch = qobject_cast<QCheckBox*>(w))
            connect(ch, &QCheckBox::toggled, this, &WorkloadForm::onEdited);
    }
}

QLineEdit* WorkloadForm::addLine(const QString& path, const QString& tooltip, const QString& placeholder) {
    auto* le = new QLineEdit(this);
    le->setToolTip(tooltip);
    le->setProperty("baseTooltip", tooltip);
    le->setPlaceholderText(placeholder);
    le->setClearButtonEnabled(true);
    m_fields[path] = le;
    return le;
}

QWidget* WorkloadForm::field(const QString& path) const {
    auto it = m_fields.find(path);
    return it == m_fields.end() ? nullptr : it->second;
}

void WorkloadForm::setFieldText(const QString& path, const QString& text) {
    QWidget* w = field(path);
    if (auto* le = qobject_cast<QLineEdit*>(w)) {
        le->setText(text);
        onEdited();
    } else if (auto* cb = qobject_cast<QComboBox*>(w)) {
        cb->setCurrentText(text); // emits currentIndexChanged when it changes
    } else if (auto* sp = qobject_cast<QSpinBox*>(w)) {
        const bool special = !sp->specialValueText().isEmpty() && text == sp->specialValueText();
        sp->setValue(special ? sp->minimum() : text.toInt());
    } else if (auto* ch = qobject_cast<QCheckBox*>(w)) {
        ch->setChecked(text == QLatin1String("true"));
    }
}

nlohmann::json WorkloadForm::document() const {
    nlohmann::json doc;
    doc["schema"] = 1;
    for (const auto& [path, w] : m_fields) {
        const std::string p = path.toStdString();
        if (auto* le = qobject_cast<QLineEdit*>(w)) {
            const QString text = le->text().trimmed();
            if (text.isEmpty())
                continue;
            if (path == QLatin1String("name") || path == QLatin1String("description")) {
                put(doc, p, text.toStdString());
            } else if (path == QLatin1String("families")) {
                nlohmann::json list = nlohmann::json::array();
                for (const auto& f : text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
                    list.push_back(f.toLower().toStdString());
                doc["families"] = list;
            } else {
                put(doc, p, numberOrText(text));
            }
        } else if (auto* cb = qobject_cast<QComboBox*>(w)) {
            if (path == QLatin1String("dr.region") && cb->currentIndex() == 0)
                continue;
            put(doc, p, cb->currentText().toStdString());
        } else if (auto* sp = qobject_cast<QSpinBox*>(w)) {
            // A tier count at its special value: "auto", or left out for the profile's default.
            if (sp->value() < 0) {
                if (sp->property("autoCount").toBool())
                    put(doc, p, "auto");
                continue;
            }
            put(doc, p, sp->value());
        } else if (auto* ch = qobject_cast<QCheckBox*>(w)) {
            put(doc, p, ch->isChecked());
        }
    }
    // No DR region: no DR members either.
    if (!doc.contains("dr") || !doc["dr"].contains("region"))
        doc.erase("dr");
    return doc;
}

void WorkloadForm::markImported(const QString& path, const QString& note) {
    QWidget* w = field(path);
    if (!w)
        return;
    m_imported[path] = note;
    w->setStyleSheet(QStringLiteral("border: 2px solid #1565c0;"));
    w->setToolTip(note);
}

QStringList WorkloadForm::importedFields() const {
    QStringList out;
    for (const auto& [path, note] : m_imported)
        out << path;
    return out;
}

void WorkloadForm::setDocument(const nlohmann::json& doc) {
    for (const auto& [path, note] : m_imported)
        if (QWidget* w = field(path)) {
            w->setStyleSheet(QString());
            w->setToolTip(w->property("baseTooltip").toString());
        }
    m_imported.clear();
    m_filling = true;
    for (const auto& [path, w] : m_fields) {
        const nlohmann::json* v = get(doc, path.toStdString());
        if (auto* le = qobject_cast<QLineEdit*>(w)) {
            if (path == QLatin1String("families") && v && v->is_array()) {
                QStringList parts;
                for (const auto& f : *v)
                    parts << jsonText(f);
                le->setText(parts.join(QStringLiteral(", ")));
            } else {
                le->setText(v ? jsonText(*v) : QString());
            }
        } else if (auto* cb = qobject_cast<QComboBox*>(w)) {
            if (path == QLatin1String("dr.region"))
                cb->setCurrentIndex(v ? std::max(0, cb->findText(jsonText(*v))) : 0);
            else if (v)
                cb->setCurrentText(jsonText(*v));
            else if (path == QLatin1String("rules"))
                cb->setCurrentText(QString::fromStdString(m_catalog.default_rule_set().id));
        } else if (auto* sp = qobject_cast<QSpinBox*>(w)) {
            // Tier counts left out: "auto" for web and app servers when users are given, the
            // profile's default for print servers (as the sizing reads them).
            int fallback = 0;
            if (path == QLatin1String("dr.members"))
                fallback = get(doc, "dr.region") ? 1 : 0;
            else if (path == QLatin1String("tiers.print_servers"))
                fallback = -1;
            else if (path.startsWith(QLatin1String("tiers.")))
                fallback = get(doc, "users.concurrent") ? -1 : 0;
            const bool is_auto = v && v->is_string() && v->get<std::string>() == "auto" &&
                                 sp->property("autoCount").toBool();
            sp->setValue(v && v->is_number() ? v->get<int>() : is_auto ? -1 : fallback);
        } else if (auto* ch = qobject_cast<QCheckBox*>(w)) {
            ch->setChecked(v && v->is_boolean() ? v->get<bool>() : true);
        }
    }
    m_filling = false;
    onEdited();
}

void WorkloadForm::onEdited() {
    if (m_filling)
        return;
    clearErrors();
    Q_EMIT edited();
    auto w = irisize::parse_workload(document());
    if (!w) {
        m_workload.reset();
        markError(w.error());
        Q_EMIT workloadInvalid(w.error());
        return;
    }
    m_workload = std::move(w).value();
    Q_EMIT workloadChanged(*m_workload);
}

void WorkloadForm::markField(const QString& path, const QString& message) {
    m_errors[path] = message;
    if (QWidget* w = field(path)) {
        w->setStyleSheet(QStringLiteral("border: 2px solid #b00020;"));
        w->setToolTip(message);
    }
}

void WorkloadForm::markError(const irisize::Error& error) {
    QString path = QString::fromStdString(error.field);
    // "families[1]" marks the families field; an unknown field marks the form only.
    if (path.startsWith(QLatin1String("families")))
        path = QStringLiteral("families");
    const QString message = QString::fromStdString(error.message);
    if (field(path))
        markField(path, message);
    m_message->setText(path.isEmpty() ? message : path + QStringLiteral(": ") + message);
}

void WorkloadForm::clearErrors() {
    for (const auto& [path, message] : m_errors)
        if (QWidget* w = field(path)) {
            w->setStyleSheet(QString());
            w->setToolTip(w->property("baseTooltip").toString());
        }
    m_errors.clear();
    m_message->clear();
}

QString WorkloadForm::fieldError(const QString& path) const {
    auto it = m_errors.find(path);
    return it == m_errors.end() ? QString() : it->second;
}
