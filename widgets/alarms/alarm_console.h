#pragma once

#include "alarm_action_job.h"
#include "alarm_index.h"
#include "cache/cache_reader.h"
#include "cache/change_set.h"
#include "sync/roles.h"
#include "sync/sync_status.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>
#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolBar;
class QPushButton;
class QToolButton;

namespace noc {

class AlarmAttention;
class AlarmDetailsView;
class AlarmFilterBar;
class AlarmSoundPlayer;
class AlarmTableModel;
class SeverityLights;
class SyncSession;
struct CacheBatch;

// The live alarm console: severity lights, quick filter bar, the alarm list and its actions. The
// details pane is a separate widget (detailsView()) so that the window can dock it.
//
// Wiring (app/main.cpp):
//   auto *alarms = new AlarmConsole(session, window);          // or the explicit constructor
//   window->setAlarmsView(alarms);
//   window->setDetailsView(alarms->detailsView());
//   connect(alarms, &AlarmConsole::showOnMap, map, ...);        // map selects the element
//   connect(map, ..., alarms, &AlarmConsole::filterToElement);  // map asks for an element's alarms
//   connect(alarms, &AlarmConsole::createTicketRequested, tickets, ...);
//   connect(alarms, &AlarmConsole::unacknowledgedCriticalChanged, window, ...); // title / tray
class AlarmConsole : public QWidget {
    Q_OBJECT
public:
    using SubmitFunction = std::function<void(const CacheBatch &)>;

    // Everything from the session: cache path, submit, the profile's role and user; committed and
    // statusChanged are connected here.
    explicit AlarmConsole(SyncSession &session, QWidget *parent = nullptr);
    // Explicit parts (tests, other hosts): feed onCommitted / setSyncStatus yourself.
    AlarmConsole(const QString &cachePath, SubmitFunction submit, Role role, const QString &userId,
                 QWidget *parent = nullptr);
    ~AlarmConsole() override;

    AlarmTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    AlarmDetailsView *detailsView() const { return m_details; }
    SeverityLights *lights() const { return m_lights; }
    // When to ring for new critical/major alarms (until acknowledged) and what is played.
    AlarmAttention *attention() const { return m_attention; }
    AlarmSoundPlayer *soundPlayer() const { return m_player; }
    AlarmFilterBar *filterBar() const { return m_filterBar; }
    QLineEdit *searchField() const;
    // Flat list or tree by root cause (persists), and "hide correlated children" (persists; in the
    // filter bar).
    QComboBox *layoutModeBox() const { return m_layoutMode; }
    QCheckBox *hideChildrenBox() const;
    QPushButton *viewsButton() const { return m_views; }
    // "Alarm settings…" (sound, cleared alarms): for the toolbar and the Alarms menu.
    QAction *settingsAction() const { return m_settingsAction; }

    // Saved named views: filters, sort and columns (AlarmViewStore, QSettings).
    void saveView(const QString &name);
    bool applyView(const QString &name);
    bool renameView(const QString &from, const QString &to);
    void deleteView(const QString &name);
    QStringList savedViews() const;
    // The view applied last and unchanged since (empty otherwise).
    QString currentView() const { return m_currentView; }

    // How long a cleared alarm stays, faded, in the active list (QSettings
    // "alarms/clearedLingerSeconds", default 5 min; 0 = it leaves at once).
    qint64 clearedLingerMs() const { return m_lingerMs; }
    void setClearedLingerMs(qint64 ms);

    enum class Action {
        Acknowledge,
        Unacknowledge,
        Clear,
        Comment,
        CreateTicket,
        Copy,
        ExportCsv,
        ShowOnMap
    };
    QAction *action(Action which) const;

    // Test hooks for the modal parts: the next comment / export file name is taken instead of asking.
    void setNextComment(const QString &text) { m_nextComment = text; }
    void setNextExportFileName(const QString &path) { m_nextExportFile = path; }

