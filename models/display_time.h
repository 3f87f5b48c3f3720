#pragma once

#include "domain/types.h"

#include <QString>

namespace noc {

// A moment as the console shows it to a person: local time, "2026-11-23 18:00:00". One format for
// the alarm list, the ticket drafts made from alarms and the Conflicts dialog: unambiguous in every
// language (the locale's short format reads 11/23/26 in one and 23/11/26 in another) and sorts as
// text. Empty for 0 and negative times (unknown).
QString localDateTimeText(EpochMs ms);
// The same with the UTC offset, "2026-11-23 18:00:00 UTC+08:00", for text that leaves this computer
// (a ticket's description is read in other time zones).
QString localDateTimeTextWithOffset(EpochMs ms);

} // namespace noc
