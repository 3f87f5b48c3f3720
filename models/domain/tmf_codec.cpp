#include "domain/tmf_codec.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrl>

#include <cmath>

namespace noc::tmf {

namespace {

// ---------------------------------------------------------------------------------------------
// Time: a hand parser, because QDateTime::fromString costs more than the whole rest of an alarm's
// decode and ingest parses four times per alarm. Civil-date arithmetic after H. Hinnant's
// days_from_civil / civil_from_days (proleptic Gregorian, exact for every year).

constexpr qint64 kMsPerDay = 86'400'000;

constexpr qint64 daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

struct Civil {
    qint64 year;
    int month;
    int day;
};

constexpr Civil civilFromDays(qint64 z) {
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int d = int(doy - (153 * mp + 2) / 5 + 1);
    const int m = int(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(2000, 3, 1) == 11017);
static_assert(civilFromDays(11017).year == 2000 && civilFromDays(11017).month == 3);

constexpr bool isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr int daysInMonth(int y, int m) {
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

class Cursor {
public:
    explicit Cursor(QStringView text)
        : m_p(text.utf16())
        , m_end(text.utf16() + text.size()) {}

    bool atEnd() const { return m_p == m_end; }
    char16_t peek() const { return m_p == m_end ? u'\0' : *m_p; }
    void skip() { ++m_p; }
    bool expect(char16_t c) {
        if (peek() != c)
            return false;
        ++m_p;
        return true;
    }
    // Exactly `count` decimal digits.
    bool digits(int count, int &out) {
        if (m_end - m_p < count)
            return false;
        int v = 0;
        for (int i = 0; i < count; ++i) {
            const char16_t c = m_p[i];
            if (c < u'0' || c > u'9')
                return false;
            v = v * 10 + (c - u'0');
        }
        m_p += count;
        out = v;
        return true;
    }
    bool isDigit() const { return peek() >= u'0' && peek() <= u'9'; }

private:
    const char16_t *m_p;
    const char16_t *m_end;
};

// ---------------------------------------------------------------------------------------------
// JSON access. Every reader accepts the wrong JSON type without complaint: a wrong-typed optional
// field is treated as absent (or coerced where the intent is obvious, e.g. a numeric id).

template <std::size_t N> inline QJsonValue get(const QJsonObject &o, const char (&key)[N]) {
    return o.value(QLatin1String(key, qsizetype(N - 1)));
}

template <std::size_t N> inline QString key(const char (&k)[N]) {
    return QString::fromLatin1(k, qsizetype(N - 1));
}

QString numberText(const QJsonValue &v) {
    // toInteger() gives its default unless the number is an exact qint64: two different defaults
    // tell "integral" apart without a magic sentinel, and keep ids above 2^53 exact.
    const qint64 a = v.toInteger(0);
    const qint64 b = v.toInteger(1);
    if (a == b)
        return QString::number(a);
    const double d = v.toDouble();
    if (!std::isfinite(d))
        return {};
    if (d == std::floor(d) && std::fabs(d) < 9.0e15)
        return QString::number(qint64(d));
    return QString::number(d, 'g', 17);
}

// An identifier: a string, or a JSON number (some servers send `"id": 8044`).
QString idOf(const QJsonValue &v) {
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double:
        return numberText(v);
    default:
        return {};
    }
}

// A text field: numbers and booleans become their text, objects/arrays/null are absent.
QString textOf(const QJsonValue &v) {
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double:
        return numberText(v);
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return {};
    }
}

// A characteristic value (TMF "Any"): structured values are kept as compact JSON text.
QString anyText(const QJsonValue &v) {
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return textOf(v);
}

std::optional<double> numberOf(const QJsonValue &v) {
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        if (ok && std::isfinite(d))
            return d;
    }
    return std::nullopt;
}

bool boolOf(const QJsonValue &v) {
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool();
    case QJsonValue::Double:
        return v.toDouble() != 0;
    case QJsonValue::String: {
        const QString s = v.toString().trimmed();
        return s.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
               s.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0 || s == QLatin1String("1");
    }
    default:
        return false;
    }
}

EpochMs timeOf(const QJsonValue &v) {
    if (v.isString())
        return parseTime(v.toString());
    if (v.isDouble()) {
        // Epoch numbers: values below 1e11 can only be seconds (1e11 ms is 1973, 1e11 s is year 5138).
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::fabs(d) > 1e15)
            return 0;
        return std::fabs(d) < 1e11 ? EpochMs(std::llround(d * 1000)) : EpochMs(std::llround(d));
    }
    return 0;
}

