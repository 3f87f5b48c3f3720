#include "ticket_editor_dialog.h"

#include "display_time.h"
#include "logging.h"
#include "sync_status_text.h"
#include "ticket_row.h"
#include "ticket_workflow.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace noc {

namespace {
constexpr TicketStatus kStatuses[] = {
    TicketStatus::Acknowledged, TicketStatus::InProgress, TicketStatus::Pending,  TicketStatus::Held,
    TicketStatus::Resolved,     TicketStatus::Closed,     TicketStatus::Rejected, TicketStatus::Cancelled};

void setComboData(QComboBox *combo, const QString &id, const QString &name) {
    int i = combo->findData(id);
    if (i < 0 && !id.isEmpty()) {
        combo->addItem(name.isEmpty() ? id : name, id);
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(std::max(i, 0));
}

// The party id of an editable combo: the item's id, or what was typed when it matches no item.
RelatedParty comboParty(const QComboBox *combo, const QString &role, const QString &type) {
    const int i = combo->findText(combo->currentText());
    QString id = i >= 0 ? combo->itemData(i).toString() : combo->currentText().trimmed();
    QString name = i >= 0 ? combo->itemText(i) : id;
    if (id.isEmpty())
        return {};
    return {id, name, role, type};
}

} // namespace

TicketEditorDialog::TicketEditorDialog(const TroubleTicket &ticket, bool pending, Role role,
                                       const QString &userId, SubmitFunction submit, QWidget *parent)
    : QDialog(parent)
    , m_base(ticket)
    , m_entities(ticket.relatedEntities)
    , m_pending(pending)
    , m_role(role)
    , m_userId(userId)
    , m_submit(std::move(submit)) {
    build();
    retranslate();
    loadFields();
    applyPermissions();
    resize(760, 640);
}

void TicketEditorDialog::build() {
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::PlainText);
    QFont headerFont = m_header->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.15);
    m_header->setFont(headerFont);

    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("title"));
    m_severity = new QComboBox(this);
    for (const char *s : {"Critical", "Major", "Minor", "Warning"})
        m_severity->addItem(QString(), QLatin1String(s));
    m_priority = new QComboBox(this);
    for (const char *p : {"Critical", "High", "Medium", "Low"})
        m_priority->addItem(QString(), QLatin1String(p));
    m_type = new QComboBox(this);
    for (const char *t : {"incident", "problem", "serviceRequest", "maintenance"})
        m_type->addItem(QString(), QLatin1String(t));
    m_assignee = new QComboBox(this);
    m_assignee->setObjectName(QStringLiteral("assignee"));
    m_assignee->setEditable(true);
    m_assignee->addItem(QString(), QString());
    m_team = new QComboBox(this);
    m_team->setEditable(true);
    m_team->addItem(QString(), QString());
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setMaximumHeight(m_description->fontMetrics().lineSpacing() * 8);

    auto *form = new QFormLayout;
    m_titleLabel = new QLabel(this);
    m_severityLabel = new QLabel(this);
    m_priorityLabel = new QLabel(this);
    m_typeLabel = new QLabel(this);
    m_assigneeLabel = new QLabel(this);
    m_teamLabel = new QLabel(this);
    m_descriptionLabel = new QLabel(this);
    form->addRow(m_titleLabel, m_title);
    auto *classRow = new QHBoxLayout;
    classRow->addWidget(m_severity);
    classRow->addWidget(m_priorityLabel);
    classRow->addWidget(m_priority);
    classRow->addWidget(m_typeLabel);
    classRow->addWidget(m_type, 1);
    form->addRow(m_severityLabel, classRow);
    auto *partyRow = new QHBoxLayout;
    partyRow->addWidget(m_assignee, 1);
    partyRow->addWidget(m_teamLabel);
    partyRow->addWidget(m_team, 1);
    form->addRow(m_assigneeLabel, partyRow);
    form->addRow(m_descriptionLabel, m_description);

    // Related alarms and elements
    m_entitiesBox = new QGroupBox(this);
    m_entityList = new QListWidget(m_entitiesBox);
    m_entityList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_entityType = new QComboBox(m_entitiesBox);
    m_entityType->addItem(QString(), QStringLiteral("Alarm"));
    m_entityType->addItem(QString(), QStringLiteral("PhysicalResource"));
    m_entityId = new QLineEdit(m_entitiesBox);
    m_entityId->setMinimumWidth(110);
    m_addEntity = new QPushButton(m_entitiesBox);
    m_removeEntity = new QPushButton(m_entitiesBox);
    m_mapButton = new QPushButton(m_entitiesBox);
    auto *entityButtons = new QHBoxLayout;
    entityButtons->addWidget(m_entityType);
    entityButtons->addWidget(m_entityId, 1);
    entityButtons->addWidget(m_addEntity);
    auto *entityActions = new QHBoxLayout;
    entityActions->addStretch(1);
    entityActions->addWidget(m_removeEntity);
    entityActions->addWidget(m_mapButton);
    auto *entitiesLayout = new QVBoxLayout(m_entitiesBox);
    entitiesLayout->addWidget(m_entityList);
    entitiesLayout->addLayout(entityButtons);
    entitiesLayout->addLayout(entityActions);
    connect(m_addEntity, &QPushButton::clicked, this, [this] {
        if (addRelatedEntity(m_entityType->currentData().toString(), m_entityId->text().trimmed()).isEmpty())
            m_entityId->clear();
    });
    connect(m_entityId, &QLineEdit::returnPressed, m_addEntity, &QPushButton::click);
    connect(m_entityType, &QComboBox::currentIndexChanged, this,
            &TicketEditorDialog::updateEntityPlaceholder);
    connect(m_removeEntity, &QPushButton::clicked, this, [this] {
        const auto items = m_entityList->selectedItems();
        for (QListWidgetItem *item : items)
            removeRelatedEntity(item->data(Qt::UserRole).toString());
    });
    connect(m_mapButton, &QPushButton::clicked, this, [this] {
        QListWidgetItem *item = m_entityList->currentItem();
        if (item && item->data(Qt::UserRole + 1).toString() != QLatin1String("Alarm"))
            emit showOnMap(item->data(Qt::UserRole).toString());
    });

    // Status
    m_statusBox = new QGroupBox(this);
    m_currentStatus = new QLabel(m_statusBox);
    m_nextStatus = new QComboBox(m_statusBox);
    m_nextStatus->setObjectName(QStringLiteral("nextStatus"));
    m_reason = new QLineEdit(m_statusBox);
    m_applyStatus = new QPushButton(m_statusBox);
    m_applyStatus->setObjectName(QStringLiteral("applyStatus"));
    auto *statusLayout = new QHBoxLayout(m_statusBox);
    statusLayout->addWidget(m_currentStatus);
    statusLayout->addWidget(m_nextStatus);
    statusLayout->addWidget(m_reason, 1);
    statusLayout->addWidget(m_applyStatus);
    connect(m_applyStatus, &QPushButton::clicked, this, [this] {
        if (changeStatus(TicketStatus(m_nextStatus->currentData().toInt()), m_reason->text().trimmed())
                .isEmpty())
            m_reason->clear();
    });

    // Timeline
    m_timelineBox = new QGroupBox(this);
    m_timeline = new QTreeWidget(m_timelineBox);
    m_timeline->setRootIsDecorated(false);
    m_timeline->setColumnCount(3);
    m_timeline->setWordWrap(true);
    m_timeline->header()->setStretchLastSection(true);
    m_note = new QLineEdit(m_timelineBox);
    m_note->setObjectName(QStringLiteral("note"));
    m_addNote = new QPushButton(m_timelineBox);
    m_addNote->setObjectName(QStringLiteral("addNote"));
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_addNote);
    auto *timelineLayout = new QVBoxLayout(m_timelineBox);
    timelineLayout->addWidget(m_timeline);
    timelineLayout->addLayout(noteRow);
    connect(m_addNote, &QPushButton::clicked, this, [this] {
        if (addNote(m_note->text().trimmed()).isEmpty())
            m_note->clear();
    });
    connect(m_note, &QLineEdit::returnPressed, m_addNote, &QPushButton::click);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("save"));
    m_save->setDefault(true);
    m_close = new QPushButton(this);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (save().isEmpty() && isNewTicket())
            accept();
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addLayout(form);
    auto *lower = new QHBoxLayout;
    lower->addWidget(m_entitiesBox, 2);
    lower->addWidget(m_timelineBox, 3);
    layout->addLayout(lower, 1);
    layout->addWidget(m_statusBox);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

