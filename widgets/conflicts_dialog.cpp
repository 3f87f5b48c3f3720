#include "conflicts_dialog.h"

#include "cache/cache_reader.h"
#include "display_time.h"
#include "domain/tmf_codec.h"
#include "sync/local_actions.h"
#include "sync/ops_api_client.h"
#include "sync/roles.h"
#include "sync/sync_session.h"
#include "ticket_row.h"
#include "tickets/ticket_editor_dialog.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace noc {

namespace {

QString statusText(const QString &code) {
    const auto status = parseTicketStatus(code);
    return status ? ticketStatusDisplayName(*status) : code;
}

// A field of a ticket edit under the ticket editor's own label, its value in the editor's words
// ("Severity: Major", "Title: Fibre cut"): the TMF names ("severity: major") are the server's, English
// in every language. Empty for a field that is no ticket edit's.
// How much of a long text a cell shows; its tooltip has it whole.
enum class Length { Cell, Whole };

QString describeTicketField(const QString &key, const QJsonValue &value, Length length) {
    const auto labelled = [](const QString &label, const QString &text) {
        return ConflictsDialog::tr("%1: %2", "field label: value").arg(label, text);
    };
    // The patch removed it. A removed party list is the editor's "no assignee, no team": read below.
    if (value.isNull() && key != QLatin1String("relatedParty")) {
        const QString label = key == QLatin1String("expectedResolutionDate")
                                  ? ConflictsDialog::tr("Expected resolution")
                                  : TicketEditorDialog::fieldLabel(key);
        return ConflictsDialog::tr("%1 removed").arg(label.isEmpty() ? key : label);
    }
    const QString text = value.toString();
    if (key == QLatin1String("name"))
        return labelled(TicketEditorDialog::fieldLabel(key), text);
    if (key == QLatin1String("description")) {
        // One line, and in the cell a long one cut short: the columns size to their longest line.
        constexpr int kMaxChars = 60;
        const QString line = text.simplified();
        if (length == Length::Whole || line.size() <= kMaxChars)
            return labelled(TicketEditorDialog::fieldLabel(key), line);
        // Cut after a word where there is one (Chinese text has no spaces: cut anywhere).
        const int space = line.lastIndexOf(QLatin1Char(' '), kMaxChars);
        const QString start = line.left(space > kMaxChars / 2 ? space : kMaxChars);
        return labelled(TicketEditorDialog::fieldLabel(key), start + QChar(0x2026));
    }
    if (key == QLatin1String("severity"))
        return labelled(TicketEditorDialog::fieldLabel(key), TicketEditorDialog::severityText(text));
    if (key == QLatin1String("priority"))
        return labelled(TicketEditorDialog::fieldLabel(key), TicketEditorDialog::priorityText(text));
    if (key == QLatin1String("ticketType"))
        return labelled(TicketEditorDialog::fieldLabel(key), TicketEditorDialog::ticketTypeText(text));
    if (key == QLatin1String("expectedResolutionDate"))
        return labelled(ConflictsDialog::tr("Expected resolution"), localDateTimeText(tmf::parseTime(text)));
    if (key == QLatin1String("relatedParty")) {
        // The whole list is sent; the editor sets its assignee and team.
        QString assignee = ConflictsDialog::tr("none"), team = ConflictsDialog::tr("none");
        for (const QJsonValue &party : value.toArray()) {
            const QString role = party[QLatin1String("role")].toString();
            const QString name = party[QLatin1String("name")].toString();
            const QString shown = name.isEmpty() ? party[QLatin1String("id")].toString() : name;
            if (role == QLatin1String("assignee"))
                assignee = shown;
            else if (role == QLatin1String("team"))
                team = shown;
        }
        return labelled(TicketEditorDialog::fieldLabel(QStringLiteral("assignee")), assignee) +
               ConflictsDialog::tr(", ") +
               labelled(TicketEditorDialog::fieldLabel(QStringLiteral("team")), team);
    }
    if (key == QLatin1String("relatedEntity")) {
        QStringList ids;
        for (const QJsonValue &entity : value.toArray())
            ids << entity[QLatin1String("id")].toString();
        return labelled(TicketEditorDialog::fieldLabel(key),
                        ids.isEmpty() ? ConflictsDialog::tr("none") : ids.join(ConflictsDialog::tr(", ")));
    }
    return {};
}

// What the user meant, in words ("Status → Resolved, reason: splice done", "Acknowledge"), from the
// request body; the JSON field names ("ackState: acknowledged, ackUserId: …") were the server's
// words, English in any language. Who and which system did it is the user and this console: not said.
QString describeIntent(const QByteArray &payload, Length length) {
    const QJsonObject body =
        QJsonDocument::fromJson(payload).object().value(QLatin1String("body")).toObject();
    QStringList parts;
    QStringList fields; // a ticket edit's, one a line: each may be long (a description)
    // A ticket edit's fields in the editor's order (the body's is alphabetical).
    static const char *const kTicketFields[] = {"name",
                                                "severity",
                                                "priority",
                                                "ticketType",
                                                "relatedParty",
                                                "description",
                                                "expectedResolutionDate",
                                                "relatedEntity"};
    QSet<QString> described;
    for (const char *field : kTicketFields) {
        const QString key = QLatin1String(field);
        if (body.contains(key))
            if (const QString text = describeTicketField(key, body.value(key), length); !text.isEmpty()) {
                fields << text;
                described.insert(key);
            }
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = it.key();
        const QString value = it.value().toString();
        if (described.contains(key))
            continue;
        if (key == QLatin1String("ackState"))
            parts << (value == QLatin1String("acknowledged") ? ConflictsDialog::tr("Acknowledge")
                                                             : ConflictsDialog::tr("Unacknowledge"));
        else if (key == QLatin1String("state") && value == QLatin1String("cleared"))
            parts << ConflictsDialog::tr("Clear");
        else if (key == QLatin1String("status"))
            parts << ConflictsDialog::tr("Status → %1").arg(statusText(value));
        else if (key == QLatin1String("statusChangeReason"))
            parts << ConflictsDialog::tr("reason: %1").arg(value);
        else if (key == QLatin1String("note") && !it.value().toArray().isEmpty()) // the new note last
            parts << ConflictsDialog::tr("Note: %1")
                         .arg(it.value().toArray().last()[QLatin1String("text")].toString());
        else if (key == QLatin1String("comment") && it.value().isObject())
            parts << ConflictsDialog::tr("Comment: %1").arg(it.value()[QLatin1String("comment")].toString());
        else if (it.value().isString() && !key.endsWith(QLatin1String("UserId")) &&
                 !key.endsWith(QLatin1String("SystemId")))
            parts << QStringLiteral("%1: %2").arg(key, value); // a field this console never sends
    }
    if (!parts.isEmpty())
        fields.prepend(parts.join(ConflictsDialog::tr(", ")));
    return fields.join(QLatin1Char('\n'));
}

// A new ticket's request holds the whole ticket: its title says which one.
QString describeIntent(const QString &kind, const QByteArray &payload, Length length = Length::Cell) {
    if (kind == QLatin1String("ticket.create")) {
        const QJsonObject body =
            QJsonDocument::fromJson(payload).object().value(QLatin1String("body")).toObject();
        return ConflictsDialog::tr("Create ticket “%1”").arg(body.value(QLatin1String("name")).toString());
    }
    return describeIntent(payload, length);
}

QString describeServerState(const QByteArray &json) {
    const QJsonObject state = QJsonDocument::fromJson(json).object();
    if (state.contains(QLatin1String("status")))
        return ConflictsDialog::tr("Status: %1")
            .arg(statusText(state.value(QLatin1String("status")).toString()));
    if (state.contains(QLatin1String("state"))) {
        // An alarm's state, in words like the rest of the row.
        const QString code = state.value(QLatin1String("state")).toString();
        const QString word = code == QLatin1String("raised")    ? ConflictsDialog::tr("Raised")
                             : code == QLatin1String("updated") ? ConflictsDialog::tr("Updated")
                             : code == QLatin1String("cleared") ? ConflictsDialog::tr("Cleared")
                                                                : code;
        return ConflictsDialog::tr("State: %1").arg(word);
    }
    return {};
}

QString describeTarget(const QString &targetKind, const QString &targetId) {
    if (targetKind == QLatin1String("ticket"))
        return actions::isLocalTicketId(targetId) ? ConflictsDialog::tr("New ticket")
                                                  : ConflictsDialog::tr("Ticket %1").arg(targetId);
    if (targetKind == QLatin1String("alarm"))
        return ConflictsDialog::tr("Alarm %1").arg(targetId);
    return QStringLiteral("%1 %2").arg(targetKind, targetId);
}

// Why a change did not go through, saying whose reason it is: the server's answer ("The server
// said: …", its words quoted as they came) or the console's own (OutboxReason: "The console …").
// Both sit in one column, and a person acts on them differently (ask the server's admin, or look
// for the ticket).
QString describeStoredReason(const QString &stored) {
    const ApiResponse::StoredError parsed = ApiResponse::parseStoredError(stored);
    switch (parsed.origin) {
    case ApiResponse::StoredError::Origin::Console:
        return parsed.consoleReason->describe();
    case ApiResponse::StoredError::Origin::Network:
        return parsed.network->describe();
    case ApiResponse::StoredError::Origin::Older:
        return stored; // plain words an older console stored
    case ApiResponse::StoredError::Origin::Server:
        break;
    }
    return parsed.serverWords.isEmpty()
               ? ConflictsDialog::tr("The server said no (HTTP %1) without giving a reason.")
                     .arg(parsed.httpStatus)
               : ConflictsDialog::tr("The server said: “%1” (HTTP %2)")
                     .arg(parsed.serverWords, QString::number(parsed.httpStatus));
}

// The server's refusal in plain words; its own message only where it says more than the status.
QString describeRefusal(const RefusedChange &change) {
    const bool ticket = change.entry.targetKind == QLatin1String("ticket");
    switch (change.reason()) {
    case RefusedChange::Reason::TargetGone:
        return ticket ? ConflictsDialog::tr("The server said it no longer has this ticket.")
                      : ConflictsDialog::tr("The server said it no longer has this alarm.");
    case RefusedChange::Reason::NotAllowed:
        return ConflictsDialog::tr("The server said your role may not do this.");
    case RefusedChange::Reason::Rejected:
    case RefusedChange::Reason::NotConfirmed:
    case RefusedChange::Reason::NoTicket:
        break;
    }
    return describeStoredReason(change.entry.lastError);
}

// What the cache shows now that the server said no.
QString describeRefusedServerState(const RefusedChange &change) {
    if (change.reason() == RefusedChange::Reason::TargetGone)
        return ConflictsDialog::tr("Gone");
    if (change.reason() == RefusedChange::Reason::NotConfirmed &&
        change.consoleReason->code == OutboxReason::Code::CreateNotConfirmed)
        return ConflictsDialog::tr("Created, not named");
    return ConflictsDialog::tr("Unchanged");
}

} // namespace

