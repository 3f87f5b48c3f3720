#pragma once

#include "alarm_index.h"

#include <vector>

namespace noc {

// Every alarm's AlarmKey, found by id hash: the universe of AlarmIndexWorker.
//
// Why not QHash<quint64, AlarmKey>: at a million alarms its nodes and spans took ~70 MB and a pass
// over all keys walked 4M buckets (180-330 ms per filter). Here the keys are one dense array (40 B
// each; a pass is a sequential read) and the lookup table holds 4-byte slot numbers (open addressing,
// linear probing, at most half full): ~48 MB at a million, and filter passes of tens of ms.
class AlarmKeyStore {
public:
    void clear();
    void reserve(size_t count);
    size_t size() const { return m_size; }

    const AlarmKey *find(quint64 idHash) const;
    // Adds the key, or replaces the stored key with the same id hash.
    void insert(const AlarmKey &key);
    bool remove(quint64 idHash);

    // Calls f(quint32 slot, const AlarmKey &) for every stored key, in storage order; at(slot) reads
    // it back until the next change.
    template <typename F> void forEachSlot(F &&f) const {
        for (size_t s = 0; s < m_keys.size(); ++s)
            if (m_keys[s].aid != 0)
                f(quint32(s), m_keys[s]);
    }
    const AlarmKey &at(quint32 slot) const { return m_keys[slot]; }

    // Calls f(const AlarmKey &) for every stored key, in storage order.
    template <typename F> void forEach(F &&f) const {
        for (const AlarmKey &k : m_keys)
            if (k.aid != 0) // a free slot (SQLite row ids start at 1)
                f(k);
    }

private:
    size_t bucket(quint64 idHash) const { return size_t((idHash * 0x9E3779B97F4A7C15ULL) >> m_shift); }
    // Index into m_table of the id hash, or of the empty bucket where it would go.
    size_t probe(quint64 idHash) const;
    void rehash(size_t buckets);

    std::vector<AlarmKey> m_keys; // dense; aid 0 marks a free slot
    std::vector<quint32> m_free;  // free slots, reused first
    std::vector<quint32> m_table; // slot + 1; 0 = empty bucket
    int m_shift = 64;
    size_t m_size = 0;
};

} // namespace noc
