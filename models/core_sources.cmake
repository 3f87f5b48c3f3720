list(APPEND NOC_MODELS_SOURCES
  logging.h logging.cpp
  thread_priority.h thread_priority.cpp
  app_options.h app_options.cpp
)
