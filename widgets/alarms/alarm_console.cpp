#include "alarm_console.h"

#include "alarm_attention.h"
#include "alarm_csv_export.h"
#include "alarm_selection_keeper.h"

#include "alarm_details_view.h"
#include "alarm_filter_bar.h"
#include "alarm_saved_views.h"
#include "alarm_settings_dialog.h"
#include "alarm_sound.h"
#include "alarm_style.h"
#include "alarm_table_model.h"
#include "logging.h"
#include "severity_lights.h"
#include "sync/local_actions.h"
#include "sync/sync_session.h"
#include "sync_status_text.h"
#include "thread_priority.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QTableView>
#include <QTextStream>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>
#include <iterator>

namespace noc {

namespace {

// The lights read 12 counters kept by the writer: cheap, but once per storm batch is enough.
constexpr int kCountsIntervalMs = 500;
// 2: the Occurrences column joined; a layout of 1 would put every later column one off.
constexpr int kLayoutVersion = 2;
// Why 5 min: long enough to see what just cleared (and that a fix worked), short enough that the
// active list does not fill with history during a storm.
constexpr int kDefaultLingerSeconds = 300;
const char *const kLingerKey = "alarms/clearedLingerSeconds";

} // namespace

AlarmConsole::AlarmConsole(SyncSession &session, QWidget *parent)
    : AlarmConsole(
          session.cachePath(), [&session](const CacheBatch &b) { session.submit(b); },
          parseRole(session.profile().role).value_or(Role::ReadOnly), session.profile().userId, parent) {
    connect(&session, &SyncSession::committed, this, &AlarmConsole::onCommitted);
    connect(&session, &SyncSession::statusChanged, this, &AlarmConsole::setSyncStatus);
    setSyncStatus(session.status());
}

AlarmConsole::AlarmConsole(const QString &cachePath, SubmitFunction submit, Role role, const QString &userId,
                           QWidget *parent)
    : QWidget(parent)
    , m_cachePath(cachePath)
    , m_submit(std::move(submit))
    , m_role(role)
    , m_userId(userId) {
    if (!m_reader.open(cachePath))
        logging::logger("ui")->error("alarm console: cannot open cache {}", cachePath.toStdString());
    m_model = new AlarmTableModel(this);
    // An action's read and an export may run at once.
    m_workThreads.setMaxThreadCount(2);
    m_workThreads.setObjectName(QStringLiteral("alarm-work"));
    connect(&m_export, &QFutureWatcherBase::finished, this, &AlarmConsole::onExportDone);
    connect(&m_actionRun, &QFutureWatcherBase::resultsReadyAt, this, [this] { takeActionParts(false); });
    connect(&m_actionRun, &QFutureWatcherBase::finished, this, [this] { onActionDone(false); });
    // Why 2 min: a select-all of 400,000 alarms commits in seconds even on a busy machine (noc-bench
    // alarm-actions); a write that failed is reported by the session on its own.
    m_commitWait.setSingleShot(true);
    m_commitWait.setInterval(120'000);
    connect(&m_commitWait, &QTimer::timeout, this, [this] {
        logging::logger("ui")->warn(
            "alarm console: no commit of the action's alarms seen; actions enabled again");
        endAction();
    });
    // An action clicked just before quitting is still submitted: the session stops after exec()
    // returns, and nothing a person did may be dropped.
    connect(qApp, &QCoreApplication::aboutToQuit, this, [this] {
        if (m_actionState != ActionState::Reading)
            return;
        m_actionRun.waitForFinished();
        onActionDone(true);
    });
    m_attention = new AlarmAttention(cachePath, this);
    m_player = new AlarmSoundPlayer(this);
    // Muted elsewhere too (the tray's menu): the Sound button shows it.
    connect(m_player, &AlarmSoundPlayer::mutedChanged, this, &AlarmConsole::updateSoundButton);
    m_lingerMs = qint64(QSettings().value(QLatin1String(kLingerKey), kDefaultLingerSeconds).toInt()) * 1000;
    build();
    retranslate();
    restoreLayout();
    {
        AlarmQuery q = m_model->query();
        q.clearedLingerMs = m_lingerMs;
        m_model->setInitialQuery(q);
    }
    m_model->open(cachePath);
    refreshCounts();
}

AlarmConsole::~AlarmConsole() {
    saveLayout();
}

void AlarmConsole::build() {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto *header = new QHBoxLayout;
    m_lights = new SeverityLights(this);
    header->addWidget(m_lights, 1);
    m_freshness = new QLabel(this);
    m_freshness->setObjectName(QStringLiteral("alarmFreshness"));
    header->addWidget(m_freshness);
    layout->addLayout(header);
    connect(m_lights, &SeverityLights::maskChanged, this, &AlarmConsole::applyFilterBar);

    m_filterBar = new AlarmFilterBar(m_reader.sites(), this);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterBar, 1);
    // A push button: its style leaves room for the menu arrow (a tool button draws it over the text).
    m_views = new QPushButton(this);
    m_views->setObjectName(QStringLiteral("alarmViews"));
    m_views->setMenu(new QMenu(m_views));
    connect(m_views->menu(), &QMenu::aboutToShow, this, &AlarmConsole::fillViewsMenu);
    // Flat or tree: a way of looking rather than a filter (it persists on its own, views leave it).
    m_layoutMode = new QComboBox(this);
    m_layoutMode->setObjectName(QStringLiteral("alarmLayoutMode"));
    m_layoutMode->addItem(QString());
    m_layoutMode->addItem(QString());
    connect(m_layoutMode, &QComboBox::currentIndexChanged, this, &AlarmConsole::applyFilterBar);
    auto *side = new QVBoxLayout;
    side->addWidget(m_views);
    side->addWidget(m_layoutMode);
    side->addStretch(1);
    filterRow->addLayout(side);
    layout->addLayout(filterRow);
    connect(m_filterBar, &AlarmFilterBar::changed, this, &AlarmConsole::applyFilterBar);
    // Ctrl+F searches the list the focus is in: here the alarms (the map and the tickets have their own).
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_filterBar->searchField()->setFocus(Qt::ShortcutFocusReason);
        m_filterBar->searchField()->selectAll();
    });
    connect(m_filterBar, &AlarmFilterBar::clearRequested, this, &AlarmConsole::clearFilters);

    m_toolbar = new QToolBar(this);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    const QKeySequence keys[] = {QKeySequence(Qt::CTRL | Qt::Key_K),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
                                 QKeySequence(Qt::CTRL | Qt::Key_M),
                                 QKeySequence(Qt::CTRL | Qt::Key_T),
                                 QKeySequence::Copy,
                                 QKeySequence(Qt::CTRL | Qt::Key_E),
                                 QKeySequence(Qt::CTRL | Qt::Key_G)};
    for (int i = 0; i <= int(Action::ShowOnMap); ++i) {
        auto *a = new QAction(this);
        a->setShortcut(keys[i]);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        m_actions.append(a);
        m_toolbar->addAction(a);
        connect(a, &QAction::triggered, this, [this, i] { submitAction(Action(i)); });
    }
    m_shown = new QLabel(this);
    m_shown->setObjectName(QStringLiteral("alarmShown"));
    m_sound = new QToolButton(this);
    m_sound->setObjectName(QStringLiteral("alarmSound"));
    m_sound->setCheckable(true);
    m_sound->setAutoRaise(true);
    connect(m_sound, &QToolButton::toggled, this, [this](bool muted) {
        m_player->setMuted(muted);
        updateSoundButton();
    });
    m_settingsAction = new QAction(this);
    connect(m_settingsAction, &QAction::triggered, this, &AlarmConsole::showSettings);
    auto *settingsButton = new QToolButton(this);
    settingsButton->setDefaultAction(m_settingsAction);
    settingsButton->setAutoRaise(true);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_toolbar, 1);
    bar->addWidget(m_shown);
    bar->addWidget(m_sound);
    bar->addWidget(settingsButton);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("alarmTable"));
    new AlarmSelectionKeeper(m_model, m_view); // owned by the view; before setModel (its header says why)
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(int(AlarmColumn::Severity), Qt::AscendingOrder);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    // Flat scroll bars of solid colours. Fusion draws the groove and its border lines with gradients
    // the raster engine splits into jobs on Qt's thread pool and waits for: in a storm, redrawing the
    // scroll bar on every scroll step was a third of the GUI thread's CPU (perf) and its waits for the
    // pool threads the longest stalls. Solid fills are drawn in place.
    // (On the scroll bars only: a style sheet on the view would route every cell's drawing through
    // the style sheet style.)
    const QString flatBar = QStringLiteral(
        "QScrollBar { background: palette(window); margin: 0; }"
        "QScrollBar:vertical { width: 14px; } QScrollBar:horizontal { height: 14px; }"
        "QScrollBar::handle { background: palette(mid); margin: 2px; }"
        "QScrollBar::handle:vertical { min-height: 24px; } QScrollBar::handle:horizontal { min-width: 24px; }"
        "QScrollBar::handle:hover, QScrollBar::handle:pressed { background: palette(dark); }"
        "QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; }"
        "QScrollBar::add-page, QScrollBar::sub-page { background: none; }");
    m_view->verticalScrollBar()->setStyleSheet(flatBar);
    m_view->horizontalScrollBar()->setStyleSheet(flatBar);
    // Text cells laid out once per text, not on every paint: a storm repaints the list ten times a second.
    m_view->setItemDelegate(new AlarmTextDelegate(m_view));
    m_view->setItemDelegateForColumn(int(AlarmColumn::Severity), new SeverityDelegate(m_view));
    // A million rows: fixed row heights keep QHeaderView from measuring each one.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    int widths[] = {120, 80, 110, 150, 150, 130, 140, 170, 190, 260, 90, 90, 100};
    static_assert(std::size(widths) == size_t(AlarmColumn::Count));
    widths[int(AlarmColumn::Severity)] =
        std::max(widths[int(AlarmColumn::Severity)], SeverityDelegate::preferredWidth(m_view->fontMetrics()));
    for (int c = 0; c < int(AlarmColumn::Count); ++c)
        m_view->setColumnWidth(c, widths[c]);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(m_view, 1);
    // Tree mode: + opens and - closes the current root cause (the arrow in the severity cell too).
    for (const auto &[key, expand] : {std::pair{Qt::Key_Plus, true}, std::pair{Qt::Key_Minus, false}}) {
        auto *shortcut = new QShortcut(QKeySequence(key), m_view, nullptr, nullptr, Qt::WidgetShortcut);
        const bool open = expand;
        connect(shortcut, &QShortcut::activated, this, [this, open] { toggleCurrentRoot(open); });
    }

    // Column chooser on the header.
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            [this](const QPoint &pos) {
                QMenu menu(this);
                for (int c = 0; c < int(AlarmColumn::Count); ++c) {
                    QAction *a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
                    a->setCheckable(true);
                    a->setChecked(!m_view->isColumnHidden(c));
                    a->setEnabled(c != int(AlarmColumn::Severity));
                    connect(a, &QAction::toggled, this,
                            [this, c](bool on) { m_view->setColumnHidden(c, !on); });
                }
                menu.exec(m_view->horizontalHeader()->mapToGlobal(pos));
            });
    // The index sorts only some columns; put the indicator back when another is clicked.
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int column, Qt::SortOrder) {
                if (!isSortableColumn(AlarmColumn(column))) {
                    const QSignalBlocker block(m_view->horizontalHeader());
                    m_view->horizontalHeader()->setSortIndicator(int(m_model->query().sortColumn),
                                                                 m_model->query().sortOrder);
                }
            });
    connect(m_view, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        for (QAction *a : std::as_const(m_actions))
            menu.addAction(a);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });

    m_details = new AlarmDetailsView(m_reader, this);
    m_details->hide(); // the window docks it (detailsView())
    connect(m_details, &AlarmDetailsView::showOnMap, this, &AlarmConsole::showOnMap);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AlarmConsole::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_details->showAlarm(current.isValid() ? m_model->alarmId(current.row()) : QString());
            });
    connect(m_model, &AlarmTableModel::rowsUpdated, this, [this] {
        updateHeaderLine();
        // The alarm shown in details may have changed (acknowledged elsewhere, cleared).
        if (!m_details->alarmId().isEmpty())
            m_details->showAlarm(m_details->alarmId());
    });
    connect(m_model, &AlarmTableModel::queryFinished, this, [this] {
        updateHeaderLine();
        updateActions();
    });
    connect(m_model, &AlarmTableModel::loadingChanged, this, &AlarmConsole::updateHeaderLine);
    // Attention: the tone (or the bell) and the window's alert, which works without any sound.
    connect(m_attention, &AlarmAttention::ring, this, [this](int severity) {
        m_player->play(severity);
        QApplication::alert(window());
    });

    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(kCountsIntervalMs);
    connect(&m_countsTimer, &QTimer::timeout, this, &AlarmConsole::refreshCounts);
    // The freshness line names an age ("offline 12 min"): keep it true while nothing else happens.
    m_clock.setInterval(30'000);
    connect(&m_clock, &QTimer::timeout, this, &AlarmConsole::updateHeaderLine);
    m_clock.start();
}

