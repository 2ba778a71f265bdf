// SPDX-License-Identifier: GPL-3.0-or-later
// The report model laid out as a PDF page by page through QTextDocument: the HTML it is given,
// its SVG figures drawn as vector objects, table cells kept whole across pages, and the same
// document sent to a printer.
#include "pdf_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QGuiApplication>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextCursor>
#include <QTextBlock>
#include <QTextList>
#include <QTextTable>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextObjectInterface>

#include "output.hpp"

namespace irisize::pdf {

namespace {

QString q(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
// A unit such as "MiB/s" or "IOPS/GiB" never breaks after its slash, nor a name such as
// "eu-central-1a" after a hyphen: a word joiner (U+2060, no glyph, no text) follows a slash
// between letters and a hyphen between letters or digits.
std::string esc(std::string_view s) {
    std::string out = xml_escape(s);
    const auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = 1; i + 1 < out.size(); ++i)
        if ((out[i] == '/' && alpha(out[i - 1]) && alpha(out[i + 1])) ||
            (out[i] == '-' && alnum(out[i - 1]) && alnum(out[i + 1])))
            out.insert(i + 1, "\u2060"), i += 3;
    return out;
}

// Figures are text objects drawn from their SVG by QSvgRenderer: vectors, and their labels
// (instance types, amounts) stay searchable text in the PDF.
constexpr int svg_object_type = QTextFormat::UserObject + 1;
enum SvgProperty { svg_data = 1, svg_width, svg_height };

class SvgObject : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    using QObject::QObject;

    QSizeF intrinsicSize(QTextDocument* doc, int, const QTextFormat& format) override {
        const double w = format.doubleProperty(svg_width), h = format.doubleProperty(svg_height);
        // Fit the text width (less a little for the frame margins), never enlarge.
        const double room = std::max(100.0, doc->textWidth() - 2 * doc->documentMargin() - 4);
        const double scale = w > room ? room / w : 1.0;
        return {w * scale, h * scale};
    }
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument*, int, const QTextFormat& format) override {
        QSvgRenderer renderer(format.property(svg_data).toByteArray());
        renderer.render(painter, rect);
    }
};

