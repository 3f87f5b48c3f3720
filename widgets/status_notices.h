#pragma once

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QWidget>

class QDialog;
class QLabel;
class QPlainTextEdit;
class QTimer;
class QToolButton;

// The status bar's notices (MainWindow::showNotice): the latest one at the left for a while, cut in
// the middle with "…" when it does not fit (a path keeps its file name) and whole in its tooltip; and
// the last few, with their times, behind a "Recent notices" button, where one that went away or was
// cut short can still be read and copied.
namespace noc {

class StatusNotices : public QWidget {
    Q_OBJECT
public:
    explicit StatusNotices(QWidget *parent = nullptr);

    // Shows `text` for kShowMs and keeps it in the history.
    void post(const QString &text);
    // The notice shown now, whole (empty once it went away), and as drawn (maybe elided).
    QString currentText() const { return m_current; }
    QString displayedText() const;
    void clearCurrent();
    // Newest first, each "hh:mm:ss  text".
    QStringList history() const;
    QToolButton *historyButton() const { return m_historyButton; }
    // The recent notices in a small window of their own (not modal; text can be selected).
    QDialog *openHistory();

    // Long enough to read a path after looking back from the file manager, short enough not to be
    // taken for a state.
    static constexpr int kShowMs = 10000;
    static constexpr int kKeep = 20;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateLabel();
    void updateHistoryView();
    void retranslateUi();

    struct Entry {
        QDateTime time;
        QString text;
    };
    QList<Entry> m_entries; // newest first
    QString m_current;
    QLabel *m_label = nullptr;
    QToolButton *m_historyButton = nullptr;
    QTimer *m_hideTimer = nullptr;
    QPointer<QDialog> m_historyDialog;
    QPlainTextEdit *m_historyView = nullptr;
};

} // namespace noc
