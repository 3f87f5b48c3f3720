#include "tls_policy.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSslKey>

namespace noc {

TlsPolicy::TlsPolicy(const ConnectionProfile &profile)
    : m_ssl(QSslConfiguration::defaultConfiguration()) {
    if (!profile.caCertificatePath.isEmpty()) {
        QFile file(profile.caCertificatePath);
        const QList<QSslCertificate> cas = file.open(QIODevice::ReadOnly)
                                               ? QSslCertificate::fromData(file.readAll(), QSsl::Pem)
                                               : QList<QSslCertificate>{};
        if (cas.isEmpty())
            m_error = tr("Cannot use the CA certificate file %1: it cannot be read or holds no PEM "
                         "certificate.")
                          .arg(profile.caCertificatePath);
        else
            m_ssl.addCaCertificates(cas);
    }
    if (!profile.pinnedPublicKeySha256.isEmpty()) {
        m_pin = QByteArray::fromBase64(profile.pinnedPublicKeySha256.trimmed().toLatin1());
        if (m_pin.size() != 32 && m_error.isEmpty())
            m_error = tr("The pinned public key \"%1\" is not a base64 SHA-256 digest.")
                          .arg(profile.pinnedPublicKeySha256);
    }
}

bool TlsPolicy::acceptsPeer(const QSslCertificate &peer) const {
    if (m_pin.isEmpty())
        return true;
    if (peer.isNull())
        return false;
    return QCryptographicHash::hash(peer.publicKey().toDer(), QCryptographicHash::Sha256) == m_pin;
}

QString TlsPolicy::publicKeyPin(const QSslCertificate &certificate) {
    return QString::fromLatin1(
        QCryptographicHash::hash(certificate.publicKey().toDer(), QCryptographicHash::Sha256).toBase64());
}

QString TlsPolicy::errorStrings(const QList<QSslError> &errors) {
    QStringList reasons;
    for (const QSslError &e : errors) {
        if (!reasons.contains(e.errorString()))
            reasons << e.errorString();
    }
    return reasons.join(QStringLiteral("; "));
}

QString TlsPolicy::describe(const QList<QSslError> &errors) {
    return tr("The server's TLS certificate is not trusted (%1). If the server uses a private CA, set "
              "the CA certificate in the connection profile.")
        .arg(errorStrings(errors));
}

QString TlsPolicy::pinMismatchMessage() {
    return tr("The server's TLS public key does not match the key pinned in the connection profile; "
              "not connecting.");
}

} // namespace noc