ConflictsDialog::ConflictsDialog(SyncSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_summary(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_reapply(new QPushButton(this))
    , m_discard(new QPushButton(this))
    , m_close(new QPushButton(this)) {
    setObjectName("conflictsDialog");
    m_reapply->setObjectName(QStringLiteral("conflictReapply"));
    m_discard->setObjectName(QStringLiteral("conflictDiscard"));
    m_summary->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("conflictProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    m_table->setColumnCount(6);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    // Rows as tall as their wrapped text at the width the columns end up with: Chinese lines are
    // taller than English ones, and a reason with a ticket's reference (local-<uuid>) needs more than
    // the default row's two English lines. A handful of rows: measuring them is cheap.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reapply);
    buttons->addWidget(m_discard);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);
    resize(900, 420);

    connect(m_reapply, &QPushButton::clicked, this, [this] {
        QStringList problems;
        for (int row : selectedRows())
            if (const QString problem = reapply(row); !problem.isEmpty())
                problems << problem;
        problems.removeDuplicates();
        m_problem->setText(problems.join(QLatin1Char('\n')));
        m_problem->setVisible(!problems.isEmpty());
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        for (int row : selectedRows())
            discard(row);
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ConflictsDialog::updateButtons);
    connect(m_table, &QTableWidget::itemSelectionChanged, m_problem, &QWidget::hide);
    connect(&m_session, &SyncSession::committed, this, [this](const ChangeSet &changes) {
        if (changes.conflictsChanged || changes.outboxChanged)
            reload();
    });
    retranslateUi();
    reload();
}

int ConflictsDialog::conflictCount() const {
    return m_conflicts.size();
}

int ConflictsDialog::refusedCount() const {
    return m_refused.size();
}

const RefusedChange *ConflictsDialog::refusedAt(int row) const {
    const int index = row - m_conflicts.size();
    return index >= 0 && index < m_refused.size() ? &m_refused[index] : nullptr;
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
    const bool open = reader.open(m_session.cachePath());
    m_conflicts = open ? reader.conflicts() : QList<ConflictRecord>();
    m_refused = open ? refused::list(reader) : QList<RefusedChange>();
    m_table->setRowCount(m_conflicts.size() + m_refused.size());
    // Times in the alarm list's format: the locale's short one (11/23/26) reads differently from one
    // country to the next.
    QList<QStringList> rows;
    QStringList wholeIntents; // "Your change" uncut, for its tooltip
    for (const ConflictRecord &c : m_conflicts) {
        rows.append({tr("Conflict"), localDateTimeText(c.createdMs), describeTarget(c.targetKind, c.targetId),
                     describeIntent(c.kind, c.userIntent), describeServerState(c.serverState),
                     describeStoredReason(c.message)});
        wholeIntents << describeIntent(c.kind, c.userIntent, Length::Whole);
    }
    for (const RefusedChange &r : m_refused) {
        rows.append({tr("Refused"), localDateTimeText(r.entry.createdMs),
                     describeTarget(r.entry.targetKind, r.entry.targetId),
                     describeIntent(r.entry.kind, r.entry.payload), describeRefusedServerState(r),
                     describeRefusal(r)});
        wholeIntents << describeIntent(r.entry.kind, r.entry.payload, Length::Whole);
    }
    constexpr int kIntentColumn = 3;
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < rows[row].size(); ++column) {
            auto *item = new QTableWidgetItem(rows[row][column]);
            // The whole text, should the cell still be too small (or cut a long description short).
            item->setToolTip(column == kIntentColumn ? wholeIntents[row] : rows[row][column]);
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    retranslateUi();
    updateButtons();
}

QString ConflictsDialog::reapply(int row) {
    if (const RefusedChange *change = refusedAt(row)) {
        if (change->reason() == RefusedChange::Reason::NoTicket)
            return tr("The server refused to create this ticket, so this change has no ticket to go to. "
                      "Discard it.");
        if (change->reason() == RefusedChange::Reason::NotConfirmed)
            return tr("The console could not confirm this change on the server; sending it again could "
                      "make a second ticket. Look for the ticket by its reference, then discard this.");
        return tr("The server refused this change outright; it cannot be applied again. Discard it.");
    }
    if (!isConflictRow(row))
        return {};
    const ConflictRecord &conflict = m_conflicts[row];
    // The server checks too (403), but the user should hear it now, not after another round trip.
    const Role role = parseRole(m_session.profile().role).value_or(Role::ReadOnly);
    std::optional<TroubleTicket> ticketNow;
    if (conflict.kind == QLatin1String("ticket.status")) {
        CacheReader reader;
        if (reader.open(m_session.cachePath()))
            ticketNow = reader.ticket(conflict.targetId);
    }
    if (const QString refusal = refused::reapplyRefusal(conflict, role, ticketNow); !refusal.isEmpty())
        return refusal;
    actions::Context context;
    context.userId = m_session.profile().userId;
    m_session.submit(actions::reapplyConflict(conflict, context));
    return {};
}

void ConflictsDialog::discard(int row) {
    if (isConflictRow(row))
        m_session.submit(actions::discardConflict(m_conflicts[row]));
    else if (const RefusedChange *change = refusedAt(row))
        m_session.submit(refused::discard(*change));
}

void ConflictsDialog::updateButtons() {
    const QList<int> rows = selectedRows();
    const bool any = !rows.isEmpty();
    bool anyConflict = false;
    for (int row : rows)
        anyConflict = anyConflict || isConflictRow(row);
    m_reapply->setEnabled(anyConflict);
    m_discard->setEnabled(any);
    // A greyed-out button says why.
    const QString select = m_conflicts.isEmpty() && m_refused.isEmpty()
                               ? tr("There is nothing to apply or discard.")
                               : tr("Select one or more changes first.");
    m_reapply->setToolTip(anyConflict ? tr("Send your change again, over the server's version")
                          : any       ? tr("A refused change cannot be applied again; discard it.")
                                      : select);
    m_discard->setToolTip(any ? tr("Drop your change; the server's version stays") : select);
}

void ConflictsDialog::retranslateUi() {
    setWindowTitle(tr("Conflicts and refused changes"));
    QStringList summary;
    if (m_conflicts.isEmpty() && m_refused.isEmpty())
        summary << tr("Nothing here: every change you made was accepted by the server or is still waiting.");
    if (!m_conflicts.isEmpty())
        summary << tr("Conflicts: the alarm or ticket changed on the server first. The server's version is "
                      "shown in the console; apply your change again or discard it.");
    if (!m_refused.isEmpty())
        summary << tr("Refused: these changes will not go through, for the reason given: the server's "
                      "answer, or the console's own. The console shows the server's version; discard them "
                      "once read.");
    m_summary->setText(summary.join(QLatin1Char('\n')));
    m_table->setHorizontalHeaderLabels(
        {tr("Kind"), tr("When"), tr("Target"), tr("Your change"), tr("Server now"), tr("Reason")});
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
