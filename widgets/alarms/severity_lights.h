#pragma once

#include "cache/cache_reader.h"

#include <QList>
#include <QWidget>

class QToolButton;

namespace noc {

// The row of severity lights above the alarm list: active alarms per severity, total and
// unacknowledged. A light is a checkable button; the checked lights are the list's severity filter
// (none checked = every severity).
class SeverityLights : public QWidget {
    Q_OBJECT
public:
    explicit SeverityLights(QWidget *parent = nullptr);

    void setCounts(const QList<SeverityCount> &counts);
    // Bit per severity code (0 = critical); 0 = none checked.
    quint8 checkedMask() const;
    void setCheckedMask(quint8 mask);
    QToolButton *light(int severityCode) const { return m_lights.value(severityCode); }

signals:
    void maskChanged(quint8 mask);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QList<QToolButton *> m_lights; // by severity code 0..4 (cleared has no light)
    QList<SeverityCount> m_counts;
};

} // namespace noc
