// SPDX-License-Identifier: GPL-3.0-or-later
// The plan adapter: one sizing at a time on a worker thread, the newest waiting
// request kept, stale results dropped.
#include "plan_adapter.hpp"

#include "checked_sizing.hpp"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace {
qint64 now_ns() {
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.nsecsElapsed();
}
} // namespace

PlanAdapter::PlanAdapter(std::shared_ptr<const irisize::Catalog> catalog, QObject* parent)
    : QObject(parent), m_catalog(std::move(catalog)), m_watcher(new QFutureWatcher<Outcome>(this)) {
    connect(m_watcher, &QFutureWatcher<Outcome>::finished, this, &PlanAdapter::finished);
}

PlanAdapter::~PlanAdapter() {
    m_pending.reset();
    m_watcher->waitForFinished();
}

quint64 PlanAdapter::request(const irisize::Workload& workload, const irisize::SizeOptions& options) {
    Job job{++m_latest, workload, options};
    if (m_running != 0)
        m_pending = std::move(job); // replaces an older waiting request
    else
        start(std::move(job));
    return m_latest;
}

void PlanAdapter::cancelPending() {
    m_pending.reset();
    ++m_latest; // whatever is running now is stale
}

bool PlanAdapter::busy() const { return m_running != 0; }

void PlanAdapter::start(Job job) {
    m_running = job.generation;
    m_started_ns = now_ns();
    auto catalog = m_catalog;
    m_watcher->setFuture(QtConcurrent::run([catalog, job = std::move(job)]() -> Outcome {
        return std::make_shared<const irisize::Result<irisize::Plan>>(
            irisize::app::size_checked(job.workload, *catalog, job.options)); // as the CLI and batch do
    }));
}

void PlanAdapter::finished() {
    const quint64 generation = m_running;
    const double ms = static_cast<double>(now_ns() - m_started_ns) / 1e6;
    m_running = 0;
    const Outcome outcome = m_watcher->future().result();
    if (m_pending) {
        Job next = std::move(*m_pending);
        m_pending.reset();
        start(std::move(next));
    }
    if (generation != m_latest || !outcome)
        return; // superseded
    if (outcome->ok())
        Q_EMIT planReady(generation, outcome->value(), ms);
    else
        Q_EMIT planFailed(generation, outcome->error());
}
