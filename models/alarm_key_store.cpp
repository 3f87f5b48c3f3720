#include "alarm_key_store.h"

namespace noc {

namespace {
constexpr size_t kMinBuckets = 64;
}

void AlarmKeyStore::clear() {
    m_keys = {};
    m_free = {};
    m_table = {};
    m_shift = 64;
    m_size = 0;
}

void AlarmKeyStore::reserve(size_t count) {
    if (count > m_keys.capacity()) {
        // 2 MB pages before the first write: a sort reads a million keys in random order, and with
        // 4 KB pages nearly each of those reads also missed the TLB (40 MB are 10,000 small pages).
        std::vector<AlarmKey> keys;
        keys.reserve(count);
        adviseHugePages(keys.data(), keys.capacity() * sizeof(AlarmKey));
        keys.insert(keys.end(), m_keys.begin(), m_keys.end());
        m_keys.swap(keys);
    }
    size_t buckets = kMinBuckets;
    while (buckets < 2 * count)
        buckets *= 2;
    if (buckets > m_table.size())
        rehash(buckets);
}

size_t AlarmKeyStore::probe(quint64 idHash) const {
    const size_t mask = m_table.size() - 1;
    size_t i = bucket(idHash);
    while (m_table[i] != 0 && m_keys[m_table[i] - 1].idHash != idHash)
        i = (i + 1) & mask;
    return i;
}

const AlarmKey *AlarmKeyStore::find(quint64 idHash) const {
    if (m_table.empty())
        return nullptr;
    const quint32 slot = m_table[probe(idHash)];
    return slot ? &m_keys[slot - 1] : nullptr;
}

void AlarmKeyStore::insert(const AlarmKey &key) {
    if (2 * (m_size + 1) > m_table.size())
        rehash(std::max(kMinBuckets, 2 * m_table.size()));
    const size_t i = probe(key.idHash);
    if (m_table[i] != 0) {
        m_keys[m_table[i] - 1] = key;
        return;
    }
    quint32 slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
        m_keys[slot] = key;
    } else {
        slot = quint32(m_keys.size());
        m_keys.push_back(key);
    }
    m_table[i] = slot + 1;
    ++m_size;
}

bool AlarmKeyStore::remove(quint64 idHash) {
    if (m_table.empty())
        return false;
    size_t i = probe(idHash);
    if (m_table[i] == 0)
        return false;
    const quint32 slot = m_table[i] - 1;
    m_keys[slot] = AlarmKey{};
    m_free.push_back(slot);
    --m_size;
    // Backward-shift deletion: move later members of the probe run into the hole so that every
    // lookup still finds its key without tombstones.
    const size_t mask = m_table.size() - 1;
    size_t j = i;
    for (;;) {
        j = (j + 1) & mask;
        if (m_table[j] == 0)
            break;
        const size_t home = bucket(m_keys[m_table[j] - 1].idHash);
        // The entry at j may fill the hole at i when its home is not cyclically within (i, j].
        const bool between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!between) {
            m_table[i] = m_table[j];
            i = j;
        }
    }
    m_table[i] = 0;
    return true;
}

void AlarmKeyStore::rehash(size_t buckets) {
    std::vector<quint32> table;
    table.reserve(buckets);
    adviseHugePages(table.data(), buckets * sizeof(quint32)); // lookups are random reads too
    table.resize(buckets, 0);
    m_table.swap(table);
    int bits = 0;
    while ((size_t(1) << bits) < buckets)
        ++bits;
    m_shift = 64 - bits;
    const size_t mask = buckets - 1;
    for (size_t s = 0; s < m_keys.size(); ++s) {
        if (m_keys[s].aid == 0)
            continue;
        size_t i = bucket(m_keys[s].idHash);
        while (m_table[i] != 0)
            i = (i + 1) & mask;
        m_table[i] = quint32(s + 1);
    }
}

} // namespace noc
