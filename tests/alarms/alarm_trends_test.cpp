#include "alarm_test_support.h"
#include "alarm_trends.h"
#include "alarms/alarm_trends_panel.h"
#include "alarms/trend_chart.h"
#include "cache/cache_reader.h"
#include "isolated_settings.h"

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <qcustomplot.h>

using namespace noc;
using namespace noc::alarmtest;

// The alarm trends over real cache files: per-minute raised counts per severity and the active count
// derived from raised/cleared times, live updates from ChangeSets (batched), the window sliding with
// the clock, and export of the chart to PNG and PDF.
class AlarmTrendsTest : public QObject {
    Q_OBJECT

private:
    static constexpr qint64 kMinute = 60'000;
    // A pinned "now": 15 s into a minute, so that times a whole number of minutes earlier stay inside
    // their minute.
    static constexpr qint64 kNow = (kBase / kMinute + 90) * kMinute + 15'000;

    static Alarm alarmAt(int i, Severity severity, qint64 raisedMs) {
        Alarm a = makeAlarm(i);
        a.perceivedSeverity = severity;
        a.alarmRaisedTime = a.alarmReportingTime = a.alarmChangedTime = raisedMs;
        return a;
    }
    static Alarm cleared(Alarm a, qint64 clearedMs) {
        a.state = AlarmState::Cleared;
        a.alarmClearedTime = a.alarmChangedTime = clearedMs;
        return a;
    }

