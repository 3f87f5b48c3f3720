#include "alarm_key_store.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

using namespace noc;

// AlarmKeyStore against QHash as the reference: random inserts, replacements and removals (removal
// with backward shift is where open addressing goes wrong), then every key found or not as QHash says.
class AlarmKeyStoreTest : public QObject {
    Q_OBJECT

private slots:
    void behavesLikeAHashUnderRandomChanges() {
        AlarmKeyStore store;
        QHash<quint64, AlarmKey> reference;
        QRandomGenerator random(11);
        // Few distinct hashes, so that probe runs are long and removals shift entries around.
        const auto someHash = [&] { return quint64(random.bounded(5000)) * 0x100000001ULL; };
        qint64 nextAid = 1;
        for (int step = 0; step < 60'000; ++step) {
            const quint64 h = someHash();
            if (random.bounded(3) == 0) {
                QCOMPARE(store.remove(h), reference.remove(h));
            } else {
                AlarmKey k;
                k.idHash = h;
                k.aid = reference.contains(h) ? reference[h].aid : nextAid++;
                k.changedMs = step;
                store.insert(k);
                reference.insert(h, k);
            }
        }
        QCOMPARE(store.size(), size_t(reference.size()));
        for (quint64 v = 0; v < 5000; ++v) {
            const quint64 h = v * 0x100000001ULL;
            const AlarmKey *k = store.find(h);
            QCOMPARE(k != nullptr, reference.contains(h));
            if (k)
                QCOMPARE(*k, reference.value(h));
        }
        size_t seen = 0;
        store.forEach([&](const AlarmKey &k) {
            ++seen;
            QVERIFY(reference.contains(k.idHash));
        });
        QCOMPARE(seen, size_t(reference.size()));
    }

    void emptyStoreFindsNothing() {
        AlarmKeyStore store;
        QVERIFY(!store.find(42));
        QVERIFY(!store.remove(42));
        store.reserve(1000);
        QVERIFY(!store.find(42));
        QCOMPARE(store.size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(AlarmKeyStoreTest)
#include "alarm_key_store_test.moc"
