#pragma once

namespace noc {

// How much lower than the GUI thread the console's bulk background threads run (nice levels).
// Why: in a storm the cache writer, the sync thread and the alarm index keep both cores busy, and the
// GUI thread, one more runnable thread among them, waited for a core for tens of milliseconds at a
// time. A few nice levels let the scheduler run the GUI thread first when it wakes; the background
// threads still get every cycle the GUI does not use (ingest catches up), and among themselves they
// keep their shares.
inline constexpr int kBackgroundNice = 5;

// The nice levels for background threads: kBackgroundNice, or the environment's NOC_BACKGROUND_NICE
// (0 turns the lowering off, e.g. to compare; read once).
int backgroundNice();

// Runs the calling thread `niceLevels` below the main (GUI) thread (Linux: nice values are per
// thread, and QThread priorities other than IdlePriority do nothing under SCHED_OTHER). Elsewhere a
// no-op. Call it on the thread itself (from a slot connected to QThread::started, or at the start of
// a pool job: calling it again changes nothing). False when refused.
bool lowerCurrentThreadPriority(int niceLevels = backgroundNice());

} // namespace noc
