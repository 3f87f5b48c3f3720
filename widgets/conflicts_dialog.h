#pragma once

#include "cache/cache_records.h"
#include "sync/refused_changes.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace noc {

class SyncSession;

// File ▸ Conflicts and refused changes: local changes the server did not take. A conflict (someone
// changed the same alarm or ticket first) may be applied again, if the user's role and the ticket
// workflow allow it, or discarded; a refused change (the server no longer has the target, the role
// may not do it, the server rejected it) can only be discarded. For each: what the user wanted, what
// the server has now, and why, in plain words. Nothing leaves this list unseen.
class ConflictsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConflictsDialog(SyncSession &session, QWidget *parent = nullptr);

    int conflictCount() const;
    int refusedCount() const;
    // Test hooks: act on row `row` (conflicts first, then refused changes) as the buttons do.
    // reapply() returns why it sent nothing (also shown in the dialog), empty when it sent.
    QString reapply(int row);
    void discard(int row);

public slots:
    void reload();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QList<int> selectedRows() const;
    bool isConflictRow(int row) const { return row >= 0 && row < m_conflicts.size(); }
    const RefusedChange *refusedAt(int row) const;
    void updateButtons();

    SyncSession &m_session;
    QList<ConflictRecord> m_conflicts;
    QList<RefusedChange> m_refused;
    QLabel *m_summary;
    QLabel *m_problem; // why "Apply again" sent nothing
    QTableWidget *m_table;
    QPushButton *m_reapply;
    QPushButton *m_discard;
    QPushButton *m_close;
};

} // namespace noc
