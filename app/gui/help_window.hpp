// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Help: the user guide (docs/user-guide.md), compiled into the binary as a Qt resource and
// shown in a non-modal window: a table of contents beside the text, every heading an anchor
// named as GitHub names it ("## How plans are found" -> "how-plans-are-found"; each tab has a
// section named after MainWindow::tabNames(), e.g. "cost"), and Ctrl+F to find. Nothing is
// read from the network or the source tree at run time.

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QTextBrowser;
class QTreeWidget;
class QWidget;

/// The user guide as Markdown, from the resource (empty only if the resource is missing).
[[nodiscard]] QString userGuideMarkdown();

/// The anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
[[nodiscard]] QString userGuideAnchor(const QString& heading);

class HelpWindow : public QWidget {
    Q_OBJECT
public:
    explicit HelpWindow(QWidget* parent = nullptr);
    Q_DISABLE_COPY(HelpWindow)

    /// Scrolls to the section with this anchor; false (and no scroll) when there is none.
    bool showSection(const QString& anchor);
    /// The anchors of the guide's headings, in order.
    [[nodiscard]] QStringList sections() const;
    /// The anchor of the section whose heading is at the top of the view (for tests).
    [[nodiscard]] QString currentSection() const;
    /// Finds `text` from the cursor on (backwards when `backward`), wrapping around; false
    /// when the guide does not contain it.
    bool find(const QString& text, bool backward = false);
    /// The text browser showing the guide (for tests).
    [[nodiscard]] QTextBrowser* browser() const { return m_browser; }

private:
    void showFindBar();
    void openLink(const QUrl& url);

    QTextBrowser* m_browser;
    QTreeWidget* m_contents;
    QWidget* m_findBar;
    QLineEdit* m_findText;
    QStringList m_sections;
};

/// Opens the user guide at `anchor` (a heading's anchor, see HelpWindow; empty: the top) in
/// one shared, non-modal window, raised and activated if it is already open. The window is a
/// child of `parent`'s top-level window and goes with it. Returns the window.
HelpWindow* showUserGuide(QWidget* parent, const QString& anchor = {});
