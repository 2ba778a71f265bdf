// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one place the GUI runs the core: sizes a workload on a worker thread and hands the
// plan back on the GUI thread. Requests coalesce: while one sizing runs, only the newest
// waiting request is kept; a result that is no longer the newest request is dropped.

#include "irisize/data/catalog.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"

#include <QObject>

#include <memory>
#include <optional>

template <class T>
class QFutureWatcher;

class PlanAdapter : public QObject {
    Q_OBJECT
public:
    using Outcome = std::shared_ptr<const irisize::Result<irisize::Plan>>;

    /// The catalog is shared with the worker threads and must not change.
    explicit PlanAdapter(std::shared_ptr<const irisize::Catalog> catalog, QObject* parent = nullptr);
    ~PlanAdapter() override;
    Q_DISABLE_COPY(PlanAdapter)

    /// Asks for a plan; returns the request's generation (increasing).
    quint64 request(const irisize::Workload& workload, const irisize::SizeOptions& options = {});
    /// Drops every request not yet answered (e.g. the input became invalid).
    void cancelPending();
    [[nodiscard]] bool busy() const;
    [[nodiscard]] const irisize::Catalog& catalog() const { return *m_catalog; }
    [[nodiscard]] std::shared_ptr<const irisize::Catalog> sharedCatalog() const { return m_catalog; }

Q_SIGNALS:
    /// A plan for request `generation` (always the newest request).
    void planReady(quint64 generation, const irisize::Plan& plan, double milliseconds);
    /// The newest request cannot be sized; `error` names the field.
    void planFailed(quint64 generation, const irisize::Error& error);

private:
    struct Job {
        quint64 generation;
        irisize::Workload workload;
        irisize::SizeOptions options;
    };
    void start(Job job);
    void finished();

    std::shared_ptr<const irisize::Catalog> m_catalog;
    QFutureWatcher<Outcome>* m_watcher;
    std::optional<Job> m_pending;
    quint64 m_running = 0;  // generation being sized (0: none)
    quint64 m_latest = 0;   // newest generation asked for
    qint64 m_started_ns = 0;
};
