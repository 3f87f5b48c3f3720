#include "ticket_queue_model.h"

#include "display_time.h"
#include "ticket_loader.h"

#include <QDateTime>
#include <QMimeData>
#include <algorithm>

namespace noc {

namespace {
constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kRecentlyResolvedMs = 24 * kHour;

// Groups sorted row numbers into contiguous [first, last] ranges.
QList<QPair<int, int>> ranges(QList<int> rows) {
    std::sort(rows.begin(), rows.end());
    QList<QPair<int, int>> out;
    for (int r : rows) {
        if (!out.isEmpty() && out.last().second + 1 == r)
            out.last().second = r;
        else if (out.isEmpty() || out.last().second != r)
            out.append({r, r});
    }
    return out;
}

QString translatedPriority(const QString &p) {
    switch (priorityRank(p)) {
    case 0:
        return TicketQueueModel::tr("Critical", "priority");
    case 1:
        return TicketQueueModel::tr("High", "priority");
    case 2:
        return TicketQueueModel::tr("Medium", "priority");
    case 3:
        return TicketQueueModel::tr("Low", "priority");
    }
    return p;
}

QString translatedSeverity(const QString &s) {
    const auto parsed = parseSeverity(s);
    if (!parsed)
        return s;
    switch (*parsed) {
    case Severity::Critical:
        return TicketQueueModel::tr("Critical", "severity");
    case Severity::Major:
        return TicketQueueModel::tr("Major", "severity");
    case Severity::Minor:
        return TicketQueueModel::tr("Minor", "severity");
    case Severity::Warning:
        return TicketQueueModel::tr("Warning", "severity");
    case Severity::Indeterminate:
        return TicketQueueModel::tr("Indeterminate", "severity");
    case Severity::Cleared:
        return TicketQueueModel::tr("Cleared", "severity");
    }
    return s;
}
} // namespace

TicketQueueModel::TicketQueueModel(const QString &cachePath, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_thread.setObjectName(QStringLiteral("ticket-loader"));
    m_loader = new TicketLoader(cachePath);
    m_loader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    connect(m_loader, &TicketLoader::loaded, this, &TicketQueueModel::onLoaded, Qt::QueuedConnection);
    connect(m_loader, &TicketLoader::fetched, this, &TicketQueueModel::onFetched, Qt::QueuedConnection);
    m_thread.start();

    // 100 ms: commits arrive up to every ~100 ms during a storm; one read per interval keeps the
    // queue at most ~10 updates a second while a person sees no delay.
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &TicketQueueModel::flush);
    // 1 s: the countdown shows seconds in its last hour; rows further out change once a minute and
    // are not repainted in between (see slaKey).
    m_slaTimer.setInterval(1000);
    connect(&m_slaTimer, &QTimer::timeout, this, &TicketQueueModel::tickSla);
    m_slaTimer.start();
    reload();
}

TicketQueueModel::~TicketQueueModel() {
    m_thread.quit();
    m_thread.wait();
}

void TicketQueueModel::setUser(const QString &userId, const QStringList &teamIds) {
    m_userId = userId;
    m_explicitTeams = teamIds;
    recount();
}

QStringList TicketQueueModel::userTeams() const {
    return m_explicitTeams.isEmpty() ? QStringList(m_derivedTeams.begin(), m_derivedTeams.end())
                                     : m_explicitTeams;
}

void TicketQueueModel::setClock(std::function<EpochMs()> clock) {
    m_clock = std::move(clock);
    tickSla();
}

EpochMs TicketQueueModel::now() const {
    return m_clock();
}

void TicketQueueModel::reload() {
    const quint64 generation = ++m_generation;
    m_fetchInFlight = false;
    TicketLoader *loader = m_loader;
    QMetaObject::invokeMethod(
        loader, [loader, generation] { loader->loadAll(generation); }, Qt::QueuedConnection);
}

void TicketQueueModel::onLoaded(quint64 generation, const QList<TicketRow> &rows) {
    if (generation != m_generation)
        return;
    beginResetModel(); // the one reset: the first load (or a full reload after a resync)
    m_rows = rows;
    rebuildIndex();
    resetSlaKeys();
    endResetModel();
    m_loaded = true;
    recount();
    emit loaded();
    if (!m_pendingIds.isEmpty())
        m_flushTimer.start();
}

