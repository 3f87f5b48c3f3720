#include "alarm_details_view.h"

#include "alarm_table_model.h"
#include "alarm_vocabulary.h"
#include "cache/cache_reader.h"
#include "cache/row_codec.h"
#include "display_time.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

namespace noc {

namespace {

QString row(const QString &label, const QString &value) {
    if (value.isEmpty())
        return {};
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

AlarmDetailsView::AlarmDetailsView(CacheReader &reader, QWidget *parent)
    : QWidget(parent)
    , m_reader(reader) {
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    m_mapButton = new QPushButton(this);
    m_mapButton->setObjectName(QStringLiteral("showOnMap"));
    connect(m_mapButton, &QPushButton::clicked, this, [this] {
        if (!m_elementId.isEmpty())
            emit showOnMap(m_elementId);
    });
    top->addWidget(m_title, 1);
    top->addWidget(m_mapButton);
    layout->addLayout(top);
    m_body = new QTextBrowser(this);
    m_body->setOpenLinks(false);
    layout->addWidget(m_body, 1);
    render();
}

void AlarmDetailsView::showAlarm(const QString &alarmId) {
    m_alarmId = alarmId;
    render();
}

QString AlarmDetailsView::plainText() const {
    return m_title->text() + QLatin1Char('\n') + m_body->toPlainText();
}

void AlarmDetailsView::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        render();
    QWidget::changeEvent(event);
}

void AlarmDetailsView::render() {
    m_mapButton->setText(tr("Show on map"));
    m_elementId.clear();
    const std::optional<Alarm> found = m_alarmId.isEmpty() ? std::nullopt : m_reader.alarm(m_alarmId);
    if (!found) {
        m_title->setText(tr("No alarm selected"));
        m_body->setHtml(QStringLiteral("<p>%1</p>")
                            .arg(tr("Select an alarm in the list to see its details.").toHtmlEscaped()));
        m_mapButton->setEnabled(false);
        m_mapButton->setToolTip(tr("Select an alarm first.")); // not the last alarm's element
        return;
    }
    const Alarm &a = *found;
    m_elementId = a.alarmedObjectId;
    const int sev = rowcodec::severityCode(a.perceivedSeverity);
    const std::optional<NetworkElement> element = m_reader.element(a.alarmedObjectId);
    const std::optional<Site> site = element ? m_reader.site(element->siteId) : std::nullopt;
    m_title->setText(tr("%1 alarm on %2: %3")
                         .arg(AlarmTableModel::severityName(sev), element ? element->name : a.alarmedObjectId,
                              alarmvocabulary::probableCauseText(a.probableCause)));
    m_mapButton->setEnabled(!a.alarmedObjectId.isEmpty());
    m_mapButton->setToolTip(a.alarmedObjectId.isEmpty() ? tr("This alarm names no network element.")
                                                        : tr("Select %1 on the map").arg(a.alarmedObjectId));

    QString html = QStringLiteral("<table>");
    html += row(tr("Alarm id"), a.id);
    html += row(tr("External id"), a.externalAlarmId);
    html += row(tr("Severity"), AlarmTableModel::severityName(sev));
    html += row(tr("State"), AlarmTableModel::stateName(rowcodec::alarmStateCode(a.state)));
    html += row(tr("Acknowledged"), a.ackState == AckState::Acknowledged ? tr("Yes") : tr("No"));
    html += row(tr("Alarm type"), alarmvocabulary::alarmTypeText(a.alarmType));
    html += row(tr("Probable cause"), alarmvocabulary::probableCauseText(a.probableCause));
    html += row(tr("Specific problem"), a.specificProblem);
    html += row(tr("Alarmed object"), QStringLiteral("%1 (%2)").arg(a.alarmedObjectId, a.alarmedObjectType));
    html += row(tr("Source system"), a.sourceSystemId);
    html += row(tr("Service affecting"), a.serviceAffecting ? tr("Yes") : tr("No"));
    html += row(tr("Root cause"), a.isRootCause ? tr("Yes") : QString());
    html += row(tr("Parent alarms"), a.parentAlarmIds.join(QStringLiteral(", ")));
    html += row(tr("Correlated alarms"), m_reader.childAlarmIds(a.id).join(QStringLiteral(", ")));
    if (m_reader.isAlarmPending(a.id))
        html += row(tr("Pending"), tr("A change made here is waiting for the server to confirm it."));
    html += QStringLiteral("</table>");

    // History from the alarm's own timestamps and the users the server recorded.
    html += QStringLiteral("<h4>%1</h4><ul>").arg(tr("History").toHtmlEscaped());
    QList<QPair<EpochMs, QString>> events;
    events.append({a.alarmRaisedTime, tr("Raised")});
    if (a.alarmChangedTime > 0 && a.alarmChangedTime != a.alarmRaisedTime)
        events.append({a.alarmChangedTime, tr("Last changed")});
    if (a.ackState == AckState::Acknowledged)
        events.append({0, tr("Acknowledged by %1 (%2)").arg(a.ackUserId, a.ackSystemId)});
    if (a.alarmClearedTime > 0)
        events.append({a.alarmClearedTime,
                       tr("Cleared by %1").arg(a.clearUserId.isEmpty() ? a.clearSystemId : a.clearUserId)});
    for (const auto &c : a.comments)
        events.append({c.time, tr("Comment by %1: %2").arg(c.userId, c.comment)});
    std::stable_sort(events.begin(), events.end(),
                     [](const auto &x, const auto &y) { return x.first < y.first; });
    for (const auto &e : events)
        html += QStringLiteral("<li>%1 %2</li>")
                    .arg(localDateTimeText(e.first).toHtmlEscaped(), e.second.toHtmlEscaped());
    html += QStringLiteral("</ul>");

    TicketFilter tf;
    tf.relatedEntityId = a.id;
    const QList<TroubleTicket> tickets = m_reader.tickets(tf, 20, false);
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Tickets").toHtmlEscaped());
    if (tickets.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("No ticket for this alarm.").toHtmlEscaped());
    for (const auto &t : tickets)
        html += QStringLiteral("<p>%1 · %2</p>").arg(t.id.toHtmlEscaped(), t.name.toHtmlEscaped());

    html += QStringLiteral("<h4>%1</h4><table>").arg(tr("Element").toHtmlEscaped());
    if (element) {
        html += row(tr("Name"), element->name);
        html +=
            row(tr("Vendor / model"), QStringLiteral("%1 %2").arg(element->vendor, element->model).trimmed());
        html += row(tr("Management IP"), element->mgmtIp);
        html +=
            row(tr("Site"), site ? QStringLiteral("%1 (%2)").arg(site->name, site->region) : element->siteId);
        html += row(tr("Operational state"), element->operationalState);
    } else {
        html += row(tr("Name"), tr("%1 (not in the inventory)").arg(a.alarmedObjectId));
    }
    html += QStringLiteral("</table>");
    m_body->setHtml(html);
}

} // namespace noc
