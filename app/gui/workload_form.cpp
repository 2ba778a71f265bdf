// SPDX-License-Identifier: GPL-3.0-or-later
// The workload form: its fields built in groups, a document loaded into them and read back
// from them, and each edit committed (the messages are in workload_form_messages.cpp).
#include "workload_form.hpp"

#include "irisize/data/catalog.hpp"
#include "document_fields.hpp"
#include "project.hpp"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

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
    {"database.journal_mibps", "Journal (MiB/s)", "Journal write rate at peak, MiB/s (mgstat Jrnwrts x %1 KiB)."},
    {"database.peak_cores", "Peak busy cores", "Busy cores at peak on the database server (vmstat us+sy x CPUs)."},
    {"database.global_buffers_gib", "Global buffers (GiB)", "Database cache (globals). Empty: from the profile."},
    {"database.shared_memory_percent_of_ram", "Shared memory max (% RAM)",
     "IRIS shared memory (the InterSystems memory plan estimate) as a share of the database server's RAM. "
     "Empty: the policy's %2 %, after the huge-pages guidance. The plan shows whether the next smaller instance "
     "would fit at %3 %."},
    {"database.site_memory_gib", "Site server RAM (GiB)",
     "RAM of the running site's database server (import-metrics reads it). The plan says whether that server "
     "passes the memory rule. Empty: not compared."},
};

} // namespace

