// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram_view.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include <QDir>
#include <QFile>
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

#include "irisize/format.hpp"
#include "irisize/plan/plan.hpp"

namespace {

namespace u = irisize::units;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// ---- what is drawn where -------------------------------------------------------------------

enum class Tier { Web, App, Print, Database, Arbiter, Dr, Other };

Tier tierOf(const std::string& role) {
    if (role == "web")
        return Tier::Web;
    if (role == "app")
        return Tier::App;
    if (role == "print")
        return Tier::Print;
    if (role == "primary" || role == "backup")
        return Tier::Database;
    if (role == "arbiter")
        return Tier::Arbiter;
    if (role == "dr-async")
        return Tier::Dr;
    return Tier::Other;
}

/// Rows of the grid inside the VPC, top to bottom: the tiers a request passes through,
/// the mirror, then the arbiter below it (so that its lines to both failover members
/// pass under the boxes rather than through them).
constexpr int kWebRow = 0;
constexpr int kAppRow = 1;
constexpr int kPrintRow = 2;
constexpr int kDatabaseRow = 3;
constexpr int kArbiterRow = 4;
constexpr int kOtherRow = 5;
constexpr int kRows = 6;

int rowOf(Tier tier) {
    switch (tier) {
    case Tier::Web:
        return kWebRow;
    case Tier::App:
        return kAppRow;
    case Tier::Print:
        return kPrintRow;
    case Tier::Database:
    case Tier::Dr:
        return kDatabaseRow;
    case Tier::Arbiter:
        return kArbiterRow;
    case Tier::Other:
        break;
    }
    return kOtherRow;
}

struct Colours {
    QColor fill;
    QColor border;
};

Colours coloursOf(Tier tier) {
    switch (tier) {
    case Tier::Web:
        return {QColor(0xfd, 0xe3, 0xc4), QColor(0xb0, 0x68, 0x1c)};
    case Tier::App:
        return {QColor(0xd6, 0xef, 0xd2), QColor(0x3b, 0x7d, 0x38)};
    case Tier::Print:
        return {QColor(0xe7, 0xde, 0xf4), QColor(0x6b, 0x52, 0x9e)};
    case Tier::Database:
        return {QColor(0xd0, 0xe3, 0xf7), QColor(0x2c, 0x5c, 0x97)};
    case Tier::Arbiter:
        return {QColor(0xfb, 0xf0, 0xb4), QColor(0x94, 0x7a, 0x10)};
    case Tier::Dr:
        return {QColor(0xf7, 0xd6, 0xd6), QColor(0xa3, 0x3b, 0x3b)};
    case Tier::Other:
        break;
    }
    return {QColor(0xe8, 0xe8, 0xe8), QColor(0x60, 0x60, 0x60)};
}

const QColor kText(0x1b, 0x1f, 0x24);
const QColor kWire(0x3a, 0x43, 0x4d);
const QColor kRegionFill(0xf3, 0xf5, 0xf7);
const QColor kRegionBorder(0x55, 0x60, 0x6b);
const QColor kVpcFill(0xfc, 0xfe, 0xfc);
const QColor kVpcBorder(0x3e, 0x8a, 0x3e);
const QColor kZoneFill(0xf5, 0xf9, 0xfe);
const QColor kZoneBorder(0x2f, 0x6d, 0xb5);
const QColor kBalancerFill(0xd4, 0xee, 0xf0);
const QColor kBalancerBorder(0x27, 0x7c, 0x84);

constexpr qreal kStaleOpacity = 0.4;
constexpr qreal kMaxViewScale = 1.5;

// z order among the children of the root item
constexpr qreal kZRegion = 0.0;
constexpr qreal kZVpc = 0.1;
constexpr qreal kZZone = 0.2;
constexpr qreal kZFrameText = 0.3;
constexpr qreal kZWire = 1.0;
constexpr qreal kZBox = 2.0;
constexpr qreal kZBoxText = 2.1;
constexpr qreal kZLabelBack = 3.0;
constexpr qreal kZLabel = 3.1;

/// The text of a member's box: role (with the count), instance type, size, and for the
/// database members their volumes.
QStringList boxText(const irisize::Member& m) {
    QStringList lines;
    QString head = qs(m.role);
    if (m.count > 1)
        head += QStringLiteral(" x%1").arg(m.count);
    lines << head << qs(m.instance_type);
    lines << QStringLiteral("%1 vCPU, %2 GiB").arg(m.vcpu).arg(qs(irisize::num(u::in_GiB(m.memory), 1)));
    const Tier tier = tierOf(m.role);
    if (tier == Tier::Database || tier == Tier::Dr) {
        for (const auto& v : m.volumes) {
            QString line = qs(v.purpose) + QLatin1Char(' ');
            if (v.stripe_width > 1)
                line += QStringLiteral("%1x ").arg(v.stripe_width);
            line += qs(v.type) + QLatin1Char(' ') + qs(irisize::num(u::in_GiB(v.size))) + QStringLiteral(" GiB");
            lines << line;
        }
    }
    return lines;
}

struct MemberBox {
    const irisize::Member* member = nullptr;
    Tier tier = Tier::Other;
    QStringList lines;
    bool dr = false;
    int column = 0;
    int row = 0;
    QRectF rect;
};

// ---- drawing primitives --------------------------------------------------------------------

/// Adds items under one root item, in the view's font.
class Canvas {
public:
    Canvas(QGraphicsItem* root, const QFont& font)
        : m_root(root), m_font(font), m_bold(font), m_metrics(font), m_boldMetrics(boldOf(font)) {
        m_bold.setBold(true);
    }

