#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// A connection profile: one operations server (usually one customer), with its own cache file.
// The bearer token is not part of the profile: TokenStore keeps it in the keychain.
namespace noc {

struct ConnectionProfile {
    QString name;
    QUrl serverUrl; // scheme://host:port; API paths below are appended
    QString alarmPath = QStringLiteral("/tmf-api/alarm/v4");
    QString ticketPath = QStringLiteral("/tmf-api/troubleTicket/v4");
    QString resourcePath = QStringLiteral("/tmf-api/resourceInventoryManagement/v4");
    QString eventPath = QStringLiteral("/tmf-api/event/v4");
    bool allowInsecureTransport = false;       // plain http to a non-loopback host; shown as a warning
    QString caCertificatePath;                 // extra CA (PEM) trusted besides the system CAs
    QString pinnedPublicKeySha256;             // base64 SHA-256 of the server's public key; empty = no pin
    QString cachePath;                         // empty = CacheDatabase::defaultPath(name)
    QString userId;                            // who the console acts as (ackUserId, note author)
    QString role = QStringLiteral("engineer"); // the token's role on the server (see roles.h)

    QUrl alarmApi() const { return join(alarmPath); }
    QUrl ticketApi() const { return join(ticketPath); }
    QUrl resourceApi() const { return join(resourcePath); }
    QUrl eventApi() const { return join(eventPath); }

    // The cache file of this profile: cachePath, or one file per profile in the local data folder.
    QString effectiveCachePath() const;

private:
    QUrl join(const QString &path) const;
};

// Transport rule of the profile: https always; http only to loopback unless the profile allows it.
// Returns an empty string when allowed, otherwise a plain-words reason. `warning` is set when the
// connection is allowed but insecure.
QString checkTransport(const ConnectionProfile &profile, QString *warning = nullptr);

// Profiles persist in QSettings under "profiles/<name>".
class ProfileStore {
public:
    static QStringList names();
    static bool load(const QString &name, ConnectionProfile *profile);
    static void save(const ConnectionProfile &profile);
    static void remove(const QString &name);
};

} // namespace noc
