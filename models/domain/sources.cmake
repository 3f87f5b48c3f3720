list(APPEND NOC_MODELS_SOURCES
  domain/enums.h domain/enums.cpp
  domain/types.h
  domain/tmf_codec.h domain/tmf_codec.cpp
)
