#pragma once

#include "domain/tmf_codec.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>
#include <string_view>

// The TMF decoders, written once against a small read-only JSON view so that the same code reads
// Qt's DOM (REST pages, QtJsonView below) and simdjson's tape (the event stream, see
// sync/event_frame_parser.cpp): two JSON parsers, one decoder, no second set of rules to drift.
// Private to the codec and the stream parser; everything else uses tmf_codec.h.
//
// A view V offers: type(); get(key) (a member of an object, Undefined otherwise; the last of
// duplicate keys, as Qt keeps); string(), boolean(), number(), exactInteger() (a number that is
// exactly a qint64, as QJsonValue::toInteger sees it), time() (a string read by parseTime),
// size() / forEachElement(fn) / firstElement() on arrays, compactJson() of objects and arrays
// (the text QJsonDocument::Compact gives).
namespace noc::tmf::detail {

enum class JsonType { Undefined, Null, Bool, Number, String, Array, Object };

// parseTime for UTF-8 text, without a QString on the way (the stream's hot path).
EpochMs parseTimeUtf8(std::string_view text);

class QtJsonView {
public:
    QtJsonView() = default;
    explicit QtJsonView(const QJsonObject &object)
        : m_type(JsonType::Object)
        , m_object(object) {}
    explicit QtJsonView(const QJsonValue &value)
        : m_value(value) {
        switch (value.type()) {
        case QJsonValue::Null:
            m_type = JsonType::Null;
            break;
        case QJsonValue::Bool:
            m_type = JsonType::Bool;
            break;
        case QJsonValue::Double:
            m_type = JsonType::Number;
            break;
        case QJsonValue::String:
            m_type = JsonType::String;
            break;
        case QJsonValue::Array:
            m_type = JsonType::Array;
            break;
        case QJsonValue::Object:
            m_type = JsonType::Object;
            m_object = value.toObject();
            break;
        case QJsonValue::Undefined:
            break;
        }
    }

