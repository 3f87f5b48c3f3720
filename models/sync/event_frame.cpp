#include "sync/event_frame.h"

#include "domain/tmf_decode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringEncoder>

#include <cstring>
#include <simdjson.h>
#include <vector>

namespace noc {

namespace {

using tmf::detail::JsonType;

// simdjson's DOM tape seen through the decoders' JSON view (see tmf_decode.h for the contract).
class SimdJsonView {
public:
    SimdJsonView() = default;
    explicit SimdJsonView(simdjson::dom::element element)
        : m_element(element)
        , m_present(true) {}

    JsonType type() const {
        if (!m_present)
            return JsonType::Undefined;
        switch (m_element.type()) {
        case simdjson::dom::element_type::ARRAY:
            return JsonType::Array;
        case simdjson::dom::element_type::OBJECT:
            return JsonType::Object;
        case simdjson::dom::element_type::INT64:
        case simdjson::dom::element_type::UINT64:
        case simdjson::dom::element_type::DOUBLE:
            return JsonType::Number;
        case simdjson::dom::element_type::STRING:
            return JsonType::String;
        case simdjson::dom::element_type::BOOL:
            return JsonType::Bool;
        case simdjson::dom::element_type::NULL_VALUE:
            return JsonType::Null;
        }
        return JsonType::Undefined;
    }

    // The last member of that name, as QJsonObject keeps the last of duplicate keys. Objects of
    // the profile have a few dozen members; a linear scan of the tape beats building a map.
    SimdJsonView get(QLatin1String key) const {
        SimdJsonView found;
        if (type() != JsonType::Object)
            return found;
        const std::string_view wanted(key.data(), size_t(key.size()));
        for (const simdjson::dom::key_value_pair field : as<simdjson::dom::object>())
            if (field.key == wanted)
                found = SimdJsonView(field.value);
        return found;
    }

    QString string() const {
        const std::string_view text = as<std::string_view>();
        return QString::fromUtf8(text.data(), qsizetype(text.size()));
    }
    bool boolean() const { return as<bool>(); }
    double number() const {
        if (!m_present)
            return 0;
        switch (m_element.type()) {
        case simdjson::dom::element_type::INT64:
            return double(as<int64_t>());
        case simdjson::dom::element_type::UINT64:
            return double(as<uint64_t>());
        case simdjson::dom::element_type::DOUBLE:
            return as<double>();
        default:
            return 0;
        }
    }
    // As QJsonValue::toInteger sees it: Qt keeps integer literals that fit a qint64 exactly (simdjson's
    // INT64; its UINT64 holds only larger ones), and a double counts when it is integral and in range.
    std::optional<qint64> exactInteger() const {
        switch (m_element.type()) {
        case simdjson::dom::element_type::INT64:
            return as<int64_t>();
        case simdjson::dom::element_type::DOUBLE: {
            const double d = as<double>();
            if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == std::trunc(d))
                return qint64(d);
            return std::nullopt;
        }
        default:
            return std::nullopt;
        }
    }
    EpochMs time() const { return tmf::detail::parseTimeUtf8(as<std::string_view>()); }
    qsizetype size() const { return qsizetype(as<simdjson::dom::array>().size()); }
    SimdJsonView firstElement() const {
        for (const simdjson::dom::element item : as<simdjson::dom::array>())
            return SimdJsonView(item);
        return {};
    }
    template <typename Fn> void forEachElement(Fn &&fn) const {
        for (const simdjson::dom::element item : as<simdjson::dom::array>())
            fn(SimdJsonView(item));
    }
    // Rare (structured characteristic values): Qt re-reads simdjson's minified text, so the result
    // is exactly the text QJsonDocument::Compact gives on the other path.
    QString compactJson() const {
        const std::string text = simdjson::to_string(m_element);
        return QString::fromUtf8(
            QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())))
                .toJson(QJsonDocument::Compact));
    }

private:
    // The value as T; callers have checked type() first, so the error code is always SUCCESS.
    template <typename T> T as() const {
        T value{};
        [[maybe_unused]] const simdjson::error_code error = m_element.get(value);
        return value;
    }

    simdjson::dom::element m_element;
    bool m_present = false;
};