    [[nodiscard]] qreal lineHeight() const { return std::max(m_metrics.lineSpacing(), m_boldMetrics.lineSpacing()); }
    [[nodiscard]] qreal width(const QString& text, bool bold = false) const {
        return bold ? m_boldMetrics.horizontalAdvance(text) : m_metrics.horizontalAdvance(text);
    }

    void frame(const QRectF& r, const QColor& fill, const QColor& border, qreal penWidth, Qt::PenStyle style,
               qreal radius, qreal z) const {
        QPainterPath path;
        path.addRoundedRect(r, radius, radius);
        auto* item = new QGraphicsPathItem(path, m_root);
        QPen pen(border, penWidth, style);
        pen.setJoinStyle(Qt::RoundJoin);
        item->setPen(pen);
        item->setBrush(fill);
        item->setZValue(z);
    }

    void text(const QString& s, QPointF topLeft, bool bold, const QColor& colour, qreal z) const {
        auto* item = new QGraphicsSimpleTextItem(s, m_root);
        item->setFont(bold ? m_bold : m_font);
        item->setBrush(colour);
        item->setPos(topLeft);
        item->setZValue(z);
    }

    void wire(const std::vector<QPointF>& points, Qt::PenStyle style = Qt::SolidLine) const {
        if (points.size() < 2)
            return;
        QPainterPath path(points.front());
        for (std::size_t i = 1; i < points.size(); ++i)
            path.lineTo(points[i]);
        auto* item = new QGraphicsPathItem(path, m_root);
        QPen pen(kWire, 1.6, style, Qt::FlatCap, Qt::RoundJoin);
        item->setPen(pen);
        item->setBrush(Qt::NoBrush);
        item->setZValue(kZWire);
    }

    /// A small label centred on `centre`, on a background that hides the wire under it.
    void label(const QString& s, QPointF centre) const {
        const qreal w = width(s) + 8;
        const qreal h = m_metrics.height() + 2;
        const QRectF r(centre.x() - w / 2, centre.y() - h / 2, w, h);
        QPainterPath path;
        path.addRoundedRect(r, 3, 3);
        auto* back = new QGraphicsPathItem(path, m_root);
        back->setPen(Qt::NoPen);
        back->setBrush(QColor(255, 255, 255, 235));
        back->setZValue(kZLabelBack);
        auto* item = new QGraphicsSimpleTextItem(s, m_root);
        item->setFont(m_font);
        item->setBrush(kText);
        item->setPos(r.left() + 4, r.top() + 1);
        item->setZValue(kZLabel);
    }

private:
    static QFont boldOf(QFont f) {
        f.setBold(true);
        return f;
    }

