#include "cache/change_set.h"

#include <QHash>

namespace noc {

namespace {
enum class Op { Inserted, Updated, Removed };
}

void KindChanges::merge(const KindChanges &later) {
    if (later.isEmpty())
        return;
    if (isEmpty()) {
        *this = later;
        return;
    }
    // Keep first-seen order so that models see ids in the order they were written.
    QHash<QString, Op> state;
    QStringList order;
    state.reserve(count() + later.count());
    const auto note = [&](const QString &id, Op op) {
        auto it = state.find(id);
        if (it == state.end()) {
            state.insert(id, op);
            order.append(id);
            return;
        }
        const Op before = it.value();
        if (before == Op::Inserted && op == Op::Removed)
            state.erase(it); // the model never saw it
        else if (before == Op::Inserted)
            ; // still an insert
        else if (before == Op::Removed && op != Op::Removed)
            it.value() = Op::Updated; // the model still has the old row
        else
            it.value() = op;
    };
    for (const auto &id : std::as_const(inserted))
        note(id, Op::Inserted);
    for (const auto &id : std::as_const(updated))
        note(id, Op::Updated);
    for (const auto &id : std::as_const(removed))
        note(id, Op::Removed);
    for (const auto &id : later.inserted)
        note(id, Op::Inserted);
    for (const auto &id : later.updated)
        note(id, Op::Updated);
    for (const auto &id : later.removed)
        note(id, Op::Removed);

    inserted.clear();
    updated.clear();
    removed.clear();
    for (const auto &id : std::as_const(order)) {
        const auto it = state.constFind(id);
        if (it == state.cend())
            continue;
        switch (it.value()) {
        case Op::Inserted:
            inserted.append(id);
            break;
        case Op::Updated:
            updated.append(id);
            break;
        case Op::Removed:
            removed.append(id);
            break;
        }
    }
}

KindChanges &ChangeSet::of(EntityKind kind) {
    switch (kind) {
    case EntityKind::Alarm:
        return alarms;
    case EntityKind::Ticket:
        return tickets;
    case EntityKind::Element:
        return elements;
    case EntityKind::Site:
        return sites;
    case EntityKind::Link:
        return links;
    }
    return alarms;
}

const KindChanges &ChangeSet::of(EntityKind kind) const {
    return const_cast<ChangeSet *>(this)->of(kind);
}

bool ChangeSet::isEmpty() const {
    return alarms.isEmpty() && tickets.isEmpty() && elements.isEmpty() && sites.isEmpty() &&
           links.isEmpty() && !outboxChanged && !conflictsChanged && !syncStateChanged &&
           !mapPositionsChanged && !metadataChanged;
}

void ChangeSet::merge(const ChangeSet &later) {
    alarms.merge(later.alarms);
    tickets.merge(later.tickets);
    elements.merge(later.elements);
    sites.merge(later.sites);
    links.merge(later.links);
    outboxChanged = outboxChanged || later.outboxChanged;
    conflictsChanged = conflictsChanged || later.conflictsChanged;
    syncStateChanged = syncStateChanged || later.syncStateChanged;
    mapPositionsChanged = mapPositionsChanged || later.mapPositionsChanged;
    metadataChanged = metadataChanged || later.metadataChanged;
}

} // namespace noc
