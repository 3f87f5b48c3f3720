// Child process of test_cache_crash: ingests numbered batches into a cache until it is killed, and
// prints "committed <n>" after each commit returns. Batch n holds alarms "B<n>-<i>", one outbox entry,
// and sets sync_state "alarm".stream_seq = n and metadata last_batch = n, so the parent can tell a
// whole batch from a partial one.
#include "cache/cache_database.h"
#include "cache/cache_reader.h"
#include "cache/cache_writer.h"
#include "cache_test_data.h"

#include <QCoreApplication>
#include <cstdio>

using namespace noc;

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: cache_ingest_child <cache> <alarms per batch>\n");
        return 2;
    }
    const QString path = args.at(1);
    const int perBatch = args.at(2).toInt();
    const auto opened = CacheDatabase::open(path, CacheDatabase::Check::Full);
    if (!opened.ok() || opened.outcome == CacheOpenResult::Outcome::Recovered) {
        std::fprintf(stderr, "open: %s\n", qPrintable(opened.message));
        return 3;
    }
    qint64 next = 1;
    {
        CacheReader reader;
        if (reader.open(path)) {
            if (const auto state = reader.syncState(QStringLiteral("alarm")))
                next = state->streamSeq + 1;
        }
    }
    CacheWriter writer;
    if (!writer.open(path)) {
        std::fprintf(stderr, "writer: %s\n", qPrintable(writer.lastError().message));
        return 4;
    }
    std::printf("ready %lld\n", static_cast<long long>(next));
    std::fflush(stdout);
    for (qint64 n = next;; ++n) {
        CacheBatch batch;
        batch.alarms.reserve(perBatch);
        for (int i = 0; i < perBatch; ++i) {
            Alarm a = testdata::makeAlarm(i);
            a.id = QStringLiteral("B%1-%2").arg(n).arg(i);
            // Rewrite a slice of the previous batch too, so commits mix inserts and updates.
            batch.alarms.append(a);
            if (n > 1 && i % 10 == 0) {
                Alarm old = testdata::makeAlarm(i);
                old.id = QStringLiteral("B%1-%2").arg(n - 1).arg(i);
                old.state = AlarmState::Cleared;
                old.perceivedSeverity = Severity::Cleared;
                old.specificProblem = QStringLiteral("cleared by batch %1").arg(n);
                batch.alarms.append(old);
            }
        }
        batch.outboxInserts = {testdata::makeOutbox(int(n), QStringLiteral("B%1-0").arg(n))};
        batch.syncStates = {{QStringLiteral("alarm"), n, 0, n, n}};
        batch.metadata.insert(QStringLiteral("last_batch"), QString::number(n));
        writer.apply(batch);
        if (writer.lastError().isError()) {
            std::fprintf(stderr, "apply: %s\n", qPrintable(writer.lastError().message));
            return 5;
        }
        std::printf("committed %lld\n", static_cast<long long>(n));
        std::fflush(stdout);
    }
}