// QTextDocument's HTML subset: attributes rather than modern CSS.
std::string qt_html(const Report& report) {
    std::string out = "<html><body>";
    out += fmt::format("<h1 style=\"color:#23395d; font-size:20pt\">{}</h1>", esc(report.title));
    out += fmt::format("<p style=\"font-size:12pt; color:#4a5568\">{}</p><p></p>", esc(report.subtitle));
    out += "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" style=\"border-collapse:collapse; "
           "border-color:#cbd5e0\">";
    for (const auto& [k, v] : report.facts)
        out += fmt::format("<tr><td bgcolor=\"#edf2f7\"><b>{}</b></td><td>{}</td></tr>", esc(k), esc(v));
    out += "</table>";
    out += "<p style=\"font-size:9pt; color:#4a5568\">Contents: ";
    for (std::size_t i = 0; i < report.sections.size(); ++i)
        // A line of the contents starts with "·", never with a number that reads as a heading.
        out += fmt::format("{}{}.&nbsp;{}", i ? " &middot;&nbsp;" : "", i + 1, esc(report.sections[i].title));
    out += "</p>";
    int figure = 0;
    for (std::size_t si = 0; si < report.sections.size(); ++si) {
        const auto& s = report.sections[si];
        // A new page for the first section after the title page, and for the long tail.
        const bool page_break = si == 0 || s.id == "architecture" || s.id == "why";
        out += fmt::format("<h2 style=\"color:#23395d; font-size:14pt;{}\">{}. {}</h2>",
                           page_break ? " page-break-before:always" : "", si + 1, esc(s.title));
        for (const auto& b : s.blocks) {
            switch (b.kind) {
            case ReportBlock::Kind::paragraph: out += fmt::format("<p>{}</p>", esc(b.text)); break;
            case ReportBlock::Kind::note:
                out += fmt::format("<table cellpadding=\"6\" width=\"100%\"><tr><td bgcolor=\"#fffaf0\" "
                                   "style=\"border-left: 4px solid #b7791f\">{}</td></tr></table>",
                                   esc(b.text));
                break;
            case ReportBlock::Kind::subheading:
                out += fmt::format("<h3 style=\"color:#23395d; font-size:11pt\">{}</h3>", esc(b.text));
                break;
            case ReportBlock::Kind::bullets:
                out += "<ul>";
                for (const auto& i : b.items)
                    out += fmt::format("<li>{}</li>", esc(i));
                out += "</ul>";
                break;
            case ReportBlock::Kind::table: {
                const auto& t = b.table;
                out += "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\" "
                       "style=\"border-collapse:collapse; border-color:#cbd5e0; font-size:8pt\"><thead><tr>";
                for (std::size_t i = 0; i < t.columns.size(); ++i)
                    out += fmt::format("<th bgcolor=\"#edf2f7\" align=\"{}\">{}</th>",
                                       i < t.numeric.size() && t.numeric[i] ? "right" : "left", esc(t.columns[i]));
                out += "</tr></thead>";
                for (std::size_t r = 0; r < t.rows.size(); ++r) {
                    const bool total = t.total_row && r + 1 == t.rows.size();
                    out += "<tr>";
                    for (std::size_t i = 0; i < t.rows[r].size(); ++i)
                        out += fmt::format("<td align=\"{}\"{}>{}{}{}</td>",
                                           i < t.numeric.size() && t.numeric[i] ? "right" : "left",
                                           total ? " bgcolor=\"#f7fafc\"" : "", total ? "<b>" : "",
                                           esc(t.rows[r][i]), total ? "</b>" : "");
                    out += "</tr>";
                }
                out += "</table>";
                break;
            }
            case ReportBlock::Kind::figure:
                out += fmt::format("<p align=\"center\">[[irisize-figure-{}]]</p>"
                                   "<p style=\"font-size:8pt; color:#4a5568\">{}</p>",
                                   figure++, esc(b.text));
                break;
            }
        }
    }
    out += "</body></html>";
    return out;
}

void set_no_wrap(const QTextTableCell& cell) {
    const QTextBlock last = cell.lastCursorPosition().block();
    for (QTextBlock b = cell.firstCursorPosition().block(); b.isValid(); b = b.next()) {
        QTextBlockFormat f = b.blockFormat();
        f.setNonBreakableLines(true);
        QTextCursor(b).setBlockFormat(f);
        if (b == last)
            break;
    }
}

// The report's tables as laid out: the header row repeats on every page a table spans, and
// short cells (zones, instance types, amounts; as in the HTML report) stay on one line.
void keep_cells_whole(QTextDocument& doc, const Report& report) {
    std::vector<const ReportTable*> tables{nullptr}; // the title page's facts
    for (const auto& s : report.sections)
        for (const auto& b : s.blocks)
            if (b.kind == ReportBlock::Kind::table)
                tables.push_back(&b.table);
            else if (b.kind == ReportBlock::Kind::note)
                tables.push_back(nullptr);
    std::size_t n = 0;
    for (QTextFrame* frame : doc.rootFrame()->childFrames()) {
        auto* t = qobject_cast<QTextTable*>(frame);
        if (!t || n >= tables.size())
            continue;
        const ReportTable* rt = tables[n++];
        if (!rt || t->rows() != static_cast<int>(rt->rows.size()) + 1)
            continue;
        QTextTableFormat f = t->format();
        f.setHeaderRowCount(1);
        t->setFormat(f);
        for (std::size_t r = 0; r < rt->rows.size(); ++r)
            for (std::size_t c = 0; c < rt->rows[r].size() && c < static_cast<std::size_t>(t->columns()); ++c) {
                const bool numeric = c < rt->numeric.size() && rt->numeric[c];
                if (numeric || rt->rows[r][c].size() <= 32)
                    set_no_wrap(t->cellAt(static_cast<int>(r) + 1, static_cast<int>(c)));
            }
    }
}

} // namespace

