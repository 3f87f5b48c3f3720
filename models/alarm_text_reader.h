#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>
#include <utility>
#include <vector>

struct sqlite3;

namespace noc {

// The text columns of one alarm row (what the in-memory AlarmKey does not hold).
struct AlarmRowText {
    QString id;
    QString alarmType;
    QString probableCause;
    QString specificProblem;
    QString elementId;
    QString elementName;
    QString siteName;
    QString sourceSystem;
    QString ticketId;
    QString ackUser;
    int occurrences = 0;
    // The alarm changed after this text was read: it is shown until the fresh text arrives (no flicker
    // to a placeholder), and read again.
    bool stale = false;
};

// (aid, text) of the alarms found; an aid asked for but not in the cache is not in it.
using AlarmRowTexts = std::vector<std::pair<qint64, AlarmRowText>>;
using SharedAlarmRowTexts = std::shared_ptr<const AlarmRowTexts>;

// Reads the text of alarm rows for AlarmTableModel on a thread of its own with its own read
// connection, so that a paint never waits for SQLite: in a storm the GUI thread's reads waited up to
// 65 ms for one window of rows (for a core and the database, while the writer commits).
class AlarmTextReader : public QObject {
    Q_OBJECT
public:
    AlarmTextReader() = default;
    ~AlarmTextReader() override;

    // The read itself (primary-key lookups of at most a few hundred rows plus unique-index joins):
    // used here, and by the model for the few bounded reads that need the text now (an alarm's id for
    // an action, an export). Throws SqliteError.
    static AlarmRowTexts read(sqlite3 *db, const std::vector<qint64> &aids);

public slots:
    void open(const QString &cachePath);
    // Answers fetched(serial, texts) (empty texts when the read failed: the model asks again later).
    void fetch(int serial, const std::vector<qint64> &aids);

signals:
    void fetched(int serial, const noc::SharedAlarmRowTexts &texts);

private:
    sqlite3 *m_db = nullptr;
};

} // namespace noc

Q_DECLARE_METATYPE(noc::SharedAlarmRowTexts)
Q_DECLARE_METATYPE(std::vector<qint64>)
