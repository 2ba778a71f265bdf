// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Architecture tab: the same figure as the reports' (irisize::architecture_layout): the
// production region above the DR region, their availability zones as columns, the web, app
// (ECP) and print servers, the primary/backup mirror with the arbiter, the async DR members,
// the load balancers and Route 53 failover; each box labelled with its role and instance type.

#include <QGraphicsView>

#include <vector>

namespace irisize {
struct Plan;
}
namespace diagram_detail {
struct FigureShape;
}

class QGraphicsItem;
class QGraphicsScene;

class DiagramView : public QGraphicsView {
    Q_OBJECT
public:
    explicit DiagramView(QWidget* parent = nullptr);
    ~DiagramView() override;
    Q_DISABLE_COPY(DiagramView)

    /// Redraws the scene for the plan (when its drawing differs from the one shown).
    void setPlan(const irisize::Plan& plan);
    /// Empties the scene (no plan yet).
    void clearPlan();
    /// Greys the drawing out (the plan is stale: the input is invalid) or back.
    void setStale(bool stale);

    /// Writes the whole scene as SVG / PNG (PNG at `scale` x the scene size). False with a
    /// message in `error` when the file cannot be written.
    bool exportSvg(const QString& path, QString* error) const;
    bool exportPng(const QString& path, QString* error, double scale = 2.0) const;

    /// Labels of the boxes drawn, e.g. "primary\nr6i.8xlarge" (for tests).
    [[nodiscard]] QStringList boxLabels() const;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void fitScene();

    QGraphicsScene* m_scene;
    QGraphicsItem* m_root = nullptr; ///< every item of the drawing is its child (stale: its opacity)
    std::vector<diagram_detail::FigureShape> m_shapes; ///< what the items draw
    QStringList m_labels;
    bool m_stale = false;
};