QAction *AlarmConsole::action(Action which) const {
    return m_actions.value(int(which));
}

void AlarmConsole::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AlarmConsole::retranslate() {
    m_views->setText(tr("Views"));
    m_views->setToolTip(tr("Saved views: filters, sort and columns under a name"));
    m_settingsAction->setText(tr("Alarm settings…"));
    m_settingsAction->setToolTip(tr("Sound, volume and how long cleared alarms stay listed"));
    updateSoundButton();
    m_layoutMode->setItemText(0, tr("Flat list"));
    m_layoutMode->setItemText(1, tr("Tree by root cause"));
    m_layoutMode->setToolTip(tr("Tree: correlated alarms are nested under their root cause "
                                "(click the arrow, or press + and -)"));
    const QString texts[] = {tr("Acknowledge"),    tr("Unacknowledge"), tr("Clear"),       tr("Comment…"),
                             tr("Create ticket…"), tr("Copy"),          tr("Export CSV…"), tr("Show on map")};
    for (int i = 0; i < m_actions.size(); ++i)
        m_actions[i]->setText(texts[i]);
    updateActions();
    updateHeaderLine();
    // The model is no widget and gets no LanguageChange: ask the views to read its texts again.
    emit m_model->headerDataChanged(Qt::Horizontal, 0, int(AlarmColumn::Count) - 1);
    m_view->viewport()->update();
}

