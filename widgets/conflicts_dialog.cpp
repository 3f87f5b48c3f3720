#include "conflicts_dialog.h"

#include "cache/cache_reader.h"
#include "sync/local_actions.h"
#include "sync/sync_session.h"
#include "ticket_row.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace noc {

namespace {

QString statusText(const QString &code) {
    const auto status = parseTicketStatus(code);
    return status ? ticketStatusDisplayName(*status) : code;
}

// What the user meant, in words ("Status → Resolved, reason: splice done", "Acknowledge"), from the
// request body; the JSON field names ("ackState: acknowledged, ackUserId: …") were the server's
// words, English in any language. Who and which system did it is the user and this console: not said.
QString describeIntent(const QByteArray &payload) {
    const QJsonObject body =
        QJsonDocument::fromJson(payload).object().value(QLatin1String("body")).toObject();
    QStringList parts;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = it.key();
        const QString value = it.value().toString();
        if (key == QLatin1String("ackState"))
            parts << (value == QLatin1String("acknowledged") ? ConflictsDialog::tr("Acknowledge")
                                                             : ConflictsDialog::tr("Unacknowledge"));
        else if (key == QLatin1String("state") && value == QLatin1String("cleared"))
            parts << ConflictsDialog::tr("Clear");
        else if (key == QLatin1String("status"))
            parts << ConflictsDialog::tr("Status → %1").arg(statusText(value));
        else if (key == QLatin1String("statusChangeReason"))
            parts << ConflictsDialog::tr("reason: %1").arg(value);
        else if (key == QLatin1String("comment") && it.value().isObject())
            parts << ConflictsDialog::tr("Comment: %1").arg(it.value()[QLatin1String("comment")].toString());
        else if (it.value().isString() && !key.endsWith(QLatin1String("UserId")) &&
                 !key.endsWith(QLatin1String("SystemId")))
            parts << QStringLiteral("%1: %2").arg(key, value);
    }
    return parts.join(QStringLiteral(", "));
}

QString describeServerState(const QByteArray &json) {
    const QJsonObject state = QJsonDocument::fromJson(json).object();
    if (state.contains(QLatin1String("status")))
        return ConflictsDialog::tr("Status: %1")
            .arg(statusText(state.value(QLatin1String("status")).toString()));
    if (state.contains(QLatin1String("state")))
        return ConflictsDialog::tr("State: %1").arg(state.value(QLatin1String("state")).toString());
    return {};
}

QString describeTarget(const ConflictRecord &c) {
    if (c.targetKind == QLatin1String("ticket"))
        return ConflictsDialog::tr("Ticket %1").arg(c.targetId);
    if (c.targetKind == QLatin1String("alarm"))
        return ConflictsDialog::tr("Alarm %1").arg(c.targetId);
    return QStringLiteral("%1 %2").arg(c.targetKind, c.targetId);
}

} // namespace

ConflictsDialog::ConflictsDialog(SyncSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_reapply(new QPushButton(this))
    , m_discard(new QPushButton(this))
    , m_close(new QPushButton(this)) {
    setObjectName("conflictsDialog");
    m_reapply->setObjectName(QStringLiteral("conflictReapply"));
    m_discard->setObjectName(QStringLiteral("conflictDiscard"));
    m_summary->setWordWrap(true);
    m_table->setColumnCount(5);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reapply);
    buttons->addWidget(m_discard);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    resize(900, 420);

    connect(m_reapply, &QPushButton::clicked, this, [this] {
        for (int row : selectedRows())
            reapply(row);
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        for (int row : selectedRows())
            discard(row);
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ConflictsDialog::updateButtons);
    connect(&m_session, &SyncSession::committed, this, [this](const ChangeSet &changes) {
        if (changes.conflictsChanged)
            reload();
    });
    retranslateUi();
    reload();
}

int ConflictsDialog::conflictCount() const {
    return m_conflicts.size();
}

QList<int> ConflictsDialog::selectedRows() const {
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    return rows;
}

void ConflictsDialog::reload() {
    // A handful of rows at most: reading them here is cheap.
    CacheReader reader;
    m_conflicts = reader.open(m_session.cachePath()) ? reader.conflicts() : QList<ConflictRecord>();
    m_table->setRowCount(m_conflicts.size());
    for (int row = 0; row < m_conflicts.size(); ++row) {
        const ConflictRecord &c = m_conflicts[row];
        const QStringList cells{
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(c.createdMs), QLocale::ShortFormat),
            describeTarget(c), describeIntent(c.userIntent), describeServerState(c.serverState), c.message};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_table->resizeColumnsToContents();
    retranslateUi();
    updateButtons();
}

void ConflictsDialog::reapply(int row) {
    if (row < 0 || row >= m_conflicts.size())
        return;
    actions::Context context;
    context.userId = m_session.profile().userId;
    m_session.submit(actions::reapplyConflict(m_conflicts[row], context));
}

void ConflictsDialog::discard(int row) {
    if (row >= 0 && row < m_conflicts.size())
        m_session.submit(actions::discardConflict(m_conflicts[row]));
}

void ConflictsDialog::updateButtons() {
    const bool any = !selectedRows().isEmpty();
    m_reapply->setEnabled(any);
    m_discard->setEnabled(any);
    // A greyed-out button says why.
    const QString select = m_conflicts.isEmpty() ? tr("There is nothing to apply or discard.")
                                                 : tr("Select one or more conflicts first.");
    m_reapply->setToolTip(any ? tr("Send your change again, over the server's version") : select);
    m_discard->setToolTip(any ? tr("Drop your change; the server's version stays") : select);
}

void ConflictsDialog::retranslateUi() {
    setWindowTitle(tr("Conflicts"));
    m_summary->setText(
        m_conflicts.isEmpty()
            ? tr("No conflicts: every change you made was accepted by the server or is still waiting.")
            : tr("The server refused these changes because the alarm or ticket changed first. The "
                 "server's version is shown in the console; choose what to do with yours."));
    m_table->setHorizontalHeaderLabels(
        {tr("When"), tr("Target"), tr("Your change"), tr("Server now"), tr("Server's reason")});
    m_reapply->setText(tr("Apply again"));
    m_discard->setText(tr("Discard"));
    m_close->setText(tr("Close"));
}

void ConflictsDialog::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        reload(); // the rows' words too (a handful of rows)
    QDialog::changeEvent(event);
}

} // namespace noc
