// SPDX-License-Identifier: GPL-3.0-or-later
// The Architecture tab: the report's architecture figure (irisize/report/architecture_layout.hpp,
// the same layout and colours as the SVG in the reports) drawn on a QGraphicsScene, scaled to
// the view, greyed when the plan is stale, and exported as SVG or PNG.
#include "diagram_view.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include <QDir>
#include <QFile>
#include <QFont>
#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <QResizeEvent>
#include <QShowEvent>
#include <QSvgGenerator>

#include "gui_text.hpp"
#include "irisize/plan/plan.hpp"
#include "irisize/report/architecture_layout.hpp"

namespace diagram_detail {

/// One item of the drawing as a value: a path (a rounded rectangle, a line, an arrowhead) or a
/// text. A new plan whose drawing is the same as the one on screen leaves the scene untouched.
struct FigureShape {
    enum class Kind { path, text } kind = Kind::path;
    QPainterPath path;
    QPen pen;
    QBrush brush;
    QString text;
    QFont font;
    QPointF pos;
    qreal z = 0;
    bool operator==(const FigureShape&) const = default;
};

} // namespace diagram_detail

namespace {

using diagram_detail::FigureShape;

constexpr qreal kStaleOpacity = 0.4;
constexpr qreal kMaxViewScale = 1.5;

// z order among the children of the root item, in the figure's drawing order
constexpr qreal kZRegion = 0.0;
constexpr qreal kZLine = 1.0;
constexpr qreal kZBox = 2.0;
constexpr qreal kZLabel = 3.0;

QColor colourOf(std::string_view hex) {
    return hex.empty() ? QColor(Qt::black)
                       : QColor(QString::fromLatin1(hex.data(), static_cast<qsizetype>(hex.size())));
}

QRectF rectOf(const irisize::LayoutRect& r) {
    return QRectF(r.x, r.y, r.w, r.h);
}

/// An SVG dash array ("6 4") as a Qt dash pattern, which counts in pen widths.
QList<qreal> dashOf(const std::string& dash, qreal width) {
    QList<qreal> pattern;
    for (const auto& part : QString::fromStdString(dash).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        pattern << part.toDouble() / width;
    return pattern;
}

/// Lists the figure's shapes, in the fonts the report's SVG names.
class Canvas {
public:
    void rect(const irisize::LayoutRect& r, qreal radius, std::string_view fill, std::string_view border, qreal width,
              const std::string& dash, qreal z) {
        FigureShape& shape = m_shapes.emplace_back();
        shape.path.addRoundedRect(rectOf(r), radius, radius);
        shape.pen = QPen(colourOf(border), width);
        if (!dash.empty())
            shape.pen.setDashPattern(dashOf(dash, width));
        shape.brush = fill.empty() ? QBrush(Qt::NoBrush) : QBrush(colourOf(fill));
        shape.z = z;
    }

    void line(const irisize::ArchitectureLine& l) {
        if (l.points.size() < 2)
            return;
        FigureShape& shape = m_shapes.emplace_back();
        shape.path = QPainterPath(QPointF(l.points.front().x, l.points.front().y));
        for (std::size_t i = 1; i < l.points.size(); ++i)
            shape.path.lineTo(l.points[i].x, l.points[i].y);
        if (l.filled) {
            shape.path.closeSubpath();
            shape.pen = Qt::NoPen;
            shape.brush = colourOf(l.colour);
        } else {
            shape.pen = QPen(colourOf(l.colour), l.width, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
            if (!l.dash.empty())
                shape.pen.setDashPattern(dashOf(l.dash, l.width));
            shape.brush = Qt::NoBrush;
        }
        shape.z = kZLine;
    }

    /// A text placed as SVG places it: (x, y) on its baseline, at its start, middle or end.
    void text(const irisize::ArchitectureText& t, qreal z) {
        FigureShape& shape = m_shapes.emplace_back();
        shape.kind = FigureShape::Kind::text;
        shape.font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Helvetica"), QStringLiteral("Arial")});
        shape.font.setPixelSize(static_cast<int>(irisize::architecture_text_px(t.style)));
        shape.font.setBold(irisize::architecture_text_bold(t.style));
        shape.text = QString::fromStdString(t.text);
        const QFontMetricsF metrics(shape.font);
        const qreal w = metrics.horizontalAdvance(shape.text);
        const qreal left = t.anchor == irisize::TextAnchor::middle ? t.x - w / 2
                           : t.anchor == irisize::TextAnchor::end  ? t.x - w
                                                                   : t.x;
        shape.brush = colourOf(t.colour);
        shape.pos = QPointF(left, t.y - metrics.ascent());
        shape.z = z;
    }

    [[nodiscard]] std::vector<FigureShape> take() { return std::move(m_shapes); }

private:
    std::vector<FigureShape> m_shapes;
};

/// Adds the item that draws `shape` under `root`.
void addItem(const FigureShape& shape, QGraphicsItem* root) {
    QAbstractGraphicsShapeItem* item = nullptr;
    if (shape.kind == FigureShape::Kind::text) {
        auto* text = new QGraphicsSimpleTextItem(shape.text, root);
        text->setFont(shape.font);
        text->setPos(shape.pos);
        item = text;
    } else {
        item = new QGraphicsPathItem(shape.path, root);
        item->setPen(shape.pen);
    }
    item->setBrush(shape.brush);
    item->setZValue(shape.z);
}

} // namespace

DiagramView::DiagramView(QWidget* parent) : QGraphicsView(parent), m_scene(new QGraphicsScene(this)) {
    setScene(m_scene);
    // The drawing is always on a light background, whatever the desktop theme.
    m_scene->setBackgroundBrush(Qt::white);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setAlignment(Qt::AlignCenter);
    setDragMode(QGraphicsView::NoDrag);
}

DiagramView::~DiagramView() = default;

void DiagramView::clearPlan() {
    m_scene->clear(); // deletes m_root and every child
    m_root = nullptr;
    m_shapes.clear();
    m_labels.clear();
    m_scene->setSceneRect(QRectF());
    resetTransform();
}

void DiagramView::setStale(bool stale) {
    m_stale = stale;
    if (m_root)
        m_root->setOpacity(stale ? kStaleOpacity : 1.0);
}

QStringList DiagramView::boxLabels() const {
    return m_labels;
}

void DiagramView::setPlan(const irisize::Plan& plan) {
    namespace colour = irisize::architecture_colour;
    const irisize::ArchitectureLayout layout = irisize::architecture_layout(plan);
    Canvas canvas;
    QStringList labels;
    for (const auto& r : layout.regions) {
        canvas.rect(r.frame, 6, colour::region_fill, colour::region_border, 1.5, {}, kZRegion);
        canvas.text(r.title, kZRegion);
        for (const auto& z : r.zones) {
            canvas.rect(z.column, 4, {}, colour::zone_border, 1, "5 3", kZRegion);
            canvas.text(z.label, kZRegion);
        }
    }
    for (const auto& l : layout.lines)
        canvas.line(l);
    for (const auto& b : layout.boxes) {
        canvas.rect(b.rect, b.radius, b.fill, b.border, 1, {}, kZBox);
        for (const auto& t : b.lines)
            canvas.text(t, kZBox);
        if (b.member)
            labels << q(*b.role) + QLatin1Char('\n') + QString::fromStdString(b.instance_type);
    }
    for (const auto& l : layout.labels) {
        if (l.tag)
            canvas.rect(l.ground, 2, colour::background, l.text.colour, 0.5, {}, kZLabel);
        canvas.text(l.text, kZLabel);
    }
    std::vector<FigureShape> shapes = canvas.take();
    const QRectF sceneRect(0, 0, layout.width, layout.height);
    if (m_root && shapes == m_shapes && sceneRect == m_scene->sceneRect())
        return; // the same drawing: nothing to redo or repaint

    clearPlan();
    auto* root = new QGraphicsRectItem(); // an empty rectangle: draws nothing, carries the opacity
    root->setPen(Qt::NoPen);
    root->setBrush(Qt::NoBrush);
    m_scene->addItem(root);
    m_root = root;
    m_root->setOpacity(m_stale ? kStaleOpacity : 1.0);
    for (const FigureShape& shape : shapes)
        addItem(shape, m_root);
    m_shapes = std::move(shapes);
    m_labels = labels;
    m_scene->setSceneRect(sceneRect);
    fitScene();
}

void DiagramView::fitScene() {
    const QRectF r = m_scene->sceneRect();
    if (!m_root || r.isEmpty())
        return;
    const QRectF target = viewport()->rect();
    if (target.isEmpty())
        return;
    fitInView(r, Qt::KeepAspectRatio);
    // Small drawings are not blown up beyond a readable size.
    if (transform().m11() > kMaxViewScale) {
        setTransform(QTransform::fromScale(kMaxViewScale, kMaxViewScale));
        centerOn(r.center());
    }
}

void DiagramView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    fitScene();
}

void DiagramView::showEvent(QShowEvent* event) {
    QGraphicsView::showEvent(event);
    fitScene();
}

bool DiagramView::exportSvg(const QString& path, QString* error) const {
    const QRectF source = m_scene->sceneRect();
    if (!m_root || source.isEmpty()) {
        if (error)
            *error = tr("There is no architecture to export yet.");
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setResolution(logicalDpiY()); // text keeps its size relative to the boxes
    svg.setTitle(QStringLiteral("irisize architecture"));
    svg.setDescription(tr("Deployment drawn by irisize"));
    QPainter painter;
    if (!painter.begin(&svg)) {
        if (error)
            *error = tr("Cannot write %1: the SVG could not be started.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    file.close();
    if (file.error() != QFileDevice::NoError) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool DiagramView::exportPng(const QString& path, QString* error, double scale) const {
    const QRectF source = m_scene->sceneRect();
    if (!m_root || source.isEmpty()) {
        if (error)
            *error = tr("There is no architecture to export yet.");
        return false;
    }
    if (!(scale > 0) || !std::isfinite(scale))
        scale = 1.0;
    const QSize size(static_cast<int>(std::ceil(source.width() * scale)),
                     static_cast<int>(std::ceil(source.height() * scale)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        if (error)
            *error = tr("The image is too large (%1 x %2 pixels); try a smaller scale.")
                         .arg(size.width())
                         .arg(size.height());
        return false;
    }
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        m_scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source);
    }
    if (!image.save(path, "PNG")) {
        if (error)
            *error = tr("Cannot write %1 (does the folder exist, and may it be written to?)")
                         .arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}
