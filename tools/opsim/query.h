#pragma once

// TMF630 list queries: attribute filters (comma = OR, dotted paths, .gt/.gte/.lt/.lte), fields,
// offset/limit and sort, translated into SQL over the store's tables.

#include "store.h"

#include <QStringList>
#include <QUrlQuery>

namespace noc::opsim {

struct ParsedList {
    ListQuery query;
    QStringList fields; // empty = all
};

// Returns false with a message for the 400 body when the query is invalid.
bool parseListQuery(Kind kind, const QUrlQuery &urlQuery, int maxLimit, ParsedList *out, QString *error);

// Canonical RFC 3339 UTC with milliseconds ("2026-11-22T10:00:00.000Z"); empty when not a date-time.
QString canonicalTime(const QString &text);
QString isoNow();
QString isoTime(qint64 msecsSinceEpoch);

// Keeps only the requested top-level fields (id, href, @type always kept).
QByteArray selectFields(const QByteArray &json, const QStringList &fields);

} // namespace noc::opsim
