#pragma once

#include "domain/types.h"
#include "topology/topology_graph.h"

#include <QHash>
#include <QList>

// A realistic operator network for benchmarks, tests and demos, deterministic by seed: regions,
// a national core ring (with chords), one aggregation ring per region homed on two core sites, and
// access sites (cell sites, OLT huts, street cabinets) dual- or single-homed to aggregation. Links
// are topped up inside access sites until there are `linkFactor` times as many links as elements.
namespace noc {

struct GeneratedNetwork {
    QList<Site> sites;
    QList<NetworkElement> elements;
    QList<Link> links;
};

struct NetworkGeneratorOptions {
    int elements = 10000;
    double linkFactor = 1.5;
    unsigned seed = 42;
    // Imperfect inventory, as fractions of the elements / links / sites.
    double elementsWithoutSite = 0;
    double linksToUnknownElements = 0;
    double sitesWithoutCoordinates = 0;
};

GeneratedNetwork generateNetwork(const NetworkGeneratorOptions &options);

// Alarm status for about `fraction` of the elements (deterministic by seed), weighted towards
// minor/warning as in a real network; a fifth of the critical ones are link-down.
QHash<QString, ElementStatus> generateSeverities(const QList<NetworkElement> &elements, double fraction,
                                                 unsigned seed);

} // namespace noc
