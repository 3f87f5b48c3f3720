#include "cache/unsaved_work.h"

#include "domain/tmf_codec.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace noc {

namespace {

const QLatin1String kFormat("noc-console-unsaved");
constexpr int kVersion = 1;

QJsonObject marks(const QHash<QString, bool> &marks) {
    QJsonObject o;
    for (auto it = marks.begin(); it != marks.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QHash<QString, bool> marksFrom(const QJsonObject &o) {
    QHash<QString, bool> marks;
    for (auto it = o.begin(); it != o.end(); ++it)
        marks.insert(it.key(), it.value().toBool());
    return marks;
}

QJsonObject outboxJson(const OutboxEntry &e) {
    return QJsonObject{{QStringLiteral("uuid"), e.uuid},
                       {QStringLiteral("kind"), e.kind},
                       {QStringLiteral("targetKind"), e.targetKind},
                       {QStringLiteral("targetId"), e.targetId},
                       {QStringLiteral("payload"), QString::fromUtf8(e.payload)},
                       {QStringLiteral("baseVersion"), e.baseVersion},
                       {QStringLiteral("createdMs"), QString::number(e.createdMs)}};
}

OutboxEntry outboxFrom(const QJsonObject &o) {
    OutboxEntry e;
    e.uuid = o.value(QLatin1String("uuid")).toString();
    e.kind = o.value(QLatin1String("kind")).toString();
    e.targetKind = o.value(QLatin1String("targetKind")).toString();
    e.targetId = o.value(QLatin1String("targetId")).toString();
    e.payload = o.value(QLatin1String("payload")).toString().toUtf8();
    e.baseVersion = o.value(QLatin1String("baseVersion")).toString();
    e.createdMs = o.value(QLatin1String("createdMs")).toString().toLongLong();
    return e; // seq 0: after what the cache already holds; state Pending, attempts 0
}

QJsonObject mapPositionJson(const MapPosition &p) {
    return QJsonObject{{QStringLiteral("mapViewId"), p.mapViewId},
                       {QStringLiteral("elementId"), p.elementId},
                       {QStringLiteral("x"), p.x},
                       {QStringLiteral("y"), p.y},
                       {QStringLiteral("pinned"), p.pinned}};
}

MapPosition mapPositionFrom(const QJsonObject &o) {
    return MapPosition{o.value(QLatin1String("mapViewId")).toString(),
                       o.value(QLatin1String("elementId")).toString(), o.value(QLatin1String("x")).toDouble(),
                       o.value(QLatin1String("y")).toDouble(), o.value(QLatin1String("pinned")).toBool()};
}

} // namespace

QString UnsavedWork::sidePath(const QString &cachePath) {
    return cachePath + QStringLiteral(".unsaved");
}

bool UnsavedWork::holdsUserWork(const CacheBatch &batch) {
    // Map positions too: an element the user dragged is placed by hand, and no sync brings it back.
    return !batch.outboxInserts.isEmpty() || !batch.mapPositions.isEmpty();
}

int UnsavedWork::changeCount(const CacheBatch &batch) {
    return int(batch.outboxInserts.size() + batch.mapPositions.size());
}

CacheBatch UnsavedWork::userPart(const CacheBatch &batch) {
    CacheBatch part;
    part.outboxInserts = batch.outboxInserts;
    part.alarms = batch.alarms;
    part.tickets = batch.tickets;
    part.pendingAlarmIds = batch.pendingAlarmIds;
    part.pendingTicketIds = batch.pendingTicketIds;
    part.outboxRemovals = batch.outboxRemovals;
    part.conflictRemovals = batch.conflictRemovals;
    part.mapPositions = batch.mapPositions;
    return part;
}

QByteArray UnsavedWork::toJson(const QList<CacheBatch> &batches) {
    QJsonArray list;
    for (const CacheBatch &b : batches) {
        QJsonArray outbox, alarms, tickets, removals, conflicts, positions;
        for (const auto &e : b.outboxInserts)
            outbox.append(outboxJson(e));
        for (const auto &a : b.alarms)
            alarms.append(tmf::encodeAlarm(a));
        for (const auto &t : b.tickets)
            tickets.append(tmf::encodeTicket(t));
        for (const auto &uuid : b.outboxRemovals)
            removals.append(uuid);
        for (qint64 id : b.conflictRemovals)
            conflicts.append(QString::number(id));
        for (const MapPosition &p : b.mapPositions)
            positions.append(mapPositionJson(p));
        list.append(QJsonObject{{QStringLiteral("outbox"), outbox},
                                {QStringLiteral("alarms"), alarms},
                                {QStringLiteral("tickets"), tickets},
                                {QStringLiteral("pendingAlarms"), marks(b.pendingAlarmIds)},
                                {QStringLiteral("pendingTickets"), marks(b.pendingTicketIds)},
                                {QStringLiteral("outboxRemovals"), removals},
                                {QStringLiteral("conflictRemovals"), conflicts},
                                {QStringLiteral("mapPositions"), positions}});
    }
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("version"), kVersion},
                           {QStringLiteral("batches"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QList<CacheBatch> UnsavedWork::fromJson(const QByteArray &json, QString *error) {
    QString why;
    const auto root = tmf::parseObject(json, &why);
    if (!root || root->value(QLatin1String("format")).toString() != kFormat ||
        root->value(QLatin1String("version")).toInt() != kVersion) {
        if (error)
            *error = why.isEmpty()
                         ? QCoreApplication::translate(
                               "noc::UnsavedWork", "not a file of unsaved changes of this console version")
                         : why;
        return {};
    }
    QList<CacheBatch> batches;
    for (const QJsonValue &v : root->value(QLatin1String("batches")).toArray()) {
        const QJsonObject o = v.toObject();
        CacheBatch b;
        for (const QJsonValue &e : o.value(QLatin1String("outbox")).toArray()) {
            const OutboxEntry entry = outboxFrom(e.toObject());
            if (!entry.uuid.isEmpty() && !entry.kind.isEmpty())
                b.outboxInserts.append(entry);
        }
        for (const QJsonValue &a : o.value(QLatin1String("alarms")).toArray())
            if (const auto alarm = tmf::decodeAlarm(a.toObject()))
                b.alarms.append(*alarm);
        for (const QJsonValue &t : o.value(QLatin1String("tickets")).toArray())
            if (const auto ticket = tmf::decodeTicket(t.toObject()))
                b.tickets.append(*ticket);
        b.pendingAlarmIds = marksFrom(o.value(QLatin1String("pendingAlarms")).toObject());
        b.pendingTicketIds = marksFrom(o.value(QLatin1String("pendingTickets")).toObject());
        for (const QJsonValue &u : o.value(QLatin1String("outboxRemovals")).toArray())
            b.outboxRemovals.append(u.toString());
        for (const QJsonValue &c : o.value(QLatin1String("conflictRemovals")).toArray())
            b.conflictRemovals.append(c.toString().toLongLong());
        for (const QJsonValue &p : o.value(QLatin1String("mapPositions")).toArray()) {
            const MapPosition position = mapPositionFrom(p.toObject());
            if (!position.mapViewId.isEmpty() && !position.elementId.isEmpty())
                b.mapPositions.append(position);
        }
        if (!b.isEmpty())
            batches.append(b);
    }
    return batches;
}

bool UnsavedWork::append(const QString &cachePath, const QList<CacheBatch> &batches, QString *error) {
    QList<CacheBatch> all;
    if (QFileInfo::exists(sidePath(cachePath))) {
        QString readError;
        all = read(cachePath, &readError);
        if (!readError.isEmpty()) {
            // Never overwrite what cannot be read: it may be the only copy of earlier work.
            if (error)
                *error = readError;
            return false;
        }
    }
    for (const CacheBatch &b : batches)
        all.append(userPart(b));
    QSaveFile file(sidePath(cachePath));
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(all)) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QList<CacheBatch> UnsavedWork::read(const QString &cachePath, QString *error) {
    QFile file(sidePath(cachePath));
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    return fromJson(file.readAll(), error);
}

bool UnsavedWork::remove(const QString &cachePath) {
    return QFile::remove(sidePath(cachePath));
}

} // namespace noc
