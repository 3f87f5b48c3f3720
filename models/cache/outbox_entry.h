#pragma once

#include "domain/types.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <optional>

namespace noc {

// Lifecycle of a local mutation waiting to reach the ops API (architecture.md, "user action").
enum class OutboxState { Pending, Failed, Conflict, Sent };

QString toString(OutboxState state); // "pending" | "failed" | "conflict" | "sent"
std::optional<OutboxState> parseOutboxState(QStringView text);

// One pending local mutation. Its uuid is also the Idempotency-Key the sender puts on the request.
struct OutboxEntry {
    QString uuid;
    qint64 seq = 0;     // order of sending; 0 on insert = "after everything already queued"
    QString kind;       // e.g. "alarm.ack", "alarm.comment", "ticket.create", "ticket.status"
    QString targetKind; // "alarm" | "ticket" | "element" ...
    QString targetId;
    QByteArray payload;  // JSON text of the request body / user intent
    QString baseVersion; // ETag the change was made against; empty when none
    EpochMs createdMs = 0;
    int attempts = 0;
    QString lastError;
    OutboxState state = OutboxState::Pending;

    friend bool operator==(const OutboxEntry &, const OutboxEntry &) = default;
};

} // namespace noc

Q_DECLARE_METATYPE(noc::OutboxEntry)
