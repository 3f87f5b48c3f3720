#pragma once

#include <QColor>
#include <QIcon>
#include <QStyledItemDelegate>

class QPainter;

namespace noc {

// Severity colours and icons of the alarm console. The colours follow the usual NOC convention
// (critical red, major orange, minor yellow, warning blue, indeterminate grey); each severity also
// has its own shape, so the list stays readable without colour.
namespace alarmstyle {
QColor severityColor(int severityCode);     // cache code: 0 critical .. 5 cleared
QColor severityTextColor(int severityCode); // readable on severityColor
QIcon severityIcon(int severityCode, int size = 16);
// The severity's shape (octagon, triangle, diamond, circle, square) in `rect`.
void drawShape(QPainter &painter, int severityCode, const QRectF &rect, const QColor &fill,
               const QColor &line);
} // namespace alarmstyle

// Paints the severity cell: a filled badge in the severity colour with its shape and name.
// Role contract: AlarmTableModel::SeverityCodeRole (int) for the colour and shape, Qt::DisplayRole
// for the name, AlarmTableModel::ActiveRole (bool): cleared rows are drawn faded;
// AlarmTableModel::TreeRole (TreeNode): in tree mode an arrow before a root cause (a click on it
// sets ExpandedRole) and an indent before a correlated child.
class SeverityDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    // The arrow's area of a cell (tree mode).
    static QRect arrowRect(const QRect &cell);
    // A column width that shows every severity name whole, also on an indented tree child.
    static int preferredWidth(const QFontMetrics &metrics);
};

} // namespace noc
