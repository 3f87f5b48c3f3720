#pragma once

#include "cache/cache_reader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QString>
#include <QTest>
#include <functional>
#include <memory>
#include <unistd.h>

namespace noc::bench {

// Keeps the event loop turning until `done` holds or `timeoutMs` passes; false on timeout.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(20);
    }
    return true;
}

// The last event seq the cache file has stored (0 when it cannot be read yet): how far sync has got.
// The benches poll this every 20 ms while the client ingests on the same two cores, so the reader is
// opened once per file and kept: opening one parses the whole schema, and a fresh connection per poll
// took half a core away from the sync and writer threads during a full-size storm drain (perf).
inline qint64 cachedStreamSeq(const QString &cache) {
    static QHash<QString, std::shared_ptr<CacheReader>> readers;
    auto &reader = readers[cache];
    if (!reader || !reader->isOpen()) {
        reader = std::make_shared<CacheReader>();
        if (!reader->open(cache)) {
            reader.reset();
            return 0;
        }
    }
    const auto state = reader->syncState(QStringLiteral("event"));
    return state ? state->streamSeq : 0;
}

// CPU time (user + system, ms) used so far by this process's threads named `name` (QThread's
// objectName, e.g. SyncSession's "sync" and "cache-writer"), from /proc/self/task/*/stat. The
// contention-independent cost of a thread: unlike wall time it does not grow while the thread waits
// for a core that opsim or a compiler holds. Resolution: one clock tick (10 ms).
inline double threadCpuMs(const QByteArray &name) {
    double ticks = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name)
            continue;
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            ticks += fields.at(11).toDouble() + fields.at(12).toDouble();
    }
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

} // namespace noc::bench
