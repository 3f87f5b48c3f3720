#pragma once

#include <QMessageBox>
#include <QStringList>

class QLabel;

namespace noc {

// The notice shown at start when something needs the user (a cache that cannot be written, a
// damaged cache moved aside, last session's unsaved changes taken in), titled with the console's
// name, not the window's (which may count critical alarms). Command-line options in it ("--cache")
// never break across lines: Chinese text may break between any two characters, and Qt breaks after
// a hyphen even inside <nobr>, so "--" ended one line and "cache" began the next. The word joiners
// that hold them together never reach the clipboard: Ctrl+C copies the notice's text as typed (Qt's
// QMessageBox copies only on Windows, joiners included), and so does a copy of selected text where
// the style lets the text be selected, so a pasted "--cache <path>" works in a shell.
class StartupNotice : public QMessageBox {
    Q_OBJECT
public:
    StartupNotice(const QStringList &problems, QWidget *parent);

    // The problems as shown: one paragraph each, options held together with word joiners (U+2060,
    // invisible).
    static QString displayText(const QStringList &problems);
    // `text` without the word joiners displayText() put in: what a person typed or reads.
    static QString plainText(QString text);
    // The text's lines as a QTextDocument lays it out `width` pixels wide in the font of the notice's
    // text (QMessageBox's label; the notice's own font if Qt ever renames that label), without the
    // word joiners (tests: the label breaks lines with the same rules, not necessarily at the same
    // widths, which is why tests try every width).
    QStringList lineTexts(int width) const;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Qt's own label of the text ("qt_msgbox_label", private to Qt): null if it is ever not found.
    QLabel *textLabel() const;
};

} // namespace noc