    // The known alarms: see each line.
    static QList<Alarm> knownAlarms() {
        return {
            alarmAt(0, Severity::Critical, kNow - 10 * kMinute),          // minute -10
            alarmAt(1, Severity::Critical, kNow - 10 * kMinute - 14'000), // minute -10 (its start)
            alarmAt(2, Severity::Critical, kNow - 10 * kMinute + 40'000), // minute -10 (its end)
            alarmAt(3, Severity::Major, kNow - 10 * kMinute + 1'000),     // minute -10
            alarmAt(4, Severity::Major, kNow - 10 * kMinute + 2'000),     // minute -10
            alarmAt(5, Severity::Minor, kNow - 5 * kMinute),              // minute -5
            alarmAt(6, Severity::Warning, kNow - 25 * 60 * kMinute),      // before the window, active
            cleared(alarmAt(7, Severity::Major, kNow - 20 * kMinute), kNow - 8 * kMinute),  // -20 .. -8
            cleared(alarmAt(8, Severity::Cleared, kNow - 3 * kMinute), kNow - 2 * kMinute), // "cleared" sev
            cleared(alarmAt(9, Severity::Critical, kNow - 30 * 60 * kMinute), kNow - 26 * 60 * kMinute),
        };
    }

    struct Fixture {
        Fixture() {
            cache.apply(batchOf(knownAlarms()));
            model.setClock([this] { return now; });
            model.setUpdateInterval(0);
        }
        bool openAndWait() {
            QSignalSpy changed(&model, &AlarmTrendModel::seriesChanged);
            model.open(cache.path);
            return changed.wait(10000);
        }
        bool commitAndWait(const CacheBatch &b) {
            QSignalSpy changed(&model, &AlarmTrendModel::seriesChanged);
            model.onCommitted(cache.apply(b));
            return changed.wait(10000);
        }
        const AlarmTrendSeries &s() const { return *model.series(); }
        int minute(int offset) const { return s().minuteOf(kNow + offset * kMinute); }

        TestCache cache;
        qint64 now = kNow;
        AlarmTrendModel model;
    };

    // The panel saves nothing today; a setting it saves later stays out of the user's own.
    test::IsolatedSettings m_settings;

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QLocale::setDefault(QLocale(QLocale::English));
    }
    void init() { test::IsolatedSettings::reset(); }

    void perMinuteCountsPerSeverityFromTheCache() {
        // Given a cache with known alarms
        Fixture f;
        QVERIFY(f.cache.ok);
        // When the trends are loaded
        QVERIFY(f.openAndWait());
        const AlarmTrendSeries &s = f.s();
        // Then the window is the 1440 minutes ending with the current one
        QCOMPARE(s.active.size(), AlarmTrendSeries::kMinutes);
        QCOMPARE(s.minuteOf(kNow), AlarmTrendSeries::kMinutes - 1);
        QCOMPARE(s.windowStartMs % kMinute, 0);
        // and each alarm counts in its raised minute under its severity
        QCOMPARE(s.raised[0][f.minute(-10)], 3);
        QCOMPARE(s.raised[1][f.minute(-10)], 2);
        QCOMPARE(s.raised[2][f.minute(-5)], 1);
        QCOMPARE(s.raised[1][f.minute(-20)], 1);
        QCOMPARE(s.raised[4][f.minute(-3)], 1); // severity "cleared": counted as indeterminate
        QCOMPARE(s.raisedTotal(0), 3);          // the 30-hour-old critical is outside the window
        QCOMPARE(s.raisedTotal(1), 3);
        QCOMPARE(s.raisedTotal(2), 1);
        QCOMPARE(s.raisedTotal(3), 0); // the warning was raised 25 hours ago
        QCOMPARE(s.raisedTotal(4), 1);
        // and the active count follows raised and cleared times
        QCOMPARE(s.active[0], 1); // only the 25-hour-old warning
        QCOMPARE(s.active[f.minute(-21)], 1);
        QCOMPARE(s.active[f.minute(-20)], 2); // + the major raised at -20
        QCOMPARE(s.active[f.minute(-10)], 7); // + five
        QCOMPARE(s.active[f.minute(-8)], 6);  // the major cleared at -8
        QCOMPARE(s.active[f.minute(-5)], 7);  // + the minor
        QCOMPARE(s.active[f.minute(-3)], 8);  // raised at -3, cleared at -2: active at the end of -3
        QCOMPARE(s.active[f.minute(-2)], 7);
        // and the current minute agrees with the cache's own active count
        CacheReader reader;
        QVERIFY(reader.open(f.cache.path));
        QCOMPARE(s.active.constLast(), reader.alarmCount(true));
        QCOMPARE(s.active.constLast(), 7);

        // And the chart draws exactly these figures
        TrendChart chart;
        chart.setSeries(f.model.series());
        QCOMPARE(chart.raisedValue(0, f.minute(-10)), 3.0);
        QCOMPARE(chart.raisedValue(1, f.minute(-10)), 2.0);
        QCOMPARE(chart.raisedValue(0, f.minute(-9)), 0.0);
        QCOMPARE(chart.activeValue(f.minute(-8)), 6.0);
    }

    void liveChangeSetsUpdateTheSeries() {
        Fixture f;
        QVERIFY(f.openAndWait());
        QCOMPARE(f.s().raised[0][f.minute(0)], 0);
        // When the writer commits a new critical alarm raised now and clears the minor
        Alarm minor = alarmAt(5, Severity::Minor, kNow - 5 * kMinute);
        QVERIFY(f.commitAndWait(
            batchOf({alarmAt(100, Severity::Critical, kNow), cleared(minor, kNow - 60'000)})));
        // Then the new alarm counts in the current minute and the minor no longer counts as active
        QCOMPARE(f.s().raised[0][f.minute(0)], 1);
        QCOMPARE(f.s().raised[2][f.minute(-5)], 1); // still raised then
        QCOMPARE(f.s().active[f.minute(-2)], 7);
        QCOMPARE(f.s().active[f.minute(-1)], 6);
        QCOMPARE(f.s().active[f.minute(0)], 7);
        // When an alarm is removed from the cache
        CacheBatch removal;
        removal.removedAlarmIds = {makeAlarm(0).id};
        QVERIFY(f.commitAndWait(removal));
        QCOMPARE(f.s().raised[0][f.minute(-10)], 2);
    }

    void aStormOfChangeSetsIsOneUpdatePerInterval() {
        Fixture f;
        f.model.setUpdateInterval(200);
        QVERIFY(f.openAndWait());
        QSignalSpy changed(&f.model, &AlarmTrendModel::seriesChanged);
        // When fifty transactions of one alarm each arrive within the interval
        for (int i = 0; i < 50; ++i)
            f.model.onCommitted(f.cache.apply(batchOf({alarmAt(200 + i, Severity::Major, kNow - 60'000)})));
        // Then the chart gets one new series holding all of them
        QVERIFY(changed.wait(5000));
        QTest::qWait(400);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(f.s().raised[1][f.minute(-1)], 50);
    }

    void theWindowSlidesWithTheClock() {
        Fixture f;
        QVERIFY(f.openAndWait());
        const int before = f.minute(-10);
        // When two minutes pass
        f.now = kNow + 2 * kMinute;
        QSignalSpy changed(&f.model, &AlarmTrendModel::seriesChanged);
        f.model.slideNow();
        QVERIFY(changed.wait(5000));
        // Then the same alarms sit two minutes further left and the last minute is the new now
        QCOMPARE(f.s().minuteOf(f.now), AlarmTrendSeries::kMinutes - 1);
        QCOMPARE(f.s().raised[0][before - 2], 3);
        QCOMPARE(f.s().active.constLast(), 7);
    }

    void valueLabelsDoNotRunIntoEachOtherInALowPanel() {
        // Given a chart of ~550 active alarms and up to 60 raised per minute
        auto series = std::make_shared<AlarmTrendSeries>();
        series->windowStartMs = kNow - (AlarmTrendSeries::kMinutes - 1) * 60'000LL;
        for (auto &perMinute : series->raised)
            perMinute = QVector<int>(AlarmTrendSeries::kMinutes, 0);
        series->raised[0].last() = 60;
        series->active = QVector<qint64>(AlarmTrendSeries::kMinutes, 550);
        TrendChart chart;
        chart.setSeries(series);
        for (const int height : {180, 600}) {
            // When shown low (a bottom dock) and tall
            chart.resize(1200, height);
            chart.show();
            QVERIFY(QTest::qWaitForWindowExposed(&chart));
            for (int k = 0; k < 3; ++k) { // fitting the ticks takes one more replot
                chart.plot()->replot();
                QCoreApplication::processEvents();
            }
            // Then on both panels' value axes consecutive labels are at least a line of text apart
            const int lineHeight = QFontMetrics(chart.plot()->yAxis->tickLabelFont()).height();
            for (QCPAxisRect *rect : chart.plot()->axisRects()) {
                QCPAxis *axis = rect->axis(QCPAxis::atLeft);
                const QVector<double> ticks = axis->tickVector();
                QVERIFY(ticks.size() >= 2);
                for (int t = 1; t < ticks.size(); ++t)
                    QVERIFY2(std::abs(axis->coordToPixel(ticks[t]) - axis->coordToPixel(ticks[t - 1])) >=
                                 lineHeight,
                             qPrintable(QStringLiteral("height %1: labels %2 and %3 overlap")
                                            .arg(height)
                                            .arg(ticks[t - 1])
                                            .arg(ticks[t])));
            }
        }
    }

    void exportWritesPngAndPdf() {
        Fixture f;
        QVERIFY(f.openAndWait());
        AlarmTrendsPanel panel(f.cache.path);
        panel.model()->setClock([] { return kNow; });
        panel.chart()->setSeries(f.model.series());
        panel.resize(1200, 600);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("trends.png"));
        const QString pdf = dir.filePath(QStringLiteral("trends.pdf"));
        QVERIFY(panel.chart()->exportPng(png, 1200, 600));
        QVERIFY(panel.chart()->exportPdf(pdf, 1200, 600));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 600));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray head = file.read(5);
        QCOMPARE(head, QByteArray("%PDF-"));
        QVERIFY(file.size() > 1000);
        // Not a blank image: axes, labels, bars and legend give many colours
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 10, "the exported image is (nearly) one colour");
        if (const QByteArray shots = qgetenv("NOC_SCREENSHOT_DIR"); !shots.isEmpty())
            image.save(QString::fromLocal8Bit(shots) + QStringLiteral("/alarm_trends_export.png"));
    }
};

QTEST_MAIN(AlarmTrendsTest)
#include "alarm_trends_test.moc"
