#pragma once

#include "cache/cache_records.h"

#include <QMetaType>
#include <QStringList>

namespace noc {

// Ids per kind that one committed transaction inserted, updated or removed. An id appears in at most
// one of the three lists. Item models apply these incrementally instead of resetting.
struct KindChanges {
    QStringList inserted;
    QStringList updated; // content or pending mark changed; an identical upsert is not reported
    QStringList removed;

    bool isEmpty() const { return inserted.isEmpty() && updated.isEmpty() && removed.isEmpty(); }
    qsizetype count() const { return inserted.size() + updated.size() + removed.size(); }
    // `later` happened after this: insert+update = insert, insert+remove = nothing,
    // remove+insert = update, update+remove = remove.
    void merge(const KindChanges &later);

    friend bool operator==(const KindChanges &, const KindChanges &) = default;
};

struct ChangeSet {
    KindChanges alarms;
    KindChanges tickets;
    KindChanges elements;
    KindChanges sites;
    KindChanges links;
    bool outboxChanged = false;
    bool conflictsChanged = false;
    bool syncStateChanged = false;
    bool mapPositionsChanged = false;
    bool metadataChanged = false;

    KindChanges &of(EntityKind kind);
    const KindChanges &of(EntityKind kind) const;
    bool isEmpty() const;
    // Folds a later change set into this one (the worker merges the batches of one transaction).
    void merge(const ChangeSet &later);

    friend bool operator==(const ChangeSet &, const ChangeSet &) = default;
};

} // namespace noc

Q_DECLARE_METATYPE(noc::ChangeSet)
