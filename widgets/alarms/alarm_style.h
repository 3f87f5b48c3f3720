#pragma once

#include <QColor>
#include <QFont>
#include <QHash>
#include <QIcon>
#include <QStaticText>
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

// Laid-out cell texts of the alarm list. A storm batch repaints the whole visible list (~40 rows x
// 13 columns), and Qt's item delegate lays each text out two or three times per paint (size,
// elision, drawing): most of a repaint's time (perf, noc-bench alarms-storm). The same few thousand
// strings (names, causes, times) come back again and again, so each is laid out once per width.
class CellTextCache {
public:
    // `text` in `font`, elided on the right to `width` pixels when it is wider.
    const QStaticText &text(const QFont &font, const QString &text, int width);

private:
    QStaticText laidOut(const QString &text) const;

    QFont m_font;
    QHash<QString, QStaticText> m_full;   // text -> laid out
    QHash<QString, QStaticText> m_elided; // text + '\0' + width -> elided, laid out
};

// Paints a plain text cell of the alarm list from CellTextCache: Qt::DisplayRole, Qt::ForegroundRole
// (a QColor; cleared rows are faded) and Qt::TextAlignmentRole (left or right); selection, focus and
// the alternating row colour as the style draws them.
class AlarmTextDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    mutable CellTextCache m_texts;
};

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

private:
    mutable CellTextCache m_texts;
};

} // namespace noc
