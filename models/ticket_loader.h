#pragma once

#include "cache/cache_reader.h"
#include "ticket_row.h"

#include <QHash>
#include <QObject>
#include <QPair>

namespace noc {

// Reads ticket rows for TicketQueueModel on the model's worker thread, with its own cache
// connection, so that loading tens of thousands of tickets never blocks the GUI thread. Lives on
// that thread; results go back by queued signals tagged with the request's generation, so that the
// model can drop answers to requests it no longer wants.
class TicketLoader : public QObject {
    Q_OBJECT
public:
    explicit TicketLoader(const QString &cachePath, QObject *parent = nullptr);

    void loadAll(quint64 generation);
    void fetch(quint64 generation, const QStringList &ids);

signals:
    void loaded(quint64 generation, const QList<noc::TicketRow> &rows);
    // `missing`: ids no longer in the cache (removed tickets).
    void fetched(quint64 generation, const QList<noc::TicketRow> &rows, const QStringList &missing);

private:
    bool ensureOpen();
    void resolvePlace(TicketRow &row);

    QString m_path;
    CacheReader m_reader;
    // element id -> (element name, site name); inventory changes rarely, and one load asks for the
    // same elements many times. Cleared on every full load.
    QHash<QString, QPair<QString, QString>> m_places;
};

} // namespace noc
