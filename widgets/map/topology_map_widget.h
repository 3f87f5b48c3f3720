#pragma once

#include "cache/cache_batch.h"
#include "cache/change_set.h"
#include "topology/topology_layout.h"
#include "topology/topology_queries.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QSet>
#include <QWidget>
#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QGraphicsItem;
class QPrinter;
class QTimer;
class QToolBar;
class QToolButton;

// The topology map: the whole operator network on a QGraphicsView with level of detail (regions,
// sites, elements), live alarm colours, three layouts computed off the GUI thread, saved pins,
// search, drill-down with a breadcrumb, a minimap, an offline/stale banner, and PNG/SVG/print export.
//
// Feeding it (the application wiring):
//   map->setCacheFile(path);                 // loads inventory, positions and alarm status off-thread
//   connect(worker, &CacheWriterWorker::committed, map, &TopologyMapWidget::applyChangeSet);
//   connect(map, &TopologyMapWidget::positionsSaveRequested, map, [worker](const CacheBatch &b) {
//   worker->enqueue(b); }); connect(map, &TopologyMapWidget::elementSelected, alarmList, ...);
//   map->showElement(id);                    // "show on map" from an alarm or ticket
//   map->setFreshness(asOf, offline, offlineSince);
// Or without a cache: setTopology(sites, elements, links, status, positions).
namespace noc {

class MapElementCard;
class MapMinimap;
class TopologyLayoutRunner;
class TopologyScene;
class TopologyView;

class TopologyMapWidget : public QWidget {
    Q_OBJECT
public:
    explicit TopologyMapWidget(QWidget *parent = nullptr);
    ~TopologyMapWidget() override;

    // --- data in ---
    // In-memory inventory (tests, demos). `savedPositions` of any map view; pinned ones are kept.
    void setTopology(const QList<Site> &sites, const QList<NetworkElement> &elements,
                     const QList<Link> &links, const QHash<QString, ElementStatus> &status = {},
                     const QList<MapPosition> &savedPositions = {});
    // Reads everything from the cache file on the worker pool, then lays out and shows it.
    void setCacheFile(const QString &cacheFile);
    QString cacheFile() const { return m_cacheFile; }
    // Applies a writer ChangeSet: alarm changes recolour the affected elements (queried off-thread);
    // inventory changes read only the changed rows off-thread and add, remove, move or repaint only
    // those items (a very large change reloads everything). Needs setCacheFile().
    void applyChangeSet(const noc::ChangeSet &changes);
    // Live recolour of the given elements only.
    void updateElementStatus(const QHash<QString, ElementStatus> &changes);
    // Banner: "Data as of 14:02 — offline 12 min". Shown when offline, or when the data is older than
    // staleAfterSecs; hidden otherwise. An invalid asOf hides it.
    void setFreshness(const QDateTime &dataAsOf, bool offline, const QDateTime &offlineSince = {},
                      int staleAfterSecs = 300);
    QString bannerText() const;

    // --- layout and positions ---
    void setLayoutKind(LayoutKind kind); // re-lays out, keeping this view's pins
    LayoutKind layoutKind() const { return m_layoutKind; }
    void relayout();
    // Positions are saved per map view: "<base>/geographic", "<base>/force", "<base>/layered".
    void setMapViewBase(const QString &base) { m_mapViewBase = base; }
    QString mapViewId() const;
    void setSaveDebounceMs(int ms);
    // Hands the pin changes still waiting for the debounce to positionsSaveRequested() now (the
    // session is stopping: a second later nothing would take them).
    void savePositionsNow();
    bool isLayoutRunning() const;
    // The element's position goes back to the layout (saved like a pin: positionsSaveRequested).
    bool unpinElement(const QString &id);
    // Non-empty while positions cannot be saved (SyncStatusText::cannotSaveReason): elements cannot
    // be dragged or unpinned then, and a drag says why with notice(). Empty: they can again.
    void setCannotSaveReason(const QString &reason);
    QString cannotSaveReason() const { return m_cannotSaveReason; }

    // --- navigation ---
    bool showElement(const QString &id); // centres and highlights (does not change the selection)
    void fitToView();
    void openSearch();
    // Finds by name, id or IP; centres on the first hit. Returns the number of hits.
    int search(const QString &text);
    QString breadcrumbText() const;

    // The menu of an element (right click): show its alarms, zoom to its site, unpin its position
    // (only when pinned; disabled with the reason while positions cannot be saved). The caller owns it.
    QMenu *createElementMenu(const QString &elementId, QWidget *parent = nullptr);

    // --- export ---
    bool exportPng(const QString &path);
    bool exportSvg(const QString &path);
    bool printTo(QPrinter *printer);
    // Test hooks so GUI tests never block on a modal dialog: the next file dialog answers `path`
    // (empty = cancel); the print dialog is replaced by `hook` (configure the printer, return accepted).
    void setNextFileName(const QString &path) {
        m_nextFileName = path;
        m_hasNextFileName = true;
    }
    void setPrintDialogHook(std::function<bool(QPrinter &)> hook) { m_printHook = std::move(hook); }

