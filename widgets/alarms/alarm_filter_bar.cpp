#include "alarm_filter_bar.h"

#include "alarm_vocabulary.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMap>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace noc {

namespace {

// Why 250 ms: typing "link down" must not run a search per key, yet the list should follow the
// typing without feeling late.
constexpr int kDebounceMs = 250;
constexpr qint64 kHourMs = 3600'000;

const QLatin1String kRegionPrefix("region:");
const QLatin1String kSitePrefix("site:");

QString activityKey(AlarmActivity a) {
    return a == AlarmActivity::Cleared ? QStringLiteral("cleared")
           : a == AlarmActivity::All   ? QStringLiteral("all")
                                       : QStringLiteral("active");
}

} // namespace

AlarmQuery AlarmFilterState::applyTo(AlarmQuery q, EpochMs nowMs) const {
    q.severityMask = severityMask;
    q.activity = activity;
    q.ack = ack;
    q.region = siteId.isEmpty() ? region : QString();
    q.siteId = siteId;
    q.elementId = elementId;
    q.alarmType = alarmType;
    q.text = text;
    q.hideCorrelatedChildren = hideCorrelatedChildren;
    q.raisedFrom = 0;
    q.raisedTo = 0;
    switch (timeRange) {
    case TimeRange::Any:
        break;
    case TimeRange::LastHour:
        q.raisedFrom = nowMs - kHourMs;
        break;
    case TimeRange::LastDay:
        q.raisedFrom = nowMs - 24 * kHourMs;
        break;
    case TimeRange::LastWeek:
        q.raisedFrom = nowMs - 7 * 24 * kHourMs;
        break;
    case TimeRange::Custom:
        q.raisedFrom = raisedFrom;
        q.raisedTo = raisedTo;
        break;
    }
    return q;
}

QJsonObject AlarmFilterState::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("severityMask"), int(severityMask));
    o.insert(QStringLiteral("activity"), activityKey(activity));
    if (ack)
        o.insert(QStringLiteral("ack"), *ack == AckState::Acknowledged ? QStringLiteral("acknowledged")
                                                                       : QStringLiteral("unacknowledged"));
    o.insert(QStringLiteral("region"), region);
    o.insert(QStringLiteral("siteId"), siteId);
    o.insert(QStringLiteral("elementId"), elementId);
    o.insert(QStringLiteral("alarmType"), alarmType);
    o.insert(QStringLiteral("timeRange"), int(timeRange));
    o.insert(QStringLiteral("raisedFrom"), double(raisedFrom));
    o.insert(QStringLiteral("raisedTo"), double(raisedTo));
    o.insert(QStringLiteral("text"), text);
    o.insert(QStringLiteral("hideCorrelatedChildren"), hideCorrelatedChildren);
    return o;
}

AlarmFilterState AlarmFilterState::fromJson(const QJsonObject &o) {
    AlarmFilterState s;
    s.severityMask = quint8(o.value(QLatin1String("severityMask")).toInt() & 0x3f);
    const QString activity = o.value(QLatin1String("activity")).toString();
    s.activity = activity == QLatin1String("cleared") ? AlarmActivity::Cleared
                 : activity == QLatin1String("all")   ? AlarmActivity::All
                                                      : AlarmActivity::Active;
    const QString ack = o.value(QLatin1String("ack")).toString();
    if (ack == QLatin1String("acknowledged"))
        s.ack = AckState::Acknowledged;
    else if (ack == QLatin1String("unacknowledged"))
        s.ack = AckState::Unacknowledged;
    s.region = o.value(QLatin1String("region")).toString();
    s.siteId = o.value(QLatin1String("siteId")).toString();
    s.elementId = o.value(QLatin1String("elementId")).toString();
    s.alarmType = o.value(QLatin1String("alarmType")).toString();
    s.timeRange =
        TimeRange(std::clamp(o.value(QLatin1String("timeRange")).toInt(), 0, int(TimeRange::Custom)));
    s.raisedFrom = EpochMs(o.value(QLatin1String("raisedFrom")).toDouble());
    s.raisedTo = EpochMs(o.value(QLatin1String("raisedTo")).toDouble());
    s.text = o.value(QLatin1String("text")).toString();
    s.hideCorrelatedChildren = o.value(QLatin1String("hideCorrelatedChildren")).toBool();
    return s;
}

