// SPDX-License-Identifier: GPL-3.0-or-later
// The project summary: each system sized (and kept until its document changes),
// its cost and servers, and the totals as HTML.
#include "project_summary.hpp"

#include "checked_sizing.hpp"
#include "gui_text.hpp"

#include "irisize/format.hpp"
#include "irisize/workload/workload.hpp"

#include <QObject>

namespace {

QString nameOf(const nlohmann::json& doc) {
    return doc.is_object() && doc.contains("name") && doc["name"].is_string() ? q(doc["name"].get<std::string>())
                                                                               : QObject::tr("(unnamed)");
}

bool hasPlaceholders(const nlohmann::json& doc) {
    const auto it = doc.is_object() ? doc.find("_placeholders") : doc.end();
    return doc.is_object() && it != doc.end() && it->is_array() && !it->empty();
}

} // namespace

int instanceCount(const irisize::Plan& plan) {
    int n = 0;
    for (const auto& m : plan.members)
        n += m.count;
    return n;
}

void ProjectSummary::update(const std::vector<nlohmann::json>& documents, int current,
                            const irisize::Plan* currentPlan, const irisize::Catalog& catalog) {
    m_current = current;
    m_systems.resize(documents.size());
    m_sized.resize(documents.size());
    for (std::size_t i = 0; i < documents.size(); ++i) {
        const auto& doc = documents[i];
        auto& s = m_systems[i];
        if (static_cast<int>(i) == current) {
            s = {nameOf(doc), currentPlan ? std::optional<irisize::Plan>(*currentPlan) : std::nullopt,
                 currentPlan ? QString() : QObject::tr("its input is not valid (see the form)"), hasPlaceholders(doc)};
            m_sized[i] = nullptr; // sized by the window, not here
            continue;
        }
        if (!m_sized[i].is_null() && m_sized[i] == doc)
            continue; // unchanged since it was sized
        m_sized[i] = doc;
        s = {nameOf(doc), std::nullopt, QString(), hasPlaceholders(doc)};
        auto w = irisize::parse_workload(doc);
        if (!w) {
            s.problem = q(w.error().what());
            continue;
        }
        auto plan = irisize::app::size_checked(*w, catalog);
        if (!plan)
            s.problem = q(plan.error().what());
        else
            s.plan = std::move(plan).value();
    }
}

double ProjectSummary::monthlyUsd() const {
    double total = 0.0;
    for (const auto& s : m_systems)
        if (s.plan)
            total += s.plan->monthly_usd();
    return total;
}

int ProjectSummary::instances() const {
    int n = 0;
    for (const auto& s : m_systems)
        if (s.plan)
            n += instanceCount(*s.plan);
    return n;
}

int ProjectSummary::unsized() const {
    int n = 0;
    for (const auto& s : m_systems)
        n += s.plan ? 0 : 1;
    return n;
}

QString ProjectSummary::html() const {
    const int count = static_cast<int>(m_systems.size());
    QString h = QObject::tr("<h3>Project: %1 systems</h3>").arg(count);
    h += QStringLiteral("<table cellspacing=0 cellpadding=3 border=1 style='border-collapse:collapse'>"
                        "<tr><th align=left>System</th><th align=left>Region</th><th align=right>EC2 instances</th>"
                        "<th align=right>USD / month</th><th align=left>Note</th></tr>");
    for (std::size_t i = 0; i < m_systems.size(); ++i) {
        const auto& s = m_systems[i];
        const bool selected = static_cast<int>(i) == m_current;
        QString note = s.plan ? (s.placeholders ? QObject::tr("placeholder figures") : QString())
                              : QObject::tr("not sized: %1").arg(s.problem);
        if (s.plan && s.plan->price_estimates)
            note += (note.isEmpty() ? QString() : QStringLiteral("; ")) + QObject::tr("some prices are estimates");
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td align=right>%3</td><td align=right>%4</td><td>%5</td></tr>")
                 .arg(selected ? QStringLiteral("<b>%1</b> (shown below)").arg(s.name.toHtmlEscaped()) : s.name.toHtmlEscaped(),
                      s.plan ? q(s.plan->region).toHtmlEscaped() : QString(),
                      s.plan ? QString::number(instanceCount(*s.plan)) : QStringLiteral("–"),
                      s.plan ? q(irisize::money_str(s.plan->monthly_usd())) : QStringLiteral("–"), note.toHtmlEscaped());
    }
    const int missing = unsized();
    h += QStringLiteral("<tr><td><b>%1</b></td><td></td><td align=right><b>%2</b></td><td align=right><b>%3</b></td>"
                        "<td>%4</td></tr></table>")
             .arg(QObject::tr("Total"))
             .arg(instances())
             .arg(q(irisize::money_str(monthlyUsd())),
                  missing == 0 ? QString()
                  : missing == 1
                      ? QObject::tr("one system is not sized and not counted")
                      : QObject::tr("%1 systems are not sized and not counted").arg(missing));
    h += QStringLiteral("<p style='color:gray'>%1</p>")
             .arg(QObject::tr("Each system is a mirror set sized on its own; the selected system's plan follows.")
                      .toHtmlEscaped());
    return h;
}
