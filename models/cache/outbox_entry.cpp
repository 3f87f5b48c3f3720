#include "cache/outbox_entry.h"

namespace noc {

QString toString(OutboxState state) {
    switch (state) {
    case OutboxState::Pending:
        return QStringLiteral("pending");
    case OutboxState::Failed:
        return QStringLiteral("failed");
    case OutboxState::Conflict:
        return QStringLiteral("conflict");
    case OutboxState::Sent:
        return QStringLiteral("sent");
    }
    return QStringLiteral("pending");
}

std::optional<OutboxState> parseOutboxState(QStringView text) {
    if (text == u"pending")
        return OutboxState::Pending;
    if (text == u"failed")
        return OutboxState::Failed;
    if (text == u"conflict")
        return OutboxState::Conflict;
    if (text == u"sent")
        return OutboxState::Sent;
    return std::nullopt;
}

} // namespace noc