AlarmFilterBar::AlarmFilterBar(const QList<Site> &sites, QWidget *parent)
    : QWidget(parent) {
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("alarmSearch"));
    m_activity = new QComboBox(this);
    m_ack = new QComboBox(this);
    m_place = new QComboBox(this);
    m_place->setObjectName(QStringLiteral("alarmPlace"));
    m_element = new QLineEdit(this);
    m_element->setClearButtonEnabled(true);
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("alarmType"));
    m_time = new QComboBox(this);
    m_time->setObjectName(QStringLiteral("alarmTimeRange"));
    m_from = new QDateTimeEdit(this);
    m_to = new QDateTimeEdit(this);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setDateTime(QDateTime::currentDateTime());
    }
    m_from->setDateTime(QDateTime::currentDateTime().addDays(-1));
    m_hideChildren = new QCheckBox(this);
    m_hideChildren->setObjectName(QStringLiteral("alarmHideChildren"));
    m_clear = new QToolButton(this);

    for (int i = 0; i < 3; ++i)
        m_activity->addItem(QString());
    for (int i = 0; i < 3; ++i)
        m_ack->addItem(QString());
    for (int i = 0; i < 5; ++i)
        m_time->addItem(QString());
    // Regions with their sites under them: one box narrows to either.
    m_place->addItem(QString());
    QMap<QString, QList<Site>> byRegion;
    for (const Site &s : sites)
        byRegion[s.region].append(s);
    for (auto it = byRegion.begin(); it != byRegion.end(); ++it) {
        if (!it.key().isEmpty())
            m_place->addItem(it.key(), kRegionPrefix + it.key());
        std::sort(it->begin(), it->end(), [](const Site &a, const Site &b) { return a.name < b.name; });
        for (const Site &s : std::as_const(*it))
            m_place->addItem(QStringLiteral("    ") + (s.name.isEmpty() ? s.id : s.name), kSitePrefix + s.id);
    }
    m_type->addItem(QString());
    for (const QString &code : alarmvocabulary::alarmTypeCodes())
        m_type->addItem(QString(), code);

    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    auto *first = new QHBoxLayout;
    first->addWidget(m_search, 3);
    first->addWidget(m_element, 1);
    first->addWidget(m_place);
    first->addWidget(m_type);
    rows->addLayout(first);
    auto *second = new QHBoxLayout;
    second->addWidget(m_activity);
    second->addWidget(m_ack);
    second->addWidget(m_time);
    second->addWidget(m_from);
    second->addWidget(m_to);
    second->addWidget(m_hideChildren);
    second->addStretch(1);
    second->addWidget(m_clear);
    rows->addLayout(second);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &AlarmFilterBar::changed);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_element, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_activity, m_ack, m_place, m_type})
        connect(box, &QComboBox::currentIndexChanged, this, &AlarmFilterBar::changed);
    connect(m_time, &QComboBox::currentIndexChanged, this, [this] {
        updateCustomRange();
        emit changed();
    });
    for (QDateTimeEdit *edit : {m_from, m_to})
        connect(edit, &QDateTimeEdit::dateTimeChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_hideChildren, &QCheckBox::toggled, this, &AlarmFilterBar::changed);
    connect(m_clear, &QToolButton::clicked, this, &AlarmFilterBar::clearRequested);
    updateCustomRange();
    retranslate();
}

void AlarmFilterBar::setDebounce(int ms) {
    m_debounce->setInterval(ms);
}

AlarmFilterState AlarmFilterBar::state(quint8 severityMask) const {
    AlarmFilterState s;
    s.severityMask = severityMask;
    s.activity = m_activity->currentIndex() == 1   ? AlarmActivity::Cleared
                 : m_activity->currentIndex() == 2 ? AlarmActivity::All
                                                   : AlarmActivity::Active;
    s.ack = m_ack->currentIndex() == 1   ? std::optional(AckState::Unacknowledged)
            : m_ack->currentIndex() == 2 ? std::optional(AckState::Acknowledged)
                                         : std::nullopt;
    const QString place = m_place->currentData().toString();
    if (place.startsWith(kRegionPrefix))
        s.region = place.mid(kRegionPrefix.size());
    else if (place.startsWith(kSitePrefix))
        s.siteId = place.mid(kSitePrefix.size());
    s.elementId = m_element->text().trimmed();
    s.alarmType = m_type->currentData().toString();
    s.timeRange = AlarmFilterState::TimeRange(std::max(0, m_time->currentIndex()));
    if (s.timeRange == AlarmFilterState::TimeRange::Custom) {
        s.raisedFrom = m_from->dateTime().toMSecsSinceEpoch();
        s.raisedTo = m_to->dateTime().toMSecsSinceEpoch();
    }
    s.text = m_search->text().trimmed();
    s.hideCorrelatedChildren = m_hideChildren->isChecked();
    return s;
}