    QGraphicsItem* m_root;
    QFont m_font;
    QFont m_bold;
    QFontMetricsF m_metrics;
    QFontMetricsF m_boldMetrics;
};

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

void DiagramView::clearPlan() {
    m_scene->clear(); // deletes m_root and every child
    m_root = nullptr;
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
    clearPlan();
    auto* root = new QGraphicsRectItem(); // an empty rectangle: draws nothing, carries the opacity
    root->setPen(Qt::NoPen);
    root->setBrush(Qt::NoBrush);
    m_scene->addItem(root);
    m_root = root;
    m_root->setOpacity(m_stale ? kStaleOpacity : 1.0);
    m_scene->setFont(font());

    const Canvas canvas(m_root, font());
    const qreal lh = canvas.lineHeight();
    const qreal padX = 0.7 * lh; // inside a box
    const qreal padY = 0.4 * lh;
    const qreal margin = lh; // between nested frames

    // --- the boxes, their zones and rows ---------------------------------------------------
    std::vector<MemberBox> boxes;
    boxes.reserve(plan.members.size());
    QStringList prodZones;
    QStringList drZones;
    for (const auto& m : plan.members) {
        MemberBox b;
        b.member = &m;
        b.tier = tierOf(m.role);
        b.lines = boxText(m);
        b.dr = b.tier == Tier::Dr;
        b.row = rowOf(b.tier);
        boxes.push_back(b);
        (b.dr ? drZones : prodZones) << qs(m.availability_zone);
        m_labels << qs(m.role) + QLatin1Char('\n') + qs(m.instance_type);
    }
    prodZones.removeDuplicates();
    prodZones.sort();
    drZones.removeDuplicates();
    drZones.sort();
    for (auto& b : boxes)
        b.column = static_cast<int>((b.dr ? drZones : prodZones).indexOf(qs(b.member->availability_zone)));
    const bool hasDr = !drZones.isEmpty();
    const bool hasWeb = std::any_of(boxes.begin(), boxes.end(), [](const MemberBox& b) { return b.tier == Tier::Web; });

    // --- horizontal measures ---------------------------------------------------------------
    qreal boxW = 9 * lh;
    for (const auto& b : boxes)
        for (qsizetype i = 0; i < b.lines.size(); ++i)
            boxW = std::max(boxW, canvas.width(b.lines[i], i == 0) + 2 * padX);
    const QString ecp = QStringLiteral("ECP");
    const QString sync = QStringLiteral("sync mirror");
    const QString async = QStringLiteral("async mirror (journal)");
    const QString lbTitle = QStringLiteral("Load balancer");
    const QString lbDetail = QStringLiteral("(health check /csp/bin/mirror_status.cxw)");
    // Each zone column keeps a channel on its left for wires that must go around boxes.
    const qreal channel = canvas.width(ecp) + 1.6 * lh;
    const qreal padRight = 0.8 * lh;
    const qreal colGap = std::max(0.6 * lh, canvas.width(sync) + 1.4 * lh - padRight - channel);
    const int nProd = std::max(1, static_cast<int>(prodZones.size()));
    const int nDr = static_cast<int>(drZones.size());
    if (hasWeb) {
        // The load balancer spans from the first box's left to the last box's right.
        const qreal need = std::max(canvas.width(lbTitle, true), canvas.width(lbDetail)) + 2 * padX;
        const qreal span = nProd * boxW + (nProd - 1) * (colGap + padRight + channel);
        if (span < need)
            boxW += (need - span) / nProd;
    }
    const qreal colW = channel + boxW + padRight;

    const qreal prodLeft = 0;
    const qreal prodVpcLeft = prodLeft + margin;
    auto columnLeft = [&](qreal vpcLeft, int column) { return vpcLeft + margin + column * (colW + colGap); };
    const qreal prodVpcRight = columnLeft(prodVpcLeft, nProd - 1) + colW + margin;
    const QString prodTitle = qs(plan.region);
    const qreal prodRight = std::max(prodVpcRight + margin, prodLeft + canvas.width(prodTitle, true) + 2 * margin);
    const qreal regionGap = canvas.width(async) + 2 * lh;
    const qreal drLeft = prodRight + regionGap;
    const qreal drVpcLeft = drLeft + margin;
    const qreal drVpcRight = columnLeft(drVpcLeft, std::max(1, nDr) - 1) + colW + margin;
    const QString drTitle = qs(plan.dr_region.empty() ? std::string("DR") : plan.dr_region) + QStringLiteral(" (DR)");
    const qreal drRight = std::max(drVpcRight + margin, drLeft + canvas.width(drTitle, true) + 2 * margin);

    // --- vertical measures -----------------------------------------------------------------
    const qreal regionTop = 0;
    const qreal regionTitleH = lh + 0.8 * lh;
    const qreal vpcTop = regionTop + regionTitleH;
    const qreal vpcTitleH = 1.5 * lh;
    qreal y = vpcTop + vpcTitleH;
    QRectF balancer;
    if (hasWeb) {
        const qreal left = columnLeft(prodVpcLeft, 0) + channel;
        const qreal right = columnLeft(prodVpcLeft, nProd - 1) + channel + boxW;
        balancer = QRectF(left, y, right - left, 2 * lh + 2 * padY);
        y = balancer.bottom() + 2.0 * lh;
    }
    const qreal columnTop = y;
    const qreal zoneTitleH = 1.6 * lh;
    y += zoneTitleH;

    // Boxes sharing a cell (zone and row) are stacked.
    const qreal stackGap = 0.6 * lh;
    auto boxHeight = [&](const MemberBox& b) { return static_cast<qreal>(b.lines.size()) * lh + 2 * padY; };
    std::map<std::pair<int, int>, std::vector<MemberBox*>> prodCells; // (row, column)
    std::map<int, std::vector<MemberBox*>> drCells;                   // column
    for (auto& b : boxes)
        (b.dr ? drCells[b.column] : prodCells[{b.row, b.column}]).push_back(&b);
    auto cellHeight = [&](const std::vector<MemberBox*>& cell) {
        qreal h = 0;
        for (const MemberBox* b : cell)
            h += boxHeight(*b);
        return h + stackGap * static_cast<qreal>(cell.size() > 0 ? cell.size() - 1 : 0);
    };
    std::vector<qreal> rowHeight(kRows, 0.0);
    std::vector<bool> rowUsed(kRows, false);
    for (const auto& [key, cell] : prodCells) {
        rowUsed[static_cast<std::size_t>(key.first)] = true;
        rowHeight[static_cast<std::size_t>(key.first)] =
            std::max(rowHeight[static_cast<std::size_t>(key.first)], cellHeight(cell));
    }
    // The DR members sit level with the production database, or in the first row if there is none.
    int drRow = kDatabaseRow;
    if (!rowUsed[kDatabaseRow])
        for (int r = 0; r < kRows; ++r)
            if (rowUsed[static_cast<std::size_t>(r)]) {
                drRow = r;
                break;
            }
    for (const auto& [column, cell] : drCells) {
        rowUsed[static_cast<std::size_t>(drRow)] = true;
        rowHeight[static_cast<std::size_t>(drRow)] =
            std::max(rowHeight[static_cast<std::size_t>(drRow)], cellHeight(cell));
    }
    std::vector<qreal> rowTop(kRows, 0.0);
    qreal lastBottom = y;
    bool first = true;
    for (int r = 0; r < kRows; ++r) {
        const auto ri = static_cast<std::size_t>(r);
        if (!rowUsed[ri])
            continue;
        if (!first)
            y += r == kArbiterRow ? 2.6 * lh : 2.0 * lh;
        first = false;
        rowTop[ri] = y;
        y += rowHeight[ri];
        lastBottom = y;
    }
    const qreal columnBottom = lastBottom + 0.8 * lh;
    const qreal busY = columnBottom + 1.2 * lh; // the async wire runs under the zones
    const qreal vpcBottom = hasDr ? busY + 1.2 * lh : columnBottom + margin;
    const qreal regionBottom = vpcBottom + margin;

    // Place the boxes.
    auto placeCell = [&](std::vector<MemberBox*>& cell, qreal left, qreal top) {
        for (MemberBox* b : cell) {
            b->rect = QRectF(left, top, boxW, boxHeight(*b));
            top += b->rect.height() + stackGap;
        }
    };
    for (auto& [key, cell] : prodCells)
        placeCell(cell, columnLeft(prodVpcLeft, key.second) + channel, rowTop[static_cast<std::size_t>(key.first)]);
    for (auto& [column, cell] : drCells)
        placeCell(cell, columnLeft(drVpcLeft, column) + channel, rowTop[static_cast<std::size_t>(drRow)]);

    // --- frames ----------------------------------------------------------------------------
    auto drawRegion = [&](qreal left, qreal right, qreal vpcLeft, qreal vpcRight, const QString& title,
                          const QStringList& zones) {
        canvas.frame(QRectF(left, regionTop, right - left, regionBottom - regionTop), kRegionFill, kRegionBorder, 1.6,
                     Qt::SolidLine, 0.8 * lh, kZRegion);
        canvas.text(title, QPointF(left + margin, regionTop + 0.4 * lh), true, kText, kZFrameText);
        canvas.frame(QRectF(vpcLeft, vpcTop, vpcRight - vpcLeft, vpcBottom - vpcTop), kVpcFill, kVpcBorder, 1.3,
                     Qt::SolidLine, 0.3 * lh, kZVpc);
        canvas.text(QStringLiteral("VPC"), QPointF(vpcLeft + 0.6 * lh, vpcTop + 0.25 * lh), true, kVpcBorder,
                    kZFrameText);
        for (int c = 0; c < zones.size(); ++c) {
            const qreal x = columnLeft(vpcLeft, c);
            canvas.frame(QRectF(x, columnTop, colW, columnBottom - columnTop), kZoneFill, kZoneBorder, 1.2,
                         Qt::DashLine, 0.25 * lh, kZZone);
            const QString name = zones[c].isEmpty() ? QStringLiteral("(no zone)") : zones[c];
            canvas.text(name, QPointF(x + 0.5 * lh, columnTop + 0.3 * lh), false, kZoneBorder, kZFrameText);
        }
    };
    drawRegion(prodLeft, prodRight, prodVpcLeft, prodVpcRight, prodTitle, prodZones);
    if (hasDr)
        drawRegion(drLeft, drRight, drVpcLeft, drVpcRight, drTitle, drZones);

    if (hasWeb) {
        canvas.frame(balancer, kBalancerFill, kBalancerBorder, 1.3, Qt::SolidLine, 0.3 * lh, kZBox);
        canvas.text(lbTitle, QPointF(balancer.center().x() - canvas.width(lbTitle, true) / 2, balancer.top() + padY),
                    true, kText, kZBoxText);
        canvas.text(lbDetail, QPointF(balancer.center().x() - canvas.width(lbDetail) / 2, balancer.top() + padY + lh),
                    false, kText, kZBoxText);
    }

    for (const auto& b : boxes) {
        const Colours c = coloursOf(b.tier);
        canvas.frame(b.rect, c.fill, c.border, 1.3, Qt::SolidLine, 0.3 * lh, kZBox);
        for (qsizetype i = 0; i < b.lines.size(); ++i)
            canvas.text(b.lines[i], QPointF(b.rect.left() + padX, b.rect.top() + padY + static_cast<qreal>(i) * lh),
                        i == 0, kText, kZBoxText);
    }

    // --- wires -----------------------------------------------------------------------------
    auto ofTier = [&](Tier t) {
        std::vector<const MemberBox*> out;
        for (const auto& b : boxes)
            if (b.tier == t)
                out.push_back(&b);
        return out;
    };
    const auto webs = ofTier(Tier::Web);
    const auto apps = ofTier(Tier::App);
    const auto primaries = ofTier(Tier::Database);
    const MemberBox* primary = nullptr;
    const MemberBox* backup = nullptr;
    for (const MemberBox* b : primaries) {
        if (b->member->role == "primary" && !primary)
            primary = b;
        else if (b->member->role == "backup" && !backup)
            backup = b;
    }
    auto topCentre = [](const QRectF& r, qreal dx = 0) { return QPointF(r.center().x() + dx, r.top()); };
    auto bottomCentre = [](const QRectF& r, qreal dx = 0) { return QPointF(r.center().x() + dx, r.bottom()); };
    auto occupiedBetween = [&](int column, int upper, int lower) {
        return std::any_of(boxes.begin(), boxes.end(), [&](const MemberBox& b) {
            return !b.dr && b.column == column && b.row > upper && b.row < lower;
        });
    };
    // A wire from a box down to a box in a lower row: straight down within a zone when nothing
    // is in the way, otherwise out of the side of `from`, down the channel of its zone, into
    // the side of `to` (so that wires never cross a box).
    auto connect = [&](const MemberBox& from, const MemberBox& to, const QString& text) {
        if (from.column == to.column && !occupiedBetween(from.column, from.row, to.row)) {
            const QPointF a = bottomCentre(from.rect);
            const QPointF b = topCentre(to.rect);
            canvas.wire({a, b});
            if (!text.isEmpty()) // beside the wire: the gap between rows is short
                canvas.label(text, QPointF(a.x() + canvas.width(text) / 2 + 0.6 * lh, (a.y() + b.y()) / 2));
            return;
        }
        const bool rightward = from.column < to.column;
        const int channelColumn = rightward ? from.column + 1 : from.column;
        const qreal x = columnLeft(prodVpcLeft, channelColumn) + channel / 2;
        const QPointF start(rightward ? from.rect.right() : from.rect.left(), from.rect.center().y());
        const qreal entry = to.rect.top() + padY + lh / 2;
        const QPointF end(x < to.rect.left() ? to.rect.left() : to.rect.right(), entry);
        canvas.wire({start, QPointF(x, start.y()), QPointF(x, entry), end});
        if (!text.isEmpty())
            canvas.label(text, QPointF(x, (start.y() + entry) / 2));
    };

    for (const MemberBox* w : webs)
        canvas.wire({QPointF(w->rect.center().x(), balancer.bottom()), topCentre(w->rect)});
    for (const MemberBox* w : webs) {
        std::vector<const MemberBox*> targets;
        for (const MemberBox* a : apps)
            if (a->column == w->column)
                targets.push_back(a);
        if (targets.empty())
            targets = apps;
        if (targets.empty() && primary)
            targets.push_back(primary);
        for (const MemberBox* t : targets)
            connect(*w, *t, QString());
    }
    if (primary)
        for (const MemberBox* a : apps)
            connect(*a, *primary, ecp);

    if (primary && backup) {
        const bool right = backup->rect.left() >= primary->rect.right();
        const QRectF& p = primary->rect;
        const QRectF& b = backup->rect;
        const qreal yMid = (std::max(p.top(), b.top()) + std::min(p.bottom(), b.bottom())) / 2;
        const QPointF a(right ? p.right() : p.left(), yMid);
        const QPointF z(right ? b.left() : b.right(), yMid);
        canvas.wire({a, z});
        canvas.label(sync, QPointF((a.x() + z.x()) / 2, yMid + 0.75 * lh));
    }
    for (const MemberBox* arb : ofTier(Tier::Arbiter)) {
        if (primary)
            canvas.wire({QPointF(arb->rect.left(), arb->rect.center().y()), bottomCentre(primary->rect, 0.2 * boxW)},
                        Qt::DashLine);
        if (backup)
            canvas.wire({topCentre(arb->rect), bottomCentre(backup->rect)}, Qt::DashLine);
    }
    const auto drs = ofTier(Tier::Dr);
    if (primary && !drs.empty()) {
        const QPointF start = bottomCentre(primary->rect, -0.25 * boxW);
        qreal far = start.x();
        for (const MemberBox* d : drs)
            far = std::max(far, d->rect.center().x());
        canvas.wire({start, QPointF(start.x(), busY), QPointF(far, busY)}, Qt::DashLine);
        for (const MemberBox* d : drs)
            canvas.wire({QPointF(d->rect.center().x(), busY), bottomCentre(d->rect)}, Qt::DashLine);
        canvas.text(async, QPointF((prodRight + drLeft) / 2 - canvas.width(async) / 2, busY - 1.2 * lh), false, kText,
                    kZLabel);
    }

    const qreal right = hasDr ? drRight : prodRight;
    m_scene->setSceneRect(QRectF(prodLeft - margin, regionTop - margin, right - prodLeft + 2 * margin,
                                 regionBottom - regionTop + 2 * margin));
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
