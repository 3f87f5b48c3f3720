#include "conflicts_dialog.h"

#include "cache/cache_reader.h"
#include "sync/local_actions.h"
#include "sync/sync_session.h"

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
// "status: resolved, statusChangeReason: splice done" from the intent's request body.
QString describeIntent(const QByteArray &payload) {
    const QJsonObject body =
        QJsonDocument::fromJson(payload).object().value(QLatin1String("body")).toObject();
    QStringList parts;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.value().isString())
            parts << QStringLiteral("%1: %2").arg(it.key(), it.value().toString());
        else if (it.value().isObject() && it.key() == QLatin1String("comment"))
            parts << QStringLiteral("comment: %1").arg(it.value()[QLatin1String("comment")].toString());
    }
    return parts.join(QStringLiteral(", "));
}

QString describeServerState(const QByteArray &json) {
    const QJsonObject state = QJsonDocument::fromJson(json).object();
    for (const char *field : {"status", "state"})
        if (state.contains(QLatin1String(field)))
            return QStringLiteral("%1: %2").arg(QLatin1String(field),
                                                state.value(QLatin1String(field)).toString());
    return {};
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
            QStringLiteral("%1 %2").arg(c.targetKind, c.targetId), describeIntent(c.userIntent),
            describeServerState(c.serverState), c.message};
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
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace noc
