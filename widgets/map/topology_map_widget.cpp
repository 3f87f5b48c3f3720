#include "topology_map_widget.h"

#include "cache/cache_reader.h"
#include "logging.h"
#include "map/map_element_card.h"
#include "map/map_items.h"
#include "map/map_minimap.h"
#include "map/topology_scene.h"
#include "map/topology_view.h"
#include "sync_status_text.h"
#include "topology/topology_layout_runner.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QShortcut>
#include <QSvgGenerator>
#include <QTextDocument>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <limits>
#include <optional>
#include <utility>

namespace noc {

namespace {

QString layoutSuffix(LayoutKind kind) {
    switch (kind) {
    case LayoutKind::Geographic:
        return QStringLiteral("geographic");
    case LayoutKind::ForceDirected:
        return QStringLiteral("force");
    case LayoutKind::Layered:
        return QStringLiteral("layered");
    }
    return QStringLiteral("geographic");
}

const SkippedInventory &emptySkipped() {
    static const SkippedInventory empty;
    return empty;
}

} // namespace

TopologyMapWidget::TopologyMapWidget(QWidget *parent)
    : QWidget(parent) {
    m_scene = new TopologyScene(this);
    m_runner = new TopologyLayoutRunner(this);
    m_loadWatcher = new QFutureWatcher<TopologySnapshot>(this);
    m_statusWatcher = new QFutureWatcher<QHash<QString, ElementStatus>>(this);
    m_deltaWatcher = new QFutureWatcher<InventoryDelta>(this);
    m_cardWatcher = new QFutureWatcher<CardDetails>(this);
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    // A drag produces a position per mouse move; one write a second after the last change is plenty
    // (GNS3 issue #2036 is what a write per move does to a database).
    m_saveTimer->setInterval(1000);
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    // A full reload (only after a very large inventory change) waits for the end of the burst.
    m_reloadTimer->setInterval(2000);
    m_bannerTimer = new QTimer(this);
    m_bannerTimer->setInterval(30000); // the banner's "offline N min" ticks per minute at most
    buildUi();

    connect(m_runner, &TopologyLayoutRunner::finished, this, &TopologyMapWidget::onLayoutFinished);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &TopologyMapWidget::onSelectionChanged);
    connect(m_scene->overviewScene(), &QGraphicsScene::selectionChanged, this,
            &TopologyMapWidget::onSelectionChanged);
    connect(m_scene->regionScene(), &QGraphicsScene::selectionChanged, this,
            &TopologyMapWidget::onSelectionChanged);
    connect(m_scene, &TopologyScene::nodesPinned, this, &TopologyMapWidget::onNodesPinned);
    connect(m_scene, &TopologyScene::drillDownRequested, this, &TopologyMapWidget::onDrillDown);
    // Short, for the status bar: the reason itself names the cache file and would be cut off there;
    // the status bar's "not saved" part beside it has the whole reason in its tooltip.
    connect(m_scene, &TopologyScene::dragRefused, this, [this] {
        emit notice(tr("The element stays where it is: changes cannot be saved now (the status bar's "
                       "tooltip says why)."));
    });
    connect(m_saveTimer, &QTimer::timeout, this, &TopologyMapWidget::flushPositions);
    connect(m_reloadTimer, &QTimer::timeout, this, &TopologyMapWidget::reloadFromCache);
    connect(m_bannerTimer, &QTimer::timeout, this, &TopologyMapWidget::updateBanner);
    connect(m_view, &TopologyView::viewChanged, this, &TopologyMapWidget::updateOverlays);
    connect(m_view, &TopologyView::itemContextMenuRequested, this, &TopologyMapWidget::onItemContextMenu);
    connect(m_minimap, &MapMinimap::centreRequested, m_view,
            [this](const QPointF &p) { m_view->centerOn(p); });
    connect(m_loadWatcher, &QFutureWatcher<TopologySnapshot>::finished, this, [this] {
        if (m_loadWatcher->future().resultCount() == 0)
            return;
        const TopologySnapshot snapshot = m_loadWatcher->result();
        if (!snapshot.error.isEmpty()) {
            logging::logger("ui")->warn("topology map: cannot read the cache: {}",
                                        snapshot.error.toStdString());
            m_statusLabel->setText(tr("Cannot read the map data: %1").arg(snapshot.error));
            emit loadFailed(snapshot.error);
            return;
        }
        if (snapshot.dataAsOfMs > 0 && !m_dataAsOf.isValid())
            m_dataAsOf = QDateTime::fromMSecsSinceEpoch(snapshot.dataAsOfMs);
        const QString anchor = viewAnchorElement();
        setTopology(snapshot.sites, snapshot.elements, snapshot.links, snapshot.status, snapshot.positions);
        m_reloadAnchor = anchor;
        startInventoryDelta(); // what changed while reading, if anything
    });
    connect(m_deltaWatcher, &QFutureWatcher<InventoryDelta>::finished, this,
            &TopologyMapWidget::onInventoryDeltaFinished);
    connect(m_cardWatcher, &QFutureWatcher<CardDetails>::finished, this, [this] {
        if (m_cardWatcher->future().resultCount() == 0)
            return;
        const CardDetails details = m_cardWatcher->result();
        m_card->setCacheDetails(details.elementId, details.element, details.tickets);
    });
    connect(m_card, &MapElementCard::ticketRequested, this, &TopologyMapWidget::ticketOpenRequested);
    connect(m_statusWatcher, &QFutureWatcher<QHash<QString, ElementStatus>>::finished, this, [this] {
        if (m_statusWatcher->future().resultCount() > 0)
            updateElementStatus(m_statusWatcher->result());
        if (m_statusFullRefresh || !m_statusPendingAlarms.isEmpty())
            startStatusQuery(); // what came in meanwhile
    });
}

TopologyMapWidget::~TopologyMapWidget() {
    // Pins not yet saved go out now rather than being lost.
    if (m_saveTimer->isActive())
        flushPositions();
    m_runner->cancel();
    m_loadWatcher->waitForFinished();
    m_statusWatcher->waitForFinished();
    m_deltaWatcher->waitForFinished();
    m_cardWatcher->waitForFinished();
}

