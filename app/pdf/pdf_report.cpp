// SPDX-License-Identifier: GPL-3.0-or-later
#include "pdf_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QGuiApplication>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextObjectInterface>

#include "output.hpp"

namespace irisize::pdf {

namespace {

QString q(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
std::string esc(std::string_view s) {
    return xml_escape(s);
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
        out += fmt::format("{}{}. {}", i ? " &middot; " : "", i + 1, esc(report.sections[i].title));
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

void print_report(QTextDocument& doc, QPagedPaintDevice& device) {
    // Lay out in document pixels (96 per inch) and scale to the device.
    const double dpi = device.logicalDpiX() > 0 ? device.logicalDpiX() : 96;
    const double to_doc = 96.0 / dpi;
    const QRectF paint = device.pageLayout().paintRectPixels(static_cast<int>(dpi));
    const double width = paint.width() * to_doc, height = paint.height() * to_doc;
    const double footer = 28;
    doc.setPageSize(QSizeF(width, height - footer));
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
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = QRectF(0, top, width, height - footer);
        painter.setClipRect(ctx.clip);
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
