#include "domain/tmf_codec.h"
#include "domain/tmf_decode.h"

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

// Over UTF-16 (QString) or ASCII bytes (the stream's UTF-8, see parseTimeUtf8): one parser.
template <typename Ch> class Cursor {
public:
    Cursor(const Ch *begin, const Ch *end)
        : m_p(begin)
        , m_end(end) {}

    bool atEnd() const { return m_p == m_end; }
    char16_t peek() const { return m_p == m_end ? u'\0' : char16_t(*m_p); }
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
            const char16_t c = char16_t(m_p[i]);
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
    const Ch *m_p;
    const Ch *m_end;
};

template <std::size_t N> inline QString key(const char (&k)[N]) {
    return QString::fromLatin1(k, qsizetype(N - 1));
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

QJsonArray refArray(const QStringList &ids, const QString &baseUrl, QLatin1String collection) {
    QJsonArray out;
    for (const QString &id : ids)
        out.append(QJsonObject{{key("id"), id}, {key("href"), href(baseUrl, collection, id)}});
    return out;
}

} // namespace

// =============================================================================================
// Time

template <typename Ch> EpochMs parseTimeText(Cursor<Ch> c) {
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

EpochMs parseTime(QStringView text) {
    text = text.trimmed();
    if (text.isEmpty())
        return 0;
    return parseTimeText(Cursor<char16_t>(text.utf16(), text.utf16() + text.size()));
}

namespace detail {
EpochMs parseTimeUtf8(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) // not ASCII: QString's idea of white space
            return parseTime(QString::fromUtf8(text.data(), qsizetype(text.size())));
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    if (text.empty())
        return 0;
    return parseTimeText(Cursor<char>(text.data(), text.data() + text.size()));
}
} // namespace detail

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
        return detail::fail<QJsonObject>(error, QStringLiteral("invalid JSON at offset %1: %2")
                                                    .arg(parseError.offset)
                                                    .arg(parseError.errorString()));
    if (!doc.isObject())
        return detail::fail<QJsonObject>(
            error, QStringLiteral("expected a JSON object, got %1")
                       .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("nothing")));
    return doc.object();
}

// =============================================================================================
// Alarm (TMF642)

std::optional<Alarm> decodeAlarm(const QJsonObject &json, QString *error) {
    return detail::decodeAlarm(detail::QtJsonView(json), error);
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
    return detail::decodeTicket(detail::QtJsonView(json), error);
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
    return detail::resourceKind(detail::QtJsonView(json));
}

std::optional<NetworkElement> decodeElement(const QJsonObject &json, QString *error) {
    return detail::decodeElement(detail::QtJsonView(json), error);
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
    return detail::decodeSite(detail::QtJsonView(json), error);
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
    return detail::decodeLink(detail::QtJsonView(json), error);
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
