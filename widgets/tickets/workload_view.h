#pragma once

#include "ticket_workload.h"

#include <QTreeWidget>
#include <QWidget>

class QLabel;

namespace noc {

// The engineer and team rows of the workload view; tickets dragged from the queue onto an
// engineer are reassigned to that engineer.
class WorkloadTree : public QTreeWidget {
    Q_OBJECT
public:
    using QTreeWidget::QTreeWidget;
    // What a drop does: tickets (TicketQueueModel::ticketIdsMimeType) dropped at `pos` (viewport
    // coordinates) onto an engineer emit ticketsDropped. False when there is no engineer there.
    bool dropTickets(const QMimeData *mime, const QPoint &pos);
signals:
    void ticketsDropped(const QStringList &ticketIds, const QString &assigneeId, const QString &assigneeName);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
};

// Supervisor view: open / at risk / breached per engineer and per team, the oldest open ticket of
// each, the unassigned count and the ageing of the open queue.
class WorkloadView : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadView(QWidget *parent = nullptr);

    void setWorkload(const Workload &workload, EpochMs nowMs);
    // Whether drops reassign (only roles that may assign).
    void setReassignAllowed(bool allowed, const QString &refusal);
    WorkloadTree *tree() const { return m_tree; }

signals:
    void reassignRequested(const QStringList &ticketIds, const QString &assigneeId,
                           const QString &assigneeName);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_summary = nullptr;
    QLabel *m_hint = nullptr;
    WorkloadTree *m_tree = nullptr;
    Workload m_workload;
    EpochMs m_now = 0;
    bool m_reassignAllowed = false;
    QString m_refusal;
};

} // namespace noc
