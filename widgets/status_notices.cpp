#include "status_notices.h"

#include "display_time.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace noc {

StatusNotices::StatusNotices(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("statusNotices"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_historyButton = new QToolButton(this);
    m_historyButton->setObjectName(QStringLiteral("recentNoticesButton"));
    m_historyButton->setAutoRaise(true);
    m_historyButton->setIcon(style()->standardIcon(QStyle::SP_FileDialogDetailedView));
    m_historyButton->setIconSize(QSize(14, 14));
    m_historyButton->setVisible(false); // until there is something to look back at
    connect(m_historyButton, &QToolButton::clicked, this, &StatusNotices::openHistory);
    layout->addWidget(m_historyButton);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("notice"));
    // Never widens the window: the text is elided to whatever room the status bar leaves.
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_label->setMinimumWidth(0);
    m_label->setTextFormat(Qt::PlainText);
    layout->addWidget(m_label, 1);
    m_hideTimer = new QTimer(this);
    m_hideTimer->setSingleShot(true);
    m_hideTimer->setInterval(kShowMs);
    connect(m_hideTimer, &QTimer::timeout, this, &StatusNotices::clearCurrent);
    retranslateUi();
}

void StatusNotices::post(const QString &text) {
    m_current = text;
    m_entries.prepend({QDateTime::currentDateTime(), text});
    while (m_entries.size() > kKeep)
        m_entries.removeLast();
    m_historyButton->setVisible(true);
    m_hideTimer->start();
    updateLabel();
    updateHistoryView();
}

void StatusNotices::clearCurrent() {
    m_hideTimer->stop();
    m_current.clear();
    updateLabel();
}

QString StatusNotices::displayedText() const {
    return m_label->text();
}

QStringList StatusNotices::history() const {
    QStringList lines;
    for (const Entry &entry : m_entries)
        lines << localDateTimeText(entry.time.toMSecsSinceEpoch()) + QStringLiteral("  ") + entry.text;
    return lines;
}

void StatusNotices::updateLabel() {
    const int width = m_label->contentsRect().width();
    const QString shown =
        width > 0 ? m_label->fontMetrics().elidedText(m_current, Qt::ElideMiddle, width) : m_current;
    m_label->setText(shown);
    m_label->setToolTip(shown != m_current ? m_current : QString());
}

QDialog *StatusNotices::openHistory() {
    if (!m_historyDialog) {
        m_historyDialog = new QDialog(window());
        m_historyDialog->setObjectName(QStringLiteral("recentNotices"));
        m_historyDialog->setAttribute(Qt::WA_DeleteOnClose);
        auto *layout = new QVBoxLayout(m_historyDialog);
        m_historyView = new QPlainTextEdit(m_historyDialog);
        m_historyView->setReadOnly(true); // selectable and copyable: a path can be taken from here
        m_historyView->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        layout->addWidget(m_historyView);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_historyDialog);
        connect(buttons, &QDialogButtonBox::rejected, m_historyDialog, &QDialog::close);
        layout->addWidget(buttons);
        m_historyDialog->resize(560, 300);
        retranslateUi();
    }
    updateHistoryView();
    m_historyDialog->show();
    m_historyDialog->raise();
    m_historyDialog->activateWindow();
    return m_historyDialog;
}

void StatusNotices::updateHistoryView() {
    if (m_historyDialog)
        m_historyView->setPlainText(history().join(QStringLiteral("\n\n")));
}

void StatusNotices::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    updateLabel();
}

void StatusNotices::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::FontChange)
        updateLabel();
    QWidget::changeEvent(event);
}

void StatusNotices::retranslateUi() {
    m_historyButton->setToolTip(tr("Recent notices"));
    m_historyButton->setAccessibleName(tr("Recent notices"));
    if (m_historyDialog)
        m_historyDialog->setWindowTitle(tr("Recent notices"));
}

} // namespace noc
