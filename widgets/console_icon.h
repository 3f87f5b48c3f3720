#pragma once

#include <QIcon>

namespace noc {

// The console's icon, drawn here (no image file, no third-party art): a slate tile with a green
// pulse line, the console watching the network. With unacknowledged critical alarms the line turns
// red and a red badge carries their count ("99+" above 99), so the task bar and the tray say it
// without opening the window.
QIcon consoleIcon(int unacknowledgedCritical = 0);

} // namespace noc