void TopologyMapWidget::buildUi() {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_toolBar = new QToolBar(this);
    m_toolBar->setIconSize(QSize(16, 16));
    m_fitAction = m_toolBar->addAction(QString(), this, &TopologyMapWidget::fitToView);
    m_zoomInAction = m_toolBar->addAction(QString(), this, [this] { m_view->zoomBy(1.25); });
    m_zoomOutAction = m_toolBar->addAction(QString(), this, [this] { m_view->zoomBy(0.8); });
    m_toolBar->addSeparator();
    m_layoutLabel = new QLabel(this);
    m_toolBar->addWidget(m_layoutLabel);
    m_layoutCombo = new QComboBox(this);
    m_layoutCombo->addItems({QString(), QString(), QString()});
    m_toolBar->addWidget(m_layoutCombo);
    connect(m_layoutCombo, &QComboBox::activated, this,
            [this](int index) { setLayoutKind(LayoutKind(index)); });
    m_toolBar->addSeparator();
    m_findAction = m_toolBar->addAction(QString(), this, &TopologyMapWidget::openSearch);
    m_exportPngAction = m_toolBar->addAction(QString(), this, &TopologyMapWidget::exportPngInteractive);
    m_exportSvgAction = m_toolBar->addAction(QString(), this, &TopologyMapWidget::exportSvgInteractive);
    m_printAction = m_toolBar->addAction(QString(), this, &TopologyMapWidget::printInteractive);
    m_toolBar->addSeparator();
    m_inventoryButton = new QToolButton(this);
    m_inventoryButton->setPopupMode(QToolButton::InstantPopup);
    m_inventoryButton->setMenu(new QMenu(m_inventoryButton));
    m_inventoryButton->setVisible(false);
    m_toolBar->addWidget(m_inventoryButton);
    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("mapStatus"));
    m_statusLabel->setContentsMargins(0, 0, 6, 0);
    m_toolBar->addWidget(m_statusLabel);
    layout->addWidget(m_toolBar);

    m_breadcrumb = new QLabel(this);
    m_breadcrumb->setContentsMargins(8, 3, 8, 3);
    m_breadcrumb->setTextFormat(Qt::RichText);
    connect(m_breadcrumb, &QLabel::linkActivated, this, &TopologyMapWidget::onBreadcrumbLink);
    layout->addWidget(m_breadcrumb);

    m_banner = new QLabel(this);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3e0; color: #8a4b00; border-bottom: 1px solid #ffcc80; }"));
    m_banner->setVisible(false);
    layout->addWidget(m_banner);

    m_searchBar = new QWidget(this);
    auto *searchLayout = new QHBoxLayout(m_searchBar);
    searchLayout->setContentsMargins(6, 3, 6, 3);
    m_searchEdit = new QLineEdit(m_searchBar);
    m_searchEdit->setClearButtonEnabled(true);
    m_searchResult = new QLabel(m_searchBar);
    searchLayout->addWidget(m_searchEdit, 1);
    searchLayout->addWidget(m_searchResult);
    m_searchBar->setVisible(false);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, [this] { search(m_searchEdit->text()); });
    m_searchEdit->installEventFilter(this);
    layout->addWidget(m_searchBar);

    m_view = new TopologyView(m_scene, this);
    layout->addWidget(m_view, 1);
    m_minimap = new MapMinimap(m_scene, m_view);
    m_card = new MapElementCard(m_view);

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, &TopologyMapWidget::openSearch);
    auto *up = new QShortcut(QKeySequence(Qt::Key_Backspace), m_view);
    up->setContext(Qt::WidgetShortcut);
    connect(up, &QShortcut::activated, this, &TopologyMapWidget::goUp);

    retranslateUi();
    setBreadcrumb(-1, -1, -1);
}

void TopologyMapWidget::retranslateUi() {
    m_fitAction->setText(tr("Fit"));
    m_fitAction->setToolTip(tr("Show the whole network (Home)"));
    m_zoomInAction->setText(tr("Zoom in"));
    m_zoomOutAction->setText(tr("Zoom out"));
    // The keys work while the map has the focus; said here, where a person looks for them.
    m_zoomInAction->setToolTip(tr("Zoom in (+ or the mouse wheel)"));
    m_zoomOutAction->setToolTip(tr("Zoom out (- or the mouse wheel)"));
    m_layoutLabel->setText(tr("Layout:") + QLatin1Char(' '));
    m_layoutCombo->setItemText(0, tr("Geographic"));
    m_layoutCombo->setItemText(1, tr("Force-directed"));
    m_layoutCombo->setItemText(2, tr("Layered"));
    m_layoutCombo->setCurrentIndex(int(m_layoutKind));
    m_findAction->setText(tr("Find…"));
    m_findAction->setToolTip(tr("Find an element or site by name or IP (Ctrl+F)"));
    m_exportPngAction->setText(tr("Export PNG…"));
    m_exportSvgAction->setText(tr("Export SVG…"));
    m_printAction->setText(tr("Print…"));
    m_searchEdit->setPlaceholderText(tr("Element or site name, ID or IP address"));
    updateInventoryButton();
    updateBanner();
    setBreadcrumb(m_crumbRegion, m_crumbSite, m_crumbNode);
    updateStatusLabel();
    m_scene->update(); // site and region names come from tr()
}

void TopologyMapWidget::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TopologyMapWidget::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    updateOverlays();
}

bool TopologyMapWidget::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_searchEdit && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        m_searchBar->setVisible(false);
        m_view->setFocus();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

// ---- data ----------------------------------------------------------------------------------------