void AlarmFilterBar::setState(const AlarmFilterState &s) {
    const QSignalBlocker b1(m_search), b2(m_element), b3(m_activity), b4(m_ack), b5(m_place), b6(m_type),
        b7(m_time), b8(m_from), b9(m_to), b10(m_hideChildren);
    m_search->setText(s.text);
    m_element->setText(s.elementId);
    m_activity->setCurrentIndex(s.activity == AlarmActivity::Cleared ? 1
                                : s.activity == AlarmActivity::All   ? 2
                                                                     : 0);
    m_ack->setCurrentIndex(!s.ack ? 0 : *s.ack == AckState::Unacknowledged ? 1 : 2);
    const QString place = !s.siteId.isEmpty()   ? kSitePrefix + s.siteId
                          : !s.region.isEmpty() ? kRegionPrefix + s.region
                                                : QString();
    m_place->setCurrentIndex(std::max(0, m_place->findData(place.isEmpty() ? QVariant() : QVariant(place))));
    m_type->setCurrentIndex(
        std::max(0, m_type->findData(s.alarmType.isEmpty() ? QVariant() : QVariant(s.alarmType))));
    m_time->setCurrentIndex(int(s.timeRange));
    if (s.timeRange == AlarmFilterState::TimeRange::Custom) {
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(s.raisedFrom));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(s.raisedTo));
    }
    m_hideChildren->setChecked(s.hideCorrelatedChildren);
    m_debounce->stop();
    updateCustomRange();
}

void AlarmFilterBar::setElement(const QString &elementId) {
    {
        const QSignalBlocker block(m_element);
        m_element->setText(elementId);
    }
    m_debounce->stop();
    emit changed();
}

void AlarmFilterBar::updateCustomRange() {
    const bool custom = m_time->currentIndex() == int(AlarmFilterState::TimeRange::Custom);
    m_from->setVisible(custom);
    m_to->setVisible(custom);
}

void AlarmFilterBar::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AlarmFilterBar::retranslate() {
    m_search->setPlaceholderText(tr("Search alarms: cause, problem, element…"));
    m_search->setToolTip(tr("Search the listed alarms (Ctrl+F)"));
    m_activity->setItemText(0, tr("Active"));
    m_activity->setItemText(1, tr("Cleared"));
    m_activity->setItemText(2, tr("Active and cleared"));
    m_activity->setToolTip(tr("Which alarms to list"));
    m_ack->setItemText(0, tr("Any acknowledgement"));
    m_ack->setItemText(1, tr("Unacknowledged"));
    m_ack->setItemText(2, tr("Acknowledged"));
    m_place->setItemText(0, tr("All regions and sites"));
    m_place->setToolTip(tr("A region, or one site of it"));
    m_element->setPlaceholderText(tr("Element id"));
    m_type->setItemText(0, tr("All alarm types"));
    for (int i = 1; i < m_type->count(); ++i)
        m_type->setItemText(i, alarmvocabulary::alarmTypeText(m_type->itemData(i).toString()));
    m_type->setToolTip(tr("X.733 alarm type"));
    m_time->setItemText(0, tr("Any time"));
    m_time->setItemText(1, tr("Raised in the last hour"));
    m_time->setItemText(2, tr("Raised in the last 24 hours"));
    m_time->setItemText(3, tr("Raised in the last 7 days"));
    m_time->setItemText(4, tr("Raised between…"));
    m_time->setToolTip(tr("When the alarms were raised"));
    m_from->setToolTip(tr("Raised at or after"));
    m_to->setToolTip(tr("Raised at or before"));
    m_hideChildren->setText(tr("Hide correlated children"));
    m_hideChildren->setToolTip(tr("List root causes and uncorrelated alarms only"));
    // "Reset", not "Clear": the alarm action beside it is "Clear" (clears the selected alarms).
    m_clear->setText(tr("Reset filters"));
    m_clear->setToolTip(tr("Show every active alarm again: no search text, place, type, time or severity"));
}

} // namespace noc