QLineEdit *AlarmConsole::searchField() const {
    return m_filterBar->searchField();
}

QCheckBox *AlarmConsole::hideChildrenBox() const {
    return m_filterBar->hideChildrenBox();
}

void AlarmConsole::applyFilterBar() {
    AlarmQuery q = m_filterBar->state(m_lights->checkedMask())
                       .applyTo(m_model->query(), QDateTime::currentMSecsSinceEpoch());
    q.clearedLingerMs = m_lingerMs;
    q.tree = m_layoutMode->currentIndex() == 1;
    if (!m_currentView.isEmpty()) {
        // A view stays "current" while its filters are what the bar shows.
        const auto view = AlarmViewStore().view(m_currentView);
        if (!view || !(view->filters == m_filterBar->state(m_lights->checkedMask())))
            m_currentView.clear();
    }
    if (q == m_model->query())
        return;
    m_model->setQuery(q);
}

void AlarmConsole::filterToElement(const QString &elementId) {
    m_filterBar->setElement(elementId);
}

void AlarmConsole::clearFilters() {
    m_filterBar->setState(AlarmFilterState());
    {
        // The tree/flat choice is a way of looking, not a filter: it stays.
        const QSignalBlocker block(m_lights);
        m_lights->setCheckedMask(0);
    }
    applyFilterBar();
}