void TopologyMapWidget::setTopology(const QList<Site> &sites, const QList<NetworkElement> &elements,
                                    const QList<Link> &links, const QHash<QString, ElementStatus> &status,
                                    const QList<MapPosition> &savedPositions) {
    m_graph = std::make_shared<const TopologyGraph>(TopologyGraph::build(sites, elements, links));
    m_pendingStatus = status;
    // Saved pins are authoritative except where the user pinned something since (not saved yet).
    for (const MapPosition &p : savedPositions) {
        auto &view = m_pins[p.mapViewId];
        if (m_dirtyPins.contains(p.elementId) && p.mapViewId == mapViewId())
            continue;
        if (p.pinned)
            view.insert(p.elementId, QPointF(p.x, p.y));
        else
            view.remove(p.elementId);
    }
    const SkippedInventory &skipped = m_graph->skipped();
    if (skipped.total() > 0)
        logging::logger("ui")->info("topology map: {} links with an unknown end, {} elements without a site, "
                                    "{} sites without coordinates, {} duplicate ids",
                                    skipped.linksWithUnknownEnd.size(), skipped.elementsWithoutSite.size(),
                                    skipped.sitesWithoutCoordinates.size(), skipped.duplicateIds.size());
    updateInventoryButton();
    startLayout();
}

void TopologyMapWidget::setCacheFile(const QString &cacheFile) {
    m_cacheFile = cacheFile;
    reloadFromCache();
}

void TopologyMapWidget::reloadFromCache() {
    if (m_cacheFile.isEmpty())
        return;
    if (m_loadWatcher->isRunning()) {
        m_reloadTimer->start(); // try again after this load
        return;
    }
    m_statusLabel->setText(tr("Loading the network…"));
    const QString path = m_cacheFile;
    const QStringList views = {m_mapViewBase + QStringLiteral("/geographic"),
                               m_mapViewBase + QStringLiteral("/force"),
                               m_mapViewBase + QStringLiteral("/layered")};
    m_loadWatcher->setFuture(QtConcurrent::run([path, views] {
        TopologySnapshot snapshot = TopologyQueries::loadSnapshot(path, views.first());
        if (snapshot.error.isEmpty()) {
            // The other views' pins too, so switching layouts needs no further read.
            CacheReader reader;
            if (reader.open(path))
                for (const QString &view : views.mid(1))
                    snapshot.positions += reader.mapPositions(view);
        }
        return snapshot;
    }));
}

void TopologyMapWidget::applyChangeSet(const ChangeSet &changes) {
    if (m_cacheFile.isEmpty())
        return;
    if (!changes.elements.isEmpty() || !changes.sites.isEmpty() || !changes.links.isEmpty()) {
        m_pendingSites.merge(changes.sites);
        m_pendingElements.merge(changes.elements);
        m_pendingLinks.merge(changes.links);
        startInventoryDelta();
    }
    if (changes.alarms.isEmpty())
        return;
    if (!changes.alarms.removed.isEmpty()) {
        // A removed alarm's element is no longer known: recompute every element's status.
        m_statusFullRefresh = true;
    }
    for (const QString &id : changes.alarms.inserted)
        m_statusPendingAlarms.insert(id);
    for (const QString &id : changes.alarms.updated)
        m_statusPendingAlarms.insert(id);
    if (!m_statusWatcher->isRunning())
        startStatusQuery();
}

void TopologyMapWidget::startStatusQuery() {
    if (!m_graph || m_cacheFile.isEmpty())
        return;
    const QString path = m_cacheFile;
    const bool full = m_statusFullRefresh;
    const QStringList alarmIds(m_statusPendingAlarms.cbegin(), m_statusPendingAlarms.cend());
    m_statusFullRefresh = false;
    m_statusPendingAlarms.clear();
    if (full) {
        // Every element currently coloured gets a "no alarm" unless the query says otherwise.
        QStringList coloured;
        for (size_t i = 0; i < m_graph->nodes().size() && m_scene->graph() == m_graph; ++i)
            if (!(m_scene->status(int(i)) == ElementStatus()))
                coloured << m_graph->nodes()[i].id;
        m_statusWatcher->setFuture(QtConcurrent::run([path, coloured] {
            TopologyQueries queries;
            QHash<QString, ElementStatus> result;
            if (!queries.open(path))
                return result;
            for (const QString &id : coloured)
                result.insert(id, ElementStatus());
            const auto active = queries.activeStatus();
            for (auto it = active.cbegin(); it != active.cend(); ++it)
                result.insert(it.key(), it.value());
            return result;
        }));
    } else {
        m_statusWatcher->setFuture(QtConcurrent::run([path, alarmIds] {
            TopologyQueries queries;
            if (!queries.open(path))
                return QHash<QString, ElementStatus>();
            return queries.statusOf(queries.alarmedObjects(alarmIds));
        }));
    }
}

void TopologyMapWidget::startInventoryDelta() {
    const qsizetype pending = m_pendingSites.count() + m_pendingElements.count() + m_pendingLinks.count();
    if (pending == 0 || m_deltaWatcher->isRunning() || m_loadWatcher->isRunning())
        return; // started again when the running read finishes
    if (!m_graph) {
        // Nothing shown yet: the first load reads everything anyway.
        m_pendingSites = m_pendingElements = m_pendingLinks = KindChanges();
        if (!m_reloadTimer->isActive())
            m_reloadTimer->start();
        return;
    }
    // Past a fifth of the network (a full resync, or the first sync filling an empty map), one fresh
    // read and layout on a worker is cheaper than hundreds of single-row reads and placements on the
    // GUI thread (the demo's first sync placed ~1,000 elements per page this way: ~20 s of GUI time).
    const qsizetype shown = m_graph->liveNodeCount();
    if (shown == 0 || pending > std::max<qsizetype>(500, shown / 5)) {
        m_pendingSites = m_pendingElements = m_pendingLinks = KindChanges();
        if (!m_reloadTimer->isActive())
            m_reloadTimer->start();
        return;
    }
    InventoryDelta job;
    job.base = m_graph;
    job.sites = std::exchange(m_pendingSites, KindChanges());
    job.elements = std::exchange(m_pendingElements, KindChanges());
    job.links = std::exchange(m_pendingLinks, KindChanges());
    const QString path = m_cacheFile;
    m_deltaWatcher->setFuture(QtConcurrent::run([path, job]() mutable {
        const auto ids = [](const KindChanges &k) { return k.inserted + k.updated + k.removed; };
        const std::optional<InventoryChanges> changes = TopologyQueries::readInventoryChanges(
            path, ids(job.sites), ids(job.elements), ids(job.links), &job.error);
        if (!changes)
            return job;
        // A copy of the shown graph with the rows applied: the GUI keeps drawing the old one meanwhile.
        auto next = std::make_shared<TopologyGraph>(*job.base);
        job.delta = next->apply(*changes);
        job.graph = std::move(next);
        if (!job.delta.nodesAdded.empty()) {
            QStringList added;
            for (int i : job.delta.nodesAdded)
                added << job.graph->nodes()[size_t(i)].id;
            TopologyQueries queries;
            if (queries.open(path))
                job.status = queries.statusOf(added);
        }
        return job;
    }));
}

