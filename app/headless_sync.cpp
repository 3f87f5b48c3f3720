#include "headless_sync.h"

#include "app_options.h"
#include "logging.h"
#include "sync/ops_api_client.h"
#include "sync/sync_session.h"
#include "sync/token_store.h"

#include <QCoreApplication>
#include <QTimer>
#include <cstdio>

namespace noc {

namespace {
void say(const QString &line) {
    std::fprintf(stderr, "%s\n", qPrintable(line));
}

// How many failed attempts in a row `--once` accepts before giving up on an unreachable server.
constexpr int kMaxAttempts = 4;
} // namespace

int runHeadlessSync(const AppOptions &options) {
    ConnectionProfile profile;
    QString token;
    if (!options.apiUrl.isEmpty()) {
        profile.name = options.profile.isEmpty() ? QStringLiteral("cli") : options.profile;
        profile.serverUrl = QUrl(options.apiUrl);
        if (options.tokenFile.isEmpty()) {
            say(QStringLiteral("sync: --api needs --token-file FILE"));
            return 2;
        }
        const TokenStore::Result read = readTokenFile(options.tokenFile);
        if (!read.ok()) {
            say(QStringLiteral("sync: ") + read.error);
            return 2;
        }
        token = read.token;
    } else if (!options.profile.isEmpty()) {
        if (!ProfileStore::load(options.profile, &profile)) {
            say(QStringLiteral("sync: no connection profile named '%1'").arg(options.profile));
            return 2;
        }
        const TokenStore::Result read =
            options.tokenFile.isEmpty() ? TokenStore::read(profile.name) : readTokenFile(options.tokenFile);
        if (!read.ok()) {
            say(QStringLiteral("sync: ") + read.error);
            return 2;
        }
        if (!read.warning.isEmpty())
            say(QStringLiteral("sync: warning: ") + read.warning);
        token = read.token;
    } else {
        say(QStringLiteral("sync: name a --profile, or give --api URL --token-file FILE"));
        return 2;
    }
    if (!options.cachePath.isEmpty())
        profile.cachePath = options.cachePath;

    SyncSession session(profile, token);
    if (!session.openCache()) {
        say(QStringLiteral("sync: ") + session.openResult().message);
        return 5;
    }
    if (!session.openResult().message.isEmpty())
        say(QStringLiteral("sync: ") + session.openResult().message);
    SyncEngine::Options engineOptions;
    engineOptions.fullSyncOnConnect = true;
    engineOptions.backoffCapMs = 8000;
    session.setEngineOptions(engineOptions);

    int exitCode = -1;
    QString lastProgress;
    int failures = 0;
    auto finish = [&](int code, const QString &line) {
        if (exitCode != -1)
            return;
        exitCode = code;
        if (!line.isEmpty())
            say(line);
        QTimer::singleShot(0, qApp, [] { QCoreApplication::quit(); });
    };

    QObject::connect(&session, &SyncSession::statusChanged, [&](const SyncStatus &stored) {
        // The error in words (it may be kept in its stored form, ApiResponse::storedError()).
        SyncStatus status = stored;
        status.error = ApiResponse::describeStoredError(stored.error);
        if (status.authenticationFailed) {
            finish(3, QStringLiteral("sync: ") + status.error);
            return;
        }
        if (status.phase == SyncPhase::Reconnecting && !status.error.isEmpty()) {
            if (++failures >= kMaxAttempts)
                finish(4, QStringLiteral("sync: server unreachable: ") + status.error);
            else
                say(QStringLiteral("sync: %1; retrying in %2 s")
                        .arg(status.error)
                        .arg(status.nextRetrySeconds));
            return;
        }
        if (status.phase == SyncPhase::Offline && !status.error.isEmpty()) {
            finish(4, QStringLiteral("sync: ") + status.error);
            return;
        }
        if (status.phase == SyncPhase::InitialSync && !status.progressCollection.isEmpty()) {
            const QString progress = QStringLiteral("sync: %1 %2/%3")
                                         .arg(status.progressCollection)
                                         .arg(status.progressDone)
                                         .arg(status.progressTotal);
            if (progress != lastProgress)
                say(progress);
            lastProgress = progress;
        }
    });
    QObject::connect(&session, &SyncSession::writeFailed,
                     [&](const QString &message) { finish(5, QStringLiteral("sync: ") + message); });
    QObject::connect(&session, &SyncSession::initialSyncCompleted, [&] {
        // Done when the writer has put every batch on disk and the outbox has reached the server
        // (work done offline goes out before the engineer drives off).
        auto *poll = new QTimer(qApp);
        QObject::connect(poll, &QTimer::timeout, [&, poll] {
            const SyncStatus &status = session.status();
            if (session.queuedBatches() == 0 && status.phase == SyncPhase::Live && status.pending == 0) {
                poll->deleteLater();
                finish(0, QString());
            }
        });
        poll->start(50);
    });

    session.start();
    QCoreApplication::exec();
    session.stop();
    if (exitCode == 0) {
        const SyncStatus &status = session.status();
        say(QStringLiteral("sync: done; cache %1 (%2 records skipped as unusable, %3 local changes refused, "
                           "%4 in conflict)")
                .arg(session.cachePath())
                .arg(status.recordsRejected)
                .arg(status.failed)
                .arg(status.conflicts));
    }
    return exitCode < 0 ? 1 : exitCode;
}

} // namespace noc
