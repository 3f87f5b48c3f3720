#pragma once

#include <QString>
#include <optional>

namespace noc {

// Why the console itself, not the server, holds an outbox entry back or gave up on it. Kept in the
// entry's last error in one form for every language ("[noc] <code> ref=<local id> answers=<n>"), as
// ApiResponse::storedError() keeps the server's errors, and put into the user's language only when
// shown (describe(), reached through ApiResponse::describeStoredError()). The form never ends in the
// "(HTTP nnn)" that only the server's answers carry, which is how the two are told apart
// (ApiResponse::parseStoredError()); a reference holds no space (local-<uuid>).
struct OutboxReason {
    enum class Code {
        CreateUnconfirmed,  // Sent: the server created the ticket but its answer named none; looking for it
        CreateNotConfirmed, // Failed: it was never found nor named, however often it was asked
        WaitsForCreate,     // Failed: a later change of that ticket, which has no server id to go to
        CreateRefused,      // Failed: a later change of a ticket whose create the server refused
    };

    Code code = Code::CreateUnconfirmed;
    QString reference; // the ticket's local id, sent as its externalId
    int answers = 0;   // 201 answers to the create that named no ticket

    QString stored() const;
    // The stored form read back (also the English sentence older consoles stored for a Sent create);
    // nullopt for any other text, e.g. the server's words.
    static std::optional<OutboxReason> parse(const QString &stored);
    // In plain words of the user's language, as the console's own reason ("The console ...").
    QString describe() const;
};

} // namespace noc