std::optional<PageSize> page_size_from(std::string_view name) {
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (n == "a4")
        return PageSize::a4;
    if (n == "letter")
        return PageSize::letter;
    return std::nullopt;
}

std::unique_ptr<QTextDocument> report_document(const Report& report) {
    auto doc = std::make_unique<QTextDocument>();
    doc->setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    doc->setDocumentMargin(0);
    auto* handler = new SvgObject(doc.get());
    doc->documentLayout()->registerHandler(svg_object_type, handler);
    doc->setHtml(q(qt_html(report)));
    doc->setMetaInformation(QTextDocument::DocumentTitle, q(report.title)); // after setHtml, which resets it

    keep_cells_whole(*doc, report);
    int figure = 0;
    for (const auto& s : report.sections)
        for (const auto& b : s.blocks) {
            if (b.kind != ReportBlock::Kind::figure)
                continue;
            const QString mark = QStringLiteral("[[irisize-figure-%1]]").arg(figure++);
            QTextCursor c = doc->find(mark);
            if (c.isNull())
                continue;
            QTextCharFormat f;
            f.setObjectType(svg_object_type);
            f.setProperty(svg_data, QByteArray::fromStdString(b.svg));
            f.setProperty(svg_width, b.svg_width);
            f.setProperty(svg_height, b.svg_height);
            c.insertText(QString(QChar::ObjectReplacementCharacter), f);
        }
    return doc;
}

namespace {

// ---- Pagination ------------------------------------------------------------------------
// QTextDocument breaks pages line by line and row by row; it knows nothing of headings,
// captions or short table ends. After laying out at the page size, paginate() walks the
// document's top-level items and adds page breaks (before a heading, a figure, a table or
// a table row) until no heading sits alone at a page foot, every caption shares its
// figure's page, no table starts or ends with a single row on a page and no row straddles a
// page break (a straddling row would be drawn, clipped, on both pages and its text would
// appear twice in the PDF's text layer).

struct Item {
    enum Kind { heading, figure, caption, text, table } kind = text;
    QTextBlock block;
    QTextTable* tab = nullptr;
};

bool is_figure(const QTextBlock& b) {
    for (auto it = b.begin(); !it.atEnd(); ++it)
        if (it.fragment().charFormat().objectType() == svg_object_type)
            return true;
    return false;
}

std::vector<Item> top_level_items(QTextDocument& doc) {
    std::vector<Item> items;
    QTextFrame* root = doc.rootFrame();
    for (auto it = root->begin(); !it.atEnd(); ++it) {
        if (auto* t = qobject_cast<QTextTable*>(it.currentFrame())) {
            items.push_back({Item::table, {}, t});
            continue;
        }
        const QTextBlock b = it.currentBlock();
        if (!b.isValid() || b.text().trimmed().isEmpty())
            continue;
        Item::Kind kind = b.blockFormat().headingLevel() > 0 ? Item::heading
                          : is_figure(b)                     ? Item::figure
                          : !items.empty() && items.back().kind == Item::figure ? Item::caption
                                                                                : Item::text;
        items.push_back({kind, b, nullptr});
    }
    return items;
}

class Paginator {
public:
    Paginator(QTextDocument& doc, double page_height) : doc_(doc), page_(page_height) {}

    /// Adds page breaks until the layout keeps every rule, or nothing more can be moved.
    void run() {
        for (int round = 0; round < 400; ++round) {
            // Measured on a whole new layout: after a format change QTextDocumentLayout lays
            // out again only from the change on, and positions below it can go stale.
            doc_.markContentsDirty(0, doc_.characterCount());
            items_ = top_level_items(doc_);
            if (!fix_first_violation())
                return;
        }
    }

private:
    QTextDocument& doc_;
    double page_;
    std::vector<Item> items_;

    QAbstractTextDocumentLayout* layout() const { return doc_.documentLayout(); }
    int page_of(double y) const { return static_cast<int>(std::floor(y / page_)); }
    bool near_page_top(double y) const { return y - page_of(y) * page_ < 30; }

