#include "alarm_saved_views.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <algorithm>

namespace noc {

namespace {

const QLatin1String kKey("alarms/savedViews");

QJsonObject toJson(const AlarmSavedView &v) {
    return {{QStringLiteral("name"), v.name},
            {QStringLiteral("filters"), v.filters.toJson()},
            {QStringLiteral("sortColumn"), int(v.sortColumn)},
            {QStringLiteral("sortDescending"), v.sortOrder == Qt::DescendingOrder},
            {QStringLiteral("header"), QString::fromLatin1(v.header.toBase64())}};
}

AlarmSavedView fromJson(const QJsonObject &o) {
    AlarmSavedView v;
    v.name = o.value(QLatin1String("name")).toString();
    v.filters = AlarmFilterState::fromJson(o.value(QLatin1String("filters")).toObject());
    const int column = o.value(QLatin1String("sortColumn")).toInt();
    v.sortColumn = column >= 0 && column < int(AlarmColumn::Count) && isSortableColumn(AlarmColumn(column))
                       ? AlarmColumn(column)
                       : AlarmColumn::Severity;
    v.sortOrder =
        o.value(QLatin1String("sortDescending")).toBool() ? Qt::DescendingOrder : Qt::AscendingOrder;
    v.header = QByteArray::fromBase64(o.value(QLatin1String("header")).toString().toLatin1());
    return v;
}

} // namespace

QList<AlarmSavedView> AlarmViewStore::views() const {
    QList<AlarmSavedView> out;
    const QJsonArray array = QJsonDocument::fromJson(QSettings().value(kKey).toByteArray()).array();
    for (const QJsonValue &value : array) {
        AlarmSavedView v = fromJson(value.toObject());
        if (!v.name.isEmpty())
            out.append(v);
    }
    return out;
}

QStringList AlarmViewStore::names() const {
    QStringList out;
    for (const AlarmSavedView &v : views())
        out.append(v.name);
    return out;
}

std::optional<AlarmSavedView> AlarmViewStore::view(const QString &name) const {
    for (const AlarmSavedView &v : views())
        if (v.name == name)
            return v;
    return std::nullopt;
}

void AlarmViewStore::save(const AlarmSavedView &view) {
    if (view.name.trimmed().isEmpty())
        return;
    QList<AlarmSavedView> all = views();
    auto it =
        std::find_if(all.begin(), all.end(), [&](const AlarmSavedView &v) { return v.name == view.name; });
    if (it != all.end())
        *it = view;
    else
        all.append(view);
    write(all);
}

bool AlarmViewStore::rename(const QString &from, const QString &to) {
    const QString name = to.trimmed();
    QList<AlarmSavedView> all = views();
    auto it = std::find_if(all.begin(), all.end(), [&](const AlarmSavedView &v) { return v.name == from; });
    if (it == all.end() || name.isEmpty())
        return false;
    if (name != from &&
        std::any_of(all.cbegin(), all.cend(), [&](const AlarmSavedView &v) { return v.name == name; }))
        return false;
    it->name = name;
    write(all);
    return true;
}

void AlarmViewStore::remove(const QString &name) {
    QList<AlarmSavedView> all = views();
    all.removeIf([&](const AlarmSavedView &v) { return v.name == name; });
    write(all);
}

void AlarmViewStore::write(const QList<AlarmSavedView> &views) {
    QJsonArray array;
    for (const AlarmSavedView &v : views)
        array.append(toJson(v));
    QSettings().setValue(kKey, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

} // namespace noc
