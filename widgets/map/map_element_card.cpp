#include "map_element_card.h"

#include "map/map_style.h"
#include "ticket_row.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextLayout>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace noc {

MapElementCard::MapElementCard(QWidget *parent)
    : QFrame(parent) {
    setObjectName(QStringLiteral("mapElementCard"));
    setStyleSheet(
        QStringLiteral("#mapElementCard { background: rgba(255,255,255,235); border: 1px solid #b0bec5;"
                       " border-radius: 4px; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->setSpacing(4);
    m_body = new QLabel(this);
    m_body->setTextFormat(Qt::RichText);
    m_body->setWordWrap(true);
    m_body->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_body->setMinimumWidth(220);
    m_body->setMaximumWidth(320);
    connect(m_body, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("ticket:")))
            emit ticketRequested(link.mid(7));
    });
    layout->addWidget(m_body, 1);
    auto *side = new QVBoxLayout;
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("×"));
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        emit closed();
    });
    side->addWidget(m_close);
    side->addStretch(1);
    layout->addLayout(side);
    hide();
}

QString MapElementCard::categoryName(ElementCategory category) {
    switch (category) {
    case ElementCategory::Router:
        return tr("Router");
    case ElementCategory::Switch:
        return tr("Switch");
    case ElementCategory::Olt:
        return tr("OLT");
    case ElementCategory::Bts:
        return tr("Base station");
    case ElementCategory::Microwave:
        return tr("Microwave");
    case ElementCategory::Firewall:
        return tr("Firewall");
    case ElementCategory::Server:
        return tr("Server");
    case ElementCategory::Power:
        return tr("Power");
    case ElementCategory::Other:
        break;
    }
    return tr("Other");
}

QString MapElementCard::severityName(Severity severity) {
    switch (severity) {
    case Severity::Critical:
        return tr("Critical");
    case Severity::Major:
        return tr("Major");
    case Severity::Minor:
        return tr("Minor");
    case Severity::Warning:
        return tr("Warning");
    case Severity::Indeterminate:
        return tr("Indeterminate");
    case Severity::Cleared:
        break;
    }
    return tr("No active alarm");
}

void MapElementCard::showNode(const TopologyNode &node, const QString &siteName, const QString &regionName,
                              const ElementStatus &status) {
    m_id = node.id;
    m_node = node;
    m_siteName = siteName;
    m_regionName = regionName;
    m_status = status;
    m_element.reset();
    m_tickets.clear();
    m_haveCache = false;
    render();
    show();
    raise();
}

void MapElementCard::setCacheDetails(const QString &elementId, const std::optional<NetworkElement> &element,
                                     const QList<TroubleTicket> &openTickets) {
    if (elementId != m_id)
        return;
    m_element = element;
    m_tickets = openTickets;
    m_haveCache = true;
    render();
}

// Rows mix Latin text (IPs, names) with Chinese (the zh_CN labels, or names given in Chinese), and
// Chinese falls back to a CJK font whose lines are taller than the UI font's (Noto Sans CJK ~1.45 em,
// DejaVu Sans ~1.16 em). Left to themselves a row of Latin text alone is shorter than one with Chinese,
// and in a row of both the shorter cell's baseline sits higher than its neighbour's. Every line of the
// card's rows is therefore given one fixed height, that of the tallest line any of them would have; a
// fixed height puts each line's baseline at the same place (4/5 of it), so cells of a row line up too.
int MapElementCard::rowLineHeight(const QStringList &texts) const {
    QTextLayout layout(texts.join(QLatin1Char(' ')), m_body->font());
    layout.beginLayout();
    const QTextLine line = layout.createLine(); // unbounded width: one line holding every script used
    layout.endLayout();
    return int(std::ceil(line.height()));
}

void MapElementCard::render() {
    struct Row {
        QString label, value; // value in rich text
    };
    QList<Row> rows;
    rows.append({tr("Type"), categoryName(m_node.category).toHtmlEscaped()});
    if (!m_node.mgmtIp.isEmpty())
        rows.append({tr("IP"), m_node.mgmtIp.toHtmlEscaped()});
    if (m_element && !(m_element->vendor + m_element->model).isEmpty())
        rows.append({tr("Model"),
                     (m_element->vendor + QLatin1Char(' ') + m_element->model).trimmed().toHtmlEscaped()});
    rows.append({tr("Site"), m_siteName.toHtmlEscaped()});
    rows.append({tr("Region"), m_regionName.toHtmlEscaped()});
    if (m_element && !m_element->operationalState.isEmpty()) {
        const bool up =
            m_element->operationalState.compare(QLatin1String("enable"), Qt::CaseInsensitive) == 0;
        rows.append({tr("State"), up ? tr("In service").toHtmlEscaped()
                                     : QStringLiteral("<span style=\"color:#c62828\">%1</span>")
                                           .arg(tr("Out of service").toHtmlEscaped())});
    }
    const QColor sev = mapstyle::severityColor(m_status.worst);
    rows.append(
        {tr("Alarm"),
         QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2%3")
             .arg(sev.name(), severityName(m_status.worst).toHtmlEscaped(),
                  m_status.linkDown ? QStringLiteral(" · ") + tr("link down").toHtmlEscaped() : QString())});
    QStringList lines; // every line below the title, in rich text
    if (m_haveCache) {
        if (m_tickets.isEmpty()) {
            lines << QStringLiteral("<span style=\"color:#607d8b\">%1</span>")
                         .arg(tr("No open tickets").toHtmlEscaped());
        } else {
            lines << QStringLiteral("<b>%1</b>")
                         .arg(tr("Open tickets (%n)", nullptr, int(m_tickets.size())).toHtmlEscaped());
            for (const TroubleTicket &t : std::as_const(m_tickets))
                lines << QStringLiteral(
                             "<a href=\"ticket:%1\" style=\"color:#1565c0;text-decoration:none\">%2</a>"
                             " <span style=\"color:#607d8b\">%3 · %4</span>")
                             .arg(t.id.toHtmlEscaped(), t.id.toHtmlEscaped(), t.name.left(40).toHtmlEscaped(),
                                  ticketStatusDisplayName(t.status).toHtmlEscaped());
        }
    }

    QStringList texts;
    for (const Row &r : std::as_const(rows))
        texts << r.label << QTextDocumentFragment::fromHtml(r.value).toPlainText();
    for (const QString &l : std::as_const(lines))
        texts << QTextDocumentFragment::fromHtml(l).toPlainText();
    const QString lineStyle =
        QStringLiteral("-qt-line-height-type:fixed;line-height:%1px").arg(rowLineHeight(texts));

    QString html =
        QStringLiteral("<b style=\"font-size:13px\">%1</b><table cellspacing=\"0\" cellpadding=\"1\">")
            .arg(m_node.name.toHtmlEscaped());
    for (const Row &r : std::as_const(rows))
        html += QStringLiteral("<tr><td style=\"color:#607d8b;padding-right:8px;%1\">%2</td>"
                               "<td style=\"%1\">%3</td></tr>")
                    .arg(lineStyle, r.label.toHtmlEscaped(), r.value);
    html += QStringLiteral("</table>");
    for (const QString &l : std::as_const(lines))
        html += QStringLiteral("<div style=\"%1\">%2</div>").arg(lineStyle, l);
    m_body->setText(html);
    adjustSize();
}

QString MapElementCard::text() const {
    QTextDocument doc;
    doc.setHtml(m_body->text());
    return doc.toPlainText();
}

void MapElementCard::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange && !m_id.isEmpty())
        render();
    QFrame::changeEvent(event);
}

} // namespace noc
