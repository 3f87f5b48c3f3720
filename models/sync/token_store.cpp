#include "token_store.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <qt6keychain/keychain.h>

namespace noc {

namespace {
bool s_keychainEnabled = true;
const QString kService = QStringLiteral("noc-console");

QString tr(const char *text) {
    return QCoreApplication::translate("TokenStore", text);
}

// QtKeychain jobs are asynchronous; without a secret service they fail at once (platform notes),
// so a short local loop is safe here.
template <typename Job> bool runJob(Job &job, QString *error) {
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError) {
        *error = job.errorString();
        return false;
    }
    return true;
}

TokenStore::Result readFile(const QString &path) {
    TokenStore::Result result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = tr("Cannot read the token file %1: %2").arg(path, file.errorString());
        return result;
    }
    result.token = QString::fromUtf8(file.readAll()).trimmed();
    if (result.token.isEmpty())
        result.error = tr("The token file %1 is empty.").arg(path);
    return result;
}
} // namespace

void TokenStore::setKeychainEnabled(bool enabled) {
    s_keychainEnabled = enabled;
}

QString TokenStore::fallbackPath(const QString &profileName) {
    const QString dir =
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).filePath("tokens");
    return QDir(dir).filePath(profileName + QStringLiteral(".token"));
}

TokenStore::Result TokenStore::read(const QString &profileName) {
    if (s_keychainEnabled) {
        QKeychain::ReadPasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(profileName);
        QString error;
        if (runJob(job, &error)) {
            Result result;
            result.token = job.textData();
            result.fromKeychain = true;
            return result;
        }
        logging::logger("sync")->info("No keychain answer for profile {} ({}); trying the token file",
                                      profileName.toStdString(), error.toStdString());
    }
    // The same rule as a --token-file: a token file other users can read is refused.
    Result result = readTokenFile(fallbackPath(profileName));
    if (!result.ok())
        logging::logger("sync")->warn("{}", result.error.toStdString());
    else
        result.warning = tr("No system keychain: the token is kept in %1, readable only by you.")
                             .arg(fallbackPath(profileName));
    return result;
}

namespace {
// The fallback when no keychain answers: a file only the user can read, and a warning that says so.
TokenStore::Result writeFile(const QString &profileName, const QString &token) {
    TokenStore::Result result;
    result.token = token;
    const QString path = TokenStore::fallbackPath(profileName);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        result.error = tr("Cannot save the token to %1: %2").arg(path, file.errorString());
        return result;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token.toUtf8());
    if (!file.commit()) {
        result.error = tr("Cannot save the token to %1: %2").arg(path, file.errorString());
        return result;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    result.warning = tr("No system keychain: the token is kept in %1, readable only by you.").arg(path);
    return result;
}
} // namespace

TokenStore::Result TokenStore::write(const QString &profileName, const QString &token) {
    if (s_keychainEnabled) {
        QKeychain::WritePasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(profileName);
        job.setTextData(token);
        QString error;
        if (runJob(job, &error)) {
            Result result;
            result.token = token;
            result.fromKeychain = true;
            QFile::remove(fallbackPath(profileName)); // never leave a copy behind
            return result;
        }
    }
    return writeFile(profileName, token);
}

void TokenStore::writeAsync(const QString &profileName, const QString &token, QObject *context,
                            std::function<void(const Result &)> done) {
    if (!s_keychainEnabled) {
        QMetaObject::invokeMethod(
            context, [profileName, token, done] { done(writeFile(profileName, token)); },
            Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService); // deletes itself once finished
    job->setKey(profileName);
    job->setTextData(token);
    QObject::connect(
        job, &QKeychain::Job::finished, context, [profileName, token, done](QKeychain::Job *finished) {
            if (finished->error() == QKeychain::NoError) {
                Result result;
                result.token = token;
                result.fromKeychain = true;
                QFile::remove(fallbackPath(profileName)); // never leave a copy behind
                done(result);
                return;
            }
            logging::logger("sync")->info("The keychain did not keep the token of profile {} "
                                          "({}); using the token file",
                                          profileName.toStdString(), finished->errorString().toStdString());
            done(writeFile(profileName, token));
        });
    job->start();
}

void TokenStore::remove(const QString &profileName) {
    if (s_keychainEnabled) {
        QKeychain::DeletePasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(profileName);
        QString ignored;
        runJob(job, &ignored);
    }
    QFile::remove(fallbackPath(profileName));
}

TokenStore::Result readTokenFile(const QString &path) {
    const QFile::Permissions permissions = QFile::permissions(path);
    if (permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
        TokenStore::Result result;
        result.error = tr("The token file %1 can be read by other users, so it is not used (a token is as "
                          "good as a password). Make it readable only by you: chmod 600 %1")
                           .arg(QDir::toNativeSeparators(path));
        return result;
    }
    return readFile(path);
}

} // namespace noc
