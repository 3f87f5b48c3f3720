#include "alarm_console.h"

#include "alarm_attention.h"

#include "alarm_details_view.h"
#include "alarm_style.h"
#include "alarm_table_model.h"
#include "logging.h"
#include "severity_lights.h"
#include "sync/local_actions.h"
#include "sync/sync_session.h"
#include "sync_status_text.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
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
#include <QSaveFile>
#include <QSettings>
#include <QShortcut>
#include <QTableView>
#include <QTextStream>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace noc {

namespace {

// Why 250 ms: typing "link down" must not run a search per key, yet the list should follow the
// typing without feeling late.
constexpr int kSearchDebounceMs = 250;
// The lights read 12 counters kept by the writer: cheap, but once per storm batch is enough.
constexpr int kCountsIntervalMs = 500;
constexpr int kLayoutVersion = 1;

QString csvField(const QString &text) {
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n'))) {
        QString quoted = text;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return text;
}

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
    m_attention = new AlarmAttention(cachePath, this);
    build();
    retranslate();
    restoreLayout();
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

    auto *filters = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("alarmSearch"));
    m_activity = new QComboBox(this);
    m_ack = new QComboBox(this);
    m_region = new QComboBox(this);
    m_element = new QLineEdit(this);
    m_element->setClearButtonEnabled(true);
    m_hideChildren = new QCheckBox(this);
    m_hideChildren->setObjectName(QStringLiteral("alarmHideChildren"));
    m_layoutMode = new QComboBox(this);
    m_layoutMode->setObjectName(QStringLiteral("alarmLayoutMode"));
    m_layoutMode->addItem(QString());
    m_layoutMode->addItem(QString());
    m_clearFilters = new QToolButton(this);
    filters->addWidget(m_search, 3);
    filters->addWidget(m_activity);
    filters->addWidget(m_ack);
    filters->addWidget(m_region);
    filters->addWidget(m_element, 1);
    filters->addWidget(m_layoutMode);
    filters->addWidget(m_hideChildren);
    filters->addWidget(m_clearFilters);
    layout->addLayout(filters);
    for (int i = 0; i < 3; ++i)
        m_activity->addItem(QString());
    for (int i = 0; i < 3; ++i)
        m_ack->addItem(QString());
    m_region->addItem(QString());
    QStringList regions;
    for (const Site &s : m_reader.sites())
        if (!s.region.isEmpty() && !regions.contains(s.region))
            regions.append(s.region);
    regions.sort();
    for (const QString &r : regions)
        m_region->addItem(r, r);

    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(kSearchDebounceMs);
    connect(&m_searchDebounce, &QTimer::timeout, this, &AlarmConsole::applyFilterBar);
    connect(m_search, &QLineEdit::textChanged, &m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_element, &QLineEdit::textChanged, &m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_activity, &QComboBox::currentIndexChanged, this, &AlarmConsole::applyFilterBar);
    connect(m_ack, &QComboBox::currentIndexChanged, this, &AlarmConsole::applyFilterBar);
    connect(m_region, &QComboBox::currentIndexChanged, this, &AlarmConsole::applyFilterBar);
    connect(m_hideChildren, &QCheckBox::toggled, this, &AlarmConsole::applyFilterBar);
    connect(m_layoutMode, &QComboBox::currentIndexChanged, this, &AlarmConsole::applyFilterBar);
    connect(m_clearFilters, &QToolButton::clicked, this, &AlarmConsole::clearFilters);

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
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_toolbar, 1);
    bar->addWidget(m_shown);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("alarmTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(int(AlarmColumn::Severity), Qt::AscendingOrder);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setItemDelegateForColumn(int(AlarmColumn::Severity), new SeverityDelegate(m_view));
    // A million rows: fixed row heights keep QHeaderView from measuring each one.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    const int widths[] = {120, 80, 110, 150, 150, 130, 140, 150, 170, 260, 90, 100};
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
    m_search->setPlaceholderText(tr("Search alarms: cause, problem, element…"));
    m_activity->setItemText(0, tr("Active"));
    m_activity->setItemText(1, tr("Cleared"));
    m_activity->setItemText(2, tr("Active and cleared"));
    m_activity->setToolTip(tr("Which alarms to list"));
    m_ack->setItemText(0, tr("Any acknowledgement"));
    m_ack->setItemText(1, tr("Unacknowledged"));
    m_ack->setItemText(2, tr("Acknowledged"));
    m_region->setItemText(0, tr("All regions"));
    m_element->setPlaceholderText(tr("Element id"));
    m_hideChildren->setText(tr("Hide correlated children"));
    m_hideChildren->setToolTip(tr("List root causes and uncorrelated alarms only"));
    m_layoutMode->setItemText(0, tr("Flat list"));
    m_layoutMode->setItemText(1, tr("Tree by root cause"));
    m_layoutMode->setToolTip(tr("Tree: correlated alarms are nested under their root cause "
                                "(click the arrow, or press + and -)"));
    m_clearFilters->setText(tr("Clear filters"));
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

void AlarmConsole::applyFilterBar() {
    AlarmQuery q = m_model->query();
    q.severityMask = m_lights->checkedMask();
    q.activity = m_activity->currentIndex() == 1   ? AlarmActivity::Cleared
                 : m_activity->currentIndex() == 2 ? AlarmActivity::All
                                                   : AlarmActivity::Active;
    q.ack = m_ack->currentIndex() == 1   ? std::optional(AckState::Unacknowledged)
            : m_ack->currentIndex() == 2 ? std::optional(AckState::Acknowledged)
                                         : std::nullopt;
    q.region = m_region->currentData().toString();
    q.elementId = m_element->text().trimmed();
    q.text = m_search->text().trimmed();
    q.hideCorrelatedChildren = m_hideChildren->isChecked();
    q.tree = m_layoutMode->currentIndex() == 1;
    if (q == m_model->query())
        return;
    m_model->setQuery(q);
}

void AlarmConsole::filterToElement(const QString &elementId) {
    m_element->setText(elementId);
    m_searchDebounce.stop();
    applyFilterBar();
}

void AlarmConsole::clearFilters() {
    {
        // The tree/flat choice is a way of looking, not a filter: it stays.
        const QSignalBlocker b1(m_search), b2(m_element), b3(m_activity), b4(m_ack), b5(m_region),
            b6(m_hideChildren);
        m_search->clear();
        m_element->clear();
        m_activity->setCurrentIndex(0);
        m_ack->setCurrentIndex(0);
        m_region->setCurrentIndex(0);
        m_hideChildren->setChecked(false);
    }
    m_lights->setCheckedMask(0);
    m_searchDebounce.stop();
    applyFilterBar();
}

void AlarmConsole::onCommitted(const ChangeSet &changes) {
    m_model->onCommitted(changes);
    m_attention->onCommitted(changes);
    if (!changes.alarms.isEmpty() && !m_countsTimer.isActive())
        m_countsTimer.start();
}

void AlarmConsole::setSyncStatus(const SyncStatus &status) {
    m_status = status;
    m_haveStatus = true;
    updateHeaderLine();
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
    m_shown->setText(m_model->isLoading() ? tr("Loading alarms…")
                                          : tr("%1 of %2 alarms listed")
                                                .arg(locale.toString(m_model->rowCount()),
                                                     locale.toString(m_model->totalAlarms())));
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

QList<Alarm> AlarmConsole::selectedAlarms() const {
    QList<Alarm> alarms;
    auto &reader = const_cast<CacheReader &>(m_reader);
    for (int row : selectedRows())
        if (auto a = reader.alarm(m_model->alarmId(row)))
            alarms.append(*a);
    return alarms;
}

void AlarmConsole::updateActions() {
    if (m_actions.isEmpty())
        return;
    const int selected = int(selectedRows().size());
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
        const bool needsSelection = Action(i) != Action::ExportCsv;
        a->setEnabled(!needsSelection || selected > 0);
        a->setToolTip(needsSelection && selected == 0 ? tr("Select one or more alarms first.") : tips[i]);
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
    const QList<Alarm> alarms = selectedAlarms();
    if (alarms.isEmpty())
        return;
    if (which == Action::CreateTicket) {
        emit createTicketRequested(alarms);
        return;
    }
    actions::Context context;
    context.userId = m_userId;
    CacheBatch batch;
    switch (which) {
    case Action::Acknowledge:
        batch = actions::acknowledgeAlarms(alarms, context);
        break;
    case Action::Unacknowledge:
        batch = actions::unacknowledgeAlarms(alarms, context);
        break;
    case Action::Clear:
        batch = actions::clearAlarms(alarms, context);
        break;
    case Action::Comment: {
        QString text = m_nextComment;
        m_nextComment.clear();
        if (text.isEmpty()) {
            bool ok = false;
            text = QInputDialog::getMultiLineText(this, tr("Comment on alarms"),
                                                  tr("Comment on %n alarm(s):", nullptr, int(alarms.size())),
                                                  QString(), &ok);
            if (!ok)
                return;
        }
        if (text.trimmed().isEmpty())
            return;
        batch = actions::commentAlarms(alarms, text.trimmed(), context);
        break;
    }
    default:
        return;
    }
    if (!batch.isEmpty() && m_submit) {
        logging::logger("ui")->info("alarm console: action {} on {} alarms", int(which), alarms.size());
        m_submit(batch);
    }
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
    QString path = m_nextExportFile;
    m_nextExportFile.clear();
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export alarms"), QStringLiteral("alarms.csv"),
                                            tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QList<int> rows = selectedRows();
    if (rows.isEmpty()) {
        rows.reserve(m_model->rowCount());
        for (int r = 0; r < m_model->rowCount(); ++r)
            rows.append(r);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        logging::logger("ui")->error("alarm export: cannot write {}", path.toStdString());
        return;
    }
    QTextStream out(&file);
    QStringList header{tr("Alarm id")};
    for (int c = 0; c < int(AlarmColumn::Count); ++c)
        header.append(m_model->headerData(c, Qt::Horizontal).toString());
    out << header.join(QLatin1Char(',')) << '\n';
    for (int row : std::as_const(rows)) {
        QStringList fields{m_model->alarmId(row)};
        for (const QString &f : rowTexts(row))
            fields.append(csvField(f));
        out << fields.join(QLatin1Char(',')) << '\n';
    }
    out.flush();
    file.commit();
}

void AlarmConsole::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("alarms/headerVersion"), kLayoutVersion);
    settings.setValue(QStringLiteral("alarms/header"), m_view->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("alarms/tree"), m_layoutMode->currentIndex() == 1);
    settings.setValue(QStringLiteral("alarms/hideCorrelatedChildren"), m_hideChildren->isChecked());
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
        const QSignalBlocker b1(m_layoutMode), b2(m_hideChildren);
        m_layoutMode->setCurrentIndex(tree ? 1 : 0);
        m_hideChildren->setChecked(hide);
    }
    // Before open(): the model keeps the query and runs it when the cache is open.
    AlarmQuery q = m_model->query();
    q.tree = tree;
    q.hideCorrelatedChildren = hide;
    m_model->setQuery(q);
}

} // namespace noc