void TopologyMapWidget::onInventoryDeltaFinished() {
    if (m_deltaWatcher->future().resultCount() == 0)
        return;
    InventoryDelta job = m_deltaWatcher->result();
    if (!job.error.isEmpty() || !job.graph) {
        logging::logger("ui")->warn("topology map: cannot read changed inventory ({}); reloading",
                                    job.error.toStdString());
        if (!m_reloadTimer->isActive())
            m_reloadTimer->start();
        return;
    }
    if (job.base != m_graph) {
        // A reload replaced the graph meanwhile: the same ids apply again to the new one.
        job.sites.merge(m_pendingSites);
        job.elements.merge(m_pendingElements);
        job.links.merge(m_pendingLinks);
        m_pendingSites = job.sites;
        m_pendingElements = job.elements;
        m_pendingLinks = job.links;
        startInventoryDelta();
        return;
    }
    m_graph = job.graph;
    if (!job.delta.isEmpty() || !job.delta.siteAggregates.empty()) {
        if (m_scene->graph() == job.base) {
            // In place: the view, the selection and every untouched item stay as they are.
            const int touched = m_scene->applyDelta(job.graph, job.delta, job.status);
            if (job.delta.skippedChanged)
                updateInventoryButton();
            updateStatusLabel();
            m_minimap->update();
            emit inventoryApplied(touched);
        } else {
            // Not on screen yet (the first layout is still running): lay out the new graph instead.
            for (auto it = job.status.cbegin(); it != job.status.cend(); ++it)
                if (!(it.value() == ElementStatus()))
                    m_pendingStatus.insert(it.key(), it.value());
            if (job.delta.skippedChanged)
                updateInventoryButton();
            startLayout();
        }
    } else if (m_scene->graph() == job.base) {
        m_scene->applyDelta(job.graph, job.delta, job.status); // same graph contents, new pointer
        emit inventoryApplied(0);
    }
    startInventoryDelta();
}

QString TopologyMapWidget::viewAnchorElement() const {
    // The element the user looks at: the highlighted one, else the one nearest the view's centre.
    if (!m_scene->graph())
        return {};
    const auto &nodes = m_scene->graph()->nodes();
    if (m_scene->highlightedNode() >= 0)
        return nodes[size_t(m_scene->highlightedNode())].id;
    const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
    double best = std::numeric_limits<double>::max();
    int nearest = -1;
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].removed)
            continue;
        const QPointF d = m_scene->nodePosition(int(i)) - centre;
        const double dist = d.x() * d.x() + d.y() * d.y();
        if (dist < best)
            best = dist, nearest = int(i);
    }
    return nearest >= 0 ? nodes[size_t(nearest)].id : QString();
}

void TopologyMapWidget::updateStatusLabel() {
    if (!m_graph) {
        m_statusLabel->setText(tr("No topology loaded"));
        return;
    }
    // Singular and plural as strings of their own: the English source has no plural translation, and
    // "%n element(s)" read "2000 element(s)" all shift.
    const int nodes = m_graph->liveNodeCount();
    const int edges = m_graph->liveEdgeCount();
    m_statusLabel->setText((nodes == 1 ? tr("1 element") : tr("%L1 elements").arg(nodes)) +
                           QStringLiteral(" · ") + (edges == 1 ? tr("1 link") : tr("%L1 links").arg(edges)));
}

void TopologyMapWidget::updateElementStatus(const QHash<QString, ElementStatus> &changes) {
    if (m_scene->graph() && m_scene->graph() == m_graph) {
        m_scene->updateStatus(changes);
        m_minimap->update();
        if (m_card->isVisible() && changes.contains(m_card->elementId())) {
            const int node = m_graph->nodeIndex(m_card->elementId());
            if (node >= 0)
                showCard(node); // the alarm line changed; tickets may have too
        }
        return;
    }
    // Still laying out: remember for when the scene is built.
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        if (it.value() == ElementStatus())
            m_pendingStatus.remove(it.key());
        else
            m_pendingStatus.insert(it.key(), it.value());
    }
}

void TopologyMapWidget::setFreshness(const QDateTime &dataAsOf, bool offline, const QDateTime &offlineSince,
                                     int staleAfterSecs) {
    m_dataAsOf = dataAsOf;
    m_offline = offline;
    m_offlineSince = offlineSince;
    m_staleAfterSecs = staleAfterSecs;
    updateBanner();
}

QString TopologyMapWidget::bannerText() const {
    return m_banner->isVisibleTo(const_cast<TopologyMapWidget *>(this)) ? m_banner->text() : QString();
}

void TopologyMapWidget::updateBanner() {
    QString text;
    if (m_dataAsOf.isValid()) {
        const QDateTime now = QDateTime::currentDateTime();
        const QString asOf = QLocale().toString(m_dataAsOf.toLocalTime().time(), QStringLiteral("HH:mm"));
        if (m_offline) {
            // The same ages as the status bar's ("3 d 7 h" after a long spell, not "4740 min").
            const QDateTime since = m_offlineSince.isValid() ? m_offlineSince : m_dataAsOf;
            text = tr("Data as of %1 — offline %2").arg(asOf, SyncStatusText::age(since.msecsTo(now)));
        } else if (m_dataAsOf.secsTo(now) > m_staleAfterSecs) {
            text = tr("Data as of %1 — not updated for %2")
                       .arg(asOf, SyncStatusText::age(m_dataAsOf.msecsTo(now)));
        }
    }
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
    if (text.isEmpty())
        m_bannerTimer->stop();
    else if (!m_bannerTimer->isActive())
        m_bannerTimer->start();
}

