#include "startup_notice.h"

#include <QAbstractTextDocumentLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace noc {

namespace {
constexpr QChar kWordJoiner(0x2060);
} // namespace

StartupNotice::StartupNotice(const QStringList &problems, QWidget *parent)
    : QMessageBox(QMessageBox::Warning, QGuiApplication::applicationDisplayName(), displayText(problems),
                  QMessageBox::Ok, parent) {
    setTextFormat(Qt::PlainText);
}

QString StartupNotice::displayText(const QStringList &problems) {
    // An option: "--" and a name, not inside a longer word or path.
    static const QRegularExpression option(QStringLiteral("(?<![\\w/-])--[A-Za-z][\\w-]*"));
    QStringList paragraphs;
    for (QString text : problems) {
        for (qsizetype from = 0;;) {
            const QRegularExpressionMatch match = option.match(text, from);
            if (!match.hasMatch())
                break;
            QString joined;
            for (const QChar c : match.captured())
                joined += joined.isEmpty() ? QString(c) : QString(kWordJoiner) + c;
            text.replace(match.capturedStart(), match.capturedLength(), joined);
            from = match.capturedStart() + joined.size();
        }
        paragraphs << text;
    }
    return paragraphs.join(QStringLiteral("\n\n"));
}

QStringList StartupNotice::lineTexts(int width) const {
    QTextDocument document;
    document.setDefaultFont(findChild<QLabel *>(QStringLiteral("qt_msgbox_label"))->font());
    document.setDocumentMargin(0);
    document.setPlainText(text());
    document.setTextWidth(width);
    document.documentLayout()->documentSize(); // lays the whole text out
    QStringList lines;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        const QTextLayout *layout = block.layout();
        for (int i = 0; i < layout->lineCount(); ++i)
            lines << block.text()
                         .mid(layout->lineAt(i).textStart(), layout->lineAt(i).textLength())
                         .remove(kWordJoiner);
    }
    return lines;
}

} // namespace noc
