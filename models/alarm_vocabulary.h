#pragma once

#include <QString>
#include <QStringList>

// Readable words for the X.733 vocabulary of alarms: the alarm types and the probable causes of
// ITU-T X.733/X.736 (and the few the reference server adds), in the user's language. Servers spell the
// codes differently ("lossOfSignal", "LOSS_OF_SIGNAL", "loss-of-signal"); they are matched by their
// letters and digits, case-insensitively. A code outside the tables is split into words
// ("fibreCutSuspected" -> "Fibre cut suspected") and stays English.
namespace noc::alarmvocabulary {

// In the current language (QCoreApplication's translators).
QString alarmTypeText(const QString &code);
QString probableCauseText(const QString &code);
// The English words whatever the language (exports).
QString alarmTypeEnglish(const QString &code);
QString probableCauseEnglish(const QString &code);
// The X.733 alarm types (canonical codes), in the standard's order: the quick filter's choices.
QStringList alarmTypeCodes();
// camelCase / UPPER_CASE -> "Words like these" (acronyms kept).
QString splitWords(const QString &code);

} // namespace noc::alarmvocabulary