QString TicketEditorDialog::fieldLabel(const QString &tmfField) {
    if (tmfField == QLatin1String("name"))
        return tr("Title");
    if (tmfField == QLatin1String("severity"))
        return tr("Severity");
    if (tmfField == QLatin1String("priority"))
        return tr("Priority");
    if (tmfField == QLatin1String("ticketType"))
        return tr("Type");
    if (tmfField == QLatin1String("assignee"))
        return tr("Assignee");
    if (tmfField == QLatin1String("team"))
        return tr("Team");
    if (tmfField == QLatin1String("description"))
        return tr("Description");
    if (tmfField == QLatin1String("relatedEntity"))
        return tr("Related alarms and elements");
    return {};
}

QString TicketEditorDialog::severityText(const QString &code) {
    // Compared without case: servers write "major" as well as "Major".
    const auto is = [&code](const char *value) {
        return code.compare(QLatin1String(value), Qt::CaseInsensitive) == 0;
    };
    if (is("Critical"))
        return tr("Critical", "severity");
    if (is("Major"))
        return tr("Major", "severity");
    if (is("Minor"))
        return tr("Minor", "severity");
    if (is("Warning"))
        return tr("Warning", "severity");
    return code;
}

QString TicketEditorDialog::priorityText(const QString &code) {
    const auto is = [&code](const char *value) {
        return code.compare(QLatin1String(value), Qt::CaseInsensitive) == 0;
    };
    if (is("Critical"))
        return tr("Critical", "priority");
    if (is("High"))
        return tr("High", "priority");
    if (is("Medium"))
        return tr("Medium", "priority");
    if (is("Low"))
        return tr("Low", "priority");
    return code;
}

