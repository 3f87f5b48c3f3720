#include "alarm_selection_keeper.h"

#include "alarm_table_model.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QSignalBlocker>

namespace noc {

AlarmSelectionKeeper::AlarmSelectionKeeper(AlarmTableModel *model, QAbstractItemView *view)
    : QObject(view)
    , m_model(model)
    , m_view(view) {
    Q_ASSERT(!view->model()); // see the header: connected before the view's selection model
    connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this, &AlarmSelectionKeeper::save);
    // Not at layoutChanged: the selection model's own slot runs after this one there and would set
    // its (empty) copy of the selection. rowsUpdated ends every list update, after the row count
    // settled too.
    connect(model, &AlarmTableModel::rowsUpdated, this, &AlarmSelectionKeeper::restore);
}

void AlarmSelectionKeeper::save() {
    QItemSelectionModel *selection = m_view->selectionModel();
    if (!selection || m_saved)
        return;
    const QItemSelection ranges = selection->selection();
    qsizetype rows = 0;
    for (const QItemSelectionRange &r : ranges)
        rows += r.height();
    if (rows < kMinRows)
        return;
    m_selectedAids.clear();
    for (const QItemSelectionRange &r : ranges) {
        for (int row = r.top(); row <= r.bottom(); ++row) {
            const qint64 aid = m_model->keyAt(row).aid;
            if (aid <= 0) // a placeholder row: no alarm
                continue;
            if (size_t(aid) >= m_selectedAids.size())
                m_selectedAids.resize(size_t(aid) + 1 + size_t(aid) / 4);
            m_selectedAids[size_t(aid)] = true;
        }
    }
    m_saved = true;
    // Silently: the same alarms are selected again in restore(), before anyone looks.
    const QSignalBlocker quiet(selection);
    selection->clearSelection();
}

void AlarmSelectionKeeper::restore() {
    if (!m_saved)
        return;
    m_saved = false;
    ++m_kept;
    QItemSelectionModel *selection = m_view->selectionModel();
    const int lastColumn = m_model->columnCount() - 1;
    QItemSelection ranges;
    const int rows = m_model->rowCount();
    const auto isSelected = [&](int row) {
        const qint64 aid = m_model->keyAt(row).aid;
        return aid > 0 && size_t(aid) < m_selectedAids.size() && m_selectedAids[size_t(aid)];
    };
    for (int row = 0; row < rows; ++row) {
        if (!isSelected(row))
            continue;
        const int first = row;
        while (row + 1 < rows && isSelected(row + 1))
            ++row;
        ranges.append(QItemSelectionRange(m_model->index(first, 0), m_model->index(row, lastColumn)));
    }
    m_selectedAids.clear();
    // Told: the views repaint the rows, the console's actions follow an alarm that left the list.
    selection->select(ranges, QItemSelectionModel::Select);
}

} // namespace noc
