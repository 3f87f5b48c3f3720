#include "ticket_queue_filter_model.h"

namespace noc {

TicketQueueFilterModel::TicketQueueFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(TicketQueueModel::SortRole);
    setDynamicSortFilter(true);
}

void TicketQueueFilterModel::setQueue(TicketQueue queue) {
    if (queue == m_queue)
        return;
    m_queue = queue;
    invalidateRowsFilter();
}

void TicketQueueFilterModel::setStatusFilter(std::optional<TicketStatus> status) {
    if (status == m_status)
        return;
    m_status = status;
    invalidateRowsFilter();
}

void TicketQueueFilterModel::setPriorityFilter(const QString &priority) {
    if (priority == m_priority)
        return;
    m_priority = priority;
    invalidateRowsFilter();
}

void TicketQueueFilterModel::setText(const QString &text) {
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

bool TicketQueueFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    const auto *model = qobject_cast<const TicketQueueModel *>(sourceModel());
    if (!model || sourceParent.isValid())
        return false;
    const TicketRow &row = model->rowAt(sourceRow);
    if (!model->inQueue(row, m_queue))
        return false;
    if (m_status && row.status != *m_status)
        return false;
    if (!m_priority.isEmpty() && row.priority.compare(m_priority, Qt::CaseInsensitive) != 0)
        return false;
    for (const QString &word : m_words) {
        bool found = false;
        for (const QString *field : {&row.id, &row.name, &row.description, &row.elementName, &row.elementId,
                                     &row.siteName, &row.assigneeName, &row.teamName}) {
            if (field->contains(word, Qt::CaseInsensitive)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

} // namespace noc
