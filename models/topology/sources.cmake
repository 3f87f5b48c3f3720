list(APPEND NOC_MODELS_SOURCES
  topology/topology_graph.h topology/topology_graph.cpp
  topology/topology_layout.h topology/topology_layout.cpp
  topology/topology_layout_runner.h topology/topology_layout_runner.cpp
  topology/network_generator.h topology/network_generator.cpp
  topology/topology_queries.h topology/topology_queries.cpp
  topology/region_frames.h topology/region_frames.cpp
)
