#pragma once

#include "cache/cache_batch.h"
#include "cache/cache_reader.h"
#include "cache/change_set.h"
#include "sync/roles.h"
#include "sync/sync_status.h"
#include "ticket_queue_model.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableView;

namespace noc {

class SyncSession;
class TicketEditorDialog;
class TicketQueueFilterModel;
class WorkloadView;

// The Tickets view: queues with live counts, the ticket list (sort, filter, free text, column
// chooser, live SLA countdown), the ticket editor, tickets from alarms, and the supervisor's
// workload view with reassignment. Reads the cache; every change goes through `submit` (the
// outbox), so it works offline.
class TicketConsole : public QWidget {
    Q_OBJECT
public:
    using SubmitFunction = std::function<void(const CacheBatch &)>;

    // Wired to a session: cache path, submit, user and role from its profile, committed and
    // statusChanged connected.
    explicit TicketConsole(SyncSession &session, QWidget *parent = nullptr);
    // Without a session (tests, tools): feed applyChanges() and setSyncStatus() yourself.
    TicketConsole(const QString &cachePath, SubmitFunction submit, Role role, const QString &userId,
                  QWidget *parent = nullptr);
    ~TicketConsole() override;

    TicketQueueModel *model() const { return m_model; }
    TicketQueueFilterModel *queueModel() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    WorkloadView *workloadView() const { return m_workload; }
    // The editor opened last (tests), or nullptr.
    TicketEditorDialog *currentEditor() const { return m_editor; }
    TicketQueue currentQueue() const;
    // Queue list text, e.g. "Breached (3)".
    QString queueLabel(TicketQueue queue) const;

    // Reassigns the tickets; empty on success, else the plain-words refusal.
    QString assignTickets(const QStringList &ticketIds, const QString &assigneeId,
                          const QString &assigneeName);
    // Saved views: queue, filters, search text, sort and columns under a name (QSettings).
    void saveView(const QString &name);
    bool applyView(const QString &name);
    void deleteView(const QString &name);
    static QStringList savedViews();

    // New ticket (Ctrl+N), Open ticket (Ctrl+O; Enter in the list), Show on map (Ctrl+G), for the
    // window's Tickets menu; their shortcuts work while the focus is in this view.
    QList<QAction *> menuActions() const { return {m_newAction, m_openAction, m_mapAction}; }
    QLineEdit *searchField() const { return m_search; }

    // The workload view refreshes on a 2 s timer; tests and screenshots want it now.
    void refreshWorkloadForTests() { refreshWorkload(); }

public slots:
    void applyChanges(const noc::ChangeSet &changes);
    void setSyncStatus(const noc::SyncStatus &status);
    // Opens the new-ticket editor prefilled from the alarms (the alarm list's "Create ticket").
    void createFromAlarms(const QList<noc::Alarm> &alarms);
    void createTicket();
    void openTicket(const QString &ticketId);
    void selectQueue(noc::TicketQueue queue);

signals:
    void showOnMap(const QString &elementId);
    void ticketSelected(const QString &ticketId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslate();
    void updateCounts();
    void updateFreshness();
    void refreshWorkload();
    void showContextMenu(const QPoint &pos);
    void showColumnMenu(const QPoint &pos);
    void fillViewsMenu();
    void updateActions();
    void updateNewTicketAction();
    QModelIndex currentTicketIndex() const;
    QStringList selectedTicketIds() const;
    QList<RelatedParty> knownEngineers() const;
    QList<RelatedParty> knownTeams() const;
    TicketEditorDialog *openEditor(const TroubleTicket &ticket, bool pending);
    QString lookupName(const QString &referredType, const QString &id);

    QString m_cachePath;
    SubmitFunction m_submit;
    Role m_role;
    QString m_userId;
    CacheReader m_reader; // GUI thread: single-ticket reads when an editor opens
    SyncStatus m_status;
    bool m_hasStatus = false;

    TicketQueueModel *m_model = nullptr;
    TicketQueueFilterModel *m_proxy = nullptr;
    QLabel *m_freshness = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QComboBox *m_priorityFilter = nullptr;
    QPushButton *m_newTicket = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_mapAction = nullptr;
    QPushButton *m_views = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListWidget *m_queues = nullptr;
    QTableView *m_table = nullptr;
    WorkloadView *m_workload = nullptr;
    QPointer<TicketEditorDialog> m_editor;
    QTimer m_freshnessTimer;
    QTimer m_workloadTimer;
};

} // namespace noc
