#pragma once

#include <functional>

class QWidget;

namespace noc {

class DemoServer;
class SyncSession;

// What the console does when its demo server cannot start (DemoServer::failed): logs why, tells the
// session its server will not come (Offline, the headers say "never synced" instead of
// "connecting…"), calls `settled` (main.cpp ends its "starting the demo server" status there), and
// opens a non-modal box on `window` (object name "demoServerFailed") that says why. A function of
// its own so that a test drives the console's real handling with a server that fails.
void handleDemoServerFailure(DemoServer &demo, SyncSession &session, QWidget &window,
                             std::function<void()> settled);

} // namespace noc
