#pragma once

#include <QMessageBox>
#include <QStringList>

namespace noc {

// The notice shown at start when something needs the user (a cache that cannot be written, a
// damaged cache moved aside, last session's unsaved changes taken in), titled with the console's
// name, not the window's (which may count critical alarms). Command-line options in it ("--cache")
// never break across lines: Chinese text may break between any two characters, and Qt breaks after
// a hyphen even inside <nobr>, so "--" ended one line and "cache" began the next.
class StartupNotice : public QMessageBox {
    Q_OBJECT
public:
    StartupNotice(const QStringList &problems, QWidget *parent);

    // The problems as shown: one paragraph each, options held together with word joiners (U+2060,
    // invisible; the notice's text cannot be selected, and the log keeps the plain message).
    static QString displayText(const QStringList &problems);
    // The text's lines when laid out `width` pixels wide in the notice's font, without the word
    // joiners, as a person reads them (tests).
    QStringList lineTexts(int width) const;
};

} // namespace noc
