#include "alarm_csv_export.h"

#include "alarm_table_model.h"
#include "alarm_text_reader.h"
#include "cache/sqlite_statement.h"

#include <QHash>
#include <QSaveFile>
#include <QScopeGuard>
#include <QTextStream>

#include <sqlite3.h>

namespace noc {

namespace {

// Rows read per step: enough that the statement's cost is spread, few enough that the texts of one
// step stay small (a million rows are written in ~1,000 steps).
constexpr size_t kRowsPerRead = 1000;

QString csvLine(const QStringList &fields) {
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += QLatin1Char(',');
        line += csvField(fields[i]);
    }
    line += QLatin1Char('\n');
    return line;
}

} // namespace

QString csvField(const QString &text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString writeAlarmCsv(const AlarmCsvJob &job) {
    QString error;
    sqlite3 *db = openAlarmReadConnection(job.cachePath, &error);
    if (!db)
        return error;
    const auto closeDb = qScopeGuard([db] { sqlite3_close_v2(db); });
    QSaveFile file(job.path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return file.errorString();
    QTextStream out(&file);
    out << csvLine(job.header);
    try {
        std::vector<qint64> aids;
        QHash<qint64, const AlarmRowText *> byAid;
        for (size_t from = 0; from < job.keys.size(); from += kRowsPerRead) {
            const size_t to = std::min(job.keys.size(), from + kRowsPerRead);
            aids.clear();
            for (size_t i = from; i < to; ++i)
                aids.push_back(job.keys[i].aid);
            const AlarmRowTexts texts = AlarmTextReader::read(db, aids);
            byAid.clear();
            for (const auto &[aid, text] : texts)
                byAid.insert(aid, &text);
            for (size_t i = from; i < to; ++i) {
                const AlarmKey &key = job.keys[i];
                const AlarmRowText *text = byAid.value(key.aid); // null: deleted since it was listed
                QStringList fields{text ? text->id : QString()};
                for (int c = 0; c < int(AlarmColumn::Count); ++c)
                    fields.append(AlarmTableModel::exportText(key, text, AlarmColumn(c)));
                out << csvLine(fields);
            }
        }
    } catch (const SqliteError &e) {
        file.cancelWriting();
        return QString::fromUtf8(e.what());
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return file.errorString();
    return {};
}

} // namespace noc
