#pragma once

#include "cache/cache_reader.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>
#include <QTest>
#include <functional>
#include <memory>

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

} // namespace noc::bench
