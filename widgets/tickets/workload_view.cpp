#include "workload_view.h"

#include "sla_delegate.h"
#include "sync_status_text.h"
#include "ticket_queue_model.h"

#include <QDragEnterEvent>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QVBoxLayout>

namespace noc {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kNameRole = Qt::UserRole + 2;

QTreeWidgetItem *engineerAt(const QTreeWidget *tree, const QPoint &pos) {
    QTreeWidgetItem *item = tree->itemAt(pos);
    return item && !item->data(0, kIdRole).toString().isEmpty() ? item : nullptr;
}
} // namespace

void WorkloadTree::dragEnterEvent(QDragEnterEvent *event) {
    if (event->mimeData()->hasFormat(TicketQueueModel::ticketIdsMimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void WorkloadTree::dragMoveEvent(QDragMoveEvent *event) {
    if (event->mimeData()->hasFormat(TicketQueueModel::ticketIdsMimeType()) &&
        engineerAt(this, event->position().toPoint()))
        event->acceptProposedAction();
    else
        event->ignore();
}

bool WorkloadTree::dropTickets(const QMimeData *mime, const QPoint &pos) {
    QTreeWidgetItem *item = engineerAt(this, pos);
    const QByteArray data = mime->data(TicketQueueModel::ticketIdsMimeType());
    if (!item || data.isEmpty())
        return false;
    emit ticketsDropped(QString::fromUtf8(data).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                        item->data(0, kIdRole).toString(), item->data(0, kNameRole).toString());
    return true;
}

void WorkloadTree::dropEvent(QDropEvent *event) {
    if (dropTickets(event->mimeData(), event->position().toPoint()))
        event->acceptProposedAction();
    else
        event->ignore();
}

WorkloadView::WorkloadView(QWidget *parent)
    : QWidget(parent) {
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_tree = new WorkloadTree(this);
    m_tree->setColumnCount(5);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::DropOnly);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_hint);
    connect(m_tree, &WorkloadTree::ticketsDropped, this, &WorkloadView::reassignRequested);
    retranslate();
}

void WorkloadView::setReassignAllowed(bool allowed, const QString &refusal) {
    m_reassignAllowed = allowed;
    m_refusal = refusal;
    m_tree->setAcceptDrops(allowed);
    retranslate();
}

void WorkloadView::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void WorkloadView::setWorkload(const Workload &workload, EpochMs nowMs) {
    m_workload = workload;
    m_now = nowMs;
    retranslate();
}

void WorkloadView::retranslate() {
    m_tree->setHeaderLabels(
        {tr("Engineer / team"), tr("Open"), tr("At risk"), tr("Breached"), tr("Oldest open")});
    const auto &a = m_workload.ageing;
    m_summary->setText(tr("%1 open tickets, %2 unassigned. Age of the open queue: %3 under 1 h, %4 of 1–4 h, "
                          "%5 of 4–24 h, %6 older than a day.")
                           .arg(m_workload.open)
                           .arg(m_workload.unassigned)
                           .arg(a[0])
                           .arg(a[1])
                           .arg(a[2])
                           .arg(a[3]));
    m_hint->setText(m_reassignAllowed
                        ? tr("Drag tickets from a queue onto an engineer to reassign them, or use "
                             "\"Assign to\" in the queue's context menu.")
                        : m_refusal);

    m_tree->clear();
    const auto addGroup = [&](const QString &title, const QList<WorkloadEntry> &entries, bool engineers) {
        auto *group = new QTreeWidgetItem(m_tree, {title});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
        for (const WorkloadEntry &e : entries) {
            auto *item = new QTreeWidgetItem(group);
            item->setText(0, e.name);
            item->setToolTip(0, e.id);
            item->setText(1, QString::number(e.open));
            item->setText(2, QString::number(e.atRisk));
            item->setText(3, QString::number(e.breached));
            item->setText(4, e.oldestCreated > 0 ? SyncStatusText::age(m_now - e.oldestCreated) : QString());
            if (e.atRisk > 0)
                item->setForeground(2, SlaDelegate::atRiskColor());
            if (e.breached > 0) {
                item->setForeground(3, SlaDelegate::breachedColor());
                QFont f = item->font(3);
                f.setBold(true);
                item->setFont(3, f);
            }
            for (int c = 1; c < 5; ++c)
                item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
            if (engineers) {
                item->setData(0, kIdRole, e.id);
                item->setData(0, kNameRole, e.name);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled);
            } else {
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            }
        }
        group->setExpanded(true);
    };
    addGroup(tr("Engineers"), m_workload.engineers, true);
    addGroup(tr("Teams"), m_workload.teams, false);
    for (int c = 1; c < 5; ++c)
        m_tree->resizeColumnToContents(c);
}

} // namespace noc
