#pragma once

#include <QStyledItemDelegate>

namespace noc {

// Paints the SLA column of the ticket queue: a state icon (green circle on track, amber triangle at
// risk, red square breached) and the countdown text in the state's colour.
// Role contract: TicketQueueModel::SlaStateRole (int SlaState) and Qt::DisplayRole (the countdown).
class SlaDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Colours shared with the workload view.
    static QColor onTrackColor();
    static QColor atRiskColor();
    static QColor breachedColor();
};

} // namespace noc