    // --- state, for the app and tests ---
    TopologyScene *scene() const { return m_scene; }
    TopologyView *view() const { return m_view; }
    MapMinimap *minimap() const { return m_minimap; }
    MapElementCard *elementCard() const { return m_card; }
    const SkippedInventory &skippedInventory() const;
    int lastOverlaps() const { return m_lastOverlaps; }

public slots:
    void exportPngInteractive();
    void exportSvgInteractive();
    void printInteractive();

signals:
    void elementSelected(const QString &elementId);
    void siteSelected(const QString &siteId);
    // Debounced pin changes of the current map view, for the cache writer (CacheWriterWorker::enqueue).
    void positionsSaveRequested(const noc::CacheBatch &batch);
    void topologyShown(); // a topology is laid out and in the scene
    // An inventory change was applied to the scene in place; `touched`: items created, removed,
    // moved or repainted.
    void inventoryApplied(int touched);
    void layoutFinished(int overlaps);
    void loadFailed(const QString &message);
    // A ticket link in the selected element's card was clicked.
    void ticketOpenRequested(const QString &ticketId);
    // "Show alarms" in an element's menu: the alarm list shows only this element's alarms.
    void alarmsRequested(const QString &elementId);
    // A short message for the window's status bar (why an element did not move).
    void notice(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void retranslateUi();
    void startLayout();
    void onLayoutFinished(const LayoutResult &result);
    void onSelectionChanged();
    void onNodesPinned(const QList<int> &nodes);
    void flushPositions();
    void onDrillDown(bool region, int index);
    void setBreadcrumb(int region, int site, int node);
    void onBreadcrumbLink(const QString &link);
    void goUp();
    void updateOverlays();
    void updateBanner();
    void updateInventoryButton();
    void showInventoryIssues(int kind);
    void startStatusQuery();
    void reloadFromCache();
    void startInventoryDelta();
    void onInventoryDeltaFinished();
    void updateStatusLabel();
    QString viewAnchorElement() const;
    void showCard(int node);
    QString askFileName(const QString &title, const QString &filter, const QString &suffix);
    void showSearchHit(int index);
    void onItemContextMenu(QGraphicsItem *item, const QPoint &globalPos);
    void renderViewport(QPainter *painter, const QRectF &target);

    TopologyScene *m_scene = nullptr;
    TopologyView *m_view = nullptr;
    MapMinimap *m_minimap = nullptr;
    TopologyLayoutRunner *m_runner = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_exportPngAction = nullptr;
    QAction *m_exportSvgAction = nullptr;
    QAction *m_printAction = nullptr;
    QComboBox *m_layoutCombo = nullptr;
    QLabel *m_layoutLabel = nullptr;
    QToolButton *m_inventoryButton = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_breadcrumb = nullptr;
    QLabel *m_banner = nullptr;
    QWidget *m_searchBar = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QLabel *m_searchResult = nullptr;
    QTimer *m_saveTimer = nullptr;
    QTimer *m_reloadTimer = nullptr;
    QTimer *m_bannerTimer = nullptr;

    std::shared_ptr<const TopologyGraph> m_graph;   // the graph being laid out or shown
    QHash<QString, ElementStatus> m_pendingStatus;  // status for a graph not yet in the scene
    QHash<QString, QHash<QString, QPointF>> m_pins; // map view id -> element id -> pinned position
    QSet<QString> m_dirtyPins;                      // element ids of the current view to save
    QSet<QString> m_unpinned;                       // element ids unpinned since the last save
    QString m_cannotSaveReason;                     // non-empty: elements stay where they are
    LayoutKind m_layoutKind = LayoutKind::Geographic;
    QString m_mapViewBase = QStringLiteral("main");
    int m_lastOverlaps = 0;
    double m_lastLayoutSeconds = 0;
    bool m_fitAfterLayout = true;

    QString m_cacheFile;
    QFutureWatcher<TopologySnapshot> *m_loadWatcher = nullptr;
    QFutureWatcher<QHash<QString, ElementStatus>> *m_statusWatcher = nullptr;
    struct InventoryDelta {
        std::shared_ptr<const TopologyGraph> base, graph;
        GraphDelta delta;
        QHash<QString, ElementStatus> status; // of the new elements
        KindChanges sites, elements, links;   // the ids asked for (asked again if the base went away)
        QString error;
    };
    QFutureWatcher<InventoryDelta> *m_deltaWatcher = nullptr;
    struct CardDetails {
        QString elementId;
        std::optional<NetworkElement> element;
        QList<TroubleTicket> tickets;
    };
    QFutureWatcher<CardDetails> *m_cardWatcher = nullptr;
    MapElementCard *m_card = nullptr;
    KindChanges m_pendingSites, m_pendingElements, m_pendingLinks; // inventory ids not applied yet
    QString m_reloadAnchor; // after a full reload, keep this element where it was in the view
    QSet<QString> m_statusPendingAlarms;
    bool m_statusFullRefresh = false;

    QDateTime m_dataAsOf;
    QDateTime m_offlineSince;
    bool m_offline = false;
    int m_staleAfterSecs = 300;

    int m_crumbRegion = -1, m_crumbSite = -1, m_crumbNode = -1;
    // The breadcrumb by ids, to find it again in a reloaded graph.
    struct CrumbIds {
        bool hasRegion = false;
        QString region;
        QString site;
        bool syntheticSite = false;
        QString node;
    };
    CrumbIds crumbIds() const;
    void restoreCrumb(const CrumbIds &ids);
    QList<int> m_searchHits; // encoded: node >= 0, site = -(index + 1)
    int m_searchPos = -1;
    QString m_lastSearch;

    QString m_nextFileName;
    bool m_hasNextFileName = false;
    std::function<bool(QPrinter &)> m_printHook;
};

} // namespace noc