QString TicketEditorDialog::ticketTypeText(const QString &code) {
    if (code == QLatin1String("incident"))
        return tr("Incident");
    if (code == QLatin1String("problem"))
        return tr("Problem");
    if (code == QLatin1String("serviceRequest"))
        return tr("Service request");
    if (code == QLatin1String("maintenance"))
        return tr("Maintenance");
    return code;
}

void TicketEditorDialog::retranslate() {
    setWindowTitle(isNewTicket() ? tr("New ticket") : tr("Ticket %1").arg(m_base.id));
    m_titleLabel->setText(fieldLabel(QStringLiteral("name")));
    m_severityLabel->setText(fieldLabel(QStringLiteral("severity")));
    m_priorityLabel->setText(fieldLabel(QStringLiteral("priority")));
    m_typeLabel->setText(fieldLabel(QStringLiteral("ticketType")));
    m_assigneeLabel->setText(fieldLabel(QStringLiteral("assignee")));
    m_teamLabel->setText(fieldLabel(QStringLiteral("team")));
    m_descriptionLabel->setText(fieldLabel(QStringLiteral("description")));
    // The lists hold the codes (item data); a value the server sent outside them is shown as it is.
    for (int i = 0; i < m_severity->count(); ++i)
        m_severity->setItemText(i, severityText(m_severity->itemData(i).toString()));
    for (int i = 0; i < m_priority->count(); ++i)
        m_priority->setItemText(i, priorityText(m_priority->itemData(i).toString()));
    for (int i = 0; i < m_type->count(); ++i)
        m_type->setItemText(i, ticketTypeText(m_type->itemData(i).toString()));
    m_assignee->setItemText(0, tr("Unassigned"));
    m_team->setItemText(0, tr("No team"));
    m_entitiesBox->setTitle(fieldLabel(QStringLiteral("relatedEntity")));
    m_entityType->setItemText(0, tr("Alarm"));
    m_entityType->setItemText(1, tr("Element"));
    updateEntityPlaceholder();
    m_addEntity->setText(tr("Add"));
    m_removeEntity->setText(tr("Remove"));
    m_mapButton->setText(tr("Show on map"));
    m_statusBox->setTitle(tr("Status"));
    m_reason->setPlaceholderText(tr("Reason (optional)"));
    m_applyStatus->setText(tr("Change status"));
    m_timelineBox->setTitle(tr("Timeline"));
    m_timeline->setHeaderLabels({tr("Time"), tr("Author"), tr("Event")});
    m_note->setPlaceholderText(tr("Add a note for the timeline"));
    m_addNote->setText(tr("Add note"));
    m_save->setText(isNewTicket() ? tr("Create ticket") : tr("Save changes"));
    m_close->setText(isNewTicket() ? tr("Cancel") : tr("Close"));
    updateCannotSave(); // before applyPermissions(), whose tooltips carry it
    refreshStatus();
    refreshEntities();
    refreshTimeline();
    applyPermissions();
}