    // The row ids (AlarmKey::aid) of the selected alarms, in list order: what an action takes at the
    // click. Their alarms are read on a worker (runAlarmActionInParts), never on the GUI thread.
    std::vector<qint64> selectedAids() const;
    // True from an action's click until its batch was committed to the cache (the five alarm actions
    // wait disabled meanwhile: a second click would read the alarms before the first one's change).
    bool isActionRunning() const { return m_actionState != ActionState::Idle; }
    // Alarms per part of an action (default kActionPartSize): each part is submitted as soon as it
    // is read, one transaction with its outbox entries, while the next part is read.
    void setActionPartSize(qsizetype alarms) { m_actionPartSize = alarms; }
    static constexpr qsizetype kActionPartSize = 50'000;
    int unacknowledgedCritical() const { return m_unackCritical; }

public slots:
    void onCommitted(const noc::ChangeSet &changes);
    void setSyncStatus(const noc::SyncStatus &status);
    // Shows only the alarms of this element (the map's "show alarms").
    void filterToElement(const QString &elementId);
    void clearFilters();

signals:
    void showOnMap(const QString &elementId);
    void createTicketRequested(const QList<noc::Alarm> &alarms);
    // Unacknowledged active critical alarms changed: for the window title and the tray tooltip.
    void unacknowledgedCriticalChanged(int count);
    // An export (Export CSV…) ended: written in full, or not (the user was told why).
    void exportFinished(const QString &path, bool written);
    // A short confirmation for the window's status bar (MainWindow::showNotice), e.g. after an export.
    void notice(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslate();
    void applyFilterBar();
    void updateActions();
    void updateHeaderLine();
    void refreshCounts();
    void submitAction(Action which);
    void copySelection();
    void exportCsv();
    void onExportDone();
    void onActionDone(bool quitting);
    void reportExportFailure(const QString &path, const QString &reason);
    QStringList rowTexts(int row) const;
    QList<int> selectedRows() const;
    void saveLayout() const;
    void restoreLayout();
    void toggleCurrentRoot(bool expand);
    void fillViewsMenu();
    void showSettings();
    void updateSoundButton();

    QString m_cachePath;
    SubmitFunction m_submit;
    Role m_role = Role::ReadOnly;
    QString m_userId;
    CacheReader m_reader;
    AlarmTableModel *m_model = nullptr;
    AlarmAttention *m_attention = nullptr;
    QTableView *m_view = nullptr;
    AlarmDetailsView *m_details = nullptr;
    SeverityLights *m_lights = nullptr;
    QLabel *m_freshness = nullptr;
    QLabel *m_shown = nullptr;
    AlarmFilterBar *m_filterBar = nullptr;
    AlarmSoundPlayer *m_player = nullptr;
    QPushButton *m_views = nullptr;
    QToolButton *m_sound = nullptr;
    QAction *m_settingsAction = nullptr;
    QComboBox *m_layoutMode = nullptr;
    QToolBar *m_toolbar = nullptr;
    QList<QAction *> m_actions;
    QString m_currentView;
    qint64 m_lingerMs = 0;
    QTimer m_countsTimer;
    QTimer m_clock;
    SyncStatus m_status;
    bool m_haveStatus = false;
    int m_unackCritical = -1;
    QString m_nextComment;
    QString m_nextExportFile;
    QFutureWatcher<QString> m_export; // the export being written: empty result = written, else why not
    QString m_exportPath;
    qsizetype m_exportRows = 0;
    QFutureWatcher<AlarmActionResult> m_actionRun; // the action whose alarms are being read, in parts
    // The actions' reads and the CSV exports run here, below the GUI thread's priority
    // (thread_priority.h): on Qt's global pool they took a core from the GUI thread while it drew the
    // list (the raster engine's own jobs run there, so its threads are not lowered).
    QThreadPool m_workThreads;
    Action m_runningAction = Action::Acknowledge;
    enum class ActionState { Idle, Reading, Committing };
    ActionState m_actionState = ActionState::Idle;
    qsizetype m_actionPartSize = kActionPartSize;
    int m_partsHandled = 0;         // parts of m_actionRun taken (submitted, or kept for a ticket)
    bool m_actionFailed = false;    // a part could not be read; later parts are not submitted
    qsizetype m_actionRead = 0;     // alarms read so far
    qsizetype m_actionChanged = 0;  // alarms submitted so far
    QList<Alarm> m_ticketAlarms;    // Create ticket: the alarms read so far
    QString m_awaitedAlarm;         // the last alarm of the last part submitted
    bool m_awaitedCommitted = true; // ... and a commit named it
    QTimer m_commitWait;            // gives the actions back if no commit names it (a failed write)
    void takeActionParts(bool quitting);
    void takeActionPart(const AlarmActionResult &part, bool quitting);
    void releaseActionParts();
    void endAction();
    QElapsedTimer m_actionClock;
};

} // namespace noc
