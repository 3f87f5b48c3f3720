#include "network_failure.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace noc {

namespace {
struct CodeName {
    NetworkFailure::Code code;
    const char *name;
};
constexpr CodeName kNames[] = {
    {NetworkFailure::Code::NoAnswer, "no-answer"},
    {NetworkFailure::Code::TimedOut, "timed-out"},
    {NetworkFailure::Code::ConnectionRefused, "connection-refused"},
    {NetworkFailure::Code::HostNotFound, "host-not-found"},
    {NetworkFailure::Code::ConnectionClosed, "connection-closed"},
    {NetworkFailure::Code::TlsUntrusted, "tls-untrusted"},
    {NetworkFailure::Code::TlsPinMismatch, "tls-pin-mismatch"},
    {NetworkFailure::Code::StreamInterrupted, "stream-interrupted"},
    {NetworkFailure::Code::Other, "network-failed"},
};

// What consoles before this form stored when a request got no answer and nothing said why.
const char *const kOlderNoAnswer = "no answer from the server";
} // namespace

QString NetworkFailure::stored() const {
    QString name;
    for (const CodeName &n : kNames)
        if (n.code == code)
            name = QLatin1String(n.name);
    if (detail.isEmpty())
        return QStringLiteral("[noc] %1").arg(name);
    // Encoded: no space, parenthesis or line break of Qt's words can reach the stored form.
    return QStringLiteral("[noc] %1 detail=%2")
        .arg(name, QString::fromLatin1(QUrl::toPercentEncoding(detail)));
}

std::optional<NetworkFailure> NetworkFailure::parse(const QString &stored) {
    if (stored == QLatin1String(kOlderNoAnswer))
        return NetworkFailure{Code::NoAnswer, {}};
    static const QRegularExpression form(QStringLiteral("^\\[noc\\] ([a-z-]+)(?: detail=(\\S*))?$"));
    const auto m = form.match(stored);
    if (!m.hasMatch())
        return std::nullopt;
    for (const CodeName &n : kNames)
        if (m.captured(1) == QLatin1String(n.name))
            return NetworkFailure{n.code, QUrl::fromPercentEncoding(m.captured(2).toLatin1())};
    return std::nullopt;
}

QString NetworkFailure::describe() const {
    QString sentence;
    switch (code) {
    case Code::NoAnswer:
        // The same words the console used before this form (context noc::OpsApiClient).
        sentence = QCoreApplication::translate("noc::OpsApiClient", "The server did not answer.");
        break;
    case Code::TimedOut:
        sentence =
            QCoreApplication::translate("noc::OpsApiClient", "The request timed out or was cancelled.");
        break;
    case Code::ConnectionRefused:
        sentence = tr("The server refused the connection; it may not be running at this address.");
        break;
    case Code::HostNotFound:
        sentence = tr("The server's host name was not found; check the address and the network.");
        break;
    case Code::ConnectionClosed:
        sentence = tr("The connection to the server was closed before it answered.");
        break;
    case Code::TlsUntrusted:
        sentence = tr("The server's TLS certificate is not trusted. If the server uses a private CA, set the "
                      "CA certificate in the connection profile.");
        break;
    case Code::TlsPinMismatch:
        sentence = tr("The server's TLS public key does not match the key pinned in the connection profile; "
                      "not connecting.");
        break;
    case Code::StreamInterrupted:
        sentence = tr("The event stream was interrupted.");
        break;
    case Code::Other:
        sentence = tr("The network failed before the server answered.");
        break;
    }
    if (detail.isEmpty())
        return sentence;
    return tr("%1 (%2)", "plain words (technical detail)").arg(sentence, detail);
}

} // namespace noc