void AlarmConsole::setClearedLingerMs(qint64 ms) {
    m_lingerMs = std::max<qint64>(0, ms);
    QSettings().setValue(QLatin1String(kLingerKey), int(m_lingerMs / 1000));
    AlarmQuery q = m_model->query();
    if (q.clearedLingerMs == m_lingerMs)
        return;
    q.clearedLingerMs = m_lingerMs;
    m_model->setQuery(q);
}

void AlarmConsole::saveView(const QString &name) {
    AlarmSavedView view;
    view.name = name.trimmed();
    view.filters = m_filterBar->state(m_lights->checkedMask());
    view.sortColumn = m_model->query().sortColumn;
    view.sortOrder = m_model->query().sortOrder;
    view.header = m_view->horizontalHeader()->saveState();
    AlarmViewStore().save(view);
    m_currentView = view.name;
}

bool AlarmConsole::applyView(const QString &name) {
    const auto view = AlarmViewStore().view(name);
    if (!view)
        return false;
    {
        // The saved header carries the view's sort indicator; the sort itself is the query's.
        const QSignalBlocker block(m_view->horizontalHeader());
        if (!view->header.isEmpty())
            m_view->horizontalHeader()->restoreState(view->header);
        m_view->horizontalHeader()->setSortIndicator(int(view->sortColumn), view->sortOrder);
    }
    m_filterBar->setState(view->filters);
    {
        const QSignalBlocker block(m_lights);
        m_lights->setCheckedMask(view->filters.severityMask);
    }
    AlarmQuery q = view->filters.applyTo(m_model->query(), QDateTime::currentMSecsSinceEpoch());
    q.sortColumn = view->sortColumn;
    q.sortOrder = view->sortOrder;
    q.clearedLingerMs = m_lingerMs;
    m_currentView = view->name;
    if (!(q == m_model->query()))
        m_model->setQuery(q);
    return true;
}

bool AlarmConsole::renameView(const QString &from, const QString &to) {
    if (!AlarmViewStore().rename(from, to))
        return false;
    if (m_currentView == from)
        m_currentView = to.trimmed();
    return true;
}

void AlarmConsole::deleteView(const QString &name) {
    AlarmViewStore().remove(name);
    if (m_currentView == name)
        m_currentView.clear();
}

QStringList AlarmConsole::savedViews() const {
    return AlarmViewStore().names();
}

