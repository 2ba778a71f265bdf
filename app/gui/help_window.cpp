// SPDX-License-Identifier: GPL-3.0-or-later
// The Help window: the user guide compiled in as a resource, its headings as
// anchors and a table of contents, and Ctrl+F to find in it.
#include "help_window.hpp"

#include <QApplication>
#include <QDesktopServices>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

// The guide's resource is compiled into this static library, whose registration the linker
// would drop: register it here, once (Q_INIT_RESOURCE must be called outside a namespace).
static void registerGuideResource() {
    Q_INIT_RESOURCE(user_guide);
}

namespace {

const QString kGuideResource = QStringLiteral(":/irisize/user-guide.md");

/// The anchor names a heading block carries (set when the guide is loaded), or empty.
QString blockAnchor(const QTextBlock& block) {
    if (block.blockFormat().headingLevel() <= 0)
        return {};
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextCharFormat f = it.fragment().charFormat();
        if (f.isAnchor() && !f.anchorNames().isEmpty())
            return f.anchorNames().front();
    }
    return {};
}

} // namespace

QString userGuideMarkdown() {
    static const bool registered = (registerGuideResource(), true);
    Q_UNUSED(registered)
    QFile file(kGuideResource);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QString userGuideAnchor(const QString& heading) {
    QString out;
    for (const QChar c : heading.trimmed().toLower()) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            out += c;
        else if (c == QLatin1Char(' '))
            out += QLatin1Char('-');
    }
    return out;
}

HelpWindow::HelpWindow(QWidget* parent)
    : QWidget(parent, Qt::Window), m_browser(new QTextBrowser(this)), m_contents(new QTreeWidget(this)),
      m_findBar(new QWidget(this)), m_findText(new QLineEdit(m_findBar)) {
    setWindowTitle(tr("irisize user guide"));
    setObjectName(QStringLiteral("helpWindow"));

    // --- the guide, every heading made an anchor and listed in the contents -----------------
    m_browser->setObjectName(QStringLiteral("guide"));
    m_browser->setOpenLinks(false);
    QTextDocument* doc = m_browser->document();
    doc->setDocumentMargin(12);
    const QString markdown = userGuideMarkdown();
    doc->setMarkdown(markdown.isEmpty() ? tr("# User guide\n\nThe guide is missing from this build.") : markdown);

    m_contents->setObjectName(QStringLiteral("contents"));
    m_contents->setHeaderHidden(true);
    m_contents->setColumnCount(1);
    m_contents->setRootIsDecorated(true);
    QTreeWidgetItem* section = nullptr;
    QHash<QString, int> seen;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        const int level = b.blockFormat().headingLevel();
        if (level <= 0)
            continue;
        const QString heading = b.text().trimmed();
        QString anchor = userGuideAnchor(heading);
        // Repeated headings get -1, -2, ... as on GitHub.
        if (const int n = seen.value(anchor, 0); n > 0)
            anchor += QStringLiteral("-%1").arg(n);
        seen[userGuideAnchor(heading)] += 1;
        QTextCursor c(b);
        c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        QTextCharFormat f;
        f.setAnchor(true);
        f.setAnchorNames({anchor});
        c.mergeCharFormat(f);
        m_sections << anchor;

        if (level == 1)
            continue; // the title
        auto* item = level == 2 || !section ? new QTreeWidgetItem(m_contents) : new QTreeWidgetItem(section);
        item->setText(0, heading);
        item->setData(0, Qt::UserRole, anchor);
        if (level == 2)
            section = item;
    }
    m_contents->expandAll();
    m_contents->setMinimumWidth(m_contents->fontMetrics().horizontalAdvance(QStringLiteral("M")) * 12);
    connect(m_contents, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { showSection(item->data(0, Qt::UserRole).toString()); });
    connect(m_contents, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem* item) { showSection(item->data(0, Qt::UserRole).toString()); });
    connect(m_browser, &QTextBrowser::anchorClicked, this, &HelpWindow::openLink);

    // --- find bar ---------------------------------------------------------------------------
    m_findBar->setObjectName(QStringLiteral("findBar"));
    m_findText->setObjectName(QStringLiteral("findText"));
    m_findText->setPlaceholderText(tr("Find in the guide"));
    m_findText->setClearButtonEnabled(true);
    auto* previous = new QPushButton(tr("Previous"), m_findBar);
    auto* next = new QPushButton(tr("Next"), m_findBar);
    auto* closeFind = new QToolButton(m_findBar);
    closeFind->setText(QStringLiteral("\u2715"));
    closeFind->setToolTip(tr("Close the find bar (Escape)"));
    auto* findRow = new QHBoxLayout(m_findBar);
    findRow->setContentsMargins(0, 0, 0, 0);
    findRow->addWidget(new QLabel(tr("Find:"), m_findBar));
    findRow->addWidget(m_findText, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(closeFind);
    m_findBar->hide();

    auto findNext = [this] { find(m_findText->text()); };
    auto findPrevious = [this] { find(m_findText->text(), true); };
    connect(m_findText, &QLineEdit::returnPressed, this, findNext);
    connect(m_findText, &QLineEdit::textEdited, this, [this](const QString& text) {
        // Incremental: search again from the start of the current match.
        QTextCursor c = m_browser->textCursor();
        c.setPosition(c.selectionStart());
        m_browser->setTextCursor(c);
        find(text);
    });
    connect(next, &QPushButton::clicked, this, findNext);
    connect(previous, &QPushButton::clicked, this, findPrevious);
    connect(closeFind, &QToolButton::clicked, m_findBar, &QWidget::hide);

    auto* findKey = new QShortcut(QKeySequence::Find, this);
    connect(findKey, &QShortcut::activated, this, &HelpWindow::showFindBar);
    auto* nextKey = new QShortcut(QKeySequence::FindNext, this);
    connect(nextKey, &QShortcut::activated, this, findNext);
    auto* previousKey = new QShortcut(QKeySequence::FindPrevious, this);
    connect(previousKey, &QShortcut::activated, this, findPrevious);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, [this] {
        if (m_findBar->isVisible()) {
            m_findBar->hide();
            m_browser->setFocus();
        } else {
            this->close();
        }
    });

    // --- layout -----------------------------------------------------------------------------
    auto* split = new QSplitter(this);
    split->addWidget(m_contents);
    split->addWidget(m_browser);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    // The contents as wide as their longest heading, so that none is cut short.
    const int contentsWidth = static_cast<QAbstractItemView*>(m_contents)->sizeHintForColumn(0) +
                              2 * m_contents->indentation() + 2 * m_contents->frameWidth() + 4;
    split->setSizes({contentsWidth, 920 - contentsWidth});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_findBar);
    resize(920, 720);
}

