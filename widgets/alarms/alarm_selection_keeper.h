#pragma once

#include <QObject>

#include <vector>

class QAbstractItemView;

namespace noc {

class AlarmTableModel;

// Keeps a large selection of the alarm list on its alarms when a list update moves rows, at a cost
// linear in the rows.
//
// Why: on layoutAboutToBeChanged, QItemSelectionModel makes one QPersistentModelIndex per selected
// row; the model then moves each of them, and on layoutChanged the selection model sorts them and
// merges them into ranges again. For a select-all of 400,000 alarms that was 300-500 ms of the GUI
// thread on every update that moves rows, and acknowledging moves them (the list puts the newest
// change first). Here the selected alarms are remembered by row id in a bit set, the selection is
// emptied before the selection model sees the change, and the rows are selected again afterwards,
// as ranges of consecutive rows.
//
// Smaller selections are left to Qt, which keeps them the same way at a cost a person does not feel.
class AlarmSelectionKeeper : public QObject {
    Q_OBJECT
public:
    // Selections of fewer rows are left to Qt: a few ms at most.
    static constexpr qsizetype kMinRows = 2000;

    // Connects to the model's layout signals. Create it before view->setModel(model): slots run in the
    // order they were connected, and its slot must empty the selection before the selection model's
    // slot copies it into persistent indexes.
    AlarmSelectionKeeper(AlarmTableModel *model, QAbstractItemView *view);

    // How many times a selection was kept this way (tests: that the cheap way was taken).
    int keptCount() const { return m_kept; }

private:
    void save();
    void restore();

    AlarmTableModel *m_model;
    QAbstractItemView *m_view;
    std::vector<bool> m_selectedAids; // indexed by the cache's row id
    bool m_saved = false;
    int m_kept = 0;
};

} // namespace noc
