#include "ticket_console.h"

#include "alarm_vocabulary.h"
#include "display_time.h"
#include "logging.h"
#include "sla_delegate.h"
#include "sync/sync_session.h"
#include "sync_status_text.h"
#include "ticket_editor_dialog.h"
#include "ticket_queue_filter_model.h"
#include "ticket_workflow.h"
#include "ticket_workload.h"
#include "workload_view.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace noc {

namespace {
constexpr TicketStatus kFilterStatuses[] = {
    TicketStatus::Acknowledged, TicketStatus::InProgress, TicketStatus::Pending,  TicketStatus::Held,
    TicketStatus::Resolved,     TicketStatus::Closed,     TicketStatus::Rejected, TicketStatus::Cancelled};
const char *const kSettingsHeader = "tickets/headerState";
// A time to measure the time columns by: every time has this many characters, and "8" is as wide
// as any digit.
constexpr EpochMs kSampleTimeMs = 1'798'498'738'000; // 2026-12-28 22:58:58 UTC
const char *const kSettingsViews = "tickets/views";
} // namespace

TicketConsole::TicketConsole(SyncSession &session, QWidget *parent)
    : TicketConsole(
          session.cachePath(), [&session](const CacheBatch &batch) { session.submit(batch); },
          parseRole(session.profile().role).value_or(Role::ReadOnly), session.profile().userId, parent) {
    connect(&session, &SyncSession::committed, this, &TicketConsole::applyChanges);
    connect(&session, &SyncSession::statusChanged, this, &TicketConsole::setSyncStatus);
    setSyncStatus(session.status());
}

TicketConsole::TicketConsole(const QString &cachePath, SubmitFunction submit, Role role,
                             const QString &userId, QWidget *parent)
    : QWidget(parent)
    , m_cachePath(cachePath)
    , m_submit(std::move(submit))
    , m_role(role)
    , m_userId(userId) {
    m_reader.open(cachePath);
    m_model = new TicketQueueModel(cachePath, this);
    m_model->setUser(userId);
    m_proxy = new TicketQueueFilterModel(this);
    m_proxy->setSourceModel(m_model);
    build();
    retranslate();
    connect(m_model, &TicketQueueModel::countsChanged, this, &TicketConsole::updateCounts);
    // The workload view is recomputed at most every 2 s: a supervisor reads it, nobody watches it
    // flicker, and a storm of commits must not recount tens of thousands of rows each time.
    m_workloadTimer.setSingleShot(true);
    m_workloadTimer.setInterval(2000);
    connect(&m_workloadTimer, &QTimer::timeout, this, &TicketConsole::refreshWorkload);
    const auto scheduleWorkload = [this] {
        if (!m_workloadTimer.isActive())
            m_workloadTimer.start();
    };
    connect(m_model, &TicketQueueModel::loaded, this, &TicketConsole::refreshWorkload);
    connect(m_model, &TicketQueueModel::changesApplied, this, scheduleWorkload);
    connect(m_model, &TicketQueueModel::countsChanged, this, scheduleWorkload);
    // The "as of" line names the data's age; it must keep counting while nothing arrives.
    m_freshnessTimer.setInterval(10000);
    connect(&m_freshnessTimer, &QTimer::timeout, this, &TicketConsole::updateFreshness);
    m_freshnessTimer.start();
}

TicketConsole::~TicketConsole() {
    QSettings().setValue(QLatin1String(kSettingsHeader), m_table->horizontalHeader()->saveState());
}