void TicketEditorDialog::updateEntityPlaceholder() {
    // Short enough for the field beside the type box ("Alarm or element id" was cut to "Alarm or
    // elem…"); the whole sentence is the tooltip.
    m_entityId->setPlaceholderText(m_entityType->currentIndex() == 0 ? tr("Alarm id") : tr("Element id"));
}

void TicketEditorDialog::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void TicketEditorDialog::loadFields() {
    m_title->setText(m_base.name);
    m_description->setPlainText(m_base.description);
    const auto select = [](QComboBox *combo, const QString &value) {
        for (int i = 0; i < combo->count(); ++i) {
            if (combo->itemData(i).toString().compare(value, Qt::CaseInsensitive) == 0) {
                combo->setCurrentIndex(i);
                return;
            }
        }
        if (!value.isEmpty()) {
            combo->addItem(value, value);
            combo->setCurrentIndex(combo->count() - 1);
        }
    };
    select(m_severity, m_base.severity);
    select(m_priority, m_base.priority);
    select(m_type, m_base.ticketType.isEmpty() ? QStringLiteral("incident") : m_base.ticketType);
    for (const RelatedParty &p : m_base.relatedParties) {
        if (p.role == QLatin1String("assignee"))
            setComboData(m_assignee, p.id, p.name);
        else if (p.role == QLatin1String("team"))
            setComboData(m_team, p.id, p.name);
    }
    refreshStatus();
    refreshEntities();
    refreshTimeline();
}

void TicketEditorDialog::setKnownParties(const QList<RelatedParty> &engineers,
                                         const QList<RelatedParty> &teams) {
    const auto fill = [](QComboBox *combo, const QList<RelatedParty> &parties) {
        const QString current = combo->currentData().toString();
        for (const RelatedParty &p : parties)
            if (combo->findData(p.id) < 0)
                combo->addItem(p.name.isEmpty() ? p.id : p.name, p.id);
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    };
    fill(m_assignee, engineers);
    fill(m_team, teams);
}

TroubleTicket TicketEditorDialog::editedTicket() const {
    TroubleTicket t = m_base;
    t.name = m_title->text().trimmed();
    t.description = m_description->toPlainText();
    t.severity = m_severity->currentData().toString();
    t.priority = m_priority->currentData().toString();
    t.ticketType = m_type->currentData().toString();
    t.relatedEntities = m_entities;
    // Only assignee and team come from the form; the reporter and other parties stay as they are.
    QList<RelatedParty> parties;
    for (const RelatedParty &p : m_base.relatedParties)
        if (p.role != QLatin1String("assignee") && p.role != QLatin1String("team"))
            parties.append(p);
    const RelatedParty assignee =
        comboParty(m_assignee, QStringLiteral("assignee"), QStringLiteral("Individual"));
    if (!assignee.id.isEmpty())
        parties.append(assignee);
    const RelatedParty team = comboParty(m_team, QStringLiteral("team"), QStringLiteral("Team"));
    if (!team.id.isEmpty())
        parties.append(team);
    // Keep the server's order when nothing changed, so an untouched form sends no patch.
    QList<RelatedParty> before = m_base.relatedParties;
    const auto key = [](const RelatedParty &p) { return p.role + p.id; };
    std::sort(before.begin(), before.end(), [&](auto &a, auto &b) { return key(a) < key(b); });
    QList<RelatedParty> after = parties;
    std::sort(after.begin(), after.end(), [&](auto &a, auto &b) { return key(a) < key(b); });
    bool same = before.size() == after.size();
    for (int i = 0; same && i < before.size(); ++i)
        same = before[i].id == after[i].id && before[i].role == after[i].role;
    t.relatedParties = same ? m_base.relatedParties : parties;
    return t;
}

