# Ticket queues (issue 8): SLA rules, the queue model and its loader, filters, drafts, workload.
list(APPEND NOC_MODELS_SOURCES
  ticket_sla.h ticket_sla.cpp
  ticket_row.h ticket_row.cpp
  ticket_loader.h ticket_loader.cpp
  ticket_queue_model.h ticket_queue_model.cpp
  ticket_queue_filter_model.h ticket_queue_filter_model.cpp
  ticket_workflow.h ticket_workflow.cpp
  ticket_workload.h ticket_workload.cpp
)
