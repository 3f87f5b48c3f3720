#pragma once

#include "domain/types.h"

#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace noc {

class CacheReader;

// Everything about one alarm: every field, comments, its history (raised, changed, acknowledged,
// cleared, by whom), correlated alarms, related tickets and the element's quick facts.
// Reads the cache through the reader it is given (owned by the caller, same thread).
class AlarmDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit AlarmDetailsView(CacheReader &reader, QWidget *parent = nullptr);

    // Shows the alarm (re-read from the cache); an empty id shows the empty state.
    void showAlarm(const QString &alarmId);
    QString alarmId() const { return m_alarmId; }
    // The text shown (tests, copy).
    QString plainText() const;

signals:
    void showOnMap(const QString &elementId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();

    CacheReader &m_reader;
    QString m_alarmId;
    QString m_elementId;
    QLabel *m_title = nullptr;
    QTextBrowser *m_body = nullptr;
    QPushButton *m_mapButton = nullptr;
};

} // namespace noc
