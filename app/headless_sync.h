#pragma once

namespace noc {

struct AppOptions;

// `noc-console sync --once`: fills the cache from the server and exits 0, or non-zero with a
// one-line reason on stderr. Progress goes to stderr. Engineers run it before driving to a site
// with no coverage.
//   exit 0 synced; 2 bad arguments; 3 token refused; 4 server unreachable; 5 cache unusable
int runHeadlessSync(const AppOptions &options);

} // namespace noc