QStringList HelpWindow::sections() const {
    return m_sections;
}

bool HelpWindow::showSection(const QString& anchor) {
    if (!m_sections.contains(anchor))
        return false;
    // Put the cursor on the heading, so that a search goes on from there, then scroll it to the top.
    for (QTextBlock b = m_browser->document()->begin(); b.isValid(); b = b.next())
        if (blockAnchor(b) == anchor) {
            QTextCursor c(b);
            m_browser->setTextCursor(c);
            break;
        }
    m_browser->scrollToAnchor(anchor);
    for (int i = 0; i < m_contents->topLevelItemCount(); ++i) {
        QTreeWidgetItem* top = m_contents->topLevelItem(i);
        if (top->data(0, Qt::UserRole).toString() == anchor)
            m_contents->setCurrentItem(top);
        for (int j = 0; j < top->childCount(); ++j)
            if (top->child(j)->data(0, Qt::UserRole).toString() == anchor)
                m_contents->setCurrentItem(top->child(j));
    }
    return true;
}

QString HelpWindow::currentSection() const {
    const QTextCursor top = m_browser->cursorForPosition(QPoint(0, 0));
    for (QTextBlock b = top.block(); b.isValid(); b = b.previous())
        if (const QString anchor = blockAnchor(b); !anchor.isEmpty())
            return anchor;
    return {};
}

bool HelpWindow::find(const QString& text, bool backward) {
    if (text.isEmpty()) {
        m_findText->setStyleSheet(QString());
        return false;
    }
    const QTextDocument::FindFlags flags = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    bool found = m_browser->find(text, flags);
    if (!found) { // wrap around
        QTextCursor c = m_browser->textCursor();
        c.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
        m_browser->setTextCursor(c);
        found = m_browser->find(text, flags);
    }
    m_findText->setStyleSheet(found ? QString() : QStringLiteral("background: #fde2e2;"));
    return found;
}

void HelpWindow::showFindBar() {
    m_findBar->show();
    const QString selected = m_browser->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
        m_findText->setText(selected);
    m_findText->setFocus();
    m_findText->selectAll();
}

void HelpWindow::openLink(const QUrl& url) {
    // Links inside the guide jump to their section; web links open in the browser; nothing
    // else is followed (the guide is read offline, from the binary).
    if (url.scheme().isEmpty() && url.path().isEmpty() && url.hasFragment())
        showSection(url.fragment());
    else if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http") ||
             url.scheme() == QLatin1String("mailto"))
        QDesktopServices::openUrl(url);
}

HelpWindow* showUserGuide(QWidget* parent, const QString& anchor) {
    HelpWindow* window = nullptr;
    const auto tops = QApplication::topLevelWidgets();
    for (QWidget* top : tops)
        if (auto* help = qobject_cast<HelpWindow*>(top)) {
            window = help;
            break;
        }
    if (!window) {
        QWidget* owner = parent ? parent->window() : nullptr;
        window = new HelpWindow(owner);
        if (!owner)
            window->setAttribute(Qt::WA_DeleteOnClose);
    }
    window->show();
    window->raise();
    window->activateWindow();
    if (!anchor.isEmpty()) {
        window->showSection(anchor);
        // Once the window is laid out at its final size, again: the scroll range depends on it.
        QTimer::singleShot(0, window, [window, anchor] { window->showSection(anchor); });
    }
    return window;
}
