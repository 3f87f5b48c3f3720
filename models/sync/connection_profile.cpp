#include "connection_profile.h"

#include "cache/cache_database.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QSettings>
#include <QStandardPaths>

namespace noc {

QUrl ConnectionProfile::join(const QString &path) const {
    QUrl url = serverUrl;
    QString base = url.path();
    if (base.endsWith('/'))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

QString ConnectionProfile::effectiveCachePath() const {
    return cachePath.isEmpty() ? CacheDatabase::defaultPath(name.isEmpty() ? QStringLiteral("default") : name)
                               : cachePath;
}

static bool isLoopbackHost(const QString &host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString checkTransport(const ConnectionProfile &profile, QString *warning) {
    const QUrl &url = profile.serverUrl;
    if (!url.isValid() || url.host().isEmpty())
        return QCoreApplication::translate("ConnectionProfile",
                                           "The server address \"%1\" is not a valid URL.")
            .arg(url.toString());
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme != QLatin1String("http"))
        return QCoreApplication::translate("ConnectionProfile",
                                           "The server address must start with https://.");
    if (isLoopbackHost(url.host()))
        return {};
    if (profile.allowInsecureTransport) {
        if (warning)
            *warning = QCoreApplication::translate("ConnectionProfile",
                                                   "Insecure connection: traffic to %1 is not encrypted.")
                           .arg(url.host());
        return {};
    }
    return QCoreApplication::translate("ConnectionProfile",
                                       "Plain http is only allowed to this computer; use https:// for %1.")
        .arg(url.host());
}

QStringList ProfileStore::names() {
    QSettings settings;
    settings.beginGroup(QStringLiteral("profiles"));
    return settings.childGroups();
}

bool ProfileStore::load(const QString &name, ConnectionProfile *profile) {
    QSettings settings;
    settings.beginGroup(QStringLiteral("profiles/") + name);
    if (!settings.contains(QStringLiteral("serverUrl")))
        return false;
    ConnectionProfile p;
    p.name = name;
    p.serverUrl = QUrl(settings.value(QStringLiteral("serverUrl")).toString());
    p.alarmPath = settings.value(QStringLiteral("alarmPath"), p.alarmPath).toString();
    p.ticketPath = settings.value(QStringLiteral("ticketPath"), p.ticketPath).toString();
    p.resourcePath = settings.value(QStringLiteral("resourcePath"), p.resourcePath).toString();
    p.eventPath = settings.value(QStringLiteral("eventPath"), p.eventPath).toString();
    p.allowInsecureTransport = settings.value(QStringLiteral("allowInsecureTransport"), false).toBool();
    p.caCertificatePath = settings.value(QStringLiteral("caCertificatePath")).toString();
    p.pinnedPublicKeySha256 = settings.value(QStringLiteral("pinnedPublicKeySha256")).toString();
    p.cachePath = settings.value(QStringLiteral("cachePath")).toString();
    p.userId = settings.value(QStringLiteral("userId")).toString();
    p.role = settings.value(QStringLiteral("role"), p.role).toString();
    *profile = p;
    return true;
}

void ProfileStore::save(const ConnectionProfile &p) {
    QSettings settings;
    settings.beginGroup(QStringLiteral("profiles/") + p.name);
    settings.setValue(QStringLiteral("serverUrl"), p.serverUrl.toString());
    settings.setValue(QStringLiteral("alarmPath"), p.alarmPath);
    settings.setValue(QStringLiteral("ticketPath"), p.ticketPath);
    settings.setValue(QStringLiteral("resourcePath"), p.resourcePath);
    settings.setValue(QStringLiteral("eventPath"), p.eventPath);
    settings.setValue(QStringLiteral("allowInsecureTransport"), p.allowInsecureTransport);
    settings.setValue(QStringLiteral("caCertificatePath"), p.caCertificatePath);
    settings.setValue(QStringLiteral("pinnedPublicKeySha256"), p.pinnedPublicKeySha256);
    settings.setValue(QStringLiteral("cachePath"), p.cachePath);
    settings.setValue(QStringLiteral("userId"), p.userId);
    settings.setValue(QStringLiteral("role"), p.role);
}

void ProfileStore::remove(const QString &name) {
    QSettings settings;
    settings.remove(QStringLiteral("profiles/") + name);
}

} // namespace noc