WorkloadForm::WorkloadForm(const irisize::Catalog& catalog, QWidget* parent)
    : QWidget(parent), m_catalog(catalog), m_message(new QLabel(this)), m_pause(new QTimer(this)) {
    auto* layout = new QVBoxLayout(this);
    // Problems that belong to no field, where the eye starts.
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("formMessage"));
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->hide();
    layout->addWidget(m_message);

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
    sf->addRow(tr("Product"), withLine("product"));
    auto* region = new QComboBox(system);
    for (const auto& [code, prices] : catalog.prices)
        region->addItem(QString::fromStdString(code));
    region->setToolTip(tr("AWS region of production; its prices and availability zones are used."));
    m_fields["region"] = region;
    sf->addRow(tr("Region"), withLine("region"));
    auto* rules = new QComboBox(system);
    for (const auto& r : catalog.rule_sets)
        rules->addItem(QString::fromStdString(r.id));
    rules->setCurrentText(QString::fromStdString(catalog.default_rule_set().id));
    rules->setToolTip(tr("EBS rule set: aws-2025 (today's limits) or aws-2016 (the 2016 reference architecture)."));
    m_fields["rules"] = rules;
    sf->addRow(tr("Rule set"), withLine("rules"));
    sf->addRow(tr("Instance families"),
               addLine("families", tr("Allowed instance families, separated by commas or spaces (e.g. r6i, m6i). "
                                      "Empty: general purpose and memory optimised."),
                       tr("all suitable")));
    layout->addWidget(system);

    // Demand.
    auto* demand = new QGroupBox(tr("Database demand"), this);
    auto* df = new QFormLayout(demand);
    // Figures in the tooltips come from the sizing policy (data/sizing.json), never from here.
    const auto& n = m_catalog.policy.n;
    for (const auto& f : kDatabase) {
        QString tip = tr(f.tooltip);
        if (tip.contains(QLatin1String("%1")))
            tip = tip.arg(irisize::units::in_KiB(n.journal_io));
        if (tip.contains(QLatin1String("%2")))
            tip = tip.arg(100.0 * n.memory_shared_fraction_of_ram).arg(100.0 * n.memory_shared_fraction_stretch);
        df->addRow(tr(f.label), addLine(QString::fromLatin1(f.path), tip));
    }
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
    hf->addRow(withLine("ha.mirror"));
    auto* arbiter = new QCheckBox(tr("Arbiter in a third zone"), ha);
    arbiter->setChecked(true);
    arbiter->setToolTip(tr("An arbiter in a third zone lets the mirror fail over on its own. Needs a mirror."));
    m_fields["ha.arbiter"] = arbiter;
    hf->addRow(withLine("ha.arbiter"));
    // The hybrid model: the failover mirror on premises, AWS hosting the DR members only.
    auto* site = new QComboBox(ha);
    site->addItems({QStringLiteral("aws"), QStringLiteral("on_premises")});
    site->setToolTip(tr("Where the failover members run. on_premises: a hybrid site; the primary, backup and arbiter "
                        "stay in the data centre (listed, never priced) and AWS hosts the DR members, in this "
                        "region, one per zone."));
    m_fields["ha.failover_site"] = site;
    hf->addRow(tr("Failover site"), withLine("ha.failover_site"));
    auto* link = new QComboBox(ha);
    link->addItems({QStringLiteral("vpn"), QStringLiteral("direct_connect")});
    link->setToolTip(tr("Hybrid sites: the link from the data centre, a Site-to-Site VPN connection or a dedicated "
                        "1 Gbps Direct Connect port."));
    m_fields["ha.link"] = link;
    hf->addRow(tr("Link to AWS"), withLine("ha.link"));
    auto* dr = new QComboBox(ha);
    dr->addItem(tr("(none)"));
    for (const auto& [code, prices] : catalog.prices)
        dr->addItem(QString::fromStdString(code));
    dr->setToolTip(tr("Region of the async DR members; must differ from production."));
    m_fields["dr.region"] = dr;
    hf->addRow(tr("DR region"), withLine("dr.region"));
    auto* members = new QSpinBox(ha);
    members->setRange(0, 16);
    members->setValue(1);
    members->setToolTip(tr("Number of async DR members. Needs a DR region."));
    m_fields["dr.members"] = members;
    hf->addRow(tr("DR members"), withLine("dr.members"));
    hf->addRow(tr("DR capacity (%)"),
               addLine("dr.capacity_percent",
                       tr("CPU and memory of a DR member as a percentage of production. Needs a DR region."),
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
        tf->addRow(tr(label), withLine(QString::fromLatin1(path)));
    }
    tf->addRow(tr("Target CPU (%)"),
               addLine("target_cpu_percent", tr("CPU busy at peak that the servers are sized for."), tr("policy")));
    tf->addRow(tr("Snapshot retention (days)"),
               addLine("backup.snapshot_retention_days", tr("Days of daily EBS snapshots kept."), tr("policy")));
    layout->addWidget(tiers);
    layout->addStretch(1);

    for (const auto& [path, line] : m_lines) {
        QWidget* editor = m_fields.at(path);
        auto* rows = editor->parentWidget() ? qobject_cast<QFormLayout*>(editor->parentWidget()->layout()) : nullptr;
        int row = -1;
        QFormLayout::ItemRole role{};
        if (rows)
            rows->getWidgetPosition(editor, &row, &role);
        if (row < 0)
            continue;
        rows->insertRow(row + 1, line);
        rows->setRowVisible(line, false);
    }

    // Typing is validated after a pause, and committed on Enter or leaving the field.
    m_pause->setSingleShot(true);
    m_pause->setInterval(400);
    connect(m_pause, &QTimer::timeout, this, [this] { validate(false); });

    for (const auto& [path, w] : m_fields) {
        w->setProperty("baseTooltip", w->toolTip());
        w->setObjectName(path);
        const QString p = path;
        if (auto* le = qobject_cast<QLineEdit*>(w)) {
            // textChanged, not textEdited: the line edit's own undo (context menu) is an edit too.
            connect(le, &QLineEdit::textChanged, this, [this, p] { onTyped(p); });
            le->installEventFilter(this); // Ctrl+Z and Ctrl+Shift+Z go to the window's Edit menu
            connect(le, &QLineEdit::editingFinished, this, [this] {
                if (m_uncommitted)
                    commit();
            });
        } else if (auto* cb = qobject_cast<QComboBox*>(w)) {
            connect(cb, &QComboBox::currentIndexChanged, this, [this, p] { onEdited(p); });
        } else if (auto* sp = qobject_cast<QSpinBox*>(w)) {
            sp->setKeyboardTracking(false); // a typed count counts on Enter or leaving the box
            connect(sp, &QSpinBox::valueChanged, this, [this, p] { onEdited(p); });
        } else if (auto* ch = qobject_cast<QCheckBox*>(w)) {
            connect(ch, &QCheckBox::toggled, this, [this, p] { onEdited(p); });
        }
        // The wheel scrolls the form; it changes a choice or a count only when the box has focus.
        if (qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w)) {
            w->setFocusPolicy(Qt::StrongFocus);
            w->installEventFilter(this);
        }
    }
    updateDependents();
}

