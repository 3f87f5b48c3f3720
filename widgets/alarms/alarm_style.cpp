#include "alarm_style.h"

#include "alarm_table_model.h"

#include <algorithm>

#include <QApplication>
#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace noc {

namespace alarmstyle {

QColor severityColor(int code) {
    switch (code) {
    case 0:
        return QColor(0xd3, 0x2f, 0x2f);
    case 1:
        return QColor(0xf5, 0x7c, 0x00);
    case 2:
        return QColor(0xfb, 0xc0, 0x2d);
    case 3:
        return QColor(0x42, 0x85, 0xf4);
    case 4:
        return QColor(0x9e, 0x9e, 0x9e);
    default:
        return QColor(0x43, 0xa0, 0x47);
    }
}

QColor severityTextColor(int code) {
    // Yellow and grey carry dark text; the rest white (contrast >= 4.5:1 at this size).
    return code == 2 || code == 4 ? QColor(0x21, 0x21, 0x21) : QColor(Qt::white);
}

void drawShape(QPainter &p, int code, const QRectF &r, const QColor &fill, const QColor &line) {
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(line, 1.0));
    p.setBrush(fill);
    QPainterPath path;
    switch (code) {
    case 0: { // octagon: stop sign
        const qreal c = r.width() * 0.29;
        path.moveTo(r.left() + c, r.top());
        path.lineTo(r.right() - c, r.top());
        path.lineTo(r.right(), r.top() + c);
        path.lineTo(r.right(), r.bottom() - c);
        path.lineTo(r.right() - c, r.bottom());
        path.lineTo(r.left() + c, r.bottom());
        path.lineTo(r.left(), r.bottom() - c);
        path.lineTo(r.left(), r.top() + c);
        path.closeSubpath();
        break;
    }
    case 1: // triangle
        path.moveTo(r.center().x(), r.top());
        path.lineTo(r.right(), r.bottom());
        path.lineTo(r.left(), r.bottom());
        path.closeSubpath();
        break;
    case 2: // diamond
        path.moveTo(r.center().x(), r.top());
        path.lineTo(r.right(), r.center().y());
        path.lineTo(r.center().x(), r.bottom());
        path.lineTo(r.left(), r.center().y());
        path.closeSubpath();
        break;
    case 3: // circle
        path.addEllipse(r);
        break;
    default: // square
        path.addRoundedRect(r, 2, 2);
        break;
    }
    p.drawPath(path);
}

QIcon severityIcon(int code, int size) {
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    drawShape(p, code, QRectF(1.5, 1.5, size - 3, size - 3), severityColor(code),
              severityColor(code).darker(150));
    p.end();
    return QIcon(pm);
}

} // namespace alarmstyle

namespace {
// Why 6,000: two screens of 13 columns of distinct texts many times over; dropped whole when full
// (cheaper than an LRU per lookup, and refilled within a few paints).
constexpr qsizetype kMaxCachedTexts = 6000;
} // namespace

QStaticText CellTextCache::laidOut(const QString &text) const {
    QStaticText st(text);
    st.setTextFormat(Qt::PlainText);
    st.prepare(QTransform(), m_font);
    return st;
}

const QStaticText &CellTextCache::text(const QFont &font, const QString &text, int width) {
    if (font != m_font) {
        m_font = font;
        m_full.clear();
        m_elided.clear();
    }
    if (m_full.size() > kMaxCachedTexts)
        m_full.clear();
    if (m_elided.size() > kMaxCachedTexts)
        m_elided.clear();
    // One line, as the list shows it (a specific problem may hold line breaks).
    const QString line =
        text.contains(QLatin1Char('\n')) ? QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')) : text;
    auto full = m_full.find(line);
    if (full == m_full.end())
        full = m_full.insert(line, laidOut(line));
    if (full->size().width() <= width)
        return *full;
    const QString key = line + QChar(0) + QString::number(width);
    auto elided = m_elided.find(key);
    if (elided == m_elided.end())
        elided = m_elided.insert(key, laidOut(QFontMetrics(m_font).elidedText(line, Qt::ElideRight, width)));
    return *elided;
}

void AlarmTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const {
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Selection, focus frame and background as the style draws them; no text there (the option
    // carries none: initStyleOption would ask the model for ten roles this cell does not use).
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty())
        return;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : option.state & QStyle::State_Active   ? QPalette::Normal
                                                                               : QPalette::Inactive;
    QColor ink = option.palette.color(group, QPalette::Text);
    if (option.state & QStyle::State_Selected) {
        ink = option.palette.color(group, QPalette::HighlightedText);
    } else if (const QVariant fg = index.data(Qt::ForegroundRole); fg.canConvert<QColor>()) {
        const QColor c = fg.value<QColor>();
        if (c.isValid())
            ink = c;
    }
    // The style's text margin (QCommonStyle: focus frame margin + 1).
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect r = option.rect.adjusted(margin, 0, -margin, 0);
    const QStaticText &st = m_texts.text(option.font, text, r.width());
    const QSizeF size = st.size();
    const int align = index.data(Qt::TextAlignmentRole).toInt();
    const qreal x = (align & Qt::AlignRight) ? r.right() + 1 - size.width() : r.left();
    painter->save();
    painter->setClipRect(option.rect);
    painter->setFont(option.font);
    painter->setPen(ink);
    painter->drawStaticText(QPointF(x, r.top() + (r.height() - size.height()) / 2.0), st);
    painter->restore();
}

void SeverityDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const {
    // No initStyleOption: the cell shows no text or icon of the style's (they are cleared below).
    QStyleOptionViewItem opt(option);
    const QVariant severity = index.data(AlarmTableModel::SeverityCodeRole);
    if (!severity.isValid()) {
        // A row below a first page whose alarm is not known yet: no badge (code 0 would read critical).
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const int code = severity.toInt();
    const bool active = index.data(AlarmTableModel::ActiveRole).toBool();
    // Selection highlight first, so a selected row still shows its severity badge.
    opt.text.clear();
    opt.icon = QIcon();
    opt.widget ? opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget)
               : QStyledItemDelegate::paint(painter, opt, QModelIndex());
    painter->save();
    const int node = index.data(AlarmTableModel::TreeRole).toInt();
    int indent = 0;
    if (node != AlarmTableModel::NotTree) {
        const QRect arrow = arrowRect(option.rect);
        indent = arrow.width() + 2;
        painter->setRenderHint(QPainter::Antialiasing);
        const QColor ink = option.state & QStyle::State_Selected
                               ? option.palette.color(QPalette::HighlightedText)
                               : option.palette.color(QPalette::Text);
        if (node == AlarmTableModel::Collapsed || node == AlarmTableModel::Expanded) {
            // A triangle pointing right (closed) or down (open), as in every tree a person knows.
            const QPointF c = QRectF(arrow).center();
            const qreal h = 4.5;
            QPolygonF tri;
            if (node == AlarmTableModel::Collapsed)
                tri << QPointF(c.x() - h * 0.6, c.y() - h) << QPointF(c.x() + h * 0.8, c.y())
                    << QPointF(c.x() - h * 0.6, c.y() + h);
            else
                tri << QPointF(c.x() - h, c.y() - h * 0.6) << QPointF(c.x() + h, c.y() - h * 0.6)
                    << QPointF(c.x(), c.y() + h * 0.8);
            painter->setPen(Qt::NoPen);
            painter->setBrush(ink);
            painter->drawPolygon(tri);
        } else if (node == AlarmTableModel::Child) {
            // An elbow line from the root above: the child reads as belonging to it.
            painter->setPen(QPen(ink, 1.0));
            const qreal x = QRectF(arrow).center().x();
            painter->drawLine(QPointF(x, option.rect.top()), QPointF(x, option.rect.center().y()));
            painter->drawLine(QPointF(x, option.rect.center().y()),
                              QPointF(arrow.right() + 4, option.rect.center().y()));
            indent += 6;
        }
    }
    QColor fill = alarmstyle::severityColor(code);
    QColor text = alarmstyle::severityTextColor(code);
    if (!active) {
        fill.setAlpha(90);
        text = option.palette.color(QPalette::Text);
    }
    const QRect badge = option.rect.adjusted(2 + indent, 2, -2, -2);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, 3, 3);
    const int s = std::min(badge.height() - 6, 12);
    const QRectF shape(badge.left() + 4, badge.center().y() - s / 2.0, s, s);
    // The shape in the text colour on the badge: readable without colour vision.
    alarmstyle::drawShape(*painter, code, shape, text, text);
    painter->setPen(text);
    const QRect label = badge.adjusted(s + 8, 0, -2, 0);
    const QStaticText &name = m_texts.text(painter->font(), index.data().toString(), badge.width() - s - 10);
    painter->drawStaticText(
        QPointF(label.left(), label.top() + (label.height() - name.size().height()) / 2.0), name);
    painter->restore();
}

QRect SeverityDelegate::arrowRect(const QRect &cell) {
    return QRect(cell.left() + 2, cell.top(), 14, cell.height());
}

int SeverityDelegate::preferredWidth(const QFontMetrics &metrics) {
    int widest = 0;
    for (int code = 0; code <= 5; ++code)
        widest = std::max(widest, metrics.horizontalAdvance(AlarmTableModel::severityName(code)));
    // Child indent (arrow 14 + 2 + elbow 6), badge margins 2 + 2, shape 12 + 8, text margin 2, slack.
    const int decoration = 22 + 4 + 20 + 2 + 6;
    return widest + decoration;
}

bool SeverityDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                   const QStyleOptionViewItem &option, const QModelIndex &index) {
    if (event->type() == QEvent::MouseButtonRelease || event->type() == QEvent::MouseButtonDblClick) {
        const int node = index.data(AlarmTableModel::TreeRole).toInt();
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if ((node == AlarmTableModel::Collapsed || node == AlarmTableModel::Expanded) &&
            mouse->button() == Qt::LeftButton &&
            arrowRect(option.rect).contains(mouse->position().toPoint())) {
            if (event->type() == QEvent::MouseButtonRelease)
                model->setData(index, node == AlarmTableModel::Collapsed, AlarmTableModel::ExpandedRole);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace noc
