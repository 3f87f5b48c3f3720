#include "alarm_text_reader.h"

#include "alarm_index.h"
#include "cache/sqlite_statement.h"
#include "logging.h"

#include <sqlite3.h>

namespace noc {

namespace {

// Aids per statement: one prepared statement with this many bound parameters serves a window of rows
// in two or three steps (unused parameters are NULL, which matches nothing).
constexpr int kAidsPerStatement = 100;

QString textSql() {
    QString params;
    for (int i = 0; i < kAidsPerStatement; ++i)
        params += i ? QStringLiteral(",?") : QStringLiteral("?");
    return QStringLiteral("SELECT a.aid, a.id, a.alarm_type, a.probable_cause, a.specific_problem, "
                          "a.object_id, e.name, st.name, a.source_system, a.ack_user, "
                          "(SELECT ticket_id FROM ticket_entities WHERE entity_id=a.id LIMIT 1), "
                          // TMF642 has no occurrence count: the repeats of a problem are the alarms
                          // on the same element with the same cause (alarms_object_cause index).
                          "(SELECT count(*) FROM alarms o WHERE o.object_id=a.object_id "
                          "AND o.probable_cause IS a.probable_cause) "
                          "FROM alarms a LEFT JOIN elements e ON e.id=a.object_id "
                          "LEFT JOIN sites st ON st.id=e.site_id WHERE a.aid IN (%1)")
        .arg(params);
}

} // namespace

AlarmTextReader::~AlarmTextReader() {
    if (m_db)
        sqlite3_close_v2(m_db);
}

AlarmRowTexts AlarmTextReader::read(sqlite3 *db, const std::vector<qint64> &aids) {
    AlarmRowTexts out;
    if (!db || aids.empty())
        return out;
    out.reserve(aids.size());
    SqliteStatement s(db, textSql(), false);
    for (size_t from = 0; from < aids.size(); from += kAidsPerStatement) {
        for (int i = 0; i < kAidsPerStatement; ++i) {
            const size_t at = from + size_t(i);
            if (at < aids.size())
                s.bind(i + 1, aids[at]);
            else
                s.bindNull(i + 1);
        }
        while (s.step()) {
            AlarmRowText t;
            t.id = s.columnText(1);
            t.alarmType = s.columnText(2);
            t.probableCause = s.columnText(3);
            t.specificProblem = s.columnText(4);
            t.elementId = s.columnText(5);
            t.elementName = s.columnText(6);
            t.siteName = s.columnText(7);
            t.sourceSystem = s.columnText(8);
            t.ackUser = s.columnText(9);
            t.ticketId = s.columnText(10);
            t.occurrences = s.columnInt(11);
            out.emplace_back(s.columnInt64(0), std::move(t));
        }
        s.reset();
    }
    return out;
}

void AlarmTextReader::open(const QString &cachePath) {
    if (m_db)
        sqlite3_close_v2(m_db);
    QString error;
    m_db = openAlarmReadConnection(cachePath, &error);
    if (!m_db)
        logging::logger("ui")->error("alarm list: text reader cannot open cache {}: {}",
                                     cachePath.toStdString(), error.toStdString());
}

void AlarmTextReader::fetch(int serial, const std::vector<qint64> &aids) {
    auto texts = std::make_shared<AlarmRowTexts>();
    try {
        *texts = read(m_db, aids);
    } catch (const SqliteError &e) {
        logging::logger("ui")->warn("alarm list: reading rows failed: {}", e.what());
    }
    emit fetched(serial, texts);
}

} // namespace noc
