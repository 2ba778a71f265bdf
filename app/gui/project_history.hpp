// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Undo and redo for a project. Each step holds the whole project before and after it: every
// system's document as the form held it, and which system was selected. A project is a few
// kilobytes of JSON, so whole states are simpler and safer than inverse operations: undoing
// can never leave a figure half restored. Quick repeated edits of one field (spin-box arrows)
// merge into one step.

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QString>
#include <QUndoCommand>

#include <functional>
#include <vector>

struct ProjectState {
    std::vector<nlohmann::json> systems;
    int current = 0;

    friend bool operator==(const ProjectState&, const ProjectState&) = default;
};

class ProjectStep : public QUndoCommand {
public:
    using Apply = std::function<void(const ProjectState&)>;

    /// A step from `before` to `after`. The project is already in `after` when the step is
    /// pushed, so the first redo does nothing. `field` (may be empty) lets quick edits of one
    /// field merge.
    ProjectStep(ProjectState before, ProjectState after, const QString& text, Apply apply, QString field = {});

    void undo() override;
    void redo() override;
    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    [[nodiscard]] const ProjectState& after() const { return m_after; }

private:
    ProjectState m_before;
    ProjectState m_after;
    Apply m_apply;
    QString m_field;
    QElapsedTimer m_made;
    bool m_done = true; // pushed after the change was made
};
