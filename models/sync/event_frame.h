#pragma once

#include "domain/types.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>
#include <memory>
#include <variant>

namespace noc {

// One TMF688-style envelope of the profile's event channel, with its record already decoded.
struct EventEnvelope {
    enum class Target { None, Alarm, Ticket, Resource }; // from eventType; None: a type we ignore
    using Record = std::variant<std::monostate, Alarm, TroubleTicket, Site, NetworkElement, Link>;

    qint64 seq = 0;
    QString eventType;    // AlarmCreateEvent, ..., ResyncRequired
    qint64 latestSeq = 0; // only on ResyncRequired
    Target target = Target::None;
    bool isDelete = false; // *DeleteEvent: only recordId is read
    QString recordId;      // the payload's id on delete events
    Record record;         // create/change events whose payload decoded
    QString rejection;     // why a create/change payload did not decode (record is monostate)

    friend bool operator==(const EventEnvelope &, const EventEnvelope &) = default;
};

// A REST list page (a JSON array of records of one collection), decoded the same way.
struct RecordPage {
    struct Item {
        EventEnvelope::Record record; // monostate when the item did not decode
        QString rejection;            // why

        friend bool operator==(const Item &, const Item &) = default;
    };
    bool ok = false;   // the body was a JSON array (else: malformed, retried by the engine)
    QList<Item> items; // one per array element, in order
    QString lastId;    // the last element's id as the pager's cursor (id.gt=) reads it

    friend bool operator==(const RecordPage &, const RecordPage &) = default;
};

// Parses text frames of the event stream (ops-api.md "Live events"): one envelope or a JSON array
// of envelopes. Envelopes and their alarm / ticket / resource payloads are decoded straight from
// simdjson's tape by the same decoders that read REST pages (domain/tmf_decode.h), without a
// QJsonDocument. A frame simdjson refuses (it is stricter than Qt about e.g. lone surrogates in
// escapes) is read again with QJsonDocument, so both accept the same frames. Malformed frames and
// envelopes are skipped: `skipped` counts them and `error` says why (for the log).
// One parser per thread: it keeps its buffers between frames.
class EventFrameParser {
public:
    EventFrameParser();
    ~EventFrameParser();
    EventFrameParser(const EventFrameParser &) = delete;
    EventFrameParser &operator=(const EventFrameParser &) = delete;

    QList<EventEnvelope> parse(QStringView frame, int *skipped, QString *error);
    QList<EventEnvelope> parse(QByteArrayView utf8, int *skipped, QString *error);
    // A list page of `target`'s collection (Alarm, Ticket or Resource).
    RecordPage parsePage(QByteArrayView utf8, EventEnvelope::Target target);
    // Whether the last parse() or parsePage() fell back to QJsonDocument (tests).
    bool usedFallback() const { return m_usedFallback; }

    // The QJsonDocument reading of the same frame: the fallback, and the reference in tests.
    static QList<EventEnvelope> parseWithQt(QByteArrayView utf8, int *skipped, QString *error);
    static RecordPage parsePageWithQt(QByteArrayView utf8, EventEnvelope::Target target);

private:
    // The frame in the padded buffer; false when simdjson refuses it (the caller falls back).
    bool parseSimd(QByteArrayView utf8, void *root);

    struct Simd;
    std::unique_ptr<Simd> m_simd;
    bool m_usedFallback = false;
};

} // namespace noc