void TicketConsole::build() {
    m_freshness = new QLabel(this);
    m_freshness->setObjectName(QStringLiteral("freshness"));
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_statusFilter = new QComboBox(this);
    m_statusFilter->addItem(QString(), -1);
    for (TicketStatus s : kFilterStatuses)
        m_statusFilter->addItem(QString(), int(s));
    m_priorityFilter = new QComboBox(this);
    m_priorityFilter->addItem(QString(), QString());
    for (const char *p : {"Critical", "High", "Medium", "Low"})
        m_priorityFilter->addItem(QString(), QLatin1String(p));
    m_newTicket = new QPushButton(this);
    m_newTicket->setEnabled(isAllowed(m_role, Permission::CreateTicket));
    // The window's Tickets menu holds these; the keys are the alarm list's where the meaning is the
    // same (Ctrl+G: show on map) and work while the focus is in this view.
    const auto makeAction = [this](const QKeySequence &keys) {
        auto *action = new QAction(this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    m_newAction = makeAction(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_openAction = makeAction(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_mapAction = makeAction(QKeySequence(Qt::CTRL | Qt::Key_G));
    m_newAction->setEnabled(isAllowed(m_role, Permission::CreateTicket));
    connect(m_newAction, &QAction::triggered, this, &TicketConsole::createTicket);
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QModelIndex index = currentTicketIndex();
        if (index.isValid())
            openTicket(index.data(TicketQueueModel::TicketIdRole).toString());
    });
    connect(m_mapAction, &QAction::triggered, this, [this] {
        const QString elementId = currentTicketIndex().data(TicketQueueModel::ElementIdRole).toString();
        if (!elementId.isEmpty())
            emit showOnMap(elementId);
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    // A push button with a menu, as in the alarm console: a tool button squeezed its menu arrow into
    // the last letter of "Views".
    m_views = new QPushButton(this);
    m_views->setMenu(new QMenu(m_views));
    connect(m_views->menu(), &QMenu::aboutToShow, this, &TicketConsole::fillViewsMenu);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_freshness);
    bar->addStretch(1);
    bar->addWidget(m_search, 2);
    bar->addWidget(m_statusFilter);
    bar->addWidget(m_priorityFilter);
    bar->addWidget(m_views);
    bar->addWidget(m_newTicket);

    m_queues = new QListWidget(this);
    m_queues->setObjectName(QStringLiteral("queues"));
    for (int q = 0; q < kTicketQueueCount; ++q)
        new QListWidgetItem(m_queues);
    m_queues->setMinimumWidth(150);
    m_queues->setMaximumWidth(240);

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TicketQueueModel::SlaDue, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setItemDelegateForColumn(TicketQueueModel::SlaDue, new SlaDelegate(m_table));
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setDragEnabled(true);
    m_table->setDragDropMode(QAbstractItemView::DragOnly);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    const int widths[] = {90, 70, 70, 95, 220, 190, 120, 125, 175, 125};
    for (int c = 0; c < TicketQueueModel::ColumnCount; ++c)
        header->resizeSection(c, widths[c]);
    // The SLA countdown is what a queue is worked by: shown right after the status, not past the
    // long title and element columns where a narrower window cuts it off.
    header->moveSection(header->visualIndex(TicketQueueModel::SlaDue),
                        header->visualIndex(TicketQueueModel::Status) + 1);
    header->restoreState(QSettings().value(QLatin1String(kSettingsHeader)).toByteArray());
    // Times show seconds now, like the alarm list: wide enough for them, also in a layout saved
    // when they did not (its other widths are the user's and stay).
    const int timeWidth = m_table->fontMetrics().horizontalAdvance(localDateTimeText(kSampleTimeMs)) +
                          2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) +
                          12;
    for (int c : {int(TicketQueueModel::Created), int(TicketQueueModel::LastUpdate)})
        header->resizeSection(c, std::max(header->sectionSize(c), timeWidth));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_queues);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(1, 1);

    m_workload = new WorkloadView(this);
    m_workload->setReassignAllowed(isAllowed(m_role, Permission::AssignTicket),
                                   refusalReason(m_role, Permission::AssignTicket));

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(splitter, QString());
    m_tabs->addTab(m_workload, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &TicketQueueFilterModel::setText);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int v = m_statusFilter->currentData().toInt();
        m_proxy->setStatusFilter(v < 0 ? std::nullopt : std::optional<TicketStatus>(TicketStatus(v)));
    });
    connect(m_priorityFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setPriorityFilter(m_priorityFilter->currentData().toString()); });
    connect(m_queues, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            m_proxy->setQueue(TicketQueue(row));
    });
    connect(m_newTicket, &QPushButton::clicked, m_newAction, &QAction::trigger);
    // Activated: a double click, or Enter on the current row.
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        openTicket(index.data(TicketQueueModel::TicketIdRole).toString());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                updateActions();
                if (index.isValid())
                    emit ticketSelected(index.data(TicketQueueModel::TicketIdRole).toString());
            });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TicketConsole::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TicketConsole::updateActions);
    connect(m_table, &QWidget::customContextMenuRequested, this, &TicketConsole::showContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &TicketConsole::showColumnMenu);
    connect(m_workload, &WorkloadView::reassignRequested, this,
            [this](const QStringList &ids, const QString &id, const QString &name) {
                assignTickets(ids, id, name);
            });
    m_queues->setCurrentRow(int(m_userId.isEmpty() ? TicketQueue::AllOpen : TicketQueue::Mine));
}