void TicketQueueModel::applyChanges(const ChangeSet &changes) {
    const KindChanges &t = changes.tickets;
    if (t.isEmpty())
        return;
    for (const QStringList *list : {&t.inserted, &t.updated, &t.removed})
        for (const QString &id : *list)
            m_pendingIds.insert(id);
    if (m_loaded && !m_fetchInFlight && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void TicketQueueModel::flush() {
    if (!m_loaded || m_fetchInFlight || m_pendingIds.isEmpty())
        return;
    const QStringList ids(m_pendingIds.begin(), m_pendingIds.end());
    m_pendingIds.clear();
    m_fetchInFlight = true;
    const quint64 generation = m_generation;
    TicketLoader *loader = m_loader;
    QMetaObject::invokeMethod(
        loader, [loader, generation, ids] { loader->fetch(generation, ids); }, Qt::QueuedConnection);
}

void TicketQueueModel::onFetched(quint64 generation, const QList<TicketRow> &fetchedRows,
                                 const QStringList &missing) {
    if (generation != m_generation)
        return;
    m_fetchInFlight = false;
    const EpochMs t = now();

    // Updates in place, as dataChanged ranges.
    QList<int> changed;
    QList<TicketRow> added;
    for (const TicketRow &row : fetchedRows) {
        const int r = m_index.value(row.id, -1);
        if (r < 0) {
            added.append(row);
        } else if (!(m_rows[r] == row)) {
            m_rows[r] = row;
            m_slaKeys[r] = slaKey(row, t);
            changed.append(r);
        }
    }
    for (const auto &[first, last] : ranges(changed))
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));

    // Removals, from the bottom so that row numbers above stay valid.
    QList<int> removed;
    for (const QString &id : missing) {
        const int r = m_index.value(id, -1);
        if (r >= 0)
            removed.append(r);
    }
    const auto removedRanges = ranges(removed);
    for (auto it = removedRanges.crbegin(); it != removedRanges.crend(); ++it) {
        beginRemoveRows({}, it->first, it->second);
        m_rows.remove(it->first, it->second - it->first + 1);
        m_slaKeys.remove(it->first, it->second - it->first + 1);
        endRemoveRows();
    }
    if (!removed.isEmpty())
        rebuildIndex();

    // Inserts, one range at the end.
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const TicketRow &row : added) {
            m_index.insert(row.id, int(m_rows.size()));
            m_rows.append(row);
            m_slaKeys.append(slaKey(row, t));
        }
        endInsertRows();
    }
    recount();
    emit changesApplied();
    if (!m_pendingIds.isEmpty())
        m_flushTimer.start();
}

void TicketQueueModel::rebuildIndex() {
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].id, i);
}

qint64 TicketQueueModel::slaKey(const TicketRow &row, EpochMs t) const {
    const SlaState state = slaState(row.status, row.created, row.due, t);
    if (state == SlaState::None)
        return -1;
    const qint64 remaining = row.due - t;
    const qint64 unit = (remaining > -kHour && remaining < kHour) ? 1000 : 60000;
    return (remaining / unit) * 4 + int(state);
}