void AlarmConsole::fillViewsMenu() {
    QMenu *menu = m_views->menu();
    menu->clear();
    const QStringList names = savedViews();
    for (const QString &name : names) {
        QAction *a = menu->addAction(name, this, [this, name] { applyView(name); });
        a->setCheckable(true);
        a->setChecked(name == m_currentView);
    }
    if (names.isEmpty())
        menu->addAction(tr("No saved views yet"))->setEnabled(false);
    menu->addSeparator();
    menu->addAction(tr("Save current view as…"), this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("Save view"), tr("Name of the view (filters, sort and columns):"),
                                  QLineEdit::Normal, m_currentView, &ok)
                .trimmed();
        if (ok && !name.isEmpty())
            saveView(name);
    });
    QMenu *rename = menu->addMenu(tr("Rename"));
    QMenu *remove = menu->addMenu(tr("Delete"));
    rename->setEnabled(!names.isEmpty());
    remove->setEnabled(!names.isEmpty());
    for (const QString &name : names) {
        rename->addAction(name, this, [this, name] {
            bool ok = false;
            const QString to =
                QInputDialog::getText(this, tr("Rename view"), tr("New name:"), QLineEdit::Normal, name, &ok);
            if (ok && !renameView(name, to)) {
                logging::logger("ui")->info("alarm views: rename refused (empty or taken name)");
                // Said, not only logged: the menu still showing the old name looked like a fault.
                auto *box = new QMessageBox(QMessageBox::Information, tr("Rename view"),
                                            tr("The view keeps its name \"%1\": the new name is empty or "
                                               "another view already has it.")
                                                .arg(name),
                                            QMessageBox::Ok, this);
                box->setObjectName(QStringLiteral("alarmViewRenameRefused"));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            }
        });
        remove->addAction(name, this, [this, name] { deleteView(name); });
    }
}