void TicketConsole::retranslate() {
    m_search->setPlaceholderText(tr("Search id, title, element, site, assignee"));
    m_statusFilter->setItemText(0, tr("Any status"));
    for (int i = 0; i < int(std::size(kFilterStatuses)); ++i)
        m_statusFilter->setItemText(i + 1, ticketStatusDisplayName(kFilterStatuses[i]));
    m_priorityFilter->setItemText(0, tr("Any priority"));
    const QStringList priorities{tr("Critical", "priority"), tr("High", "priority"), tr("Medium", "priority"),
                                 tr("Low", "priority")};
    for (int i = 0; i < priorities.size(); ++i)
        m_priorityFilter->setItemText(i + 1, priorities[i]);
    m_newTicket->setText(tr("New ticket…"));
    m_newAction->setText(tr("New ticket…"));
    m_openAction->setText(tr("Open ticket…"));
    m_mapAction->setText(tr("Show on map"));
    updateNewTicketAction();
    m_search->setToolTip(tr("Search the listed tickets (Ctrl+F)"));
    m_views->setText(tr("Views"));
    m_views->setToolTip(tr("Saved views: queue, filters, sort and columns under a name"));
    m_tabs->setTabText(0, tr("Queues"));
    m_tabs->setTabText(1, tr("Workload"));
    updateCounts();
    updateFreshness();
    updateActions();
}

QModelIndex TicketConsole::currentTicketIndex() const {
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0) : QModelIndex();
}

void TicketConsole::updateActions() {
    const QModelIndex current = currentTicketIndex();
    m_openAction->setEnabled(current.isValid());
    m_openAction->setToolTip(current.isValid()
                                 ? tr("Open the selected ticket in the editor (Ctrl+O or Enter)")
                                 : tr("Select a ticket first."));
    const bool onElement = !current.data(TicketQueueModel::ElementIdRole).toString().isEmpty();
    m_mapAction->setEnabled(onElement);
    m_mapAction->setToolTip(onElement           ? tr("Show the selected ticket's element on the map (Ctrl+G)")
                            : current.isValid() ? tr("The selected ticket names no network element.")
                                                : tr("Select a ticket first."));
}

void TicketConsole::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString TicketConsole::queueLabel(TicketQueue queue) const {
    return tr("%1 (%2)").arg(TicketQueueModel::queueName(queue)).arg(m_model->count(queue));
}

TicketQueue TicketConsole::currentQueue() const {
    return m_proxy->queue();
}

void TicketConsole::updateCounts() {
    for (int q = 0; q < kTicketQueueCount; ++q)
        m_queues->item(q)->setText(queueLabel(TicketQueue(q)));
    // Breached is the one queue a supervisor must not overlook.
    QListWidgetItem *breached = m_queues->item(int(TicketQueue::Breached));
    breached->setForeground(m_model->count(TicketQueue::Breached) > 0 ? QBrush(SlaDelegate::breachedColor())
                                                                      : QBrush());
}

