#pragma once

#include "sync/connection_profile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

// The TLS rules of one profile, shared by the HTTP client and the event stream so that both trust the
// same CAs and check the same pin: the system CAs plus the profile's optional CA file, and an optional
// public-key pin checked after the normal certificate verification (a pin narrows trust, it never
// replaces it).
namespace noc {

class TlsPolicy {
    Q_DECLARE_TR_FUNCTIONS(TlsPolicy)

public:
    explicit TlsPolicy(const ConnectionProfile &profile);

    // Empty when the policy is usable; otherwise why not (unreadable CA file, malformed pin). A profile
    // whose CA or pin cannot be used must not connect with less protection than it asked for.
    QString error() const { return m_error; }
    QSslConfiguration configuration() const { return m_ssl; }
    bool hasPin() const { return !m_pin.isEmpty(); }
    // True when there is no pin, or the certificate's public key matches it.
    bool acceptsPeer(const QSslCertificate &peer) const;

    // base64(SHA-256(SubjectPublicKeyInfo DER)), the form of ConnectionProfile::pinnedPublicKeySha256;
    // the same value as `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der |
    // openssl dgst -sha256 -binary | base64`.
    static QString publicKeyPin(const QSslCertificate &certificate);
    // Plain words for a failed handshake.
    static QString describe(const QList<QSslError> &errors);
    // What the TLS layer said of each error, without repeats: the technical detail behind describe().
    static QString errorStrings(const QList<QSslError> &errors);
    static QString pinMismatchMessage();

private:
    QSslConfiguration m_ssl;
    QByteArray m_pin; // raw SHA-256
    QString m_error;
};

} // namespace noc