QString TicketEditorDialog::message() const {
    return m_message->text();
}

void TicketEditorDialog::showMessage(const QString &text, bool refusal) {
    m_message->setText(text);
    m_message->setStyleSheet(refusal ? QStringLiteral("color: #c62828;") : QString());
}

actions::Context TicketEditorDialog::context() const {
    actions::Context c;
    c.userId = m_userId;
    return c;
}

QString TicketEditorDialog::changeStatus(TicketStatus to, const QString &reason) {
    QString refusal = m_cannotSave.isEmpty() ? ticketTransitionRefusal(m_base, to, m_role) : m_cannotSave;
    if (refusal.isEmpty()) {
        QString error;
        const CacheBatch batch = actions::changeTicketStatus(m_base, to, reason, context(), &error);
        if (batch.isEmpty()) {
            refusal = error;
        } else {
            m_submit(batch);
            m_base = batch.tickets.first();
            m_pending = true;
            logging::logger("ui")->info("ticket {}: status -> {}", m_base.id.toStdString(),
                                        toString(to).toStdString());
            showMessage(tr("Status changed to %1; it is sent to the server as soon as there is a connection.")
                            .arg(ticketStatusDisplayName(to)),
                        false);
            refreshStatus();
            refreshTimeline();
            return {};
        }
    }
    showMessage(refusal, true);
    return refusal;
}

QString TicketEditorDialog::addNote(const QString &text) {
    QString refusal;
    if (isNewTicket())
        refusal = tr("Create the ticket first, then add notes.");
    else if (!isAllowed(m_role, Permission::EditTicket))
        refusal = refusalReason(m_role, Permission::EditTicket);
    else if (!m_cannotSave.isEmpty())
        refusal = m_cannotSave;
    else if (text.trimmed().isEmpty())
        refusal = tr("Write the note first.");
    if (!refusal.isEmpty()) {
        showMessage(refusal, true);
        return refusal;
    }
    const CacheBatch batch = actions::addTicketNote(m_base, text.trimmed(), context());
    m_submit(batch);
    m_base = batch.tickets.first();
    m_pending = true;
    showMessage(tr("Note added."), false);
    refreshTimeline();
    refreshStatus();
    return {};
}

QString TicketEditorDialog::addRelatedEntity(const QString &referredType, const QString &id) {
    QString refusal;
    QString name;
    if (id.isEmpty()) {
        refusal = tr("Type the id of the alarm or element to link.");
    } else if (std::any_of(m_entities.cbegin(), m_entities.cend(),
                           [&](const RelatedEntity &e) { return e.id == id; })) {
        refusal = tr("%1 is already linked.").arg(id);
    } else if (m_lookup) {
        name = m_lookup(referredType, id);
        if (name.isEmpty())
            refusal = referredType == QLatin1String("Alarm")
                          ? tr("There is no alarm %1 in the local cache.").arg(id)
                          : tr("There is no element %1 in the local cache.").arg(id);
    }
    if (!refusal.isEmpty()) {
        showMessage(refusal, true);
        return refusal;
    }
    const bool alarm = referredType == QLatin1String("Alarm");
    m_entities.append({id, name.isEmpty() ? id : name,
                       alarm ? QStringLiteral("relatedAlarm") : QStringLiteral("affectedResource"),
                       referredType});
    refreshEntities();
    showMessage({}, false);
    return {};
}

