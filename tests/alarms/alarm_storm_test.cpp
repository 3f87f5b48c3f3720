#include "../sync/sync_test_support.h"
#include "alarm_table_model.h"
#include "alarms/alarm_console.h"
#include "isolated_settings.h"

#include <QSignalSpy>
#include <QTest>

using namespace noc;

// The alarm console behind a real SyncSession, fed by the in-process opsim during an alarm storm:
// the list must end up exactly the cache's active alarms, in list order, without a single reset.
class AlarmStormTest : public QObject {
    Q_OBJECT
    test::IsolatedSettings m_settings; // the console saves its layout

private slots:
    void initTestCase() { QVERIFY(m_settings.isValid()); }

    void listFollowsStormWithoutResetAndMatchesCache() {
        // Given a console synced with opsim (400 alarms) and live on the event stream
        opsim::ServerConfig cfg = test::syncServerConfig(60, 400, 10);
        cfg.simulate = true; // the storm is played by the simulator ticks
        opsim::test::ServerFixture fx(cfg);
        QVERIFY2(fx.ok, qPrintable(fx.error));
        QTemporaryDir dir;
        test::Client client(fx.server->baseUrl(), dir.filePath(QStringLiteral("cache.sqlite")));
        QVERIFY(client.opened);
        QVERIFY(client.waitSynced());
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 20000);
        AlarmConsole console(client.session);
        AlarmTableModel *model = console.model();
        QSignalSpy finished(model, &AlarmTableModel::queryFinished);
        // Cleared alarms leave at once: the list is compared with the cache's active list.
        console.setClearedLingerMs(0);
        QVERIFY(finished.wait(10000));
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        QSignalSpy updated(model, &AlarmTableModel::rowsUpdated);

        // When opsim storms at 1,500 events/s for 3 s
        fx.server->triggerStorm(1500, 3);
        QVERIFY(updated.wait(10000));
        QTest::qWait(3500);

        // Then, once the stream settles, the list is the cache's active list, in the cache's order
        CacheReader reader;
        QVERIFY(reader.open(client.session.cachePath()));
        const auto matches = [&] {
            const qint64 active = reader.alarmCount(true);
            if (model->rowCount() != active || model->isLoading())
                return false;
            const AlarmPage page = reader.alarmPage(AlarmFilter{}, 100);
            for (int r = 0; r < page.alarms.size(); ++r)
                if (model->alarmId(r) != page.alarms[r].id)
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(matches(), 30000);
        // and it got there by incremental batches only, a bounded number of them
        QCOMPARE(resets.size(), 0);
        QVERIFY(updated.size() > 1);
        QVERIFY2(updated.size() < 200, qPrintable(QString::number(updated.size())));
        QVERIFY(client.session.status().eventsApplied > 0);
        client.session.stop();
    }
};

QTEST_MAIN(AlarmStormTest)
#include "alarm_storm_test.moc"
