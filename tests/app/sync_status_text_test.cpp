// The status bar's sync texts (widgets/sync_status_text.h): the one-line freshness and the tooltip's
// per-collection lines say the same about data synced under a minute ago.
#include "language_manager.h"
#include "sync_status_text.h"
#include "ticket_sla.h"

#include <QDateTime>
#include <QTest>

using namespace noc;

namespace {
QString clockOf(EpochMs ms) {
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QStringLiteral("HH:mm"));
}
} // namespace

class SyncStatusTextTest : public QObject {
    Q_OBJECT

private slots:
    void dataSyncedUnderAMinuteAgoIsJustNowInTheHeaderAndTheTooltip() {
        // Given alarms synced 20 s ago and tickets 5 min ago, the session offline again
        const EpochMs now = QDateTime::currentMSecsSinceEpoch();
        SyncStatus status;
        status.phase = SyncPhase::Offline;
        status.lastSuccess.insert(QStringLiteral("alarms"), now - 20000);
        status.lastSuccess.insert(QStringLiteral("tickets"), now - 5 * 60000);
        // When the texts are made
        const QString details = SyncStatusText::details(status, now);
        // Then the tooltip says "just now" for the alarms (not "just now ago"), and the age for the
        // tickets, one line each
        QCOMPARE(
            details.split(QLatin1Char('\n')),
            (QStringList{QStringLiteral("alarms: last synced %1 (just now)").arg(clockOf(now - 20000)),
                         QStringLiteral("tickets: last synced %1 (5 min ago)").arg(clockOf(now - 300000))}));
        QVERIFY2(!details.contains(QStringLiteral("just now ago")), qPrintable(details));
        // And the header's freshness of the newest sync words it the same way
        QCOMPARE(SyncStatusText::freshness(status, now),
                 QStringLiteral("as of %1 (just now)").arg(clockOf(now - 20000)));
    }

    void collectionsAreNamedInWordsNotByTheirApiResource() {
        // Given the engine's names for what it synced (the TMF resources) and one it may add later
        const EpochMs now = QDateTime::currentMSecsSinceEpoch();
        SyncStatus status;
        status.phase = SyncPhase::InitialSync;
        status.progressCollection = QStringLiteral("troubleTicket");
        status.progressDone = 10;
        status.progressTotal = 40;
        for (const char *c : {"resource", "alarm", "event", "serviceInventory"})
            status.lastSuccess.insert(QLatin1String(c), now - 20000);
        // Then a person reads what each step brings in; an unknown one keeps its name
        QCOMPARE(SyncStatusText::summary(status, now), QStringLiteral("Syncing tickets: 10 of 40"));
        const QString clock = clockOf(now - 20000);
        QCOMPARE(SyncStatusText::details(status, now).split(QLatin1Char('\n')),
                 (QStringList{QStringLiteral("alarms: last synced %1 (just now)").arg(clock),
                              QStringLiteral("live events: last synced %1 (just now)").arg(clock),
                              QStringLiteral("network elements: last synced %1 (just now)").arg(clock),
                              QStringLiteral("serviceInventory: last synced %1 (just now)").arg(clock)}));
    }

    void oneConflictIsSingular() {
        // The English source has no plural translation: "%n conflicts" read "1 conflicts".
        SyncStatus status;
        status.phase = SyncPhase::Live;
        status.conflicts = 1;
        QCOMPARE(SyncStatusText::summary(status, 0), QStringLiteral("Live · 1 conflict"));
        status.conflicts = 2;
        QCOMPARE(SyncStatusText::summary(status, 0), QStringLiteral("Live · 2 conflicts"));
    }

    void aMinuteOrMoreGivesTheAge() {
        const EpochMs now = QDateTime::currentMSecsSinceEpoch();
        SyncStatus status;
        status.phase = SyncPhase::Offline;
        status.lastSuccess.insert(QStringLiteral("alarms"), now - 60000);
        QCOMPARE(SyncStatusText::details(status, now),
                 QStringLiteral("alarms: last synced %1 (1 min ago)").arg(clockOf(now - 60000)));
    }

    void agesOverADayAreDaysAndHours() {
        // "79 h 12 min" made the reader divide by 24 (the workload's oldest open ticket, a long offline
        // spell)
        constexpr qint64 kMinute = 60000, kHour = 60 * kMinute, kDay = 24 * kHour;
        QCOMPARE(SyncStatusText::age(23 * kHour + 59 * kMinute), QStringLiteral("23 h 59 min"));
        QCOMPARE(SyncStatusText::age(kDay), QStringLiteral("1 d 0 h"));
        QCOMPARE(SyncStatusText::age(3 * kDay + 7 * kHour + 12 * kMinute), QStringLiteral("3 d 7 h"));
        // And the status bar's offline age uses it
        const EpochMs now = QDateTime::currentMSecsSinceEpoch();
        SyncStatus status;
        status.phase = SyncPhase::Offline;
        status.lastSuccess.insert(QStringLiteral("alarms"), now - 79 * kHour);
        status.offlineSinceMs = now - 79 * kHour;
        QVERIFY2(SyncStatusText::summary(status, now).endsWith(QStringLiteral("offline 3 d 7 h")),
                 qPrintable(SyncStatusText::summary(status, now)));
        // And in Chinese the same, in the words the SLA countdown uses
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const QString zh = SyncStatusText::age(3 * kDay + 7 * kHour);
        const QString sla = slaCountdownText(3 * kDay + 7 * kHour);
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCOMPARE(zh, QStringLiteral("3 天 7 小时"));
        QCOMPARE(zh, sla);
    }
};

QTEST_GUILESS_MAIN(SyncStatusTextTest)
#include "sync_status_text_test.moc"
