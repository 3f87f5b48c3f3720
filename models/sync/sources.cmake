list(APPEND NOC_MODELS_SOURCES
  sync/connection_profile.h sync/connection_profile.cpp
  sync/ops_api_client.h sync/ops_api_client.cpp
  sync/tls_policy.h sync/tls_policy.cpp
  sync/event_frame.h sync/event_frame.cpp
  sync/event_stream.h sync/event_stream.cpp
  sync/local_actions.h sync/local_actions.cpp
  sync/outbox_reason.h sync/outbox_reason.cpp
  sync/network_failure.h sync/network_failure.cpp
  sync/unconfirmed_creates.h sync/unconfirmed_creates.cpp
  sync/outbox_sender.h sync/outbox_sender.cpp
  sync/sync_status.h
  sync/sync_engine.h sync/sync_engine.cpp
  sync/sync_session.h sync/sync_session.cpp
  sync/token_store.h sync/token_store.cpp
  sync/roles.h sync/roles.cpp
  sync/refused_changes.h sync/refused_changes.cpp
)
