#pragma once

namespace noc {

class MainWindow;
class SyncSession;

// Plugs the views (map, alarms, tickets, details) into the main window and connects them to the
// session's cache and to each other. Called once the cache is open.
void wireViews(MainWindow &window, SyncSession &session);

} // namespace noc
