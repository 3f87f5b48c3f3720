#pragma once

#include "alarm_index.h"
#include "domain/types.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QToolButton;

namespace noc {

struct Site;

// What the quick filter bar (and the severity lights) select, in a form that can be saved under a
// name: relative time ranges stay relative ("last 24 h" means the last 24 h when the view is applied).
struct AlarmFilterState {
    enum class TimeRange { Any, LastHour, LastDay, LastWeek, Custom };

    quint8 severityMask = 0; // lights; 0 = every severity
    AlarmActivity activity = AlarmActivity::Active;
    std::optional<AckState> ack;
    QString region; // either a region ...
    QString siteId; // ... or one site of it
    QString elementId;
    QString alarmType; // canonical X.733 code
    TimeRange timeRange = TimeRange::Any;
    EpochMs raisedFrom = 0; // Custom only
    EpochMs raisedTo = 0;
    QString text;
    bool hideCorrelatedChildren = false;

    // The query members the filter owns; sort, linger and the rest of `base` stay.
    AlarmQuery applyTo(AlarmQuery base, EpochMs nowMs) const;
    QJsonObject toJson() const;
    static AlarmFilterState fromJson(const QJsonObject &json);
    friend bool operator==(const AlarmFilterState &, const AlarmFilterState &) = default;
};

// The quick filter bar above the alarm list: free text, active/cleared, acknowledgement, region or
// site, element, alarm type and raised-time range (custom from-to shows two date fields). The
// severity set is the lights' (SeverityLights); the bar carries it in its state untouched.
// changed() is emitted at once for choices and debounced for typing.
class AlarmFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit AlarmFilterBar(const QList<Site> &sites, QWidget *parent = nullptr);

    AlarmFilterState state(quint8 severityMask) const;
    // Sets every control without emitting changed().
    void setState(const AlarmFilterState &state);
    void setElement(const QString &elementId);

    QLineEdit *searchField() const { return m_search; }
    QComboBox *alarmTypeBox() const { return m_type; }
    QComboBox *timeRangeBox() const { return m_time; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }
    QComboBox *placeBox() const { return m_place; }
    QCheckBox *hideChildrenBox() const { return m_hideChildren; }
    // Typing debounce (ms); tests set 0.
    void setDebounce(int ms);

signals:
    void changed();
    void clearRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateCustomRange();

    QLineEdit *m_search = nullptr;
    QComboBox *m_activity = nullptr;
    QComboBox *m_ack = nullptr;
    QComboBox *m_place = nullptr;
    QLineEdit *m_element = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_time = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QCheckBox *m_hideChildren = nullptr;
    QToolButton *m_clear = nullptr;
    class QTimer *m_debounce = nullptr;
};

} // namespace noc