const SkippedInventory &TopologyMapWidget::skippedInventory() const {
    return m_graph ? m_graph->skipped() : emptySkipped();
}

void TopologyMapWidget::updateInventoryButton() {
    const SkippedInventory &s = skippedInventory();
    m_inventoryButton->setVisible(s.total() > 0);
    m_inventoryButton->setText(s.total() == 1 ? tr("1 inventory issue")
                                              : tr("%L1 inventory issues").arg(qint64(s.total())));
    m_inventoryButton->setToolTip(tr("Inventory the map could not use as given"));
    QMenu *menu = m_inventoryButton->menu();
    menu->clear();
    const QList<std::pair<QString, qsizetype>> rows = {
        {tr("Links to unknown elements: %1"), s.linksWithUnknownEnd.size()},
        {tr("Links from an element to itself: %1"), s.selfLinks.size()},
        {tr("Elements without a site (grouped apart): %1"), s.elementsWithoutSite.size()},
        {tr("Sites without coordinates (placed near their links): %1"), s.sitesWithoutCoordinates.size()},
        {tr("Duplicate IDs (first one used): %1"), s.duplicateIds.size()},
    };
    for (int k = 0; k < rows.size(); ++k) {
        if (rows[k].second == 0)
            continue;
        menu->addAction(rows[k].first.arg(rows[k].second), this, [this, k] { showInventoryIssues(k); });
    }
}