void TicketConsole::setSyncStatus(const SyncStatus &status) {
    const bool writeStateChanged = !m_hasStatus || status.cacheWriteError != m_status.cacheWriteError;
    m_status = status;
    m_hasStatus = true;
    updateFreshness();
    if (writeStateChanged) {
        updateNewTicketAction();
        if (m_editor)
            m_editor->setSyncStatus(m_status);
    }
}

void TicketConsole::updateNewTicketAction() {
    // As the alarm actions: not while the role forbids it, nor while the cache cannot be written
    // (the new ticket could not be saved, and a second try would queue the same request again).
    const QString refusal = refusalReason(m_role, Permission::CreateTicket);
    const QString cannotSave = m_hasStatus ? SyncStatusText::cannotSaveReason(m_status) : QString();
    const bool allowed = refusal.isEmpty() && cannotSave.isEmpty();
    m_newAction->setEnabled(allowed);
    m_newTicket->setEnabled(allowed);
    m_newAction->setToolTip(!refusal.isEmpty()      ? refusal
                            : !cannotSave.isEmpty() ? cannotSave
                                                    : tr("Open the editor for a new ticket (Ctrl+N)"));
    m_newTicket->setToolTip(m_newAction->toolTip());
}

void TicketConsole::updateFreshness() {
    const QString freshness = m_hasStatus
                                  ? SyncStatusText::freshness(m_status, QDateTime::currentMSecsSinceEpoch())
                                  : tr("not connected");
    m_freshness->setText(tr("Tickets %1").arg(freshness));
    m_freshness->setToolTip(
        m_hasStatus ? SyncStatusText::details(m_status, QDateTime::currentMSecsSinceEpoch()) : QString());
}

void TicketConsole::applyChanges(const ChangeSet &changes) {
    m_model->applyChanges(changes);
}

void TicketConsole::selectQueue(TicketQueue queue) {
    m_queues->setCurrentRow(int(queue));
}

void TicketConsole::refreshWorkload() {
    m_workload->setWorkload(computeWorkload(m_model->rows(), m_model->now()), m_model->now());
}

QStringList TicketConsole::selectedTicketIds() const {
    QStringList ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.append(index.data(TicketQueueModel::TicketIdRole).toString());
    return ids;
}

QList<RelatedParty> TicketConsole::knownEngineers() const {
    QMap<QString, RelatedParty> byName;
    QSet<QString> seen;
    for (const TicketRow &row : m_model->rows()) {
        if (!row.assigneeId.isEmpty() && !seen.contains(row.assigneeId)) {
            seen.insert(row.assigneeId);
            byName.insert(
                row.assigneeName.toLower() + row.assigneeId,
                {row.assigneeId, row.assigneeName, QStringLiteral("assignee"), QStringLiteral("Individual")});
        }
    }
    return byName.values();
}

QList<RelatedParty> TicketConsole::knownTeams() const {
    QMap<QString, RelatedParty> byName;
    QSet<QString> seen;
    for (const TicketRow &row : m_model->rows()) {
        if (!row.teamId.isEmpty() && !seen.contains(row.teamId)) {
            seen.insert(row.teamId);
            byName.insert(row.teamName.toLower() + row.teamId,
                          {row.teamId, row.teamName, QStringLiteral("team"), QStringLiteral("Team")});
        }
    }
    return byName.values();
}