void TicketEditorDialog::removeRelatedEntity(const QString &id) {
    m_entities.removeIf([&](const RelatedEntity &e) { return e.id == id; });
    refreshEntities();
}

QString TicketEditorDialog::save() {
    const TroubleTicket edited = editedTicket();
    QString refusal;
    if (isNewTicket() && !isAllowed(m_role, Permission::CreateTicket))
        refusal = refusalReason(m_role, Permission::CreateTicket);
    else if (!isNewTicket() && !isAllowed(m_role, Permission::EditTicket))
        refusal = refusalReason(m_role, Permission::EditTicket);
    else if (!m_cannotSave.isEmpty())
        refusal = m_cannotSave;
    else if (edited.name.isEmpty())
        refusal = tr("Give the ticket a title.");
    else if (edited.partyId(QStringLiteral("assignee")) != m_base.partyId(QStringLiteral("assignee")) &&
             !isAllowed(m_role, Permission::AssignTicket))
        refusal = refusalReason(m_role, Permission::AssignTicket);
    if (!refusal.isEmpty()) {
        showMessage(refusal, true);
        return refusal;
    }
    if (isNewTicket()) {
        const CacheBatch batch = actions::createTicket(edited, context());
        m_submit(batch);
        const QString id = batch.tickets.first().id;
        logging::logger("ui")->info("ticket created locally as {}", id.toStdString());
        emit ticketCreated(id);
        return {};
    }
    const CacheBatch batch = actions::editTicket(m_base, edited, context());
    if (batch.isEmpty()) {
        showMessage(tr("Nothing to save: the ticket is unchanged."), false);
        return {};
    }
    m_submit(batch);
    m_base = batch.tickets.first();
    m_pending = true;
    showMessage(tr("Saved; it is sent to the server as soon as there is a connection."), false);
    refreshStatus();
    return {};
}

void TicketEditorDialog::refreshEntities() {
    m_entityList->clear();
    for (const RelatedEntity &e : m_entities) {
        const bool alarm = e.referredType == QLatin1String("Alarm");
        const QString kind = alarm ? tr("Alarm") : tr("Element");
        const QString label = e.name.isEmpty() || e.name == e.id ? tr("%1 %2").arg(kind, e.id)
                                                                 : tr("%1 %2 — %3").arg(kind, e.id, e.name);
        auto *item = new QListWidgetItem(label, m_entityList);
        item->setData(Qt::UserRole, e.id);
        item->setData(Qt::UserRole + 1, e.referredType);
    }
}

void TicketEditorDialog::refreshTimeline() {
    struct Event {
        EpochMs time;
        QString author;
        QString text;
    };
    QList<Event> events;
    for (const TicketNote &n : m_base.notes)
        events.append({n.date, n.author, n.text});
    for (const StatusChange &s : m_base.statusChanges) {
        const QString what =
            s.changeReason.isEmpty()
                ? tr("Status: %1").arg(ticketStatusDisplayName(s.status))
                : tr("Status: %1 (%2)").arg(ticketStatusDisplayName(s.status), s.changeReason);
        events.append({s.changeDate, QString(), what});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const Event &a, const Event &b) { return a.time < b.time; });
    m_timeline->clear();
    for (const Event &e : events)
        new QTreeWidgetItem(m_timeline, {localDateTimeText(e.time), e.author, e.text});
    m_timeline->resizeColumnToContents(0);
    m_timeline->resizeColumnToContents(1);
    if (events.isEmpty()) {
        // An empty list looked like a failed load. (After the sizing: the line spans the columns.)
        auto *none = new QTreeWidgetItem(m_timeline, {tr("No notes or status changes yet.")});
        none->setFlags(Qt::NoItemFlags);
        none->setFirstColumnSpanned(true);
    }
    m_timeline->scrollToBottom();
}

