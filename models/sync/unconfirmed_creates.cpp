#include "unconfirmed_creates.h"

#include "sync/outbox_reason.h"

#include <algorithm>

namespace noc {

UnconfirmedCreates::Step UnconfirmedCreates::next(const OutboxEntry &entry, qint64 nowMs) {
    Round &round = m_rounds[entry.uuid];
    if (!round.since.isValid())
        round.since.start();
    const bool roundOver = round.refused || (round.misses >= m_patience.lookupsPerRound &&
                                             round.since.elapsed() >= m_patience.roundMs);
    if (!roundOver)
        return Step::LookUp;
    if (nowMs - entry.createdMs > kPostAgainWithinMs)
        return Step::GiveUp;
    return answersSoFar(entry) >= m_patience.answers ? Step::GiveUp : Step::PostAgain;
}

void UnconfirmedCreates::missed(const QString &uuid) {
    ++m_rounds[uuid].misses;
}

void UnconfirmedCreates::lookupRefused(const QString &uuid) {
    m_rounds[uuid].refused = true;
}

void UnconfirmedCreates::forget(const QString &uuid) {
    m_rounds.remove(uuid);
}

int UnconfirmedCreates::answersSoFar(const OutboxEntry &entry) {
    // The Sent mark may not be on disk yet when the entry is read just after its answer: then it is
    // the first such answer.
    const auto reason = OutboxReason::parse(entry.lastError);
    return std::max(1, reason ? reason->answers : 1);
}

} // namespace noc
