// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The project summary: every system of a project sized, with its monthly cost and servers,
// and the totals across them. The selected system's plan is the one on screen; the others are
// read with the workload reader and sized here, and kept until their document changes, so
// editing one system does not size the others again.

#include "irisize/data/catalog.hpp"
#include "irisize/plan/plan.hpp"

#include <nlohmann/json.hpp>

#include <QString>

#include <optional>
#include <vector>

class ProjectSummary {
public:
    struct System {
        QString name;
        std::optional<irisize::Plan> plan; ///< empty: `problem` says why
        QString problem;
        bool placeholders = false; ///< holds template figures, not measurements
    };

    /// Brings the systems up to date: `current` is the selected system, whose plan (may be
    /// null while its input is not valid) is `currentPlan`.
    void update(const std::vector<nlohmann::json>& documents, int current, const irisize::Plan* currentPlan,
                const irisize::Catalog& catalog);

    [[nodiscard]] const std::vector<System>& systems() const { return m_systems; }
    /// The monthly cost of the systems that have a plan, summed from their rounded lines.
    [[nodiscard]] double monthlyUsd() const;
    /// EC2 instances across the systems that have a plan.
    [[nodiscard]] int instances() const;
    /// Systems without a plan.
    [[nodiscard]] int unsized() const;
    /// The summary as HTML for the Summary tab (a table of the systems, then the totals).
    [[nodiscard]] QString html() const;

private:
    std::vector<System> m_systems;
    std::vector<nlohmann::json> m_sized; // the document each entry of m_systems was sized from
    int m_current = -1;
};

/// EC2 instances of a plan (every member, times its count).
int instanceCount(const irisize::Plan& plan);
