#include "ticket_loader.h"

#include "logging.h"

#include <QElapsedTimer>
#include <QSet>

namespace noc {

TicketLoader::TicketLoader(const QString &cachePath, QObject *parent)
    : QObject(parent)
    , m_path(cachePath) {}

bool TicketLoader::ensureOpen() {
    if (m_reader.isOpen())
        return true;
    if (!m_reader.open(m_path)) {
        logging::logger("ui")->warn("ticket queue: cannot open cache {}: {}", m_path.toStdString(),
                                    m_reader.lastError().message.toStdString());
        return false;
    }
    return true;
}

void TicketLoader::resolvePlace(TicketRow &row) {
    if (row.elementId.isEmpty())
        return;
    auto it = m_places.constFind(row.elementId);
    if (it == m_places.constEnd()) {
        QPair<QString, QString> place;
        if (const auto element = m_reader.element(row.elementId)) {
            place.first = element->name;
            if (!element->siteId.isEmpty()) {
                const auto site = m_reader.site(element->siteId);
                place.second = site ? site->name : element->siteId;
            }
        }
        it = m_places.insert(row.elementId, place);
    }
    if (!it->first.isEmpty())
        row.elementName = it->first;
    row.siteName = it->second;
}

void TicketLoader::loadAll(quint64 generation) {
    QList<TicketRow> rows;
    m_places.clear();
    if (ensureOpen()) {
        QElapsedTimer timer;
        timer.start();
        // Details are needed for the assignee, team and element columns; notes come along, which
        // costs memory only for the duration of this call.
        const QList<TroubleTicket> tickets = m_reader.tickets({}, -1, true);
        TicketFilter pendingFilter;
        pendingFilter.pendingOnly = true;
        QSet<QString> pending;
        for (const TroubleTicket &t : m_reader.tickets(pendingFilter, -1, false))
            pending.insert(t.id);
        rows.reserve(tickets.size());
        for (const TroubleTicket &t : tickets) {
            TicketRow row = makeTicketRow(t, pending.contains(t.id));
            resolvePlace(row);
            rows.append(row);
        }
        logging::logger("ui")->info("ticket queue: loaded {} tickets in {} ms", rows.size(), timer.elapsed());
    }
    emit loaded(generation, rows);
}

void TicketLoader::fetch(quint64 generation, const QStringList &ids) {
    QList<TicketRow> rows;
    QStringList missing;
    if (ensureOpen()) {
        for (const QString &id : ids) {
            const auto ticket = m_reader.ticket(id);
            if (!ticket) {
                missing.append(id);
                continue;
            }
            TicketRow row = makeTicketRow(*ticket, m_reader.isTicketPending(id));
            m_places.remove(row.elementId); // the element may have been renamed in the same change
            resolvePlace(row);
            rows.append(row);
        }
    }
    emit fetched(generation, rows, missing);
}

} // namespace noc
