#include "severity_lights.h"

#include "alarm_style.h"
#include "alarm_table_model.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLocale>
#include <QToolButton>

namespace noc {

namespace {
constexpr int kLights = 5; // critical .. indeterminate
}

SeverityLights::SeverityLights(QWidget *parent)
    : QWidget(parent) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    for (int code = 0; code < kLights; ++code) {
        auto *b = new QToolButton(this);
        b->setCheckable(true);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setIcon(alarmstyle::severityIcon(code, 18));
        b->setAutoRaise(false);
        b->setObjectName(QStringLiteral("severityLight%1").arg(code));
        // The checked light carries its severity colour as a frame, so the active filter is visible.
        b->setStyleSheet(QStringLiteral("QToolButton { padding: 3px 8px; border: 1px solid palette(mid); "
                                        "border-radius: 4px; }"
                                        "QToolButton:checked { border: 2px solid %1; background: %2; }")
                             .arg(alarmstyle::severityColor(code).name(),
                                  alarmstyle::severityColor(code).lighter(180).name()));
        connect(b, &QToolButton::toggled, this, [this] { emit maskChanged(checkedMask()); });
        layout->addWidget(b);
        m_lights.append(b);
    }
    layout->addStretch(1);
    for (int code = 0; code < 6; ++code)
        m_counts.append({Severity::Indeterminate, 0, 0});
    retranslate();
}

void SeverityLights::setCounts(const QList<SeverityCount> &counts) {
    m_counts = counts;
    retranslate();
}

quint8 SeverityLights::checkedMask() const {
    quint8 mask = 0;
    for (int code = 0; code < m_lights.size(); ++code)
        if (m_lights[code]->isChecked())
            mask |= quint8(1u << code);
    return mask;
}

void SeverityLights::setCheckedMask(quint8 mask) {
    for (int code = 0; code < m_lights.size(); ++code) {
        const QSignalBlocker block(m_lights[code]);
        m_lights[code]->setChecked(mask & (1u << code));
    }
}

void SeverityLights::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SeverityLights::retranslate() {
    const QLocale locale;
    for (int code = 0; code < m_lights.size(); ++code) {
        const qint64 total = code < m_counts.size() ? m_counts[code].total : 0;
        const qint64 unack = code < m_counts.size() ? m_counts[code].unacknowledged : 0;
        m_lights[code]->setText(
            tr("%1 %2 (%3 unack.)")
                .arg(AlarmTableModel::severityName(code), locale.toString(total), locale.toString(unack)));
        m_lights[code]->setToolTip(tr("%1 active %2 alarms, %3 not acknowledged. Click to show only these; "
                                      "click several to combine.")
                                       .arg(locale.toString(total),
                                            AlarmTableModel::severityName(code).toLower(),
                                            locale.toString(unack)));
    }
}

} // namespace noc
