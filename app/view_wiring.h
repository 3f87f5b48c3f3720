#pragma once

namespace noc {

class MainWindow;
class SyncSession;

// Plugs the views (map, alarms, tickets, details) into the main window and connects them to the
// session's cache and to each other. Called once the cache is open.
void wireViews(MainWindow &window, SyncSession &session);
// File ▸ Sign in… and the status bar's "Sign in…" button: shown while the server refuses the token;
// the dialog stores the new token and restarts the session's sync with it.
void wireSignIn(MainWindow &window, SyncSession &session);

} // namespace noc
