#include "thread_priority.h"

#include <QtGlobal>
#include <algorithm>
#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace noc {

int backgroundNice() {
    static const int nice = [] {
        bool ok = false;
        const int fromEnv = qEnvironmentVariableIntValue("NOC_BACKGROUND_NICE", &ok);
        return ok ? std::clamp(fromEnv, 0, 19) : kBackgroundNice;
    }();
    return nice;
}

bool lowerCurrentThreadPriority(int niceLevels) {
    if (niceLevels <= 0)
        return true;
#ifdef Q_OS_LINUX
    // Relative to the main (GUI) thread, whose nice value is the process's (tid == pid): calling it
    // again on the same thread changes nothing.
    errno = 0;
    const int gui = getpriority(PRIO_PROCESS, id_t(getpid()));
    if (gui == -1 && errno != 0)
        return false;
    const auto tid = id_t(syscall(SYS_gettid));
    return setpriority(PRIO_PROCESS, tid, std::min(gui + niceLevels, 19)) == 0;
#else
    Q_UNUSED(niceLevels);
    return false;
#endif
}

} // namespace noc
