list(APPEND NOC_MODELS_SOURCES
  logging.h logging.cpp
  app_options.h app_options.cpp
)