    // The absolute vertical extent of a block's first `lines` lines (all when 0).
    std::pair<double, double> lines_of(const QTextBlock& b, int lines = 0) const {
        const QTextLayout* tl = b.layout();
        const QRectF r = layout()->blockBoundingRect(b);
        const double origin = r.top() - tl->boundingRect().top();
        if (tl->lineCount() == 0)
            return {r.top(), r.bottom()};
        const int last = lines > 0 ? std::min(lines, tl->lineCount()) - 1 : tl->lineCount() - 1;
        return {origin + tl->lineAt(0).y(), origin + tl->lineAt(last).y() + tl->lineAt(last).height()};
    }

    std::pair<double, double> row_extent(QTextTable* t, int row) const {
        double top = 1e12, bottom = -1e12;
        for (int c = 0; c < t->columns(); ++c) {
            const QTextTableCell cell = t->cellAt(row, c);
            if (!cell.isValid() || cell.row() != row || cell.column() != c)
                continue;
            const QTextBlock first = cell.firstCursorPosition().block(), last = cell.lastCursorPosition().block();
            for (QTextBlock b = first; b.isValid(); b = b.next()) {
                const auto [t0, b0] = lines_of(b);
                top = std::min(top, t0);
                bottom = std::max(bottom, b0);
                if (b == last)
                    break;
            }
        }
        return {top, bottom};
    }

    double top_of(std::size_t i) const {
        const Item& it = items_[i];
        return it.tab ? row_extent(it.tab, 0).first : lines_of(it.block, 1).first;
    }

    // Where the part of item i that must share its first page ends: a heading keeps with
    // what follows it, a figure with its caption, a paragraph its first two lines, a table
    // its header and first two rows.
    double keep_end(std::size_t i) const {
        const Item& it = items_[i];
        switch (it.kind) {
        case Item::heading: return i + 1 < items_.size() ? keep_end(i + 1) : lines_of(it.block).second;
        case Item::figure:
            return i + 1 < items_.size() && items_[i + 1].kind == Item::caption ? lines_of(items_[i + 1].block).second
                                                                                : lines_of(it.block).second;
        case Item::table: {
            const int head = it.tab->format().headerRowCount(), rows = it.tab->rows();
            return row_extent(it.tab, std::min(rows - 1, head + 1)).second;
        }
        case Item::caption:
        case Item::text: {
            // Two lines, from the next paragraph or list item when this one has only one.
            if (it.block.layout()->lineCount() < 2 && i + 1 < items_.size() && items_[i + 1].kind == Item::text)
                return lines_of(items_[i + 1].block, 1).second;
            return lines_of(it.block, 2).second;
        }
        }
        return lines_of(it.block).second;
    }

    // Headings directly above item i move with it.
    std::size_t chain_start(std::size_t i) const {
        while (i > 0 && items_[i - 1].kind == Item::heading)
            --i;
        return i;
    }

    // A page break before item i (or the headings above it); false when it already starts a page.
    bool break_before(std::size_t i) {
        i = chain_start(i);
        if (near_page_top(top_of(i)))
            return false;
        const Item& it = items_[i];
        if (it.tab) {
            QTextTableFormat f = it.tab->format();
            if (f.pageBreakPolicy() & QTextFormat::PageBreak_AlwaysBefore)
                return false;
            f.setPageBreakPolicy(f.pageBreakPolicy() | QTextFormat::PageBreak_AlwaysBefore);
            it.tab->setFormat(f);
            return true;
        }
        QTextBlockFormat f = it.block.blockFormat();
        if (f.pageBreakPolicy() & QTextFormat::PageBreak_AlwaysBefore)
            return false;
        f.setPageBreakPolicy(f.pageBreakPolicy() | QTextFormat::PageBreak_AlwaysBefore);
        QTextCursor(it.block).setBlockFormat(f);
        return true;
    }

