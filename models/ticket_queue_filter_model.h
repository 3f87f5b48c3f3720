#pragma once

#include "ticket_queue_model.h"

#include <QSortFilterProxyModel>
#include <optional>

namespace noc {

// One queue of TicketQueueModel with the list's filters: status, priority and free text (words are
// ANDed; each must appear in the id, title, description, element, site, assignee or team).
// Sorts by TicketQueueModel::SortRole.
class TicketQueueFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TicketQueueFilterModel(QObject *parent = nullptr);

    void setQueue(TicketQueue queue);
    TicketQueue queue() const { return m_queue; }
    void setStatusFilter(std::optional<TicketStatus> status);
    std::optional<TicketStatus> statusFilter() const { return m_status; }
    void setPriorityFilter(const QString &priority); // empty = any
    QString priorityFilter() const { return m_priority; }
    void setText(const QString &text);
    QString text() const { return m_words.join(QLatin1Char(' ')); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    TicketQueue m_queue = TicketQueue::AllOpen;
    std::optional<TicketStatus> m_status;
    QString m_priority;
    QStringList m_words;
};

} // namespace noc
