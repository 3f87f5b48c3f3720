#include "sla_delegate.h"

#include "ticket_queue_model.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace noc {

QColor SlaDelegate::onTrackColor() {
    return QColor(0x2e, 0x7d, 0x32);
}
QColor SlaDelegate::atRiskColor() {
    return QColor(0xc7, 0x7c, 0x02);
}
QColor SlaDelegate::breachedColor() {
    return QColor(0xc6, 0x28, 0x28);
}

void SlaDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                        const QModelIndex &index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection, focus

    const auto state = SlaState(index.data(TicketQueueModel::SlaStateRole).toInt());
    QColor color =
        opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int size = qMin(opt.rect.height() - 6, 12);
    QRect icon(opt.rect.left() + 4, opt.rect.center().y() - size / 2, size, size);
    if (state != SlaState::None) {
        const QColor stateColor = state == SlaState::OnTrack  ? onTrackColor()
                                  : state == SlaState::AtRisk ? atRiskColor()
                                                              : breachedColor();
        painter->setPen(Qt::NoPen);
        painter->setBrush(stateColor);
        // Shapes differ as well as colours, for colour-blind operators.
        if (state == SlaState::OnTrack) {
            painter->drawEllipse(icon);
        } else if (state == SlaState::AtRisk) {
            QPainterPath triangle;
            triangle.moveTo(icon.center().x() + 0.5, icon.top());
            triangle.lineTo(icon.right() + 1, icon.bottom() + 1);
            triangle.lineTo(icon.left(), icon.bottom() + 1);
            triangle.closeSubpath();
            painter->drawPath(triangle);
        } else {
            painter->drawRect(icon);
            painter->setPen(QPen(Qt::white, 1.6));
            painter->drawLine(icon.topLeft() + QPoint(3, 3), icon.bottomRight() - QPoint(2, 2));
            painter->drawLine(QPoint(icon.right() - 2, icon.top() + 3),
                              QPoint(icon.left() + 3, icon.bottom() - 2));
        }
        if (!(opt.state & QStyle::State_Selected))
            color = stateColor;
    }
    QFont font = opt.font;
    if (state == SlaState::Breached)
        font.setBold(true);
    painter->setFont(font);
    painter->setPen(color);
    const QRect textRect = opt.rect.adjusted(size + 10, 0, -2, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetrics(font).elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize SlaDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += 18;
    return size;
}

} // namespace noc
