#include "startup_notice.h"

#include <QAbstractTextDocumentLayout>
#include <QClipboard>
#include <QGuiApplication>
#include <QKeyEvent>
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
    // A style that lets the text be selected copies the selection itself, joiners and all.
    if (QLabel *label = textLabel())
        label->installEventFilter(this);
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

QString StartupNotice::plainText(QString text) {
    return text.remove(kWordJoiner);
}

QLabel *StartupNotice::textLabel() const {
    return findChild<QLabel *>(QStringLiteral("qt_msgbox_label"));
}

void StartupNotice::keyPressEvent(QKeyEvent *event) {
#if QT_CONFIG(clipboard)
    // Qt's own Ctrl+C (Windows only) would copy the joiners; elsewhere it copies nothing.
    if (event == QKeySequence::Copy) {
        QGuiApplication::clipboard()->setText(plainText(text()));
        event->accept();
        return;
    }
#endif
    QMessageBox::keyPressEvent(event);
}

bool StartupNotice::eventFilter(QObject *watched, QEvent *event) {
#if QT_CONFIG(clipboard)
    const auto *label = qobject_cast<QLabel *>(watched);
    if (label && event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event) == QKeySequence::Copy &&
        label->hasSelectedText()) {
        QGuiApplication::clipboard()->setText(plainText(label->selectedText()));
        return true;
    }
#endif
    return QMessageBox::eventFilter(watched, event);
}

QStringList StartupNotice::lineTexts(int width) const {
    QTextDocument document;
    const QLabel *label = textLabel();
    document.setDefaultFont(label ? label->font() : font());
    document.setDocumentMargin(0);
    document.setPlainText(text());
    document.setTextWidth(width);
    document.documentLayout()->documentSize(); // lays the whole text out
    QStringList lines;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        const QTextLayout *layout = block.layout();
        for (int i = 0; i < layout->lineCount(); ++i)
            lines << plainText(
                block.text().mid(layout->lineAt(i).textStart(), layout->lineAt(i).textLength()));
    }
    return lines;
}

} // namespace noc