void TopologyMapWidget::showInventoryIssues(int kind) {
    const SkippedInventory &s = skippedInventory();
    const QStringList *lists[] = {&s.linksWithUnknownEnd, &s.selfLinks, &s.elementsWithoutSite,
                                  &s.sitesWithoutCoordinates, &s.duplicateIds};
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Inventory issues"));
    auto *layout = new QVBoxLayout(dialog);
    auto *text = new QPlainTextEdit(dialog);
    text->setReadOnly(true);
    text->setPlainText(lists[kind]->join(QLatin1Char('\n')));
    layout->addWidget(text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(420, 360);
    dialog->show(); // not modal: the user may keep working on the map
}

// ---- layout and pins -----------------------------------------------------------------------------

QString TopologyMapWidget::mapViewId() const {
    return m_mapViewBase + QLatin1Char('/') + layoutSuffix(m_layoutKind);
}

void TopologyMapWidget::setSaveDebounceMs(int ms) {
    m_saveTimer->setInterval(ms);
}

bool TopologyMapWidget::isLayoutRunning() const {
    return m_runner->isRunning();
}

void TopologyMapWidget::setLayoutKind(LayoutKind kind) {
    if (m_saveTimer->isActive())
        flushPositions(); // pins belong to the view they were made in
    m_layoutKind = kind;
    m_scene->setFollowSiteCoordinates(kind == LayoutKind::Geographic);
    m_layoutCombo->setCurrentIndex(int(kind));
    m_fitAfterLayout = true;
    relayout();
}

void TopologyMapWidget::relayout() {
    startLayout();
}

void TopologyMapWidget::startLayout() {
    if (!m_graph)
        return;
    LayoutOptions options;
    options.kind = m_layoutKind;
    const auto &nodes = m_graph->nodes();
    const QHash<QString, QPointF> pins = m_pins.value(mapViewId());
    if (!pins.isEmpty() || (m_layoutKind == LayoutKind::ForceDirected && m_scene->graph() == m_graph)) {
        options.initial.assign(nodes.size(), QPointF());
        options.pinned.assign(nodes.size(), 0);
        // Force-directed is incremental: it starts from what is on screen.
        if (m_layoutKind == LayoutKind::ForceDirected && m_scene->graph() == m_graph)
            options.initial = m_scene->positions();
        else if (m_layoutKind == LayoutKind::ForceDirected)
            options.initial.clear();
        for (size_t i = 0; i < nodes.size(); ++i) {
            const auto it = pins.constFind(nodes[i].id);
            if (it == pins.constEnd())
                continue;
            if (options.initial.empty())
                options.initial.assign(nodes.size(), QPointF());
            options.initial[i] = *it;
            options.pinned[i] = 1;
        }
        if (m_layoutKind == LayoutKind::ForceDirected && options.initial.size() != nodes.size())
            options.pinned.clear(); // pins need initial positions; without them nothing is pinned
    }
    m_statusLabel->setText(m_graph->liveNodeCount() == 1
                               ? tr("Laying out 1 element…")
                               : tr("Laying out %L1 elements…").arg(m_graph->liveNodeCount()));
    m_runner->start(m_graph, options);
}

void TopologyMapWidget::onLayoutFinished(const LayoutResult &finished) {
    if (!m_graph)
        return;
    LayoutResult result = finished;
    if (result.positions.size() != m_graph->nodes().size()) {
        // Inventory changed in place while this layout ran: indices are stable and only grow, so the
        // layout still holds for the elements it knew; the new ones keep the places they were given.
        if (m_scene->graph() != m_graph || result.positions.size() > m_graph->nodes().size())
            return;
        for (size_t i = result.positions.size(); i < m_graph->nodes().size(); ++i)
            result.positions.push_back(m_scene->nodePosition(int(i)));
    }
    m_lastOverlaps = result.overlaps;
    m_lastLayoutSeconds = result.seconds;
    const bool fresh = m_scene->graph() != m_graph;
    // A reload after an inventory change must not throw the user's view away: keep zoom and centre
    // (and the highlighted element) unless this is the first topology or a new layout was chosen.
    // An empty map (a first start before the first sync) has no view to keep: the first network fits.
    const bool hadTopology = m_scene->graph() != nullptr && m_scene->graph()->liveNodeCount() > 0;
    const double keptScale = m_view->scale();
    const QPointF keptCentre = m_view->mapToScene(m_view->viewport()->rect().center());
    const QString keptHighlight = m_scene->highlightedNode() >= 0
                                      ? m_scene->graph()->nodes()[size_t(m_scene->highlightedNode())].id
                                      : QString();
    // After a full reload the layout may have moved things: follow the element the user looked at.
    const QString anchor = std::exchange(m_reloadAnchor, QString());
    std::optional<QPointF> keptAnchor; // the view centre relative to the anchor element, before
    if (hadTopology && !anchor.isEmpty() && m_scene->graph()->nodeIndex(anchor) >= 0)
        keptAnchor = keptCentre - m_scene->nodePosition(m_scene->graph()->nodeIndex(anchor));
    const CrumbIds keptCrumb = hadTopology ? crumbIds() : CrumbIds();
    if (fresh) {
        QSet<QString> pinned;
        const QHash<QString, QPointF> pins = m_pins.value(mapViewId());
        for (auto it = pins.cbegin(); it != pins.cend(); ++it)
            pinned.insert(it.key());
        m_scene->setTopology(m_graph, result, m_pendingStatus, pinned);
        m_pendingStatus.clear();
        // Indices of the old graph mean nothing in the new one: the breadcrumb is found again by id.
        if (m_fitAfterLayout || !hadTopology)
            setBreadcrumb(-1, -1, -1);
        else
            restoreCrumb(keptCrumb);
    } else {
        // Same graph, new layout: pins of this view, positions from the layout.
        const QHash<QString, QPointF> pins = m_pins.value(mapViewId());
        for (size_t i = 0; i < m_graph->nodes().size(); ++i)
            m_scene->setPinned(int(i), pins.contains(m_graph->nodes()[i].id));
        m_scene->applyLayout(result);
    }
    if (m_fitAfterLayout || !hadTopology) {
        m_view->fitAll();
    } else if (fresh) {
        const int anchorNode = anchor.isEmpty() ? -1 : m_graph->nodeIndex(anchor);
        QPointF centre = keptCentre;
        if (anchorNode >= 0 && keptAnchor)
            centre = m_scene->nodePosition(anchorNode) + *keptAnchor;
        m_view->setScale(keptScale, centre);
        if (!keptHighlight.isEmpty())
            m_scene->setHighlightedNode(m_graph->nodeIndex(keptHighlight));
    }
    m_fitAfterLayout = false;
    m_view->updateDetail();
    updateStatusLabel();
    updateOverlays();
    m_minimap->update();
    emit layoutFinished(result.overlaps);
    if (fresh)
        emit topologyShown();
}

void TopologyMapWidget::onNodesPinned(const QList<int> &nodes) {
    auto &pins = m_pins[mapViewId()];
    for (int node : nodes) {
        const QString &id = m_graph->nodes()[size_t(node)].id;
        pins.insert(id, m_scene->nodePosition(node));
        m_dirtyPins.insert(id);
        m_unpinned.remove(id);
    }
    m_minimap->update();
    m_saveTimer->start(); // restarts: one write after the user stops moving things
}

void TopologyMapWidget::setCannotSaveReason(const QString &reason) {
    m_cannotSaveReason = reason;
    m_scene->setElementsMovable(reason.isEmpty());
}

bool TopologyMapWidget::unpinElement(const QString &id) {
    const int node = m_graph ? m_graph->nodeIndex(id) : -1;
    if (node < 0 || !m_scene->isPinned(node) || !m_cannotSaveReason.isEmpty())
        return false;
    m_scene->setPinned(node, false);
    m_pins[mapViewId()].remove(id);
    m_dirtyPins.remove(id);
    m_unpinned.insert(id);
    m_saveTimer->start();
    return true;
}

QMenu *TopologyMapWidget::createElementMenu(const QString &elementId, QWidget *parent) {
    const int node = m_scene->graph() ? m_scene->graph()->nodeIndex(elementId) : -1;
    if (node < 0)
        return nullptr;
    const TopologyNode &n = m_scene->graph()->nodes()[size_t(node)];
    auto *menu = new QMenu(parent);
    menu->setToolTipsVisible(true); // the disabled unpin says why
    QAction *alarms = menu->addAction(tr("Show alarms in the alarm list"), this,
                                      [this, elementId] { emit alarmsRequested(elementId); });
    alarms->setObjectName(QStringLiteral("showAlarms"));
    const int site = n.site;
    QAction *zoom =
        menu->addAction(tr("Zoom to site %1").arg(m_scene->siteName(site)), this, [this, elementId] {
            // By id: the graph may have changed while the menu was open.
            const int now = m_scene->graph() ? m_scene->graph()->nodeIndex(elementId) : -1;
            if (now >= 0)
                onDrillDown(false, m_scene->graph()->nodes()[size_t(now)].site);
        });
    zoom->setObjectName(QStringLiteral("zoomToSite"));
    if (m_scene->isPinned(node)) {
        menu->addSeparator();
        QAction *unpin =
            menu->addAction(tr("Unpin position"), this, [this, elementId] { unpinElement(elementId); });
        unpin->setObjectName(QStringLiteral("unpin"));
        // The same reason as every action that writes while the cache cannot be written.
        unpin->setEnabled(m_cannotSaveReason.isEmpty());
        unpin->setToolTip(
            m_cannotSaveReason.isEmpty()
                ? tr("Forget the position you gave this element: the next layout places it again")
                : m_cannotSaveReason);
    }
    return menu;
}

void TopologyMapWidget::onItemContextMenu(QGraphicsItem *item, const QPoint &globalPos) {
    if (item->type() != ElementItem::Type)
        return;
    const QString id = m_scene->graph()->nodes()[size_t(static_cast<ElementItem *>(item)->node())].id;
    std::unique_ptr<QMenu> menu(createElementMenu(id, this));
    if (menu)
        menu->exec(globalPos);
}

void TopologyMapWidget::savePositionsNow() {
    flushPositions();
}

void TopologyMapWidget::flushPositions() {
    m_saveTimer->stop();
    if (m_dirtyPins.isEmpty() && m_unpinned.isEmpty())
        return;
    CacheBatch batch;
    const QString view = mapViewId();
    const auto pins = m_pins.value(view);
    for (const QString &id : std::as_const(m_dirtyPins)) {
        const auto it = pins.constFind(id);
        if (it != pins.constEnd())
            batch.mapPositions << MapPosition{view, id, it->x(), it->y(), true};
    }
    for (const QString &id : std::as_const(m_unpinned)) {
        const int node = m_graph ? m_graph->nodeIndex(id) : -1;
        const QPointF p = node >= 0 ? m_scene->nodePosition(node) : QPointF();
        batch.mapPositions << MapPosition{view, id, p.x(), p.y(), false};
    }
    m_dirtyPins.clear();
    m_unpinned.clear();
    emit positionsSaveRequested(batch);
}

// ---- navigation ----------------------------------------------------------------------------------

void TopologyMapWidget::fitToView() {
    m_view->fitAll();
    setBreadcrumb(-1, -1, -1);
}

bool TopologyMapWidget::showElement(const QString &id) {
    if (!m_scene->graph())
        return false;
    const int node = m_scene->graph()->nodeIndex(id);
    if (node < 0)
        return false;
    m_view->centreOn(m_scene->nodePosition(node), 1.0);
    m_scene->setHighlightedNode(node);
    const int site = m_scene->graph()->nodes()[size_t(node)].site;
    setBreadcrumb(m_scene->graph()->sites()[size_t(site)].region_index, site, node);
    return true;
}

void TopologyMapWidget::openSearch() {
    m_searchBar->setVisible(true);
    m_searchEdit->setFocus();
    m_searchEdit->selectAll();
}

int TopologyMapWidget::search(const QString &text) {
    if (text != m_lastSearch || m_searchHits.isEmpty()) {
        m_lastSearch = text;
        m_searchHits.clear();
        for (const TopologyScene::Hit &hit : m_scene->find(text))
            m_searchHits << (hit.isSite ? -(hit.index + 1) : hit.index);
        m_searchPos = -1;
    }
    if (m_searchHits.isEmpty()) {
        m_searchResult->setText(tr("No match"));
        return 0;
    }
    m_searchPos = (m_searchPos + 1) % int(m_searchHits.size());
    showSearchHit(m_searchHits[m_searchPos]);
    m_searchResult->setText(tr("%1 of %2").arg(m_searchPos + 1).arg(m_searchHits.size()));
    return int(m_searchHits.size());
}

void TopologyMapWidget::showSearchHit(int encoded) {
    if (encoded >= 0) {
        showElement(m_scene->graph()->nodes()[size_t(encoded)].id);
        return;
    }
    onDrillDown(false, -encoded - 1);
}

void TopologyMapWidget::onDrillDown(bool region, int index) {
    if (!m_scene->graph())
        return;
    if (region) {
        m_view->fitRect(m_scene->regionArea(index).adjusted(-100, -100, 100, 100));
        setBreadcrumb(index, -1, -1);
    } else {
        const QRectF area = m_scene->siteAreaIsCompact(index)
                                ? m_scene->siteArea(index)
                                : QRectF(m_scene->sitePosition(index), QSizeF(1, 1));
        m_view->fitRect(area.adjusted(-150, -100, 150, 100));
        if (m_view->scale() < TopologyScene::kElementScale * 2)
            m_view->centreOn(area.center(), TopologyScene::kElementScale * 2);
        setBreadcrumb(m_scene->graph()->sites()[size_t(index)].region_index, index, -1);
    }
}

void TopologyMapWidget::goUp() {
    if (m_crumbNode >= 0 && m_crumbSite >= 0)
        onDrillDown(false, m_crumbSite);
    else if (m_crumbSite >= 0 && m_crumbRegion >= 0)
        onDrillDown(true, m_crumbRegion);
    else
        fitToView();
}

void TopologyMapWidget::onBreadcrumbLink(const QString &link) {
    if (link == QLatin1String("root"))
        fitToView();
    else if (link.startsWith(QLatin1String("region:")))
        onDrillDown(true, link.mid(7).toInt());
    else if (link.startsWith(QLatin1String("site:")))
        onDrillDown(false, link.mid(5).toInt());
}

TopologyMapWidget::CrumbIds TopologyMapWidget::crumbIds() const {
    CrumbIds ids;
    const TopologyGraph *graph = m_scene->graph().get();
    if (!graph)
        return ids;
    ids.hasRegion = m_crumbRegion >= 0;
    if (ids.hasRegion)
        ids.region = graph->regions().value(m_crumbRegion);
    if (m_crumbSite >= 0) {
        ids.syntheticSite = graph->sites()[size_t(m_crumbSite)].synthetic;
        ids.site = graph->sites()[size_t(m_crumbSite)].id;
    }
    if (m_crumbNode >= 0)
        ids.node = graph->nodes()[size_t(m_crumbNode)].id;
    return ids;
}

void TopologyMapWidget::restoreCrumb(const CrumbIds &ids) {
    // The deepest level that still exists wins; its site and region are where it is now.
    const TopologyGraph &graph = *m_graph;
    const int node = ids.node.isEmpty() ? -1 : graph.nodeIndex(ids.node);
    int site = node >= 0 ? graph.nodes()[size_t(node)].site : -1;
    if (site < 0 && ids.syntheticSite)
        site = graph.syntheticSite();
    else if (site < 0 && !ids.site.isEmpty())
        site = graph.siteIndex(ids.site);
    if (site >= 0 && graph.sites()[size_t(site)].removed)
        site = -1;
    const int region = site >= 0 ? graph.sites()[size_t(site)].region_index
                                 : (ids.hasRegion ? int(graph.regions().indexOf(ids.region)) : -1);
    setBreadcrumb(region, site, site >= 0 ? node : -1);
}

void TopologyMapWidget::setBreadcrumb(int region, int site, int node) {
    m_crumbRegion = region;
    m_crumbSite = site;
    m_crumbNode = node;
    const auto link = [](const QString &href, const QString &text) {
        return QStringLiteral("<a href=\"%1\" style=\"color:#1565c0;text-decoration:none\">%2</a>")
            .arg(href, text.toHtmlEscaped());
    };
    const QString sep = QStringLiteral(" &rsaquo; ");
    QString html = link(QStringLiteral("root"), tr("All regions"));
    if (m_scene->graph()) {
        if (region >= 0)
            html += sep + link(QStringLiteral("region:%1").arg(region),
                               tr("Region %1").arg(m_scene->regionName(region)));
        if (site >= 0)
            html +=
                sep + link(QStringLiteral("site:%1").arg(site), tr("Site %1").arg(m_scene->siteName(site)));
        if (node >= 0)
            html +=
                sep +
                QStringLiteral("<b>%1</b>").arg(m_scene->graph()->nodes()[size_t(node)].name.toHtmlEscaped());
    }
    m_breadcrumb->setText(html);
}

QString TopologyMapWidget::breadcrumbText() const {
    QTextDocument doc;
    doc.setHtml(m_breadcrumb->text());
    return doc.toPlainText();
}

void TopologyMapWidget::showCard(int node) {
    const TopologyNode &n = m_scene->graph()->nodes()[size_t(node)];
    const int site = n.site;
    m_card->showNode(n, m_scene->siteName(site),
                     m_scene->regionName(m_scene->graph()->sites()[size_t(site)].region_index),
                     m_scene->status(node));
    updateOverlays();
    if (m_cacheFile.isEmpty())
        return;
    // Vendor, model, state and the open tickets are only in the cache: read them off the GUI thread.
    const QString path = m_cacheFile;
    const QString id = n.id;
    m_cardWatcher->setFuture(QtConcurrent::run([path, id] {
        CardDetails details;
        details.elementId = id;
        CacheReader reader;
        if (!reader.open(path))
            return details;
        details.element = reader.element(id);
        TicketFilter filter;
        filter.relatedEntityId = id;
        filter.statuses = {TicketStatus::Acknowledged, TicketStatus::Pending, TicketStatus::Held,
                           TicketStatus::InProgress};
        details.tickets = reader.tickets(filter, 5, false);
        return details;
    }));
}

void TopologyMapWidget::onSelectionChanged() {
    const QList<QGraphicsItem *> selected = m_view->scene()->selectedItems();
    if (selected.isEmpty())
        m_card->hide();
    if (selected.size() != 1)
        return;
    if (selected.first()->type() == ElementItem::Type) {
        const int node = static_cast<ElementItem *>(selected.first())->node();
        showCard(node);
        const int site = m_scene->graph()->nodes()[size_t(node)].site;
        setBreadcrumb(m_scene->graph()->sites()[size_t(site)].region_index, site, node);
        emit elementSelected(m_scene->graph()->nodes()[size_t(node)].id);
    } else if (selected.first()->type() == SiteItem::Type) {
        const int site = static_cast<SiteItem *>(selected.first())->site();
        setBreadcrumb(m_scene->graph()->sites()[size_t(site)].region_index, site, -1);
        if (!m_scene->graph()->sites()[size_t(site)].synthetic)
            emit siteSelected(m_scene->graph()->sites()[size_t(site)].id);
    }
}

void TopologyMapWidget::updateOverlays() {
    const QRect r = m_view->viewport()->geometry();
    m_minimap->move(r.right() - m_minimap->width() - 8, r.bottom() - m_minimap->height() - 8);
    m_minimap->raise();
    m_minimap->setVisible(m_scene->graph() != nullptr && r.width() > 2 * m_minimap->width() + 40);
    m_minimap->setVisibleArea(m_view->mapToScene(m_view->viewport()->rect()));
    m_card->move(r.left() + 8, r.top() + 8);
    m_card->raise();
}

// ---- export and print ----------------------------------------------------------------------------

QString TopologyMapWidget::askFileName(const QString &title, const QString &filter, const QString &suffix) {
    QString path;
    if (m_hasNextFileName) {
        path = m_nextFileName;
        m_hasNextFileName = false;
    } else {
        path = QFileDialog::getSaveFileName(this, title, QStringLiteral("topology.") + suffix, filter);
    }
    if (!path.isEmpty() && !path.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive))
        path += QLatin1Char('.') + suffix;
    return path;
}

