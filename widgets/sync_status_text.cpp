#include "sync_status_text.h"

#include "sync/ops_api_client.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>

namespace noc {

namespace {
QString clock(EpochMs ms) {
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QStringLiteral("HH:mm"));
}

EpochMs newestSuccess(const SyncStatus &status) {
    EpochMs newest = 0;
    for (EpochMs ms : status.lastSuccess)
        newest = std::max(newest, ms);
    return newest;
}
} // namespace

QString SyncStatusText::collectionText(const QString &collection) {
    // The sync engine names its steps by their API resource ("troubleTicket"); a person reads what
    // the step brings in, in their language. An unknown name is shown as it is.
    if (collection == QLatin1String("resource"))
        return tr("network elements");
    if (collection == QLatin1String("alarm"))
        return tr("alarms");
    if (collection == QLatin1String("troubleTicket"))
        return tr("tickets");
    if (collection == QLatin1String("event"))
        return tr("live events");
    return collection;
}

QString SyncStatusText::age(qint64 ms) {
    const qint64 minutes = std::max<qint64>(0, ms) / 60000;
    if (minutes < 1)
        return tr("just now");
    if (minutes < 60)
        return tr("%n min", nullptr, int(minutes));
    if (minutes < 24 * 60)
        return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
    // "79 h 12 min" makes the reader divide by 24; the SLA countdown words days the same way.
    return tr("%1 d %2 h").arg(minutes / (24 * 60)).arg(minutes % (24 * 60) / 60);
}

QString SyncStatusText::freshness(const SyncStatus &status, EpochMs nowMs) {
    const EpochMs asOf = newestSuccess(status);
    if (status.phase == SyncPhase::Live)
        return tr("live");
    if (asOf == 0) {
        // Before the first sync has finished there is no age to give; say what is happening.
        if (status.phase == SyncPhase::Connecting)
            return tr("connecting…");
        if (status.phase == SyncPhase::InitialSync)
            return tr("first sync…");
        return tr("never synced");
    }
    if (status.offlineSinceMs > 0)
        return tr("as of %1, offline %2").arg(clock(asOf), age(nowMs - status.offlineSinceMs));
    if (nowMs - asOf < 60000) // not "(just now ago)"
        return tr("as of %1 (just now)").arg(clock(asOf));
    return tr("as of %1 (%2 ago)").arg(clock(asOf), age(nowMs - asOf));
}

QString SyncStatusText::summary(const SyncStatus &status, EpochMs nowMs) {
    QString text;
    switch (status.phase) {
    case SyncPhase::Live:
        text = status.polling ? tr("Live (polling)") : tr("Live");
        break;
    case SyncPhase::Connecting:
        text = tr("Connecting…");
        break;
    case SyncPhase::InitialSync:
        text = status.progressTotal > 0 ? tr("Syncing %1: %2 of %3")
                                              .arg(collectionText(status.progressCollection),
                                                   QLocale().toString(status.progressDone),
                                                   QLocale().toString(status.progressTotal))
                                        : tr("Syncing %1…").arg(collectionText(status.progressCollection));
        break;
    case SyncPhase::Reconnecting:
        text = tr("Reconnecting in %n s", nullptr, status.nextRetrySeconds) + QStringLiteral(" · ") +
               freshness(status, nowMs);
        break;
    case SyncPhase::Offline:
        // The server refused the token: "Offline" alone would send the user looking at cables.
        text = (status.authenticationFailed ? tr("Sign-in needed") : tr("Offline")) + QStringLiteral(" · ") +
               freshness(status, nowMs);
        break;
    }
    if (status.pending > 0)
        text += QStringLiteral(" · ") + tr("%n pending", nullptr, int(status.pending));
    if (status.failed > 0)
        text += QStringLiteral(" · ") + tr("%n failed", nullptr, int(status.failed));
    if (status.conflicts > 0)
        text += QStringLiteral(" · ") +
                (status.conflicts == 1 ? tr("1 conflict") : tr("%1 conflicts").arg(status.conflicts));
    if (!status.cacheWriteError.isEmpty())
        text += QStringLiteral(" · ") + (status.cacheDiskFull ? tr("not saved: disk full")
                                                              : tr("not saved: cache cannot be written"));
    if (!status.warning.isEmpty())
        text += QStringLiteral(" · ⚠");
    return text;
}

QString SyncStatusText::cannotSaveReason(const SyncStatus &status) {
    if (status.cacheWriteError.isEmpty())
        return {};
    return status.cacheDiskFull ? tr("The disk is full, so changes cannot be saved now. Free some disk "
                                     "space; the console saves your last change as soon as it can.")
                                : tr("The local cache cannot be written, so changes cannot be saved now: %1")
                                      .arg(status.cacheWriteError);
}

QString SyncStatusText::details(const SyncStatus &status, EpochMs nowMs) {
    QStringList lines;
    QStringList collections = status.lastSuccess.keys();
    std::sort(collections.begin(), collections.end());
    for (const QString &collection : collections) {
        if (collection.isEmpty())
            continue;
        const EpochMs ms = status.lastSuccess.value(collection);
        if (nowMs - ms < 60000) // as freshness(): not "(just now ago)"
            lines << tr("%1: last synced %2 (just now)").arg(collectionText(collection), clock(ms));
        else
            lines << tr("%1: last synced %2 (%3 ago)")
                         .arg(collectionText(collection), clock(ms), age(nowMs - ms));
    }
    if (status.eventsApplied > 0)
        lines << tr("Events applied this session: %1").arg(QLocale().toString(status.eventsApplied));
    if (status.recordsRejected > 0 || status.framesSkipped > 0)
        lines << tr("Unusable server records skipped: %1").arg(status.recordsRejected + status.framesSkipped);
    if (status.failed > 0 || status.conflicts > 0)
        lines << tr("Changes the server refused or that conflict: File ▸ Conflicts and refused changes…");
    if (!status.warning.isEmpty())
        lines << status.warning;
    if (!status.cacheWriteError.isEmpty())
        lines << tr("Your latest changes are not saved yet: %1").arg(status.cacheWriteError);
    if (!status.error.isEmpty() && status.error != status.cacheWriteError)
        lines << tr("Last problem: %1").arg(ApiResponse::describeStoredError(status.error));
    if (lines.isEmpty())
        lines << tr("Not synced yet.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace noc
