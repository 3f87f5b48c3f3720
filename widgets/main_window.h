#pragma once

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QToolButton;

namespace noc {

class EmptyStateWidget;
class StatusNotices;
class LanguageManager;

// The console's frame: topology map in the centre, docks for Alarms, Tickets, Trends and Details, menus,
// and a status bar with the connection/sync area. Geometry and dock layout persist in QSettings.
// Views are plugged in by the application wiring; until then each area shows an honest empty state.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(LanguageManager *languages, QWidget *parent = nullptr);

    QDockWidget *alarmsDock() const { return m_alarmsDock; }
    QDockWidget *ticketsDock() const { return m_ticketsDock; }
    QDockWidget *detailsDock() const { return m_detailsDock; }
    QDockWidget *trendsDock() const { return m_trendsDock; }

    // Replace an area's empty state with a real view (takes ownership).
    void setMapView(QWidget *view);
    void setAlarmsView(QWidget *view);
    void setTicketsView(QWidget *view);
    void setDetailsView(QWidget *view);
    void setTrendsView(QWidget *view);

    // The cache could not be opened at all (CacheOpenResult's message: names the file and what to do):
    // the empty alarm, ticket and map areas say so instead of "after the first sync".
    void setCacheProblem(const QString &message);

    // Text of the connection/sync area of the status bar, e.g. "Live · as of 14:02".
    void setConnectionStatus(const QString &text, const QString &toolTip = {});
    QString connectionStatus() const;
    // File ▸ Sign in… is enabled while the session has a server; when the server refused the token,
    // a "Sign in…" button also shows next to the connection status, where the user looks.
    void setSignInAvailable(bool available);
    void setSignInNeeded(bool needed);
    QAction *signInAction() const { return m_signInAction; }
    // A short confirmation of something the user did ("Exported 12,345 alarms to …"), shown at the
    // left of the status bar for kNoticeMs (elided in the middle when it does not fit, whole in its
    // tooltip) and kept under "Recent notices"; the connection area stays as it is.
    void showNotice(const QString &text);
    static constexpr int kNoticeMs = 10000; // StatusNotices::kShowMs
    StatusNotices *notices() const { return m_notices; }

    void restoreLayout();
    void resetLayout();

    // The window title names unacknowledged critical alarms, so they show in the task bar too.
    void setUnacknowledgedCritical(int count);

    // Views put their actions in the Alarms and Tickets menus (replacing the "no actions" note).
    void setAlarmActions(const QList<QAction *> &actions);
    void setTicketActions(const QList<QAction *> &actions);

signals:
    // File ▸ Conflicts…: the wiring opens the Conflicts list of the active session.
    void conflictsRequested();
    // File ▸ Sign in… or the status bar's button: the wiring opens the sign-in dialog.
    void signInRequested();
    // The window's texts were just translated again: whoever sets texts on it (the connection area)
    // sets them again in the new language, rather than at the next status change.
    void retranslated();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createDocks();
    void applyDefaultDockSizes();
    void createMenus();
    void retranslateUi();
    void saveLayout() const;
    void switchLanguage(const QString &code);

    LanguageManager *m_languages;
    EmptyStateWidget *m_mapEmpty = nullptr;
    EmptyStateWidget *m_alarmsEmpty = nullptr;
    EmptyStateWidget *m_ticketsEmpty = nullptr;
    EmptyStateWidget *m_detailsEmpty = nullptr;
    EmptyStateWidget *m_trendsEmpty = nullptr;
    QString m_cacheProblem; // set when the cache could not be opened
    QDockWidget *m_alarmsDock = nullptr;
    QDockWidget *m_ticketsDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_trendsDock = nullptr;
    StatusNotices *m_notices = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QToolButton *m_signInButton = nullptr;
    bool m_connectionTextIsDefault = true;
    bool m_layoutRestored = false;
    int m_unackCritical = 0;
    bool m_shownOnce = false;
    QByteArray m_defaultState;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_alarmsMenu = nullptr;
    QMenu *m_ticketsMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_conflictsAction = nullptr;
    QAction *m_signInAction = nullptr;
    QAction *m_resetLayoutAction = nullptr;
    QAction *m_englishAction = nullptr;
    QAction *m_chineseAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_noAlarmActions = nullptr;
    QAction *m_noTicketActions = nullptr;
};

} // namespace noc
