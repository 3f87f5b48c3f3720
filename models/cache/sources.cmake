list(APPEND NOC_MODELS_SOURCES
  cache/sqlite_statement.h cache/sqlite_statement.cpp
  cache/row_codec.h cache/row_codec.cpp
  cache/outbox_entry.h cache/outbox_entry.cpp
  cache/cache_records.h
  cache/cache_batch.h cache/cache_batch.cpp
  cache/change_set.h cache/change_set.cpp
  cache/cache_error.h cache/cache_error.cpp
  cache/cache_schema.h cache/cache_schema.cpp
  cache/cache_database.h cache/cache_database.cpp
  cache/cache_writer.h cache/cache_writer.cpp
  cache/cache_writer_worker.h cache/cache_writer_worker.cpp
  cache/unsaved_work.h cache/unsaved_work.cpp
  cache/cache_reader.h cache/cache_reader.cpp
)
