#pragma once

#include "domain/types.h"
#include "topology/topology_graph.h"

#include <QFrame>
#include <optional>

class QLabel;
class QToolButton;

// The selected element's details on the map, in a card over the view's top-left corner: name, type,
// management IP, vendor and model, site and region, state, worst active alarm, and its open tickets
// (each a link that opens the ticket). Filled in two steps: at once from the map's graph, then with
// what only the cache knows (read off the GUI thread by the map widget).
namespace noc {

class MapElementCard : public QFrame {
    Q_OBJECT
public:
    explicit MapElementCard(QWidget *parent = nullptr);

    // From the graph: shown at once. Clears what a previous element's cache read filled in.
    void showNode(const TopologyNode &node, const QString &siteName, const QString &regionName,
                  const ElementStatus &status);
    // From the cache, for the element shown (ignored if another one was selected meanwhile).
    void setCacheDetails(const QString &elementId, const std::optional<NetworkElement> &element,
                         const QList<TroubleTicket> &openTickets);
    QString elementId() const { return m_id; }
    QString text() const; // plain text, for tests

    static QString categoryName(ElementCategory category);
    static QString severityName(Severity severity);

signals:
    void ticketRequested(const QString &ticketId);
    void closed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    int rowLineHeight(const QStringList &texts) const;

    QLabel *m_body = nullptr;
    QToolButton *m_close = nullptr;
    QString m_id;
    TopologyNode m_node;
    QString m_siteName, m_regionName;
    ElementStatus m_status;
    std::optional<NetworkElement> m_element;
    QList<TroubleTicket> m_tickets;
    bool m_haveCache = false;
};

} // namespace noc