    // A page break before a table row: the table becomes two, the second (its header rows
    // repeated) starting the next page. (A page break on the row's cells would not do:
    // QTextDocumentLayout applies it again to a row it has already moved to a new page.)
    bool break_before_row(QTextTable* t, int row) {
        if (near_page_top(row_extent(t, row).first))
            return false;
        const int rows = t->rows(), cols = t->columns(), head = t->format().headerRowCount();
        QTextCursor c = t->lastCursorPosition();
        c.movePosition(QTextCursor::NextBlock);
        QTextTableFormat f = t->format();
        f.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        QTextTable* rest = c.insertTable(head + rows - row, cols, f);
        for (int r = 0; r < head + rows - row; ++r)
            for (int col = 0; col < cols; ++col) {
                const QTextTableCell from = t->cellAt(r < head ? r : row + r - head, col), to = rest->cellAt(r, col);
                QTextCursor range = from.firstCursorPosition();
                range.setPosition(from.lastCursorPosition().position(), QTextCursor::KeepAnchor);
                QTextCursor at = to.firstCursorPosition();
                at.insertFragment(QTextDocumentFragment(range));
                QTextBlockFormat bf = from.firstCursorPosition().blockFormat();
                bf.setPageBreakPolicy(QTextFormat::PageBreak_Auto);
                to.firstCursorPosition().setBlockFormat(bf);
                QTextTableCell(to).setFormat(from.format());
            }
        t->removeRows(row, rows - row);
        return true;
    }

    bool fix_table(std::size_t i) {
        QTextTable* t = items_[i].tab;
        const int head = t->format().headerRowCount(), rows = t->rows(), body = rows - head;
        if (body <= 0)
            return false;
        // A row cut by the page break moves whole to the next page (the first row takes the table along).
        for (int r = head; r < rows; ++r) {
            const auto [top, bottom] = row_extent(t, r);
            if (page_of(top) != page_of(bottom - 1) && bottom - top < page_ * 0.8)
                if (r == head ? break_before(i) : break_before_row(t, r))
                    return true;
        }
        std::vector<int> page(static_cast<std::size_t>(rows));
        for (int r = 0; r < rows; ++r)
            page[static_cast<std::size_t>(r)] = page_of(row_extent(t, r).first + 1);
        const auto on = [&](int p) {
            return static_cast<int>(std::count(page.begin() + head, page.end(), p));
        };
        const int first = page[static_cast<std::size_t>(head)], last = page.back();
        if (first == last)
            return false;
        // One row alone at the foot of a page: the table starts on the next page.
        if (on(first) < 2 && body >= 2 && break_before(i))
            return true;
        // One row alone on the last page: the row before it goes along.
        if (on(last) < 2 && body >= 3) {
            const int r = rows - 2;
            if (r == head || page[static_cast<std::size_t>(r - 1)] != page[static_cast<std::size_t>(r)] ||
                on(page[static_cast<std::size_t>(r)]) <= 2)
                return break_before(i);
            return break_before_row(t, r);
        }
        return false;
    }

    // A paragraph or list item cut by the page break becomes two blocks, the second on the
    // next page: QTextLayout::draw, asked for the lines within a page, also draws the last
    // line above it (clipped, but its text lands in the PDF's text layer a second time).
    // At least two lines stay on each side; a shorter start moves to the next page whole.
    bool fix_text(std::size_t i) {
        const QTextBlock b = items_[i].block;
        const QTextLayout* tl = b.layout();
        const int lines = tl->lineCount();
        if (lines < 2)
            return page_of(lines_of(b).first) != page_of(lines_of(b).second - 1) && break_before(i);
        const int first_page = page_of(lines_of(b, 1).first);
        int k = 1;
        while (k < lines && page_of(lines_of(b, k + 1).second - 1) == first_page)
            ++k;
        if (k == lines)
            return false;
        if (k < 2)
            return break_before(i);
        if (lines - k < 2)
            --k;
        if (k < 2)
            return break_before(i);
        const int at = b.position() + tl->lineAt(k).textStart();
        QTextBlockFormat first = b.blockFormat(), second = first;
        first.setBottomMargin(0);
        QTextCursor(b).setBlockFormat(first);
        second.setTopMargin(0);
        second.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        QTextCursor c(&doc_);
        c.setPosition(at);
        QTextList* list = b.textList();
        c.insertBlock(second, c.charFormat());
        if (list)
            list->remove(c.block()); // the item goes on, without a second bullet
        return true;
    }

