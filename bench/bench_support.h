#pragma once

#include "cache/cache_reader.h"

#include <QElapsedTimer>
#include <QString>
#include <QTest>
#include <functional>

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
inline qint64 cachedStreamSeq(const QString &cache) {
    CacheReader reader;
    if (!reader.open(cache))
        return 0;
    const auto state = reader.syncState(QStringLiteral("event"));
    return state ? state->streamSeq : 0;
}

} // namespace noc::bench
