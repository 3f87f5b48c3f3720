#include "view_wiring.h"

#include "alarms/alarm_console.h"
#include "alarms/alarm_details_view.h"
#include "alarms/alarm_trends_panel.h"
#include "conflicts_dialog.h"
#include "console_tray.h"
#include "main_window.h"
#include "map/topology_map_widget.h"
#include "sign_in_dialog.h"
#include "sync/sync_session.h"
#include "sync_status_text.h"
#include "tickets/ticket_console.h"
#include "tickets/ticket_editor_dialog.h"

#include <QDateTime>
#include <QDockWidget>

namespace noc {

void wireViews(MainWindow &window, SyncSession &session) {
    auto *map = new TopologyMapWidget(&window);
    window.setMapView(map);
    map->setMapViewBase(session.profile().name);
    map->setCacheFile(session.cachePath());
    QObject::connect(&session, &SyncSession::committed, map, &TopologyMapWidget::applyChangeSet);
    QObject::connect(map, &TopologyMapWidget::positionsSaveRequested, &session,
                     [&session](const CacheBatch &batch) { session.submit(batch); });
    // A pin dropped less than a second before quitting is still in the map's debounce; the map itself
    // is destroyed only after the session, when nothing would take it any more.
    QObject::connect(&session, &SyncSession::aboutToStop, map, &TopologyMapWidget::savePositionsNow);
    // The banner on the map says how old the data is whenever it is not live.
    auto updateFreshness = [map](const SyncStatus &status) {
        EpochMs newest = 0;
        for (EpochMs ms : status.lastSuccess)
            newest = std::max(newest, ms);
        map->setFreshness(newest ? QDateTime::fromMSecsSinceEpoch(newest) : QDateTime(), !status.isLive(),
                          status.offlineSinceMs ? QDateTime::fromMSecsSinceEpoch(status.offlineSinceMs)
                                                : QDateTime());
    };
    QObject::connect(&session, &SyncSession::statusChanged, map, updateFreshness);
    updateFreshness(session.status());
    // As the actions that write: no dragging while a moved element could not be saved.
    auto updateMovable = [map](const SyncStatus &status) {
        map->setCannotSaveReason(SyncStatusText::cannotSaveReason(status));
    };
    QObject::connect(&session, &SyncSession::statusChanged, map, updateMovable);
    updateMovable(session.status());
    QObject::connect(map, &TopologyMapWidget::notice, &window, &MainWindow::showNotice);

    auto *alarms = new AlarmConsole(session, &window);
    window.setAlarmsView(alarms);
    window.setDetailsView(alarms->detailsView());
    QList<QAction *> alarmActions;
    for (auto which :
         {AlarmConsole::Action::Acknowledge, AlarmConsole::Action::Unacknowledge, AlarmConsole::Action::Clear,
          AlarmConsole::Action::Comment, AlarmConsole::Action::CreateTicket, AlarmConsole::Action::Copy,
          AlarmConsole::Action::ExportCsv, AlarmConsole::Action::ShowOnMap})
        alarmActions << alarms->action(which);
    alarmActions << alarms->settingsAction();
    window.setAlarmActions(alarmActions);
    QObject::connect(alarms, &AlarmConsole::showOnMap, map,
                     [map](const QString &id) { map->showElement(id); });
    QObject::connect(map, &TopologyMapWidget::elementSelected, alarms, &AlarmConsole::filterToElement);
    // An element's menu: its alarms, in front even when the dock was closed or behind Tickets.
    QObject::connect(map, &TopologyMapWidget::alarmsRequested, alarms, [&window, alarms](const QString &id) {
        alarms->filterToElement(id);
        window.alarmsDock()->show();
        window.alarmsDock()->raise();
    });
    QObject::connect(alarms, &AlarmConsole::unacknowledgedCriticalChanged, &window,
                     &MainWindow::setUnacknowledgedCritical);
    QObject::connect(alarms, &AlarmConsole::notice, &window, &MainWindow::showNotice);
    // The tray says the same count as the title, for an engineer working in another window.
    auto *tray = new ConsoleTray(window, *alarms->soundPlayer(), &window);
    QObject::connect(alarms, &AlarmConsole::unacknowledgedCriticalChanged, tray,
                     &ConsoleTray::setUnacknowledgedCritical);
    QObject::connect(&window, &MainWindow::retranslated, tray, &ConsoleTray::retranslate);
    tray->show();

    auto *trends = new AlarmTrendsPanel(session.cachePath(), &window);
    window.setTrendsView(trends);
    QObject::connect(&session, &SyncSession::committed, trends, &AlarmTrendsPanel::onCommitted);

    auto *tickets = new TicketConsole(session, &window);
    window.setTicketsView(tickets);
    window.setTicketActions(tickets->menuActions());
    QObject::connect(alarms, &AlarmConsole::createTicketRequested, tickets,
                     [&window, tickets](const QList<Alarm> &selected) {
                         window.ticketsDock()->raise();
                         tickets->createFromAlarms(selected);
                     });
    QObject::connect(tickets, &TicketConsole::showOnMap, map,
                     [map](const QString &id) { map->showElement(id); });
    QObject::connect(map, &TopologyMapWidget::ticketOpenRequested, tickets,
                     [&window, tickets](const QString &id) {
                         window.ticketsDock()->raise();
                         tickets->openTicket(id);
                     });

    QObject::connect(&window, &MainWindow::conflictsRequested, &window, [&window, &session] {
        auto *dialog = new ConflictsDialog(session, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

void wireSignIn(MainWindow &window, SyncSession &session) {
    auto update = [&window, &session](const SyncStatus &status) {
        // The demo's server arrives after the window (connectTo), hence asked at every change.
        window.setSignInAvailable(!session.profile().serverUrl.isEmpty());
        window.setSignInNeeded(status.authenticationFailed);
    };
    QObject::connect(&session, &SyncSession::statusChanged, &window, update);
    update(session.status());
    QObject::connect(&window, &MainWindow::signInRequested, &window, [&window, &session] {
        auto *dialog = new SignInDialog(session, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::finished, &window, [&window, dialog] {
            // No keychain answered: the user must know where the token went (cancelled while signing
            // in too: the token was stored by then).
            if (!dialog->storeWarning().isEmpty())
                window.showNotice(dialog->storeWarning());
        });
        dialog->open();
    });
}

} // namespace noc