void TicketConsole::showContextMenu(const QPoint &pos) {
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    const QString id = index.data(TicketQueueModel::TicketIdRole).toString();
    const QString elementId = index.data(TicketQueueModel::ElementIdRole).toString();
    QMenu menu(this);
    menu.addAction(tr("Open ticket…"), this, [this, id] { openTicket(id); });
    QMenu *assign = menu.addMenu(tr("Assign to"));
    const bool mayAssign = isAllowed(m_role, Permission::AssignTicket);
    assign->setEnabled(mayAssign);
    assign->setToolTip(refusalReason(m_role, Permission::AssignTicket));
    menu.setToolTipsVisible(true);
    const QStringList ids = selectedTicketIds().isEmpty() ? QStringList{id} : selectedTicketIds();
    for (const RelatedParty &p : knownEngineers())
        assign->addAction(p.name, this, [this, ids, p] { assignTickets(ids, p.id, p.name); });
    if (!m_userId.isEmpty())
        assign->addAction(tr("Me (%1)").arg(m_userId), this,
                          [this, ids] { assignTickets(ids, m_userId, m_userId); });
    QAction *map = menu.addAction(tr("Show on map"), this, [this, elementId] { emit showOnMap(elementId); });
    map->setEnabled(!elementId.isEmpty());
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

QStringList TicketConsole::savedViews() {
    QSettings settings;
    settings.beginGroup(QLatin1String(kSettingsViews));
    return settings.childGroups();
}

void TicketConsole::saveView(const QString &name) {
    QSettings settings;
    settings.beginGroup(QLatin1String(kSettingsViews) + QLatin1Char('/') + name);
    settings.setValue(QStringLiteral("queue"), int(m_proxy->queue()));
    settings.setValue(QStringLiteral("text"), m_search->text());
    settings.setValue(QStringLiteral("status"), m_statusFilter->currentIndex());
    settings.setValue(QStringLiteral("priority"), m_priorityFilter->currentIndex());
    settings.setValue(QStringLiteral("header"), m_table->horizontalHeader()->saveState());
}

bool TicketConsole::applyView(const QString &name) {
    if (!savedViews().contains(name))
        return false;
    QSettings settings;
    settings.beginGroup(QLatin1String(kSettingsViews) + QLatin1Char('/') + name);
    selectQueue(TicketQueue(settings.value(QStringLiteral("queue")).toInt()));
    m_search->setText(settings.value(QStringLiteral("text")).toString());
    m_statusFilter->setCurrentIndex(settings.value(QStringLiteral("status")).toInt());
    m_priorityFilter->setCurrentIndex(settings.value(QStringLiteral("priority")).toInt());
    m_table->horizontalHeader()->restoreState(settings.value(QStringLiteral("header")).toByteArray());
    return true;
}

void TicketConsole::deleteView(const QString &name) {
    QSettings().remove(QLatin1String(kSettingsViews) + QLatin1Char('/') + name);
}

void TicketConsole::fillViewsMenu() {
    QMenu *menu = m_views->menu();
    menu->clear();
    // The same words and order as the alarm list's Views menu: the saved views, then what to do.
    const QStringList views = savedViews();
    for (const QString &name : views)
        menu->addAction(name, this, [this, name] { applyView(name); });
    if (views.isEmpty())
        menu->addAction(tr("No saved views yet"))->setEnabled(false);
    menu->addSeparator();
    menu->addAction(tr("Save current view as…"), this, [this] {
        const QString name = QInputDialog::getText(this, tr("Save view"),
                                                   tr("Name of the view (queue, filters, sort and columns):"))
                                 .trimmed();
        if (!name.isEmpty())
            saveView(name);
    });
    QMenu *remove = menu->addMenu(tr("Delete"));
    remove->setEnabled(!views.isEmpty());
    for (const QString &name : views)
        remove->addAction(name, this, [this, name] { deleteView(name); });
}

void TicketConsole::showColumnMenu(const QPoint &pos) {
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    for (int c = 0; c < TicketQueueModel::ColumnCount; ++c) {
        QAction *action = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(c));
        // The id column stays: without it a row cannot be told apart or opened by name.
        action->setEnabled(c != TicketQueueModel::Id);
        connect(action, &QAction::toggled, header,
                [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    menu.exec(header->mapToGlobal(pos));
}

QString TicketConsole::assignTickets(const QStringList &ticketIds, const QString &assigneeId,
                                     const QString &assigneeName) {
    if (!isAllowed(m_role, Permission::AssignTicket))
        return refusalReason(m_role, Permission::AssignTicket);
    // The engineer's team comes along when we know it (from their other tickets).
    QString teamId, teamName;
    for (const TicketRow &row : m_model->rows()) {
        if (row.assigneeId == assigneeId && !row.teamId.isEmpty()) {
            teamId = row.teamId;
            teamName = row.teamName;
            break;
        }
    }
    actions::Context context;
    context.userId = m_userId;
    int done = 0;
    for (const QString &id : ticketIds) {
        const auto before = m_reader.ticket(id);
        if (!before)
            continue;
        TroubleTicket after = *before;
        after.relatedParties.removeIf([&](const RelatedParty &p) {
            return p.role == QLatin1String("assignee") ||
                   (!teamId.isEmpty() && p.role == QLatin1String("team"));
        });
        after.relatedParties.append(
            {assigneeId, assigneeName, QStringLiteral("assignee"), QStringLiteral("Individual")});
        if (!teamId.isEmpty())
            after.relatedParties.append({teamId, teamName, QStringLiteral("team"), QStringLiteral("Team")});
        const CacheBatch batch = actions::editTicket(*before, after, context);
        if (!batch.isEmpty()) {
            m_submit(batch);
            ++done;
        }
    }
    logging::logger("ui")->info("reassigned {} tickets to {}", done, assigneeId.toStdString());
    return {};
}

QString TicketConsole::lookupName(const QString &referredType, const QString &id) {
    if (referredType == QLatin1String("Alarm")) {
        const auto alarm = m_reader.alarm(id);
        // In the words the alarm list and the drafts from alarms use, not the server's code.
        return alarm ? (alarm->probableCause.isEmpty()
                            ? alarm->id
                            : alarmvocabulary::probableCauseText(alarm->probableCause))
                     : QString();
    }
    const auto element = m_reader.element(id);
    return element ? (element->name.isEmpty() ? element->id : element->name) : QString();
}

TicketEditorDialog *TicketConsole::openEditor(const TroubleTicket &ticket, bool pending) {
    if (m_editor)
        m_editor->close();
    auto *editor = new TicketEditorDialog(ticket, pending, m_role, m_userId, m_submit, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setKnownParties(knownEngineers(), knownTeams());
    editor->setNameLookup([this](const QString &type, const QString &id) { return lookupName(type, id); });
    // An editor opened on a cache that cannot be written shows the ticket, but changes nothing.
    if (m_hasStatus)
        editor->setSyncStatus(m_status);
    connect(editor, &TicketEditorDialog::showOnMap, this, &TicketConsole::showOnMap);
    m_editor = editor;
    editor->show();
    return editor;
}

void TicketConsole::openTicket(const QString &ticketId) {
    // One ticket with its notes and history: a few indexed reads, fine on the GUI thread.
    const auto ticket = m_reader.ticket(ticketId);
    if (!ticket) {
        logging::logger("ui")->warn("ticket {} is not in the cache", ticketId.toStdString());
        return;
    }
    openEditor(*ticket, m_reader.isTicketPending(ticketId));
}

void TicketConsole::createTicket() {
    createFromAlarms({});
}

void TicketConsole::createFromAlarms(const QList<Alarm> &alarms) {
    const TroubleTicket draft = ticketDraftFromAlarms(alarms, m_userId, [this](const QString &elementId) {
        return lookupName(QStringLiteral("PhysicalResource"), elementId);
    });
    TicketEditorDialog *editor = openEditor(draft, false);
    connect(editor, &TicketEditorDialog::ticketCreated, this, [this] { selectQueue(TicketQueue::AllOpen); });
}

} // namespace noc