// seq / latestSeq as the stream has always read them: a number (rounded) or a numeric string.
template <typename V> qint64 sequenceOf(const V &v) {
    switch (v.type()) {
    case JsonType::String:
        return v.string().toLongLong();
    case JsonType::Number: {
        if (const std::optional<qint64> exact = v.exactInteger())
            return *exact;
        const double d = v.number();
        return std::fabs(d) < 9.0e18 ? qRound64(d) : 0;
    }
    case JsonType::Bool:
        return v.boolean() ? 1 : 0;
    default:
        return 0;
    }
}

template <typename V>
void decodeRecord(const V &json, EventEnvelope::Target target, EventEnvelope::Record *record,
                  QString *rejection) {
    using namespace tmf::detail;
    switch (target) {
    case EventEnvelope::Target::Alarm:
        if (auto alarm = decodeAlarm(json, rejection))
            *record = std::move(*alarm);
        break;
    case EventEnvelope::Target::Ticket:
        if (auto ticket = decodeTicket(json, rejection))
            *record = std::move(*ticket);
        break;
    case EventEnvelope::Target::Resource:
        switch (resourceKind(json)) {
        case tmf::ResourceKind::Site:
            if (auto site = decodeSite(json, rejection))
                *record = std::move(*site);
            break;
        case tmf::ResourceKind::Link:
            if (auto link = decodeLink(json, rejection))
                *record = std::move(*link);
            break;
        case tmf::ResourceKind::Element:
        case tmf::ResourceKind::Unknown:
            if (auto element = decodeElement(json, rejection))
                *record = std::move(*element);
            break;
        }
        break;
    case EventEnvelope::Target::None:
        break;
    }
}

// A list page: every element decoded (a non-object element is rejected like a record without id),
// and the cursor the engine pages on: the last element's id, a string as is, anything else read as
// a number (what the pager has always sent as id.gt=).
template <typename V> RecordPage readPage(const V &root, EventEnvelope::Target target) {
    RecordPage page;
    if (root.type() != JsonType::Array)
        return page;
    page.ok = true;
    page.items.reserve(root.size());
    V last;
    root.forEachElement([&](const V &item) {
        RecordPage::Item decoded;
        decodeRecord(item, target, &decoded.record, &decoded.rejection);
        page.items.append(std::move(decoded));
        last = item;
    });
    if (!page.items.isEmpty()) {
        const V id = tmf::detail::get(last, "id");
        page.lastId = id.type() == JsonType::String ? id.string() : QString::number(id.number(), 'f', 0);
    }
    return page;
}

template <typename V> bool readEnvelope(const V &json, EventEnvelope *out, QString *error) {
    using tmf::detail::get;
    if (json.type() != JsonType::Object) {
        *error = QStringLiteral("event envelope is not a JSON object");
        return false;
    }
    const V type = get(json, "eventType");
    if (type.type() == JsonType::String)
        out->eventType = type.string();
    if (out->eventType.isEmpty()) {
        *error = QStringLiteral("event envelope has no eventType");
        return false;
    }
    if (out->eventType == QLatin1String("ResyncRequired")) {
        out->latestSeq = sequenceOf(get(json, "latestSeq"));
        return true;
    }
    out->seq = sequenceOf(get(json, "seq"));
    if (out->seq <= 0) {
        *error = QStringLiteral("event envelope has no valid seq");
        return false;
    }
    const QString &eventType = out->eventType;
    const V event = get(json, "event");
    V payload;
    if (eventType.startsWith(QLatin1String("Alarm"))) {
        out->target = EventEnvelope::Target::Alarm;
        payload = get(event, "alarm");
    } else if (eventType.startsWith(QLatin1String("TroubleTicket"))) {
        out->target = EventEnvelope::Target::Ticket;
        payload = get(event, "troubleTicket");
    } else if (eventType.startsWith(QLatin1String("Resource"))) {
        out->target = EventEnvelope::Target::Resource;
        payload = get(event, "resource");
    } else {
        return true; // a type this console does not follow; the engine logs it
    }
    out->isDelete = eventType.endsWith(QLatin1String("DeleteEvent"));
    if (out->isDelete)
        out->recordId = tmf::detail::idOf(get(payload, "id"));
    else
        decodeRecord(payload, out->target, &out->record, &out->rejection);
    return true;
}

