#pragma once

#include "cache/outbox_entry.h"
#include "domain/types.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

// How domain values map onto cache columns, shared by CacheWriter and CacheReader. Enums are stored
// as small integers with an explicit table (not the C++ enum order) so that reordering an enum never
// reinterprets an existing cache. Severity codes sort worst first, which the alarm list index uses.
namespace noc {
class SqliteStatement;
}

namespace noc::rowcodec {

// The outbox columns, in the order outboxFromRow reads them: "SELECT <kOutboxColumns> FROM outbox ...".
extern const char *const kOutboxColumns;
OutboxEntry outboxFromRow(const SqliteStatement &row);

int severityCode(Severity value);
Severity severityFromCode(int code);
int alarmStateCode(AlarmState value);
AlarmState alarmStateFromCode(int code);
int ackCode(AckState value);
AckState ackFromCode(int code);
int ticketStatusCode(TicketStatus value);
TicketStatus ticketStatusFromCode(int code);
int categoryCode(ElementCategory value);
ElementCategory categoryFromCode(int code);
int layerCode(NetworkLayer value);
NetworkLayer layerFromCode(int code);

constexpr int kClearedStateCode = 2;

// Compact JSON text for the list columns; empty input gives an empty QByteArray (stored as NULL).
QByteArray idsToJson(const QStringList &ids);
QStringList idsFromJson(const QByteArray &json);
QByteArray commentsToJson(const QList<AlarmComment> &comments);
QList<AlarmComment> commentsFromJson(const QByteArray &json);
QByteArray mapToJson(const QMap<QString, QString> &map);
QMap<QString, QString> mapFromJson(const QByteArray &json);

// 64-bit FNV-1a over every stored field: an upsert whose hash equals the stored one changes nothing
// and is neither written nor reported. Deterministic across runs and machines (unlike qHash).
qint64 contentHash(const Alarm &alarm);
qint64 contentHash(const TroubleTicket &ticket);
qint64 contentHash(const NetworkElement &element);
qint64 contentHash(const Site &site);
qint64 contentHash(const Link &link);

} // namespace noc::rowcodec
