// SPDX-License-Identifier: GPL-3.0-or-later
// One undo step of a project: the whole state before and after, applied either way, and quick
// edits of one field merged.
#include "project_history.hpp"

#include <utility>

namespace {
constexpr int kFieldEdit = 1;       // id of steps that may merge
constexpr qint64 kMergeWithinMs = 1500; // edits of one field this close together are one step
} // namespace

ProjectStep::ProjectStep(ProjectState before, ProjectState after, const QString& text, Apply apply, QString field)
    : m_before(std::move(before)), m_after(std::move(after)), m_apply(std::move(apply)), m_field(std::move(field)) {
    setText(text);
    m_made.start();
}

void ProjectStep::undo() { m_apply(m_before); }

void ProjectStep::redo() {
    if (m_done) {
        m_done = false;
        return;
    }
    m_apply(m_after);
}

int ProjectStep::id() const { return m_field.isEmpty() ? -1 : kFieldEdit; }

bool ProjectStep::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const ProjectStep*>(other);
    if (next->m_field != m_field || next->m_before.current != m_after.current || m_made.elapsed() > kMergeWithinMs)
        return false;
    m_after = next->m_after;
    m_made.restart();
    return true;
}