void TicketEditorDialog::refreshStatus() {
    if (isNewTicket()) {
        m_header->setText(tr("New ticket"));
    } else {
        QString header = tr("%1 · %2").arg(m_base.id, ticketStatusDisplayName(m_base.status));
        if (m_pending)
            header += tr(" · waiting to be sent");
        m_header->setText(header);
    }
    m_currentStatus->setText(tr("Now %1; change to").arg(ticketStatusDisplayName(m_base.status)));
    // Every other status is listed so that a refused choice is explained rather than hidden; the
    // allowed ones come first.
    const QList<TicketStatus> next = nextTicketStatuses(m_base.status);
    m_nextStatus->clear();
    for (TicketStatus s : next)
        m_nextStatus->addItem(ticketStatusDisplayName(s), int(s));
    if (!next.isEmpty())
        m_nextStatus->insertSeparator(m_nextStatus->count());
    for (TicketStatus s : kStatuses)
        if (s != m_base.status && !next.contains(s))
            m_nextStatus->addItem(ticketStatusDisplayName(s), int(s));
}

void TicketEditorDialog::setSyncStatus(const SyncStatus &status) {
    m_writeState = status;
    const QString before = m_cannotSave;
    updateCannotSave();
    if (m_cannotSave == before)
        return;
    applyPermissions();
    if (!m_cannotSave.isEmpty()) // a new reason is said at once
        showMessage(m_cannotSave, true);
}

void TicketEditorDialog::updateCannotSave() {
    const QString reason = SyncStatusText::cannotSaveReason(m_writeState);
    if (reason == m_cannotSave)
        return;
    // The message line says the reason in the language of the moment: replaced when it showed the
    // old words (a language switch, or another write error), cleared when the cache works again.
    if (!m_cannotSave.isEmpty() && m_message->text() == m_cannotSave)
        showMessage(reason, !reason.isEmpty());
    m_cannotSave = reason;
}

QString TicketEditorDialog::refusalFor(Permission permission) const {
    const QString byRole = refusalReason(m_role, permission);
    return byRole.isEmpty() ? m_cannotSave : byRole;
}

void TicketEditorDialog::applyPermissions() {
    const bool create = isNewTicket();
    const QString editRefusal = refusalFor(create ? Permission::CreateTicket : Permission::EditTicket);
    const bool canEdit = editRefusal.isEmpty();
    // Text fields become read-only rather than disabled: what they hold stays readable and can be
    // selected and copied (an engineer quotes a ticket's description elsewhere).
    for (QLineEdit *field : {m_title, m_entityId, m_note})
        field->setReadOnly(!canEdit);
    m_description->setReadOnly(!canEdit);
    for (QWidget *w : std::initializer_list<QWidget *>{m_severity, m_priority, m_type, m_entityType,
                                                       m_addEntity, m_removeEntity, m_save, m_addNote})
        w->setEnabled(canEdit);
    for (QWidget *w : std::initializer_list<QWidget *>{m_title, m_severity, m_priority, m_type, m_description,
                                                       m_entityType, m_addEntity, m_removeEntity, m_save,
                                                       m_note, m_addNote})
        w->setToolTip(editRefusal);
    m_entityId->setToolTip(canEdit ? tr("The id of the alarm or element to link; Enter adds it")
                                   : editRefusal);

    const QString assignRefusal = canEdit ? refusalFor(Permission::AssignTicket) : editRefusal;
    for (QWidget *w : {static_cast<QWidget *>(m_assignee), static_cast<QWidget *>(m_team)}) {
        w->setEnabled(assignRefusal.isEmpty());
        w->setToolTip(assignRefusal);
    }

    const QString statusRefusal = refusalFor(Permission::ChangeTicketStatus);
    m_statusBox->setVisible(!create);
    m_timelineBox->setVisible(!create);
    // The list of next statuses stays open to a role that may not change them: a refused choice is
    // explained. While nothing can be saved there is nothing to choose.
    m_nextStatus->setEnabled(m_cannotSave.isEmpty());
    m_nextStatus->setToolTip(m_cannotSave);
    m_reason->setReadOnly(!statusRefusal.isEmpty());
    m_reason->setToolTip(statusRefusal);
    m_applyStatus->setEnabled(statusRefusal.isEmpty());
    m_applyStatus->setToolTip(statusRefusal);
}

} // namespace noc
