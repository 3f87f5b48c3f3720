#pragma once

#include "alarm_filter_bar.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace noc {

// A named view of the alarm list: the filters (relative time ranges stay relative), the sort and the
// columns (the header's state: which are shown, their order and widths).
struct AlarmSavedView {
    QString name;
    AlarmFilterState filters;
    AlarmColumn sortColumn = AlarmColumn::Severity;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    QByteArray header; // QHeaderView::saveState()
};

// The saved views, kept in QSettings ("alarms/savedViews", one JSON array). Why QSettings and not the
// cache: a view is the user's preference, not network data; the cache belongs to a connection profile
// and may be deleted and rebuilt by a full resync, while the views must survive that and serve every
// profile. Names are unique (case-sensitive) and kept in the order they were saved.
class AlarmViewStore {
public:
    QList<AlarmSavedView> views() const;
    QStringList names() const;
    std::optional<AlarmSavedView> view(const QString &name) const;
    // Replaces a view of the same name.
    void save(const AlarmSavedView &view);
    // False when `from` is missing or `to` is empty or taken by another view.
    bool rename(const QString &from, const QString &to);
    void remove(const QString &name);

private:
    void write(const QList<AlarmSavedView> &views);
};

} // namespace noc
