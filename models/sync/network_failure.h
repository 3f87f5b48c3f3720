#pragma once

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace noc {

// Why a request got no answer from the server (no HTTP status at all: refused connection, unknown
// host, timeout, untrusted certificate ...). Kept in the cache (an outbox entry's last error) and in
// the sync status in one form for every language, "[noc] <code>" or "[noc] <code> detail=<words>", and
// put into the user's language only when shown (describe()), as OutboxReason does for the console's
// other reasons. The detail is what Qt or the TLS layer said, in the language active at the time: a
// technical detail kept for whoever has to look closer, percent-encoded so that no text from outside
// can end the form early or pass for another one (ApiResponse::parseStoredError).
struct NetworkFailure {
    Q_DECLARE_TR_FUNCTIONS(NetworkFailure)

public:
    enum class Code {
        NoAnswer,          // no answer and nothing said why
        TimedOut,          // the request timed out (or was cancelled)
        ConnectionRefused, // nothing listens at the server's address
        HostNotFound,      // the server's host name does not resolve
        ConnectionClosed,  // the server or something between closed the connection
        TlsUntrusted,      // the server's certificate is not trusted
        TlsPinMismatch,    // the server's key is not the one pinned in the profile
        StreamInterrupted, // the live event stream closed; the detail is the close reason given
        Other,             // any other network failure; the detail says which
    };

    Code code = Code::NoAnswer;
    QString detail; // technical words (Qt's errorString, the TLS errors); may be empty

    QString stored() const;
    // The stored form read back (also the "no answer from the server" older consoles stored);
    // nullopt for any other text.
    static std::optional<NetworkFailure> parse(const QString &stored);
    // In plain words of the user's language, the technical detail in parentheses after it.
    QString describe() const;
};

} // namespace noc