// One envelope or an array of them.
template <typename V> QList<EventEnvelope> readFrame(const V &root, int *skipped, QString *error) {
    QList<EventEnvelope> result;
    const auto take = [&](const V &item) {
        EventEnvelope envelope;
        QString reason;
        if (readEnvelope(item, &envelope, &reason)) {
            result.append(std::move(envelope));
        } else {
            ++*skipped;
            *error = reason;
        }
    };
    if (root.type() == JsonType::Array) {
        result.reserve(root.size());
        root.forEachElement(take);
    } else {
        take(root);
    }
    return result;
}

} // namespace

struct EventFrameParser::Simd {
    simdjson::dom::parser parser;
    std::vector<char> buffer; // the frame as UTF-8 plus simdjson's padding
};

EventFrameParser::EventFrameParser()
    : m_simd(std::make_unique<Simd>()) {}

EventFrameParser::~EventFrameParser() = default;

QList<EventEnvelope> EventFrameParser::parse(QStringView frame, int *skipped, QString *error) {
    // QWebSocket hands text frames over as UTF-16: encode straight into the padded buffer (no
    // QByteArray in between). Unpaired surrogates become U+FFFD, as QString::toUtf8 does.
    QStringEncoder encoder(QStringEncoder::Utf8);
    const size_t capacity = size_t(encoder.requiredSpace(frame.size())) + simdjson::SIMDJSON_PADDING;
    if (m_simd->buffer.size() < capacity)
        m_simd->buffer.resize(capacity);
    char *begin = m_simd->buffer.data();
    const char *end = encoder.appendToBuffer(begin, frame);
    return parse(QByteArrayView(begin, end - begin), skipped, error);
}

bool EventFrameParser::parseSimd(QByteArrayView utf8, void *root) {
    const size_t length = size_t(utf8.size());
    const size_t capacity = length + simdjson::SIMDJSON_PADDING;
    const char *data = utf8.data();
    if (data != m_simd->buffer.data() || m_simd->buffer.size() < capacity) {
        if (m_simd->buffer.size() < capacity)
            m_simd->buffer.resize(capacity);
        std::memcpy(m_simd->buffer.data(), utf8.data(), length);
        data = m_simd->buffer.data();
    }
    m_usedFallback =
        m_simd->parser.parse(data, length, false).get(*static_cast<simdjson::dom::element *>(root)) !=
        simdjson::SUCCESS;
    return !m_usedFallback;
}

QList<EventEnvelope> EventFrameParser::parse(QByteArrayView utf8, int *skipped, QString *error) {
    *skipped = 0;
    simdjson::dom::element root;
    if (!parseSimd(utf8, &root))
        return parseWithQt(utf8, skipped, error);
    return readFrame(SimdJsonView(root), skipped, error);
}

RecordPage EventFrameParser::parsePage(QByteArrayView utf8, EventEnvelope::Target target) {
    simdjson::dom::element root;
    if (!parseSimd(utf8, &root))
        return parsePageWithQt(utf8, target);
    return readPage(SimdJsonView(root), target);
}

RecordPage EventFrameParser::parsePageWithQt(QByteArrayView utf8, EventEnvelope::Target target) {
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(utf8.data(), utf8.size()));
    if (!doc.isArray())
        return {};
    return readPage(tmf::detail::QtJsonView(QJsonValue(doc.array())), target);
}

QList<EventEnvelope> EventFrameParser::parseWithQt(QByteArrayView utf8, int *skipped, QString *error) {
    *skipped = 0;
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(utf8.data(), utf8.size()), &parseError);
    if (doc.isNull()) {
        *skipped = 1;
        *error = QStringLiteral("malformed event frame: %1").arg(parseError.errorString());
        return {};
    }
    using tmf::detail::QtJsonView;
    return readFrame(doc.isArray() ? QtJsonView(QJsonValue(doc.array())) : QtJsonView(doc.object()), skipped,
                     error);
}

} // namespace noc
