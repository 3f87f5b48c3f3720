# The alarm trends (issue 6): per-minute raised counts and active count over 24 h, on a worker thread.
list(APPEND NOC_MODELS_SOURCES
  alarm_trends.h alarm_trends.cpp
)