bool WorkloadForm::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride) {
        // A line edit would take Undo and Redo for its own text, changing a figure without the
        // form knowing of it; left unaccepted they reach the Edit menu, which undoes whole edits.
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo))
            return true;
    }
    if (event->type() == QEvent::Wheel) {
        auto* w = qobject_cast<QWidget*>(watched);
        if (w && !w->hasFocus()) {
            event->ignore(); // on to the scroll area
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QWidget* WorkloadForm::withLine(const QString& path) {
    // The message line becomes a row of its own under the field's row (placed once every
    // row is in), the width of the group, so that a long reason wraps without being cut.
    auto* line = new QLabel(this);
    line->setObjectName(path + QStringLiteral("/message"));
    line->setWordWrap(true);
    line->setTextFormat(Qt::PlainText);
    line->hide();
    m_lines[path] = line;
    return m_fields.at(path);
}

QWidget* WorkloadForm::addLine(const QString& path, const QString& tooltip, const QString& placeholder) {
    auto* le = new QLineEdit(this);
    le->setToolTip(tooltip);
    le->setProperty("baseTooltip", tooltip);
    le->setPlaceholderText(placeholder);
    le->setClearButtonEnabled(true);
    m_fields[path] = le;
    return withLine(path);
}

QWidget* WorkloadForm::field(const QString& path) const {
    auto it = m_fields.find(path);
    return it == m_fields.end() ? nullptr : it->second;
}

QLabel* WorkloadForm::messageLine(const QString& path) const {
    auto it = m_lines.find(path);
    return it == m_lines.end() ? nullptr : it->second;
}

void WorkloadForm::setFieldText(const QString& path, const QString& text) {
    QWidget* w = field(path);
    if (auto* le = qobject_cast<QLineEdit*>(w)) {
        le->setText(text);
        onTyped(path);
        commit();
    } else if (auto* cb = qobject_cast<QComboBox*>(w)) {
        cb->setCurrentText(text); // emits currentIndexChanged when it changes
    } else if (auto* sp = qobject_cast<QSpinBox*>(w)) {
        const bool special = !sp->specialValueText().isEmpty() && text == sp->specialValueText();
        sp->setValue(special ? sp->minimum() : text.toInt());
    } else if (auto* ch = qobject_cast<QCheckBox*>(w)) {
        ch->setChecked(text == QLatin1String("true"));
    }
}

nlohmann::json WorkloadForm::fieldsDocument() const {
    nlohmann::json doc;
    doc["schema"] = 1;
    for (const auto& [path, w] : m_fields) {
        const std::string p = path.toStdString();
        if (auto* le = qobject_cast<QLineEdit*>(w)) {
            const QString text = le->text().trimmed();
            if (text.isEmpty())
                continue;
            if (path == QLatin1String("name") || path == QLatin1String("description")) {
                putDocumentValue(doc, p, text.toStdString());
            } else if (path == QLatin1String("families")) {
                nlohmann::json list = nlohmann::json::array();
                for (const auto& f : text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
                    list.push_back(f.toLower().toStdString());
                doc["families"] = list;
            } else {
                putDocumentValue(doc, p, fieldJson(text));
            }
        } else if (auto* cb = qobject_cast<QComboBox*>(w)) {
            if (path == QLatin1String("dr.region") && cb->currentIndex() == 0)
                continue;
            // The failover site only when it is not the default; the link only for a hybrid site.
            if (path == QLatin1String("ha.failover_site") && cb->currentIndex() <= 0)
                continue;
            if (path == QLatin1String("ha.link") && !hybrid())
                continue;
            putDocumentValue(doc, p, cb->currentText().toStdString());
        } else if (auto* sp = qobject_cast<QSpinBox*>(w)) {
            // A tier count at its special value: "auto", or left out for the profile's default.
            if (sp->value() < 0) {
                if (sp->property("autoCount").toBool())
                    putDocumentValue(doc, p, "auto");
                continue;
            }
            putDocumentValue(doc, p, sp->value());
        } else if (auto* ch = qobject_cast<QCheckBox*>(w)) {
            putDocumentValue(doc, p, ch->isChecked());
        }
    }
    // No DR region: no DR members either (but a hybrid site's DR members are in its own region).
    if (!hybrid() && (!doc.contains("dr") || !doc["dr"].contains("region")))
        doc.erase("dr");
    return doc;
}

nlohmann::json WorkloadForm::document() const {
    nlohmann::json doc = fieldsDocument();
    // Keys the form has no field for stay as loaded (comments, size_history, a misspelt key
    // until its field is edited).
    if (m_extra.is_object())
        for (const auto& [key, value] : m_extra.items()) {
            auto it = doc.find(key);
            if (it == doc.end())
                doc[key] = value;
            else if (it->is_object() && value.is_object())
                for (const auto& [k, v] : value.items())
                    if (!it->contains(k))
                        (*it)[k] = v;
        }
    // A value the fields cannot show stays as loaded until its field is edited.
    for (const auto& [path, value] : m_raw)
        putDocumentValue(doc, path.toStdString(), value);
    if (!m_placeholders.empty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : m_placeholders)
            list.push_back(p.toStdString());
        doc["_placeholders"] = list;
    }
    return doc;
}

QStringList WorkloadForm::placeholderFields() const {
    QStringList out;
    for (const auto& p : m_placeholders)
        out << p;
    return out;
}

void WorkloadForm::markImported(const QString& path, const QString& note) {
    QWidget* w = field(path);
    if (!w)
        return;
    m_imported[path] = note;
    restyle(path);
}

QStringList WorkloadForm::importedFields() const {
    QStringList out;
    for (const auto& [path, note] : m_imported)
        out << path;
    return out;
}

void WorkloadForm::setDocument(const nlohmann::json& doc) {
    m_pause->stop();
    m_uncommitted = false;
    m_imported.clear();
    m_problems.clear();
    m_raw.clear();
    m_placeholders.clear();
    m_errors.clear();
    for (const auto& [path, w] : m_fields)
        restyle(path);
    m_filling = true;
    for (const auto& [path, w] : m_fields) {
        const nlohmann::json* v = documentValue(doc, path.toStdString());
        if (auto* le = qobject_cast<QLineEdit*>(w)) {
            if (path == QLatin1String("families") && v && v->is_array()) {
                QStringList parts;
                for (const auto& f : *v)
                    parts << fieldText(f);
                le->setText(parts.join(QStringLiteral(", ")));
            } else {
                le->setText(v ? fieldText(*v) : QString());
            }
        } else if (auto* cb = qobject_cast<QComboBox*>(w)) {
            // A value that is not one of the choices leaves the box blank (and is a problem below).
            if (v && cb->findText(fieldText(*v)) < 0)
                cb->setCurrentIndex(-1);
            else if (path == QLatin1String("dr.region"))
                cb->setCurrentIndex(v ? cb->findText(fieldText(*v)) : 0);
            else if (v)
                cb->setCurrentText(fieldText(*v));
            else if (path == QLatin1String("rules"))
                cb->setCurrentText(QString::fromStdString(m_catalog.default_rule_set().id));
            else if (path == QLatin1String("ha.failover_site") || path == QLatin1String("ha.link"))
                cb->setCurrentIndex(0); // left out: in AWS; a VPN
            else if (path == QLatin1String("region") && !v)
                cb->setCurrentIndex(0);
        } else if (auto* sp = qobject_cast<QSpinBox*>(w)) {
            // Tier counts left out: "auto" for web and app servers when users are given, the
            // profile's default for print servers (as the sizing reads them).
            int fallback = 0;
            if (path == QLatin1String("dr.members")) {
                const nlohmann::json* site = documentValue(doc, "ha.failover_site");
                fallback = site && *site == "on_premises"
                               ? static_cast<int>(m_catalog.policy.n.hybrid_dr_members_default)
                               : (documentValue(doc, "dr.region") ? 1 : 0);
            }
            else if (path == QLatin1String("tiers.print_servers"))
                fallback = -1;
            else if (path.startsWith(QLatin1String("tiers.")))
                fallback = documentValue(doc, "users.concurrent") ? -1 : 0;
            const bool is_auto = v && v->is_string() && v->get<std::string>() == "auto" &&
                                 sp->property("autoCount").toBool();
            sp->setValue(v && v->is_number() ? static_cast<int>(std::clamp(v->get<double>(), -1e6, 1e6))
                         : is_auto           ? -1
                                             : fallback);
        } else if (auto* ch = qobject_cast<QCheckBox*>(w)) {
            ch->setChecked(v && v->is_boolean() ? v->get<bool>() : true);
        }
    }
    m_filling = false;

    // What the form has no field for is carried along as it is.
    m_extra = doc.is_object() ? doc : nlohmann::json::object();
    m_extra.erase("schema");
    m_extra.erase("_placeholders");
    for (const auto& [path, w] : m_fields)
        eraseDocumentPath(m_extra, path.toStdString());
    for (auto it = m_extra.begin(); it != m_extra.end();)
        it = it->is_object() && it->empty() ? m_extra.erase(it) : std::next(it);

    // Template figures are placeholders until changed.
    if (auto it = doc.find("_placeholders"); doc.is_object() && it != doc.end() && it->is_array())
        for (const auto& p : *it)
            if (p.is_string() && field(QString::fromStdString(p.get<std::string>())))
                m_placeholders.push_back(QString::fromStdString(p.get<std::string>()));

    // Every problem the workload reader finds (the CLI's), then values the fields cannot show.
    for (const auto& e : workloadProblems(doc)) {
        Problem p{QString::fromStdString(e.field), problemField(e), QString::fromStdString(e.message)};
        if (!p.field.isEmpty() && p.field != p.path)
            if (const nlohmann::json* v = documentValue(doc, e.field))
                p.message = tr("the file has %1 = %2, which %3").arg(p.path, QString::fromStdString(v->dump()), p.message);
        m_problems.push_back(std::move(p));
    }
    const nlohmann::json shown = fieldsDocument();
    for (const auto& [path, w] : m_fields) {
        const nlohmann::json* v = documentValue(doc, path.toStdString());
        if (!v)
            continue;
        const nlohmann::json* s = documentValue(shown, path.toStdString());
        if (s && *s == *v)
            continue;
        m_raw[path] = *v; // kept as loaded until the field is edited
        const bool known = std::any_of(m_problems.begin(), m_problems.end(),
                                       [&](const Problem& p) { return p.path == path; });
        const bool choice = qobject_cast<QComboBox*>(w) != nullptr;
        if (!known)
            m_problems.push_back({path, path,
                                  choice ? tr("is %1 in the file, which is not one of the choices")
                                               .arg(QString::fromStdString(v->dump()))
                                  : s ? tr("is %1 in the file, which this field cannot show (it would become %2)")
                                          .arg(QString::fromStdString(v->dump()), QString::fromStdString(s->dump()))
                                    : tr("is %1 in the file, which this field cannot show")
                                          .arg(QString::fromStdString(v->dump()))});
    }
    updateDependents();
    validate(true);
}

void WorkloadForm::resolve(const QString& path) {
    // Editing a field deals with its problems; a problem no field shows goes at the first edit.
    for (auto it = m_problems.begin(); it != m_problems.end();) {
        if (it->field == path || it->field.isEmpty()) {
            if (it->path != path)
                eraseDocumentPath(m_extra, it->path.toStdString());
            it = m_problems.erase(it);
        } else {
            ++it;
        }
    }
    m_raw.erase(path);
    std::erase(m_placeholders, path);
    restyle(path);
}

void WorkloadForm::onTyped(const QString& path) {
    if (m_filling)
        return;
    m_lastEdited = path;
    resolve(path);
    m_uncommitted = true;
    Q_EMIT edited();
    m_pause->start();
}

void WorkloadForm::onEdited(const QString& path) {
    if (m_filling)
        return;
    m_lastEdited = path;
    resolve(path);
    Q_EMIT edited();
    updateDependents();
    commit();
}

void WorkloadForm::commit() {
    m_pause->stop();
    m_uncommitted = false;
    validate(true);
    Q_EMIT committed(m_lastEdited);
}

bool WorkloadForm::commitPending() {
    if (!m_uncommitted)
        return false;
    commit();
    return true;
}

QString WorkloadForm::fieldLabel(const QString& path) const {
    QWidget* w = field(path);
    if (!w)
        return path;
    // Every field sits in a QFormLayout row whose label names it.
    for (QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (auto* form = qobject_cast<QFormLayout*>(p->layout()))
            if (auto* label = qobject_cast<QLabel*>(form->labelForField(w)))
                return label->text().remove(QLatin1Char('&'));
    return path;
}

void WorkloadForm::updateDependents() {
    auto* mirror = qobject_cast<QCheckBox*>(field(QStringLiteral("ha.mirror")));
    if (QWidget* arbiter = field(QStringLiteral("ha.arbiter")))
        arbiter->setEnabled(mirror && mirror->isChecked());
    auto* dr = qobject_cast<QComboBox*>(field(QStringLiteral("dr.region")));
    const bool onPremises = hybrid();
    const bool hasDr = onPremises || (dr && dr->currentIndex() > 0);
    for (const char* p : {"dr.members", "dr.capacity_percent"})
        if (QWidget* w = field(QString::fromLatin1(p)))
            w->setEnabled(hasDr);
    if (QWidget* link = field(QStringLiteral("ha.link")))
        link->setEnabled(onPremises);
    // A hybrid site's DR members are in the workload's own region.
    if (dr)
        dr->setEnabled(!onPremises);
}

bool WorkloadForm::hybrid() const {
    auto* site = qobject_cast<QComboBox*>(field(QStringLiteral("ha.failover_site")));
    return site && site->currentText() == QLatin1String("on_premises");
}
