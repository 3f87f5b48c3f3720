#pragma once

#include "bench_registry.h"

namespace noc::bench {
// The storm part of `noc-bench alarms` (bench/suite_alarms_storm.cpp); also its own suite, alarms-storm.
int runAlarmStorm(const BenchOptions &options, BenchReporter &reporter);
} // namespace noc::bench
