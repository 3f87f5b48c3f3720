#pragma once

#include "cache/change_set.h"
#include "ticket_row.h"
#include "ticket_sla.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QThread>
#include <QTimer>
#include <array>
#include <functional>

namespace noc {

class TicketLoader;

enum class TicketQueue { Mine, Unassigned, MyTeam, AtRisk, Breached, AllOpen, RecentlyResolved };
inline constexpr int kTicketQueueCount = 7;

// All tickets of a cache as a flat table; queues, filters and sorting are TicketQueueFilterModel's.
// Rows are loaded once on a worker thread, then kept in step with the cache writer's ChangeSets:
// the ids of several commits are coalesced and read in one go (at most ~10 reads a second), and
// applied as row inserts, removals and dataChanged ranges, never as a reset.
// The SLA column counts down from due times held in memory: a timer re-evaluates them and signals
// dataChanged for that column only, for the rows whose shown value changed.
class TicketQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        Priority,
        Severity,
        Status,
        Title,
        Element,
        Assignee,
        Created,
        SlaDue,
        LastUpdate,
        ColumnCount
    };
    enum Role {
        TicketIdRole = Qt::UserRole + 1,
        SortRole,         // raw value to sort by (ranks, times)
        SlaStateRole,     // int(SlaState)
        SlaRemainingRole, // qint64 ms until due (negative when overdue); invalid without SLA
        StatusRole,       // int(TicketStatus)
        PendingRole,      // bool: a local change waits for the server
        AssigneeIdRole,
        TeamIdRole,
        ElementIdRole,
    };

    explicit TicketQueueModel(const QString &cachePath, QObject *parent = nullptr);
    ~TicketQueueModel() override;

    // Who "My tickets" and "My team" are about. Without explicit teams, the user's teams are those
    // of the tickets assigned to the user.
    void setUser(const QString &userId, const QStringList &teamIds = {});
    QString userId() const { return m_userId; }
    QStringList userTeams() const;

    // Tests: a fixed clock and short intervals. Production: the system clock, 100 ms coalescing
    // (≤ 10 reads/s, unnoticeable to a person) and a 1 s SLA tick.
    void setClock(std::function<EpochMs()> clock);
    void setCoalesceInterval(int ms) { m_flushTimer.setInterval(ms); }
    void setSlaTickInterval(int ms) { m_slaTimer.setInterval(ms); }
    EpochMs now() const;

    // Starts (or restarts) the full load; loaded() follows.
    void reload();
    bool isLoaded() const { return m_loaded; }
    // True when no change is waiting to be read.
    bool isIdle() const { return m_loaded && m_pendingIds.isEmpty() && !m_fetchInFlight; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    static QString ticketIdsMimeType();

    const TicketRow &rowAt(int row) const { return m_rows.at(row); }
    const QList<TicketRow> &rows() const { return m_rows; }
    int rowOf(const QString &id) const { return m_index.value(id, -1); }

    bool inQueue(const TicketRow &row, TicketQueue queue) const;
    int count(TicketQueue queue) const { return m_counts[size_t(queue)]; }
    static QString queueName(TicketQueue queue);

public slots:
    // Feed of the cache writer (SyncSession::committed).
    void applyChanges(const noc::ChangeSet &changes);
    // Re-evaluates SLA states now (the timer calls it).
    void tickSla();

signals:
    void loaded();
    void countsChanged();
    // A batch of changes has been applied (tests wait for it).
    void changesApplied();

private:
    void onLoaded(quint64 generation, const QList<noc::TicketRow> &rows);
    void onFetched(quint64 generation, const QList<noc::TicketRow> &rows, const QStringList &missing);
    void flush();
    void rebuildIndex();
    void recount();
    qint64 slaKey(const TicketRow &row, EpochMs now) const;
    void resetSlaKeys();

    QList<TicketRow> m_rows;
    QHash<QString, int> m_index;
    QList<qint64> m_slaKeys; // per row: what the SLA cell last showed (state and countdown unit)
    std::array<int, kTicketQueueCount> m_counts{};
    QString m_userId;
    QStringList m_explicitTeams;
    QSet<QString> m_derivedTeams;
    std::function<EpochMs()> m_clock;

    QThread m_thread;
    TicketLoader *m_loader = nullptr;
    quint64 m_generation = 0;
    bool m_loaded = false;
    bool m_fetchInFlight = false;
    QSet<QString> m_pendingIds;
    QTimer m_flushTimer;
    QTimer m_slaTimer;
};

} // namespace noc
