#pragma once

#include "cache/cache_records.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace noc {

class SyncSession;

// File ▸ Conflicts: local changes the server refused because someone else changed the same alarm or
// ticket first. For each: what the user wanted, what the server has now, and the server's words.
// "Apply again" sends the same change once more; "Discard" drops it. Nothing leaves this list unseen.
class ConflictsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConflictsDialog(SyncSession &session, QWidget *parent = nullptr);

    int conflictCount() const;
    // Test hooks: act on row `row` as the buttons do.
    void reapply(int row);
    void discard(int row);

public slots:
    void reload();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QList<int> selectedRows() const;
    void updateButtons();

    SyncSession &m_session;
    QList<ConflictRecord> m_conflicts;
    QLabel *m_summary;
    QTableWidget *m_table;
    QPushButton *m_reapply;
    QPushButton *m_discard;
    QPushButton *m_close;
};

} // namespace noc
