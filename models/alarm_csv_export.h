#pragma once

#include "alarm_index.h"

#include <QString>
#include <QStringList>

namespace noc {

// What an alarm export writes: the rows of the list as they stand (keys, in list order), and the
// column titles in English.
struct AlarmCsvJob {
    QString cachePath;  // read with a connection of the job's own
    QString path;       // the CSV file, replaced only when written in full (QSaveFile)
    QStringList header; // "Alarm id", then AlarmTableModel's ExportTextRole titles
    AlarmKeyVector keys;
};

// Writes the job's CSV (RFC 4180 quoting, English words: AlarmTableModel::exportText). Runs on a
// worker thread: a whole list of a million alarms is ~10,000 reads of the cache (tens of seconds),
// which froze the console on the GUI thread. Returns an empty string when written, else the reason; the
// file that was there before is then left as it was.
QString writeAlarmCsv(const AlarmCsvJob &job);

// One CSV field: quoted when it holds a comma, a quote or a line break.
QString csvField(const QString &text);

} // namespace noc
