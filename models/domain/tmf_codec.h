#pragma once

#include "types.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

// TMF JSON codec for the profile in ../shared/docs/ops-api.md (TMF639, TMF642, TMF621 v4 with the
// v5 shapes the profile names). Decoding is tolerant of what real servers send (enum case, numeric
// ids, absent optional fields, unknown fields) and never throws: a record the console cannot use
// returns std::nullopt with a reason in `error` that the caller logs and counts.
namespace noc::tmf {

// RFC 3339 <-> epoch milliseconds (UTC). parseTime returns 0 for empty or unparsable text. It reads
// fractions of any length (truncated to ms), 'Z'/'z', ±hh:mm, lower-case 't', and what servers send
// beyond RFC 3339: ±hhmm, no seconds ("08:00.000Z", the TMF639 sample), no zone (read as UTC), a date
// alone. Invalid dates (2023-02-29), hour 24 and trailing text give 0.
EpochMs parseTime(QStringView text);
QString formatTime(EpochMs ms); // "2026-11-22T10:00:00.000Z"; empty for 0

// One JSON object as received on the wire (a record, an event envelope). Returns std::nullopt with
// the parser's reason for malformed, truncated or too deeply nested input (QJsonDocument stops at its
// nesting limit instead of overflowing the stack), or when the top level is not an object.
std::optional<QJsonObject> parseObject(QByteArrayView json, QString *error = nullptr);

// A TMF639 resource is a site, an element or a link depending on its category / @type.
enum class ResourceKind { Site, Element, Link, Unknown };
ResourceKind resourceKind(const QJsonObject &json);

// What each decoder rejects (everything else is read as far as it goes, wrong-typed optional fields
// as absent): an alarm without id or without a known perceivedSeverity; a ticket without id or with
// a status that is present but unknown (an absent status reads as acknowledged); an element or site
// without id; a link without id or without both aEnd and zEnd relationships.
std::optional<Alarm> decodeAlarm(const QJsonObject &json, QString *error = nullptr);
std::optional<TroubleTicket> decodeTicket(const QJsonObject &json, QString *error = nullptr);
std::optional<NetworkElement> decodeElement(const QJsonObject &json, QString *error = nullptr);
std::optional<Site> decodeSite(const QJsonObject &json, QString *error = nullptr);
std::optional<Link> decodeLink(const QJsonObject &json, QString *error = nullptr);

// `baseUrl` (e.g. "http://host/tmf-api/alarm/v4") makes href values; empty gives relative hrefs.
// Absent optional fields (empty text, time 0) are left out; decode(encode(x)) == x for every type.
QJsonObject encodeAlarm(const Alarm &alarm, const QString &baseUrl = {});
QJsonObject encodeTicket(const TroubleTicket &ticket, const QString &baseUrl = {});
QJsonObject encodeElement(const NetworkElement &element, const QString &baseUrl = {});
QJsonObject encodeSite(const Site &site, const QString &baseUrl = {});
QJsonObject encodeLink(const Link &link, const QString &baseUrl = {});

} // namespace noc::tmf