void TopologyMapWidget::renderViewport(QPainter *painter, const QRectF &target) {
    // The minimap is an overlay on the view, not part of the map: leave it out of exports.
    const bool minimap = m_minimap->isVisible();
    const bool card = m_card->isVisible();
    m_minimap->setVisible(false);
    m_card->setVisible(false);
    const QSize size = m_view->viewport()->size();
    painter->save();
    const double s = std::min(target.width() / size.width(), target.height() / size.height());
    painter->translate(target.topLeft());
    painter->scale(s, s);
    m_view->viewport()->render(painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter->restore();
    m_minimap->setVisible(minimap);
    m_card->setVisible(card);
}

bool TopologyMapWidget::exportPng(const QString &path) {
    const QSize size = m_view->viewport()->size();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        renderViewport(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    const bool ok = image.save(path, "PNG");
    if (!ok)
        logging::logger("ui")->warn("topology map: cannot write {}", path.toStdString());
    return ok;
}

bool TopologyMapWidget::exportSvg(const QString &path) {
    const QSize size = m_view->viewport()->size();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(tr("Topology map"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        logging::logger("ui")->warn("topology map: cannot write {}", path.toStdString());
        return false;
    }
    renderViewport(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return painter.end();
}

bool TopologyMapWidget::printTo(QPrinter *printer) {
    QPainter painter;
    if (!painter.begin(printer))
        return false;
    renderViewport(&painter,
                   printer->pageLayout()
                       .paintRectPixels(printer->resolution())
                       .translated(-printer->pageLayout().paintRectPixels(printer->resolution()).topLeft()));
    return painter.end();
}

void TopologyMapWidget::exportPngInteractive() {
    const QString path =
        askFileName(tr("Export map as PNG"), tr("PNG images (*.png)"), QStringLiteral("png"));
    if (!path.isEmpty())
        exportPng(path);
}

void TopologyMapWidget::exportSvgInteractive() {
    const QString path =
        askFileName(tr("Export map as SVG"), tr("SVG drawings (*.svg)"), QStringLiteral("svg"));
    if (!path.isEmpty())
        exportSvg(path);
}

void TopologyMapWidget::printInteractive() {
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageOrientation(QPageLayout::Landscape);
    bool accepted = false;
    if (m_printHook) {
        accepted = m_printHook(printer);
    } else {
        QPrintDialog dialog(&printer, this);
        dialog.setWindowTitle(tr("Print map"));
        accepted = dialog.exec() == QDialog::Accepted;
    }
    if (accepted)
        printTo(&printer);
}

} // namespace noc