    bool fix_first_violation() {
        for (std::size_t i = 0; i < items_.size(); ++i) {
            const Item& it = items_[i];
            switch (it.kind) {
            case Item::heading:
            case Item::figure:
                if (page_of(top_of(i)) != page_of(keep_end(i) - 1) && break_before(i))
                    return true;
                break;
            case Item::table:
                if (fix_table(i))
                    return true;
                break;
            case Item::text:
                if (fix_text(i))
                    return true;
                break;
            case Item::caption: break;
            }
        }
        return false;
    }
};

} // namespace

void print_report(QTextDocument& doc, QPagedPaintDevice& device) {
    // Lay out in document pixels (96 per inch) and scale to the device.
    const double dpi = device.logicalDpiX() > 0 ? device.logicalDpiX() : 96;
    const double to_doc = 96.0 / dpi;
    const QRectF paint = device.pageLayout().paintRectPixels(static_cast<int>(dpi));
    const double width = paint.width() * to_doc, height = paint.height() * to_doc;
    const double footer = 28;
    doc.setPageSize(QSizeF(width, height - footer));
    Paginator(doc, height - footer).run();
    const int pages = std::max(1, doc.pageCount());

    QPainter painter(&device);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(1.0 / to_doc, 1.0 / to_doc);
    const QString title = doc.metaInformation(QTextDocument::DocumentTitle);
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setPixelSize(9); // document pixels: the painter is scaled to the device
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            device.newPage();
        painter.save();
        const double top = i * (height - footer);
        painter.translate(0, -top);
        // The painter clips to the page; the layout draws only the lines that reach more than a
        // hair into it. A line the layout moved to the next page may still touch this page's
        // foot by a fraction of a pixel: drawn (clipped) here too, its text would sit twice in
        // the PDF's text layer.
        const double hair = 4;
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = QRectF(0, top + hair, width, height - footer - 2 * hair);
        painter.setClipRect(QRectF(0, top, width, height - footer));
        doc.documentLayout()->draw(&painter, ctx);
        painter.restore();
        painter.setFont(small);
        painter.setPen(QColor(0x71, 0x80, 0x96));
        painter.drawLine(QPointF(0, height - footer + 8), QPointF(width, height - footer + 8));
        painter.drawText(QRectF(0, height - footer + 10, width * 0.8, footer - 10), Qt::AlignLeft | Qt::AlignVCenter,
                         title);
        painter.drawText(QRectF(width * 0.8, height - footer + 10, width * 0.2, footer - 10),
                         Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("%1 / %2").arg(i + 1).arg(pages));
    }
}

namespace {
void ensure_gui_application() {
    if (QCoreApplication::instance())
        return;
    // A command-line run needs fonts, not a screen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "irisize";
    static char* argv[] = {name, nullptr};
    // Start-up chatter (no XDG_RUNTIME_DIR and the like) is not for a command's user.
    const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& m) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            fmt::print(stderr, "irisize: Qt: {}\n", m.toStdString());
    });
    static QGuiApplication app(argc, argv);
    qInstallMessageHandler(previous);
}
} // namespace

Result<bool> write_pdf(const Report& report, const std::string& path, PageSize page) {
    ensure_gui_application();
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setTitle(q(report.title));
        writer.setCreator(QStringLiteral("irisize"));
        writer.setResolution(300);
        writer.setPageSize(QPageSize(page == PageSize::letter ? QPageSize::Letter : QPageSize::A4));
        writer.setPageMargins(QMarginsF(16, 16, 16, 14), QPageLayout::Millimeter);
        auto doc = report_document(report);
        print_report(*doc, writer);
    }
    if (bytes.isEmpty())
        return Error{path, "the PDF could not be produced"};
    return app::write_file_atomically(path, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

} // namespace irisize::pdf

#include "pdf_report.moc"
