# The alarm list: lean in-memory index (worker thread) and the table model (issue 6).
list(APPEND NOC_MODELS_SOURCES
  alarm_index.h alarm_index.cpp
  alarm_key_store.h alarm_key_store.cpp
  alarm_table_model.h alarm_table_model.cpp
  alarm_csv_export.h alarm_csv_export.cpp
  alarm_action_job.h alarm_action_job.cpp
  alarm_text_reader.h alarm_text_reader.cpp
  alarm_vocabulary.h alarm_vocabulary.cpp
  display_time.h display_time.cpp
)