// An array field; a lone object where an array belongs (the official TMF642 sample's parentAlarm)
// counts as a one-element array, anything else as empty.
QJsonArray arrayOf(const QJsonValue &v) {
    if (v.isArray())
        return v.toArray();
    if (v.isObject())
        return QJsonArray{v};
    return {};
}

// Case- and separator-insensitive comparison with a lower-case key, as the enum parsers do.
bool sameWord(QStringView text, QLatin1String key) {
    qsizetype k = 0;
    for (const QChar qc : text.trimmed()) {
        const char16_t c = qc.unicode();
        if (c == u'_' || c == u'-' || c == u' ')
            continue;
        const char16_t lower = (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
        if (k == key.size() || lower != char16_t(key.at(k).unicode()))
            return false;
        ++k;
    }
    return k == key.size();
}

// Error texts quote what the server sent; a 10 MB value must not become a 10 MB log line.
QString clip(const QString &text) {
    constexpr qsizetype kMax = 64;
    return text.size() <= kMax ? text : text.left(kMax) + QStringLiteral("...");
}

bool isAbsent(const QJsonValue &v) {
    return v.isUndefined() || v.isNull();
}

// A value for an error text: strings quoted and clipped, other JSON types named.
QString quoted(const QJsonValue &v) {
    switch (v.type()) {
    case QJsonValue::String:
        return u'\'' + clip(v.toString()) + u'\'';
    case QJsonValue::Double:
        return numberText(v);
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QStringLiteral("(an array)");
    case QJsonValue::Object:
        return QStringLiteral("(an object)");
    default:
        return QStringLiteral("(null)");
    }
}

template <typename T> std::optional<T> fail(QString *error, const QString &reason) {
    if (error)
        *error = reason;
    return std::nullopt;
}

// Normalises the swagger enums that are kept as text in the domain (operationalState,
// administrativeState) to their canonical spelling; unknown values are kept as sent.
QString resourceStateText(const QJsonValue &v) {
    QString s = textOf(v);
    static const QLatin1String known[] = {QLatin1String("enable"), QLatin1String("disable"),
                                          QLatin1String("locked"), QLatin1String("unlocked"),
                                          QLatin1String("shutdown")};
    for (const auto &k : known)
        if (s.size() == k.size() && s.compare(k, Qt::CaseInsensitive) == 0)
            return QString(k);
    return s;
}

// ---------------------------------------------------------------------------------------------
// Encoding helpers.

QString href(const QString &baseUrl, QLatin1String collection, const QString &id) {
    QString base = baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + u'/' + collection + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

void putText(QJsonObject &o, const QString &k, const QString &value) {
    if (!value.isEmpty())
        o.insert(k, value);
}

void putTime(QJsonObject &o, const QString &k, EpochMs value) {
    if (value != 0)
        o.insert(k, formatTime(value));
}

QJsonObject characteristic(const QString &name, const QJsonValue &value) {
    return QJsonObject{{key("name"), name}, {key("value"), value}};
}

// Resource characteristics as name -> value, in document order; later duplicates win.
template <typename Fn> void forEachCharacteristic(const QJsonObject &json, Fn &&fn) {
    const QJsonArray list = arrayOf(get(json, "resourceCharacteristic"));
    for (const QJsonValue &item : list) {
        if (!item.isObject())
            continue;
        const QJsonObject c = item.toObject();
        const QString name = textOf(get(c, "name"));
        if (!name.isEmpty())
            fn(name, get(c, "value"));
    }
}

bool nameIs(const QString &name, QLatin1String k) {
    return name.compare(k, Qt::CaseInsensitive) == 0;
}

// Ids of a list of references (parentAlarm, correlatedAlarm): objects with an id, or bare ids.
QStringList refIds(const QJsonValue &v) {
    QStringList ids;
    const QJsonArray list = arrayOf(v);
    for (const QJsonValue &item : list) {
        const QString id = item.isObject() ? idOf(get(item.toObject(), "id")) : idOf(item);
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

QJsonArray refArray(const QStringList &ids, const QString &baseUrl, QLatin1String collection) {
    QJsonArray out;
    for (const QString &id : ids)
        out.append(QJsonObject{{key("id"), id}, {key("href"), href(baseUrl, collection, id)}});
    return out;
}

struct LinkEnds {
    QString aEnd;
    QString zEnd;
};

LinkEnds linkEnds(const QJsonObject &json) {
    LinkEnds ends;
    const QJsonArray list = arrayOf(get(json, "resourceRelationship"));
    for (const QJsonValue &item : list) {
        if (!item.isObject())
            continue;
        const QJsonObject rel = item.toObject();
        const QString type = textOf(get(rel, "relationshipType"));
        const QJsonValue resource = get(rel, "resource");
        const QString id = resource.isObject() ? idOf(get(resource.toObject(), "id")) : idOf(resource);
        if (id.isEmpty())
            continue;
        if (sameWord(type, QLatin1String("aend")))
            ends.aEnd = id;
        else if (sameWord(type, QLatin1String("zend")))
            ends.zEnd = id;
    }
    return ends;
}

} // namespace

// =============================================================================================
// Time

EpochMs parseTime(QStringView text) {
    text = text.trimmed();
    if (text.isEmpty())
        return 0;
    Cursor c(text);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    if (!c.digits(4, year) || !c.expect(u'-') || !c.digits(2, month) || !c.expect(u'-') || !c.digits(2, day))
        return 0;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return 0;
    qint64 offsetSeconds = 0;
    if (!c.atEnd()) {
        const char16_t sep = c.peek();
        if (sep != u'T' && sep != u't' && sep != u' ')
            return 0;
        c.skip();
        if (!c.digits(2, hour) || !c.expect(u':') || !c.digits(2, minute))
            return 0;
        // Seconds are optional: the official TMF639 sample sends "2022-07-04T08:00.000Z".
        if (c.peek() == u':' && (c.skip(), !c.digits(2, second)))
            return 0;
        if (c.peek() == u'.' || c.peek() == u',') {
            c.skip();
            if (!c.isDigit())
                return 0;
            int count = 0;
            while (c.isDigit()) {
                // Any number of digits; milliseconds are the first three, the rest is truncated.
                if (count < 3)
                    millis = millis * 10 + (c.peek() - u'0');
                ++count;
                c.skip();
            }
            for (; count < 3; ++count)
                millis *= 10;
        }
        const char16_t zone = c.peek();
        if (zone == u'Z' || zone == u'z') {
            c.skip();
        } else if (zone == u'+' || zone == u'-') {
            c.skip();
            int oh = 0, om = 0;
            if (!c.digits(2, oh))
                return 0;
            c.expect(u':'); // ±hh:mm, and the ±hhmm that some servers send
            if (!c.atEnd() && !c.digits(2, om))
                return 0;
            if (oh > 23 || om > 59)
                return 0;
            offsetSeconds = (zone == u'+' ? 1 : -1) * (oh * 3600 + om * 60);
        } else if (!c.atEnd()) {
            return 0;
        }
        // No zone at all is read as UTC: the profile's times are UTC.
        if (!c.atEnd())
            return 0;
        if (hour > 23 || minute > 59 || second > 60) // 60: a leap second, RFC 3339 5.7
            return 0;
    }
    const qint64 seconds =
        daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return seconds * 1000 + millis;
}

QString formatTime(EpochMs ms) {
    if (ms == 0)
        return {};
    qint64 days = ms / kMsPerDay;
    qint64 rem = ms % kMsPerDay;
    if (rem < 0) {
        rem += kMsPerDay;
        --days;
    }
    const Civil date = civilFromDays(days);
    if (date.year < 0 || date.year > 9999) // outside RFC 3339's four-digit years: let Qt spell it
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    const int msOfDay = int(rem);
    const int hour = msOfDay / 3'600'000;
    const int minute = msOfDay / 60'000 % 60;
    const int second = msOfDay / 1000 % 60;
    const int millis = msOfDay % 1000;

    char16_t buf[24];
    const auto put = [&buf](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[at + i] = char16_t(u'0' + value % 10);
            value /= 10;
        }
    };
    put(0, int(date.year), 4);
    buf[4] = u'-';
    put(5, date.month, 2);
    buf[7] = u'-';
    put(8, date.day, 2);
    buf[10] = u'T';
    put(11, hour, 2);
    buf[13] = u':';
    put(14, minute, 2);
    buf[16] = u':';
    put(17, second, 2);
    buf[19] = u'.';
    put(20, millis, 3);
    buf[23] = u'Z';
    return QString(reinterpret_cast<const QChar *>(buf), 24);
}

std::optional<QJsonObject> parseObject(QByteArrayView json, QString *error) {
    QJsonParseError parseError{};
    // fromRawData: no copy of a possibly large page; the document copies what it keeps.
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail<QJsonObject>(error, QStringLiteral("invalid JSON at offset %1: %2")
                                            .arg(parseError.offset)
                                            .arg(parseError.errorString()));
    if (!doc.isObject())
        return fail<QJsonObject>(
            error, QStringLiteral("expected a JSON object, got %1")
                       .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("nothing")));
    return doc.object();
}

// =============================================================================================
// Alarm (TMF642)

std::optional<Alarm> decodeAlarm(const QJsonObject &json, QString *error) {
    Alarm a;
    a.id = idOf(get(json, "id"));
    if (a.id.isEmpty())
        return fail<Alarm>(error, QStringLiteral("alarm without id"));

    const QJsonValue severityValue = get(json, "perceivedSeverity");
    const std::optional<Severity> severity = parseSeverity(textOf(severityValue));
    if (!severity)
        return fail<Alarm>(error, isAbsent(severityValue)
                                      ? QStringLiteral("alarm %1: no perceivedSeverity").arg(clip(a.id))
                                      : QStringLiteral("alarm %1: unknown perceivedSeverity %2")
                                            .arg(clip(a.id), quoted(severityValue)));
    a.perceivedSeverity = *severity;

    a.alarmClearedTime = timeOf(get(json, "alarmClearedTime"));
    // A server that leaves out state (or sends an unknown one) still tells us whether it cleared.
    a.state = parseAlarmState(textOf(get(json, "state")))
                  .value_or(a.perceivedSeverity == Severity::Cleared || a.alarmClearedTime != 0
                                ? AlarmState::Cleared
                                : AlarmState::Raised);

    a.externalAlarmId = textOf(get(json, "externalAlarmId"));
    a.alarmType = canonicalAlarmType(textOf(get(json, "alarmType")));
    a.probableCause = textOf(get(json, "probableCause"));
    a.specificProblem = textOf(get(json, "specificProblem"));
    a.alarmedObjectType = textOf(get(json, "alarmedObjectType"));

    const QJsonValue object = get(json, "alarmedObject");
    if (object.isObject()) {
        a.alarmedObjectId = idOf(get(object.toObject(), "id"));
    } else if (object.isArray()) {
        const QJsonArray list = object.toArray();
        const QJsonValue first = list.isEmpty() ? QJsonValue() : list.at(0);
        a.alarmedObjectId = first.isObject() ? idOf(get(first.toObject(), "id")) : idOf(first);
    } else {
        a.alarmedObjectId = idOf(object);
    }

    a.sourceSystemId = textOf(get(json, "sourceSystemId"));
    a.alarmRaisedTime = timeOf(get(json, "alarmRaisedTime"));
    a.alarmReportingTime = timeOf(get(json, "alarmReportingTime"));
    a.alarmChangedTime = timeOf(get(json, "alarmChangedTime"));
    a.ackState = parseAckState(textOf(get(json, "ackState"))).value_or(AckState::Unacknowledged);
    a.ackUserId = textOf(get(json, "ackUserId"));
    a.ackSystemId = textOf(get(json, "ackSystemId"));
    a.clearUserId = textOf(get(json, "clearUserId"));
    a.clearSystemId = textOf(get(json, "clearSystemId"));

    // The official sample spells it isRoot.
    QJsonValue root = get(json, "isRootCause");
    if (root.isUndefined())
        root = get(json, "isRoot");
    a.isRootCause = boolOf(root);
    a.serviceAffecting = boolOf(get(json, "serviceAffecting"));
    a.parentAlarmIds = refIds(get(json, "parentAlarm"));
    a.correlatedAlarmIds = refIds(get(json, "correlatedAlarm"));

    const QJsonArray comments = arrayOf(get(json, "comment"));
    for (const QJsonValue &item : comments) {
        if (!item.isObject())
            continue;
        const QJsonObject c = item.toObject();
        AlarmComment comment;
        comment.userId = textOf(get(c, "userId"));
        comment.systemId = textOf(get(c, "systemId"));
        comment.time = timeOf(get(c, "time"));
        comment.comment = textOf(get(c, "comment"));
        if (!comment.comment.isEmpty() || !comment.userId.isEmpty() || comment.time != 0)
            a.comments.append(comment);
    }
    return a;
}

QJsonObject encodeAlarm(const Alarm &a, const QString &baseUrl) {
    QJsonObject o;
    o.insert(key("id"), a.id);
    o.insert(key("href"), href(baseUrl, QLatin1String("alarm"), a.id));
    o.insert(key("@type"), key("Alarm"));
    putText(o, key("externalAlarmId"), a.externalAlarmId);
    o.insert(key("state"), toString(a.state));
    o.insert(key("perceivedSeverity"), toString(a.perceivedSeverity));
    putText(o, key("alarmType"), a.alarmType);
    putText(o, key("probableCause"), a.probableCause);
    putText(o, key("specificProblem"), a.specificProblem);
    putText(o, key("alarmedObjectType"), a.alarmedObjectType);
    // No href on alarmedObject: it lives in the resource inventory API, whose base this encoder is not
    // given, and the swagger's AlarmedObject does not require one.
    if (!a.alarmedObjectId.isEmpty())
        o.insert(key("alarmedObject"), QJsonObject{{key("id"), a.alarmedObjectId}});
    putText(o, key("sourceSystemId"), a.sourceSystemId);
    putTime(o, key("alarmRaisedTime"), a.alarmRaisedTime);
    putTime(o, key("alarmReportingTime"), a.alarmReportingTime);
    putTime(o, key("alarmChangedTime"), a.alarmChangedTime);
    putTime(o, key("alarmClearedTime"), a.alarmClearedTime);
    o.insert(key("ackState"), toString(a.ackState));
    putText(o, key("ackUserId"), a.ackUserId);
    putText(o, key("ackSystemId"), a.ackSystemId);
    putText(o, key("clearUserId"), a.clearUserId);
    putText(o, key("clearSystemId"), a.clearSystemId);
    // Booleans are always sent: false is information, not absence.
    o.insert(key("isRootCause"), a.isRootCause);
    o.insert(key("serviceAffecting"), a.serviceAffecting);
    if (!a.parentAlarmIds.isEmpty())
        o.insert(key("parentAlarm"), refArray(a.parentAlarmIds, baseUrl, QLatin1String("alarm")));
    if (!a.correlatedAlarmIds.isEmpty())
        o.insert(key("correlatedAlarm"), refArray(a.correlatedAlarmIds, baseUrl, QLatin1String("alarm")));
    if (!a.comments.isEmpty()) {
        QJsonArray list;
        for (const AlarmComment &c : a.comments) {
            QJsonObject item;
            putText(item, key("userId"), c.userId);
            putText(item, key("systemId"), c.systemId);
            putTime(item, key("time"), c.time);
            putText(item, key("comment"), c.comment);
            list.append(item);
        }
        o.insert(key("comment"), list);
    }
    return o;
}

// =============================================================================================
// Trouble ticket (TMF621 v4, reading the v5 shapes too)

std::optional<TroubleTicket> decodeTicket(const QJsonObject &json, QString *error) {
    TroubleTicket t;
    t.id = idOf(get(json, "id"));
    if (t.id.isEmpty())
        return fail<TroubleTicket>(error, QStringLiteral("ticket without id"));

    // An absent status is the start of TMF621's state machine (acknowledged); a status that is there
    // but unreadable is rejected, since the workflow actions depend on it.
    const QJsonValue statusValue = get(json, "status");
    if (!isAbsent(statusValue)) {
        const std::optional<TicketStatus> status = parseTicketStatus(textOf(statusValue));
        if (!status)
            return fail<TroubleTicket>(
                error, QStringLiteral("ticket %1: unknown status %2").arg(clip(t.id), quoted(statusValue)));
        t.status = *status;
    }

    t.name = textOf(get(json, "name"));
    t.description = textOf(get(json, "description"));
    t.severity = textOf(get(json, "severity"));
    t.priority = textOf(get(json, "priority"));
    t.ticketType = textOf(get(json, "ticketType"));
    t.statusChangeReason = textOf(get(json, "statusChangeReason"));
    t.creationDate = timeOf(get(json, "creationDate"));
    t.lastUpdate = timeOf(get(json, "lastUpdate"));
    t.expectedResolutionDate = timeOf(get(json, "expectedResolutionDate"));
    t.resolutionDate = timeOf(get(json, "resolutionDate"));

    const QJsonArray parties = arrayOf(get(json, "relatedParty"));
    for (const QJsonValue &item : parties) {
        if (!item.isObject())
            continue;
        const QJsonObject p = item.toObject();
        // v5: {role, partyOrPartyRole: {id, name, @referredType}}
        const QJsonValue inner = get(p, "partyOrPartyRole");
        const QJsonObject ref = inner.isObject() ? inner.toObject() : p;
        RelatedParty party;
        party.id = idOf(get(ref, "id"));
        if (party.id.isEmpty())
            continue;
        party.name = textOf(get(ref, "name"));
        party.role = textOf(get(p, "role"));
        party.referredType = textOf(get(ref, "@referredType"));
        t.relatedParties.append(party);
    }

    const QJsonArray entities = arrayOf(get(json, "relatedEntity"));
    for (const QJsonValue &item : entities) {
        if (!item.isObject())
            continue;
        const QJsonObject e = item.toObject();
        // v5: {role, entity: {id, name, @referredType}}
        const QJsonValue inner = get(e, "entity");
        const QJsonObject ref = inner.isObject() ? inner.toObject() : e;
        RelatedEntity entity;
        entity.id = idOf(get(ref, "id"));
        if (entity.id.isEmpty())
            continue;
        entity.name = textOf(get(ref, "name"));
        entity.role = textOf(get(e, "role"));
        entity.referredType = textOf(get(ref, "@referredType"));
        if (entity.referredType.isEmpty())
            entity.referredType = textOf(get(ref, "@type"));
        t.relatedEntities.append(entity);
    }

    const QJsonArray notes = arrayOf(get(json, "note"));
    for (const QJsonValue &item : notes) {
        if (!item.isObject())
            continue;
        const QJsonObject n = item.toObject();
        TicketNote note;
        note.id = idOf(get(n, "id"));
        note.author = textOf(get(n, "author"));
        note.date = timeOf(get(n, "date"));
        note.text = textOf(get(n, "text"));
        t.notes.append(note);
    }

    // v4 statusChange[] {changeDate, changeReason, status}; v5 statusChangeHistory[]
    // {statusChangeDate, statusChangeReason, status}. A server sending both gets the v4 list.
    QJsonArray history = arrayOf(get(json, "statusChange"));
    if (history.isEmpty())
        history = arrayOf(get(json, "statusChangeHistory"));
    for (const QJsonValue &item : history) {
        if (!item.isObject())
            continue;
        const QJsonObject s = item.toObject();
        // An unknown status in the history costs that entry, not the ticket.
        const std::optional<TicketStatus> status = parseTicketStatus(textOf(get(s, "status")));
        if (!status)
            continue;
        StatusChange change;
        change.status = *status;
        QJsonValue date = get(s, "changeDate");
        if (date.isUndefined())
            date = get(s, "statusChangeDate");
        change.changeDate = timeOf(date);
        QJsonValue reason = get(s, "changeReason");
        if (reason.isUndefined())
            reason = get(s, "statusChangeReason");
        change.changeReason = textOf(reason);
        t.statusChanges.append(change);
    }
    return t;
}

QJsonObject encodeTicket(const TroubleTicket &t, const QString &baseUrl) {
    QJsonObject o;
    o.insert(key("id"), t.id);
    o.insert(key("href"), href(baseUrl, QLatin1String("troubleTicket"), t.id));
    o.insert(key("@type"), key("TroubleTicket"));
    putText(o, key("name"), t.name);
    putText(o, key("description"), t.description);
    putText(o, key("severity"), t.severity);
    putText(o, key("priority"), t.priority);
    putText(o, key("ticketType"), t.ticketType);
    o.insert(key("status"), toString(t.status));
    putText(o, key("statusChangeReason"), t.statusChangeReason);
    putTime(o, key("creationDate"), t.creationDate);
    putTime(o, key("lastUpdate"), t.lastUpdate);
    putTime(o, key("expectedResolutionDate"), t.expectedResolutionDate);
    putTime(o, key("resolutionDate"), t.resolutionDate);
    if (!t.relatedParties.isEmpty()) {
        QJsonArray list;
        for (const RelatedParty &p : t.relatedParties) {
            QJsonObject item{{key("id"), p.id}};
            putText(item, key("name"), p.name);
            putText(item, key("role"), p.role);
            putText(item, key("@referredType"), p.referredType);
            list.append(item);
        }
        o.insert(key("relatedParty"), list);
    }
    if (!t.relatedEntities.isEmpty()) {
        QJsonArray list;
        for (const RelatedEntity &e : t.relatedEntities) {
            QJsonObject item{{key("id"), e.id}};
            putText(item, key("name"), e.name);
            putText(item, key("role"), e.role);
            putText(item, key("@referredType"), e.referredType);
            list.append(item);
        }
        o.insert(key("relatedEntity"), list);
    }
    if (!t.notes.isEmpty()) {
        QJsonArray list;
        for (const TicketNote &n : t.notes) {
            QJsonObject item;
            putText(item, key("id"), n.id);
            putText(item, key("author"), n.author);
            putTime(item, key("date"), n.date);
            putText(item, key("text"), n.text);
            list.append(item);
        }
        o.insert(key("note"), list);
    }
    if (!t.statusChanges.isEmpty()) {
        QJsonArray list;
        for (const StatusChange &s : t.statusChanges) {
            QJsonObject item{{key("status"), toString(s.status)}};
            putTime(item, key("changeDate"), s.changeDate);
            putText(item, key("changeReason"), s.changeReason);
            list.append(item);
        }
        o.insert(key("statusChange"), list);
    }
    return o;
}

// =============================================================================================
// Resources (TMF639)

ResourceKind resourceKind(const QJsonObject &json) {
    const QString category = textOf(get(json, "category"));
    if (sameWord(category, QLatin1String("site")))
        return ResourceKind::Site;
    if (sameWord(category, QLatin1String("link")))
        return ResourceKind::Link;
    const QString type = textOf(get(json, "@type"));
    if (sameWord(type, QLatin1String("geographicsite")))
        return ResourceKind::Site; // a TMF674 site handed to the inventory
    if (sameWord(type, QLatin1String("logicalresource"))) {
        const LinkEnds ends = linkEnds(json);
        if (!ends.aEnd.isEmpty() || !ends.zEnd.isEmpty())
            return ResourceKind::Link; // decodeLink says which end is missing
    }
    if (sameWord(type, QLatin1String("physicalresource")) || !category.trimmed().isEmpty())
        return ResourceKind::Element;
    return ResourceKind::Unknown;
}

std::optional<NetworkElement> decodeElement(const QJsonObject &json, QString *error) {
    NetworkElement e;
    e.id = idOf(get(json, "id"));
    if (e.id.isEmpty())
        return fail<NetworkElement>(error, QStringLiteral("network element without id"));
    e.name = textOf(get(json, "name"));
    e.category = parseElementCategory(textOf(get(json, "category")));
    e.operationalState = resourceStateText(get(json, "operationalState"));
    e.administrativeState = resourceStateText(get(json, "administrativeState"));
    e.lastUpdate = timeOf(get(json, "lastUpdate"));

    forEachCharacteristic(json, [&e](const QString &name, const QJsonValue &value) {
        if (nameIs(name, QLatin1String("vendor")))
            e.vendor = textOf(value);
        else if (nameIs(name, QLatin1String("model")))
            e.model = textOf(value);
        else if (nameIs(name, QLatin1String("mgmtIp")))
            e.mgmtIp = textOf(value);
        else if (nameIs(name, QLatin1String("layer")))
            e.layer = parseNetworkLayer(textOf(value));
        else
            e.otherCharacteristics.insert(name, anyText(value));
    });

    // place: one RelatedPlaceRefOrValue in v4, an array on some servers; prefer role installedAt,
    // else the first place with an id (the official sample's place has no role).
    const QJsonArray places = arrayOf(get(json, "place"));
    QString fallback;
    for (const QJsonValue &item : places) {
        if (!item.isObject())
            continue;
        const QJsonObject place = item.toObject();
        const QString id = idOf(get(place, "id"));
        if (id.isEmpty())
            continue;
        if (sameWord(textOf(get(place, "role")), QLatin1String("installedat"))) {
            e.siteId = id;
            break;
        }
        if (fallback.isEmpty())
            fallback = id;
    }
    if (e.siteId.isEmpty())
        e.siteId = fallback;
    return e;
}

QJsonObject encodeElement(const NetworkElement &e, const QString &baseUrl) {
    QJsonObject o;
    o.insert(key("id"), e.id);
    o.insert(key("href"), href(baseUrl, QLatin1String("resource"), e.id));
    o.insert(key("@type"), key("PhysicalResource"));
    putText(o, key("name"), e.name);
    // "other" is not a profile category: leave category out and let @type say it is an element.
    if (e.category != ElementCategory::Other)
        o.insert(key("category"), toString(e.category));
    putText(o, key("operationalState"), e.operationalState);
    putText(o, key("administrativeState"), e.administrativeState);
    putTime(o, key("lastUpdate"), e.lastUpdate);

    QJsonArray characteristics;
    if (!e.vendor.isEmpty())
        characteristics.append(characteristic(key("vendor"), e.vendor));
    if (!e.model.isEmpty())
        characteristics.append(characteristic(key("model"), e.model));
    if (!e.mgmtIp.isEmpty())
        characteristics.append(characteristic(key("mgmtIp"), e.mgmtIp));
    if (e.layer != NetworkLayer::Unknown)
        characteristics.append(characteristic(key("layer"), toString(e.layer)));
    for (auto it = e.otherCharacteristics.cbegin(); it != e.otherCharacteristics.cend(); ++it)
        characteristics.append(characteristic(it.key(), it.value()));
    if (!characteristics.isEmpty())
        o.insert(key("resourceCharacteristic"), characteristics);

    if (!e.siteId.isEmpty())
        o.insert(key("place"), QJsonObject{{key("id"), e.siteId},
                                           {key("href"), href(baseUrl, QLatin1String("resource"), e.siteId)},
                                           {key("role"), key("installedAt")},
                                           {key("@referredType"), key("GeographicSite")}});
    return o;
}

std::optional<Site> decodeSite(const QJsonObject &json, QString *error) {
    Site s;
    s.id = idOf(get(json, "id"));
    if (s.id.isEmpty())
        return fail<Site>(error, QStringLiteral("site without id"));
    s.name = textOf(get(json, "name"));
    s.lastUpdate = timeOf(get(json, "lastUpdate"));
    forEachCharacteristic(json, [&s](const QString &name, const QJsonValue &value) {
        if (nameIs(name, QLatin1String("region")))
            s.region = textOf(value);
        else if (nameIs(name, QLatin1String("address")))
            s.address = textOf(value);
        else if (nameIs(name, QLatin1String("latitude")))
            s.latitude = numberOf(value).value_or(std::nan(""));
        else if (nameIs(name, QLatin1String("longitude")))
            s.longitude = numberOf(value).value_or(std::nan(""));
    });
    // Out-of-range coordinates would put the site off the map: treat them as absent.
    if (!(std::fabs(s.latitude) <= 90.0))
        s.latitude = std::nan("");
    if (!(std::fabs(s.longitude) <= 180.0))
        s.longitude = std::nan("");
    return s;
}

QJsonObject encodeSite(const Site &s, const QString &baseUrl) {
    QJsonObject o;
    o.insert(key("id"), s.id);
    o.insert(key("href"), href(baseUrl, QLatin1String("resource"), s.id));
    o.insert(key("@type"), key("Resource"));
    o.insert(key("category"), key("site"));
    putText(o, key("name"), s.name);
    putTime(o, key("lastUpdate"), s.lastUpdate);
    QJsonArray characteristics;
    if (!s.region.isEmpty())
        characteristics.append(characteristic(key("region"), s.region));
    if (!s.address.isEmpty())
        characteristics.append(characteristic(key("address"), s.address));
    if (!std::isnan(s.latitude))
        characteristics.append(characteristic(key("latitude"), s.latitude));
    if (!std::isnan(s.longitude))
        characteristics.append(characteristic(key("longitude"), s.longitude));
    if (!characteristics.isEmpty())
        o.insert(key("resourceCharacteristic"), characteristics);
    return o;
}

std::optional<Link> decodeLink(const QJsonObject &json, QString *error) {
    Link l;
    l.id = idOf(get(json, "id"));
    if (l.id.isEmpty())
        return fail<Link>(error, QStringLiteral("link without id"));
    const LinkEnds ends = linkEnds(json);
    if (ends.aEnd.isEmpty() || ends.zEnd.isEmpty())
        return fail<Link>(error, QStringLiteral("link %1: no %2 relationship")
                                     .arg(clip(l.id), ends.aEnd.isEmpty() ? QStringLiteral("aEnd")
                                                                          : QStringLiteral("zEnd")));
    l.aEndId = ends.aEnd;
    l.zEndId = ends.zEnd;
    l.name = textOf(get(json, "name"));
    l.operationalState = resourceStateText(get(json, "operationalState"));
    l.lastUpdate = timeOf(get(json, "lastUpdate"));
    forEachCharacteristic(json, [&l](const QString &name, const QJsonValue &value) {
        if (nameIs(name, QLatin1String("capacityBps")))
            l.capacityBps = std::max(0.0, numberOf(value).value_or(0.0));
        else if (nameIs(name, QLatin1String("utilization")))
            l.utilization = std::max(0.0, numberOf(value).value_or(0.0));
        else if (nameIs(name, QLatin1String("aPort")))
            l.aPort = textOf(value);
        else if (nameIs(name, QLatin1String("zPort")))
            l.zPort = textOf(value);
    });
    return l;
}

QJsonObject encodeLink(const Link &l, const QString &baseUrl) {
    QJsonObject o;
    o.insert(key("id"), l.id);
    o.insert(key("href"), href(baseUrl, QLatin1String("resource"), l.id));
    o.insert(key("@type"), key("LogicalResource"));
    o.insert(key("category"), key("link"));
    putText(o, key("name"), l.name);
    putText(o, key("operationalState"), l.operationalState);
    putTime(o, key("lastUpdate"), l.lastUpdate);
    const auto end = [&baseUrl](QLatin1String type, const QString &id) {
        return QJsonObject{
            {key("relationshipType"), QString(type)},
            {key("resource"),
             QJsonObject{{key("id"), id}, {key("href"), href(baseUrl, QLatin1String("resource"), id)}}}};
    };
    o.insert(key("resourceRelationship"),
             QJsonArray{end(QLatin1String("aEnd"), l.aEndId), end(QLatin1String("zEnd"), l.zEndId)});
    QJsonArray characteristics;
    if (l.capacityBps != 0)
        characteristics.append(characteristic(key("capacityBps"), l.capacityBps));
    if (l.utilization != 0)
        characteristics.append(characteristic(key("utilization"), l.utilization));
    if (!l.aPort.isEmpty())
        characteristics.append(characteristic(key("aPort"), l.aPort));
    if (!l.zPort.isEmpty())
        characteristics.append(characteristic(key("zPort"), l.zPort));
    if (!characteristics.isEmpty())
        o.insert(key("resourceCharacteristic"), characteristics);
    return o;
}

} // namespace noc::tmf