void TicketQueueModel::resetSlaKeys() {
    const EpochMs t = now();
    m_slaKeys.resize(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_slaKeys[i] = slaKey(m_rows[i], t);
}

void TicketQueueModel::tickSla() {
    if (m_rows.isEmpty())
        return;
    const EpochMs t = now();
    QList<int> changed;
    for (int i = 0; i < m_rows.size(); ++i) {
        const qint64 key = slaKey(m_rows[i], t);
        if (key != m_slaKeys[i]) {
            m_slaKeys[i] = key;
            changed.append(i);
        }
    }
    for (const auto &[first, last] : ranges(changed))
        emit dataChanged(index(first, SlaDue), index(last, SlaDue),
                         {Qt::DisplayRole, Qt::ToolTipRole, SlaStateRole, SlaRemainingRole, SortRole});
    recount();
}

bool TicketQueueModel::inQueue(const TicketRow &row, TicketQueue queue) const {
    const bool open = isOpenStatus(row.status);
    switch (queue) {
    case TicketQueue::Mine:
        return open && !m_userId.isEmpty() && row.assigneeId == m_userId;
    case TicketQueue::Unassigned:
        return open && row.assigneeId.isEmpty();
    case TicketQueue::MyTeam:
        if (!open || row.teamId.isEmpty())
            return false;
        return m_explicitTeams.isEmpty() ? m_derivedTeams.contains(row.teamId)
                                         : m_explicitTeams.contains(row.teamId);
    case TicketQueue::AtRisk:
        return slaState(row.status, row.created, row.due, now()) == SlaState::AtRisk;
    case TicketQueue::Breached:
        return slaState(row.status, row.created, row.due, now()) == SlaState::Breached;
    case TicketQueue::AllOpen:
        return open;
    case TicketQueue::RecentlyResolved:
        if (row.status != TicketStatus::Resolved && row.status != TicketStatus::Closed)
            return false;
        return std::max(row.resolved, row.lastUpdate) >= now() - kRecentlyResolvedMs;
    }
    return false;
}

void TicketQueueModel::recount() {
    m_derivedTeams.clear();
    if (!m_userId.isEmpty())
        for (const TicketRow &row : m_rows)
            if (row.assigneeId == m_userId && !row.teamId.isEmpty())
                m_derivedTeams.insert(row.teamId);
    std::array<int, kTicketQueueCount> counts{};
    for (const TicketRow &row : m_rows)
        for (int q = 0; q < kTicketQueueCount; ++q)
            if (inQueue(row, TicketQueue(q)))
                ++counts[size_t(q)];
    if (counts != m_counts) {
        m_counts = counts;
        emit countsChanged();
    }
}

QString TicketQueueModel::queueName(TicketQueue queue) {
    switch (queue) {
    case TicketQueue::Mine:
        return tr("My tickets");
    case TicketQueue::Unassigned:
        return tr("Unassigned");
    case TicketQueue::MyTeam:
        return tr("My team");
    case TicketQueue::AtRisk:
        return tr("SLA at risk");
    case TicketQueue::Breached:
        return tr("Breached");
    case TicketQueue::AllOpen:
        return tr("All open");
    case TicketQueue::RecentlyResolved:
        return tr("Recently resolved");
    }
    return {};
}

int TicketQueueModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TicketQueueModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TicketQueueModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TicketRow &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case TicketIdRole:
        return row.id;
    case StatusRole:
        return int(row.status);
    case PendingRole:
        return row.pending;
    case AssigneeIdRole:
        return row.assigneeId;
    case TeamIdRole:
        return row.teamId;
    case ElementIdRole:
        return row.elementId;
    case SlaStateRole:
        return int(slaState(row.status, row.created, row.due, now()));
    case SlaRemainingRole:
        if (!isOpenStatus(row.status) || row.due <= 0)
            return {};
        return qint64(row.due - now());
    default:
        break;
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Id:
            return row.pending ? tr("%1 · pending").arg(row.id) : row.id;
        case Priority:
            return translatedPriority(row.priority);
        case Severity:
            return translatedSeverity(row.severity);
        case Status:
            return ticketStatusDisplayName(row.status);
        case Title:
            return row.name;
        case Element:
            if (row.siteName.isEmpty())
                return row.elementName.isEmpty() ? row.elementId : row.elementName;
            return tr("%1 / %2").arg(row.elementName.isEmpty() ? row.elementId : row.elementName,
                                     row.siteName);
        case Assignee:
            return row.assigneeId.isEmpty() ? tr("Unassigned") : row.assigneeName;
        case Created:
            return localDateTimeText(row.created);
        case SlaDue:
            if (!isOpenStatus(row.status) || row.due <= 0)
                return QStringLiteral("—");
            return slaCountdownText(row.due - now());
        case LastUpdate:
            return localDateTimeText(row.lastUpdate);
        }
    } else if (role == SortRole) {
        switch (column) {
        case Id:
            return row.id;
        case Priority:
            return priorityRank(row.priority);
        case Severity:
            return ticketSeverityRank(row.severity);
        case Status:
            return int(row.status);
        case Title:
            return row.name.toLower();
        case Element:
            return (row.elementName + row.siteName).toLower();
        case Assignee:
            return row.assigneeName.toLower();
        case Created:
            return row.created;
        // Open tickets by due time; closed ones after every open one.
        case SlaDue:
            return isOpenStatus(row.status) && row.due > 0 ? row.due : std::numeric_limits<qint64>::max();
        case LastUpdate:
            return row.lastUpdate;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (column) {
        case Id:
            return row.pending ? tr("A local change waits to be confirmed by the server.") : QVariant();
        case Assignee:
            return row.teamName.isEmpty() ? QVariant() : tr("Team: %1").arg(row.teamName);
        case SlaDue: {
            if (row.due <= 0)
                return {};
            const QString due = tr("Due %1").arg(localDateTimeText(row.due));
            const QString state = slaStateName(slaState(row.status, row.created, row.due, now()));
            QString text = state.isEmpty() ? due : tr("%1 · %2").arg(state, due);
            if (row.dueFromPolicy)
                text += QLatin1Char('\n') + tr("No due time from the server: %1 h policy for priority %2.")
                                                .arg(slaPolicyMs(row.priority) / kHour)
                                                .arg(translatedPriority(row.priority));
            return text;
        }
        case Title:
            return row.description.isEmpty() ? QVariant() : row.description;
        }
    }
    return {};
}

QVariant TicketQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Ticket");
    case Priority:
        return tr("Priority");
    case Severity:
        return tr("Severity");
    case Status:
        return tr("Status");
    case Title:
        return tr("Title");
    case Element:
        return tr("Element / site");
    case Assignee:
        return tr("Assignee");
    case Created:
        return tr("Created");
    case SlaDue:
        return tr("SLA due");
    case LastUpdate:
        return tr("Last update");
    }
    return {};
}

Qt::ItemFlags TicketQueueModel::flags(const QModelIndex &index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Dragging rows onto an engineer in the workload view reassigns them.
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QString TicketQueueModel::ticketIdsMimeType() {
    return QStringLiteral("application/x-noc-ticket-ids");
}

QStringList TicketQueueModel::mimeTypes() const {
    return {ticketIdsMimeType()};
}

QMimeData *TicketQueueModel::mimeData(const QModelIndexList &indexes) const {
    QStringList ids;
    for (const QModelIndex &index : indexes)
        if (index.isValid() && !ids.contains(m_rows.at(index.row()).id))
            ids.append(m_rows.at(index.row()).id);
    if (ids.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(ticketIdsMimeType(), ids.join(QLatin1Char('\n')).toUtf8());
    return mime;
}

} // namespace noc
