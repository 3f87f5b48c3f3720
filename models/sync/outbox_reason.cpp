#include "outbox_reason.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace noc {

namespace {
struct CodeName {
    OutboxReason::Code code;
    const char *name;
};
constexpr CodeName kNames[] = {
    {OutboxReason::Code::CreateUnconfirmed, "create-unconfirmed"},
    {OutboxReason::Code::CreateNotConfirmed, "create-not-confirmed"},
    {OutboxReason::Code::WaitsForCreate, "waits-for-create"},
    {OutboxReason::Code::CreateRefused, "create-refused"},
};
} // namespace

QString OutboxReason::stored() const {
    QString name;
    for (const CodeName &n : kNames)
        if (n.code == code)
            name = QLatin1String(n.name);
    return QStringLiteral("[noc] %1 ref=%2 answers=%3").arg(name, reference).arg(answers);
}

std::optional<OutboxReason> OutboxReason::parse(const QString &stored) {
    static const QRegularExpression form(QStringLiteral("^\\[noc\\] ([a-z-]+) ref=(\\S+) answers=(\\d+)$"));
    // What consoles before this form stored for a Sent create, in English only.
    static const QRegularExpression older(QStringLiteral(
        "^Created on the server, but its answer named no ticket; finding it by externalId (\\S+)$"));
    if (const auto m = older.match(stored); m.hasMatch())
        return OutboxReason{Code::CreateUnconfirmed, m.captured(1), 1};
    const auto m = form.match(stored);
    if (!m.hasMatch())
        return std::nullopt;
    for (const CodeName &n : kNames)
        if (m.captured(1) == QLatin1String(n.name))
            return OutboxReason{n.code, m.captured(2), m.captured(3).toInt()};
    return std::nullopt;
}

QString OutboxReason::describe() const {
    // Said as the console's own doing ("The console ..."): shown beside the server's refusals, the
    // user must not take them for the server's words.
    switch (code) {
    case Code::CreateUnconfirmed:
        return QCoreApplication::translate(
                   "noc::OutboxReason",
                   "The console is looking for this ticket by its reference %1: the server created it but "
                   "did not say which one it is.")
            .arg(reference);
    case Code::CreateNotConfirmed:
        return QCoreApplication::translate(
                   "noc::OutboxReason",
                   "The console gave up: the server created this ticket but never said which one it is, "
                   "not even when asked again (reference %1).")
            .arg(reference);
    case Code::WaitsForCreate:
        return QCoreApplication::translate(
                   "noc::OutboxReason",
                   "The console did not send this: the server never said which ticket the new one is "
                   "(reference %1).")
            .arg(reference);
    case Code::CreateRefused:
        return QCoreApplication::translate(
                   "noc::OutboxReason",
                   "The console did not send this: the server refused to create this ticket (reference %1).")
            .arg(reference);
    }
    return {};
}

} // namespace noc