void AlarmConsole::showSettings() {
    AlarmSettingsDialog dialog(*m_player, int(m_lingerMs / 60'000), this);
    if (dialog.exec() == QDialog::Accepted)
        setClearedLingerMs(qint64(dialog.lingerMinutes()) * 60'000);
    updateSoundButton();
}

void AlarmConsole::updateSoundButton() {
    const QSignalBlocker block(m_sound);
    m_sound->setChecked(m_player->isMuted());
    m_sound->setText(m_player->isMuted() ? tr("Sound off") : tr("Sound on"));
    m_sound->setToolTip(m_player->isMuted() ? tr("Alarm sounds are muted; click to turn them on")
                                            : tr("Click to mute the alarm sounds"));
}

void AlarmConsole::onCommitted(const ChangeSet &changes) {
    // Batches are committed in the order submitted: the last alarm of the action's last part named in
    // a commit means every part submitted so far is in the cache.
    if (!m_awaitedCommitted && (changes.alarms.updated.contains(m_awaitedAlarm) ||
                                changes.alarms.inserted.contains(m_awaitedAlarm))) {
        m_awaitedCommitted = true;
        if (m_actionState == ActionState::Committing)
            endAction();
    }
    m_model->onCommitted(changes);
    m_attention->onCommitted(changes);
    if (!changes.alarms.isEmpty() && !m_countsTimer.isActive())
        m_countsTimer.start();
}

void AlarmConsole::setSyncStatus(const SyncStatus &status) {
    const bool writeStateChanged = status.cacheWriteError != m_status.cacheWriteError;
    m_status = status;
    m_haveStatus = true;
    updateHeaderLine();
    if (writeStateChanged)
        updateActions();
}

void AlarmConsole::refreshCounts() {
    const QList<SeverityCount> counts = m_reader.activeSeverityCounts();
    m_lights->setCounts(counts);
    const int unackCritical = counts.isEmpty() ? 0 : int(counts.first().unacknowledged);
    if (unackCritical != m_unackCritical) {
        m_unackCritical = unackCritical;
        emit unacknowledgedCriticalChanged(unackCritical);
    }
}

void AlarmConsole::updateHeaderLine() {
    const QLocale locale;
    // Honest numbers only: while the list or the cache's first load is under way, the total is not
    // known yet and no "of N" is claimed.
    const bool filling = m_haveStatus && m_status.phase == SyncPhase::InitialSync;
    if (m_model->isLoading() || m_model->totalAlarms() < 0)
        m_shown->setText(tr("Loading alarms…"));
    else if (filling)
        m_shown->setText(tr("%1 alarms listed · loading…").arg(locale.toString(m_model->rowCount())));
    else
        m_shown->setText(
            tr("%1 of %2 alarms listed")
                .arg(locale.toString(m_model->rowCount()), locale.toString(m_model->totalAlarms())));
    m_freshness->setText(m_haveStatus
                             ? SyncStatusText::freshness(m_status, QDateTime::currentMSecsSinceEpoch())
                             : tr("local cache"));
}

QList<int> AlarmConsole::selectedRows() const {
    QList<int> rows;
    const auto ranges = m_view->selectionModel()->selection();
    for (const auto &r : ranges)
        for (int row = r.top(); row <= r.bottom(); ++row)
            rows.append(row);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

std::vector<qint64> AlarmConsole::selectedAids() const {
    const QList<int> rows = selectedRows();
    std::vector<qint64> aids;
    aids.reserve(size_t(rows.size()));
    for (int row : rows)
        if (const qint64 aid = m_model->keyAt(row).aid) // 0: a row of a first page still filling in
            aids.push_back(aid);
    return aids;
}

void AlarmConsole::updateActions() {
    if (m_actions.isEmpty())
        return;
    // Not selectedRows(): a list of every selected row, sorted, on each selection change.
    const bool selected = m_view->selectionModel()->hasSelection();
    const Permission needs[] = {Permission::AcknowledgeAlarm, Permission::AcknowledgeAlarm,
                                Permission::ClearAlarm, Permission::CommentAlarm, Permission::CreateTicket};
    const QString tips[] = {tr("Acknowledge the selected alarms (Ctrl+K)"),
                            tr("Take back the acknowledgement of the selected alarms (Ctrl+Shift+K)"),
                            tr("Clear the selected alarms by hand (Ctrl+Shift+Del)"),
                            tr("Add a comment to the selected alarms (Ctrl+M)"),
                            tr("Open a ticket for the selected alarms (Ctrl+T)"),
                            tr("Copy the selected rows as text (Ctrl+C)"),
                            tr("Save the selected rows, or the whole list, as CSV (Ctrl+E)"),
                            tr("Show the selected alarm's element on the map (Ctrl+G)")};
    for (int i = 0; i < m_actions.size(); ++i) {
        QAction *a = m_actions[i];
        if (i < 5 && !isAllowed(m_role, needs[i])) {
            a->setEnabled(false);
            a->setToolTip(refusalReason(m_role, needs[i]));
            continue;
        }
        // While the cache cannot be written an action would only queue behind the unsaved one (and a
        // second click, the same requests again); the 2-minute commit wait does not re-enable them.
        if (i < 5 && m_haveStatus && !m_status.cacheWriteError.isEmpty()) {
            a->setEnabled(false);
            a->setToolTip(SyncStatusText::cannotSaveReason(m_status));
            continue;
        }
        if (i < 5 && m_actionState != ActionState::Idle) {
            a->setEnabled(false);
            a->setToolTip(tr("Working on the selected alarms…"));
            continue;
        }
        const bool needsSelection = Action(i) != Action::ExportCsv;
        if (!needsSelection && m_export.isRunning()) {
            a->setEnabled(false);
            a->setToolTip(tr("An export is being written…"));
            continue;
        }
        a->setEnabled(!needsSelection || selected);
        a->setToolTip(needsSelection && !selected ? tr("Select one or more alarms first.") : tips[i]);
    }
}

void AlarmConsole::submitAction(Action which) {
    QAction *a = action(which);
    if (!a || !a->isEnabled())
        return;
    if (which == Action::Copy)
        return copySelection();
    if (which == Action::ExportCsv)
        return exportCsv();
    if (which == Action::ShowOnMap) {
        const QModelIndex current = m_view->currentIndex();
        const int row = current.isValid() ? current.row() : selectedRows().value(0, -1);
        if (row >= 0)
            emit showOnMap(m_model->data(m_model->index(row, 0), AlarmTableModel::ElementIdRole).toString());
        return;
    }
    if (m_actionState != ActionState::Idle)
        return; // the actions are disabled meanwhile; a shortcut may still arrive
    AlarmActionJob job;
    job.aids = selectedAids();
    if (job.aids.empty())
        return;
    job.cachePath = m_cachePath;
    job.context.userId = m_userId;
    switch (which) {
    case Action::Acknowledge:
        job.kind = AlarmActionJob::Kind::Acknowledge;
        break;
    case Action::Unacknowledge:
        job.kind = AlarmActionJob::Kind::Unacknowledge;
        break;
    case Action::Clear:
        job.kind = AlarmActionJob::Kind::Clear;
        break;
    case Action::CreateTicket:
        job.kind = AlarmActionJob::Kind::ReadOnly;
        break;
    case Action::Comment: {
        QString text = m_nextComment;
        m_nextComment.clear();
        if (text.isEmpty()) {
            bool ok = false;
            // Singular and plural as strings of their own: the English source has no plural translation.
            const QString prompt = job.aids.size() == 1
                                       ? tr("Comment on 1 alarm:")
                                       : tr("Comment on %L1 alarms:").arg(qint64(job.aids.size()));
            text = QInputDialog::getMultiLineText(this, tr("Comment on alarms"), prompt, QString(), &ok);
            if (!ok)
                return;
        }
        if (text.trimmed().isEmpty())
            return;
        job.kind = AlarmActionJob::Kind::Comment;
        job.comment = text.trimmed();
        break;
    }
    default:
        return;
    }
    // Only the row ids are taken here; the alarms are read and the batches built on a worker with a
    // connection of its own (a select-all of a storm list read for seconds on the GUI thread). Each
    // part's batch is submitted from here when it is ready (takeActionParts), one transaction with
    // its outbox entries, while the worker reads the next part.
    m_actionState = ActionState::Reading;
    m_runningAction = which;
    m_partsHandled = 0;
    m_actionFailed = false;
    m_actionRead = m_actionChanged = 0;
    m_ticketAlarms.clear();
    m_awaitedAlarm.clear();
    m_awaitedCommitted = true;
    m_actionClock.start();
    job.partSize = m_actionPartSize;
    m_actionRun.setFuture(
        QtConcurrent::run(&m_workThreads, [job = std::move(job)](QPromise<AlarmActionResult> &promise) {
            lowerCurrentThreadPriority();
            runAlarmActionInParts(job,
                                  [&promise](AlarmActionResult part) { promise.addResult(std::move(part)); });
        }));
    updateActions();
}

void AlarmConsole::endAction() {
    m_actionState = ActionState::Idle;
    m_awaitedAlarm.clear();
    m_awaitedCommitted = true;
    m_commitWait.stop();
    updateActions();
}

void AlarmConsole::takeActionParts(bool quitting) {
    if (m_actionState != ActionState::Reading)
        return;
    const QFuture<AlarmActionResult> future = m_actionRun.future();
    while (m_partsHandled < future.resultCount())
        takeActionPart(future.resultAt(m_partsHandled++), quitting);
}

void AlarmConsole::takeActionPart(const AlarmActionResult &part, bool quitting) {
    if (m_actionFailed)
        return;
    auto log = logging::logger("ui");
    if (!part.error.isEmpty()) {
        m_actionFailed = true;
        log->error("alarm console: cannot read the selected alarms: {} ({} submitted before)",
                   part.error.toStdString(), m_actionChanged);
        if (quitting)
            return;
        auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Alarm action"),
            tr("The selected alarms could not be read from the local cache: %1").arg(part.error),
            QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("alarmActionFailed"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    m_actionRead += part.alarms.size();
    if (m_runningAction == Action::CreateTicket) {
        m_ticketAlarms.append(part.alarms);
        return;
    }
    if (part.batch.isEmpty() || !m_submit)
        return;
    m_actionChanged += part.batch.alarms.size();
    // The actions stay disabled until the writer has committed the last part: a second click before
    // then would read the alarms as they were and send the same requests again.
    if (!part.batch.alarms.isEmpty()) {
        m_awaitedAlarm = part.batch.alarms.last().id;
        m_awaitedCommitted = false;
    }
    m_submit(part.batch);
}

void AlarmConsole::onActionDone(bool quitting) {
    if (m_actionState != ActionState::Reading)
        return; // already done at quit
    takeActionParts(quitting);
    releaseActionParts();
    if (m_runningAction == Action::CreateTicket) {
        const QList<Alarm> alarms = std::exchange(m_ticketAlarms, {});
        endAction();
        if (!quitting && !m_actionFailed && !alarms.isEmpty())
            emit createTicketRequested(alarms);
        return;
    }
    if (m_actionChanged > 0)
        logging::logger("ui")->info("alarm console: action {} on {} alarms, {} changed, read in {} ms",
                                    int(m_runningAction), m_actionRead, m_actionChanged,
                                    m_actionClock.elapsed());
    if (quitting || m_awaitedCommitted) {
        endAction();
        return;
    }
    m_actionState = ActionState::Committing;
    m_commitWait.start();
    updateActions();
}

void AlarmConsole::releaseActionParts() {
    // Every part stays in the future's results until the future is replaced by the next action: after
    // a select-all of 400,000 alarms each alarm twice (as read and in its batch), and ~0.4 s of
    // destructors on the GUI thread whenever they went. Taken and freed on a pool thread instead
    // (takeResult moves the first and discards the rest there).
    QFuture<AlarmActionResult> spent = m_actionRun.future();
    if (spent.isValid() && spent.isFinished() && spent.resultCount() > 0)
        (void)QtConcurrent::run(&m_workThreads, [spent]() mutable {
            lowerCurrentThreadPriority();
            (void)spent.takeResult();
        });
}

QStringList AlarmConsole::rowTexts(int row) const {
    QStringList fields;
    for (int c = 0; c < int(AlarmColumn::Count); ++c)
        fields.append(m_model->data(m_model->index(row, c)).toString());
    return fields;
}

void AlarmConsole::copySelection() {
    QStringList lines;
    QStringList header;
    for (int c = 0; c < int(AlarmColumn::Count); ++c)
        header.append(m_model->headerData(c, Qt::Horizontal).toString());
    lines.append(header.join(QLatin1Char('\t')));
    for (int row : selectedRows())
        lines.append(rowTexts(row).join(QLatin1Char('\t')));
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void AlarmConsole::exportCsv() {
    if (m_export.isRunning())
        return; // the action is disabled meanwhile; a shortcut may still arrive
    QString path = m_nextExportFile;
    m_nextExportFile.clear();
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export alarms"), QStringLiteral("alarms.csv"),
                                            tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    // The rows as they stand now (keys: ~40 bytes each); their text is read and the file written on a
    // worker, since a whole list is seconds of reads.
    AlarmCsvJob job;
    job.cachePath = m_cachePath;
    job.path = path;
    // English whatever the language (AlarmTableModel::ExportTextRole): the file goes to tools,
    // vendors and colleagues; the X.733 words are the lingua franca there.
    job.header = QStringList{QStringLiteral("Alarm id")};
    for (int c = 0; c < int(AlarmColumn::Count); ++c)
        job.header.append(m_model->headerData(c, Qt::Horizontal, AlarmTableModel::ExportTextRole).toString());
    const auto addRow = [&](int row) {
        if (!m_model->isPlaceholder(row))
            job.keys.push_back(m_model->keyAt(row));
    };
    const QList<int> rows = selectedRows();
    if (rows.isEmpty()) {
        job.keys.reserve(size_t(m_model->rowCount()));
        for (int r = 0; r < m_model->rowCount(); ++r)
            addRow(r);
    } else {
        for (int r : rows)
            addRow(r);
    }
    m_exportPath = path;
    m_exportRows = qsizetype(job.keys.size());
    m_export.setFuture(QtConcurrent::run(&m_workThreads, [job = std::move(job)] {
        lowerCurrentThreadPriority();
        return writeAlarmCsv(job);
    }));
    updateActions();
}

void AlarmConsole::onExportDone() {
    const QString error = m_export.result();
    updateActions();
    if (!error.isEmpty()) {
        reportExportFailure(m_exportPath, error);
    } else {
        logging::logger("ui")->info("alarm export: {} rows written to {}", m_exportRows,
                                    m_exportPath.toStdString());
        // A success must be seen too (a long export ends while the user is elsewhere), but asks
        // for nothing: a status bar line, no dialog to close.
        // Two strings, not "%n alarm(s)": the English source has no plural translation of its own.
        const QString where = QDir::toNativeSeparators(m_exportPath);
        emit notice(
            m_exportRows == 1
                ? tr("Exported 1 alarm to %1").arg(where)
                : tr("Exported %1 alarms to %2").arg(QLocale().toString(qint64(m_exportRows)), where));
    }
    emit exportFinished(m_exportPath, error.isEmpty());
}

void AlarmConsole::reportExportFailure(const QString &path, const QString &reason) {
    logging::logger("ui")->error("alarm export: cannot write {}: {}", path.toStdString(),
                                 reason.toStdString());
    // Not QMessageBox::warning(): its nested event loop would hold up the caller (and a test).
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Export alarms"),
        tr("The alarms could not be written to %1: %2").arg(QDir::toNativeSeparators(path), reason),
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("alarmExportFailed"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void AlarmConsole::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("alarms/headerVersion"), kLayoutVersion);
    settings.setValue(QStringLiteral("alarms/header"), m_view->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("alarms/tree"), m_layoutMode->currentIndex() == 1);
    settings.setValue(QStringLiteral("alarms/hideCorrelatedChildren"),
                      m_filterBar->state(0).hideCorrelatedChildren);
}

void AlarmConsole::toggleCurrentRoot(bool expand) {
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    int row = current.row();
    // "-" on a child closes its root.
    if (!expand && m_model->treeNode(row) == AlarmTableModel::Child) {
        while (row > 0 && m_model->treeNode(row) == AlarmTableModel::Child)
            --row;
        m_view->setCurrentIndex(m_model->index(row, current.column()));
    }
    m_model->setExpanded(row, expand);
}

void AlarmConsole::restoreLayout() {
    QSettings settings;
    // Blocked: the saved state carries a sort indicator, and the view would sort by it; columns,
    // widths and order come back, the sort is the model's query.
    const QSignalBlocker block(m_view->horizontalHeader());
    if (settings.value(QStringLiteral("alarms/headerVersion")).toInt() == kLayoutVersion)
        m_view->horizontalHeader()->restoreState(
            settings.value(QStringLiteral("alarms/header")).toByteArray());
    m_view->horizontalHeader()->setSortIndicator(int(m_model->query().sortColumn),
                                                 m_model->query().sortOrder);
    const bool tree = settings.value(QStringLiteral("alarms/tree"), false).toBool();
    const bool hide = settings.value(QStringLiteral("alarms/hideCorrelatedChildren"), false).toBool();
    {
        const QSignalBlocker block(m_layoutMode);
        m_layoutMode->setCurrentIndex(tree ? 1 : 0);
    }
    AlarmFilterState filters = m_filterBar->state(0);
    filters.hideCorrelatedChildren = hide;
    m_filterBar->setState(filters);
    // Before open(): the model keeps the query and runs it when the cache is open.
    AlarmQuery q = m_model->query();
    q.tree = tree;
    q.hideCorrelatedChildren = hide;
    m_model->setInitialQuery(q);
}

} // namespace noc