    JsonType type() const { return m_type; }
    QtJsonView get(QLatin1String key) const {
        return m_type == JsonType::Object ? QtJsonView(m_object.value(key)) : QtJsonView();
    }
    QString string() const { return m_value.toString(); }
    bool boolean() const { return m_value.toBool(); }
    double number() const { return m_value.toDouble(); }
    std::optional<qint64> exactInteger() const {
        // toInteger() gives its default unless the number is an exact qint64: two different
        // defaults tell "integral" apart without a magic sentinel, and keep ids above 2^53 exact.
        const qint64 a = m_value.toInteger(0);
        const qint64 b = m_value.toInteger(1);
        return a == b ? std::optional<qint64>(a) : std::nullopt;
    }
    EpochMs time() const { return parseTime(m_value.toString()); }
    qsizetype size() const { return m_value.toArray().size(); }
    QtJsonView firstElement() const {
        const QJsonArray list = m_value.toArray();
        return list.isEmpty() ? QtJsonView() : QtJsonView(list.at(0));
    }
    template <typename Fn> void forEachElement(Fn &&fn) const {
        const QJsonArray list = m_value.toArray();
        for (const QJsonValue &item : list)
            fn(QtJsonView(item));
    }
    QString compactJson() const {
        const QJsonDocument doc =
            m_type == JsonType::Object ? QJsonDocument(m_object) : QJsonDocument(m_value.toArray());
        return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    }

private:
    JsonType m_type = JsonType::Undefined;
    QJsonValue m_value;
    QJsonObject m_object;
};

// ---------------------------------------------------------------------------------------------
// Field readers. Every reader accepts the wrong JSON type without complaint: a wrong-typed optional
// field is treated as absent (or coerced where the intent is obvious, e.g. a numeric id).

template <typename V, std::size_t N> inline V get(const V &o, const char (&key)[N]) {
    return o.get(QLatin1String(key, qsizetype(N - 1)));
}

template <typename V> QString numberText(const V &v) {
    if (const std::optional<qint64> exact = v.exactInteger())
        return QString::number(*exact);
    const double d = v.number();
    if (!std::isfinite(d))
        return {};
    if (d == std::floor(d) && std::fabs(d) < 9.0e15)
        return QString::number(qint64(d));
    return QString::number(d, 'g', 17);
}

// An identifier: a string, or a JSON number (some servers send `"id": 8044`).
template <typename V> QString idOf(const V &v) {
    switch (v.type()) {
    case JsonType::String:
        return v.string();
    case JsonType::Number:
        return numberText(v);
    default:
        return {};
    }
}

// A text field: numbers and booleans become their text, objects/arrays/null are absent.
template <typename V> QString textOf(const V &v) {
    switch (v.type()) {
    case JsonType::String:
        return v.string();
    case JsonType::Number:
        return numberText(v);
    case JsonType::Bool:
        return v.boolean() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return {};
    }
}

// A characteristic value (TMF "Any"): structured values are kept as compact JSON text.
template <typename V> QString anyText(const V &v) {
    if (v.type() == JsonType::Object || v.type() == JsonType::Array)
        return v.compactJson();
    return textOf(v);
}

template <typename V> std::optional<double> numberOf(const V &v) {
    if (v.type() == JsonType::Number)
        return v.number();
    if (v.type() == JsonType::String) {
        bool ok = false;
        const double d = v.string().trimmed().toDouble(&ok);
        if (ok && std::isfinite(d))
            return d;
    }
    return std::nullopt;
}

template <typename V> bool boolOf(const V &v) {
    switch (v.type()) {
    case JsonType::Bool:
        return v.boolean();
    case JsonType::Number:
        return v.number() != 0;
    case JsonType::String: {
        const QString s = v.string().trimmed();
        return s.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
               s.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0 || s == QLatin1String("1");
    }
    default:
        return false;
    }
}

template <typename V> EpochMs timeOf(const V &v) {
    if (v.type() == JsonType::String)
        return v.time();
    if (v.type() == JsonType::Number) {
        // Epoch numbers: values below 1e11 can only be seconds (1e11 ms is 1973, 1e11 s is year 5138).
        const double d = v.number();
        if (!std::isfinite(d) || std::fabs(d) > 1e15)
            return 0;
        return std::fabs(d) < 1e11 ? EpochMs(std::llround(d * 1000)) : EpochMs(std::llround(d));
    }
    return 0;
}

// An array field; a lone object where an array belongs (the official TMF642 sample's parentAlarm)
// counts as a one-element array, anything else as empty.
template <typename V, typename Fn> void forEachItem(const V &v, Fn &&fn) {
    if (v.type() == JsonType::Array)
        v.forEachElement(fn);
    else if (v.type() == JsonType::Object)
        fn(v);
}

template <typename V> bool hasItems(const V &v) {
    return v.type() == JsonType::Object || (v.type() == JsonType::Array && v.size() > 0);
}

// Case- and separator-insensitive comparison with a lower-case key, as the enum parsers do.
inline bool sameWord(QStringView text, QLatin1String key) {
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
inline QString clip(const QString &text) {
    constexpr qsizetype kMax = 64;
    return text.size() <= kMax ? text : text.left(kMax) + QStringLiteral("...");
}

template <typename V> bool isAbsent(const V &v) {
    return v.type() == JsonType::Undefined || v.type() == JsonType::Null;
}

// A value for an error text: strings quoted and clipped, other JSON types named.
template <typename V> QString quoted(const V &v) {
    switch (v.type()) {
    case JsonType::String:
        return u'\'' + clip(v.string()) + u'\'';
    case JsonType::Number:
        return numberText(v);
    case JsonType::Bool:
        return v.boolean() ? QStringLiteral("true") : QStringLiteral("false");
    case JsonType::Array:
        return QStringLiteral("(an array)");
    case JsonType::Object:
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
template <typename V> QString resourceStateText(const V &v) {
    QString s = textOf(v);
    static const QLatin1String known[] = {QLatin1String("enable"), QLatin1String("disable"),
                                          QLatin1String("locked"), QLatin1String("unlocked"),
                                          QLatin1String("shutdown")};
    for (const auto &k : known)
        if (s.size() == k.size() && s.compare(k, Qt::CaseInsensitive) == 0)
            return QString(k);
    return s;
}

// Resource characteristics as name -> value, in document order; later duplicates win.
template <typename V, typename Fn> void forEachCharacteristic(const V &json, Fn &&fn) {
    forEachItem(get(json, "resourceCharacteristic"), [&fn](const V &item) {
        if (item.type() != JsonType::Object)
            return;
        const QString name = textOf(get(item, "name"));
        if (!name.isEmpty())
            fn(name, get(item, "value"));
    });
}

inline bool nameIs(const QString &name, QLatin1String k) {
    return name.compare(k, Qt::CaseInsensitive) == 0;
}

// Ids of a list of references (parentAlarm, correlatedAlarm): objects with an id, or bare ids.
template <typename V> QStringList refIds(const V &v) {
    QStringList ids;
    forEachItem(v, [&ids](const V &item) {
        const QString id = item.type() == JsonType::Object ? idOf(get(item, "id")) : idOf(item);
        if (!id.isEmpty())
            ids.append(id);
    });
    return ids;
}

struct LinkEnds {
    QString aEnd;
    QString zEnd;
};

template <typename V> LinkEnds linkEnds(const V &json) {
    LinkEnds ends;
    forEachItem(get(json, "resourceRelationship"), [&ends](const V &rel) {
        if (rel.type() != JsonType::Object)
            return;
        const QString type = textOf(get(rel, "relationshipType"));
        const V resource = get(rel, "resource");
        const QString id = resource.type() == JsonType::Object ? idOf(get(resource, "id")) : idOf(resource);
        if (id.isEmpty())
            return;
        if (sameWord(type, QLatin1String("aend")))
            ends.aEnd = id;
        else if (sameWord(type, QLatin1String("zend")))
            ends.zEnd = id;
    });
    return ends;
}

// =============================================================================================
// Alarm (TMF642)

template <typename V> std::optional<Alarm> decodeAlarm(const V &json, QString *error) {
    Alarm a;
    a.id = idOf(get(json, "id"));
    if (a.id.isEmpty())
        return fail<Alarm>(error, QStringLiteral("alarm without id"));

    const V severityValue = get(json, "perceivedSeverity");
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

    const V object = get(json, "alarmedObject");
    if (object.type() == JsonType::Object) {
        a.alarmedObjectId = idOf(get(object, "id"));
    } else if (object.type() == JsonType::Array) {
        const V first = object.firstElement();
        a.alarmedObjectId = first.type() == JsonType::Object ? idOf(get(first, "id")) : idOf(first);
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
    V root = get(json, "isRootCause");
    if (root.type() == JsonType::Undefined)
        root = get(json, "isRoot");
    a.isRootCause = boolOf(root);
    a.serviceAffecting = boolOf(get(json, "serviceAffecting"));
    a.parentAlarmIds = refIds(get(json, "parentAlarm"));
    a.correlatedAlarmIds = refIds(get(json, "correlatedAlarm"));

    forEachItem(get(json, "comment"), [&a](const V &c) {
        if (c.type() != JsonType::Object)
            return;
        AlarmComment comment;
        comment.userId = textOf(get(c, "userId"));
        comment.systemId = textOf(get(c, "systemId"));
        comment.time = timeOf(get(c, "time"));
        comment.comment = textOf(get(c, "comment"));
        if (!comment.comment.isEmpty() || !comment.userId.isEmpty() || comment.time != 0)
            a.comments.append(comment);
    });
    return a;
}

// =============================================================================================
// Trouble ticket (TMF621 v4, reading the v5 shapes too)

template <typename V> std::optional<TroubleTicket> decodeTicket(const V &json, QString *error) {
    TroubleTicket t;
    t.id = idOf(get(json, "id"));
    if (t.id.isEmpty())
        return fail<TroubleTicket>(error, QStringLiteral("ticket without id"));

    // An absent status is the start of TMF621's state machine (acknowledged); a status that is there
    // but unreadable is rejected, since the workflow actions depend on it.
    const V statusValue = get(json, "status");
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

    forEachItem(get(json, "relatedParty"), [&t](const V &p) {
        if (p.type() != JsonType::Object)
            return;
        // v5: {role, partyOrPartyRole: {id, name, @referredType}}
        const V inner = get(p, "partyOrPartyRole");
        const V ref = inner.type() == JsonType::Object ? inner : p;
        RelatedParty party;
        party.id = idOf(get(ref, "id"));
        if (party.id.isEmpty())
            return;
        party.name = textOf(get(ref, "name"));
        party.role = textOf(get(p, "role"));
        party.referredType = textOf(get(ref, "@referredType"));
        t.relatedParties.append(party);
    });

    forEachItem(get(json, "relatedEntity"), [&t](const V &e) {
        if (e.type() != JsonType::Object)
            return;
        // v5: {role, entity: {id, name, @referredType}}
        const V inner = get(e, "entity");
        const V ref = inner.type() == JsonType::Object ? inner : e;
        RelatedEntity entity;
        entity.id = idOf(get(ref, "id"));
        if (entity.id.isEmpty())
            return;
        entity.name = textOf(get(ref, "name"));
        entity.role = textOf(get(e, "role"));
        entity.referredType = textOf(get(ref, "@referredType"));
        if (entity.referredType.isEmpty())
            entity.referredType = textOf(get(ref, "@type"));
        t.relatedEntities.append(entity);
    });

    forEachItem(get(json, "note"), [&t](const V &n) {
        if (n.type() != JsonType::Object)
            return;
        TicketNote note;
        note.id = idOf(get(n, "id"));
        note.author = textOf(get(n, "author"));
        note.date = timeOf(get(n, "date"));
        note.text = textOf(get(n, "text"));
        t.notes.append(note);
    });

    // v4 statusChange[] {changeDate, changeReason, status}; v5 statusChangeHistory[]
    // {statusChangeDate, statusChangeReason, status}. A server sending both gets the v4 list.
    V history = get(json, "statusChange");
    if (!hasItems(history))
        history = get(json, "statusChangeHistory");
    forEachItem(history, [&t](const V &s) {
        if (s.type() != JsonType::Object)
            return;
        // An unknown status in the history costs that entry, not the ticket.
        const std::optional<TicketStatus> status = parseTicketStatus(textOf(get(s, "status")));
        if (!status)
            return;
        StatusChange change;
        change.status = *status;
        V date = get(s, "changeDate");
        if (date.type() == JsonType::Undefined)
            date = get(s, "statusChangeDate");
        change.changeDate = timeOf(date);
        V reason = get(s, "changeReason");
        if (reason.type() == JsonType::Undefined)
            reason = get(s, "statusChangeReason");
        change.changeReason = textOf(reason);
        t.statusChanges.append(change);
    });
    return t;
}

// =============================================================================================
// Resources (TMF639)

template <typename V> ResourceKind resourceKind(const V &json) {
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

template <typename V> std::optional<NetworkElement> decodeElement(const V &json, QString *error) {
    NetworkElement e;
    e.id = idOf(get(json, "id"));
    if (e.id.isEmpty())
        return fail<NetworkElement>(error, QStringLiteral("network element without id"));
    e.name = textOf(get(json, "name"));
    e.category = parseElementCategory(textOf(get(json, "category")));
    e.operationalState = resourceStateText(get(json, "operationalState"));
    e.administrativeState = resourceStateText(get(json, "administrativeState"));
    e.lastUpdate = timeOf(get(json, "lastUpdate"));

    forEachCharacteristic(json, [&e](const QString &name, const V &value) {
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
    QString fallback;
    bool installed = false;
    forEachItem(get(json, "place"), [&](const V &place) {
        if (installed || place.type() != JsonType::Object)
            return;
        const QString id = idOf(get(place, "id"));
        if (id.isEmpty())
            return;
        if (sameWord(textOf(get(place, "role")), QLatin1String("installedat"))) {
            e.siteId = id;
            installed = true;
            return;
        }
        if (fallback.isEmpty())
            fallback = id;
    });
    if (e.siteId.isEmpty())
        e.siteId = fallback;
    return e;
}

template <typename V> std::optional<Site> decodeSite(const V &json, QString *error) {
    Site s;
    s.id = idOf(get(json, "id"));
    if (s.id.isEmpty())
        return fail<Site>(error, QStringLiteral("site without id"));
    s.name = textOf(get(json, "name"));
    s.lastUpdate = timeOf(get(json, "lastUpdate"));
    forEachCharacteristic(json, [&s](const QString &name, const V &value) {
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

template <typename V> std::optional<Link> decodeLink(const V &json, QString *error) {
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
    forEachCharacteristic(json, [&l](const QString &name, const V &value) {
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

} // namespace noc::tmf::detail
