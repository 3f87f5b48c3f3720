#pragma once

#include "cache/cache_batch.h"
#include "domain/types.h"
#include "sync/local_actions.h"
#include "sync/roles.h"
#include "sync/sync_status.h"

#include <QDialog>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QGroupBox;

namespace noc {

// Creates a ticket (when the ticket has no id) or edits one: title, description, severity,
// priority, type, assignee and team, related alarms and elements, a timeline of notes and status
// changes. Every change becomes a CacheBatch of noc::actions handed to `submit` (the outbox), so
// it works offline. Status changes are checked against the workflow and the role first; a refused
// one is explained in plain words and nothing is sent.
// The public actions are what the buttons call, and let tests drive the dialog without clicks.
class TicketEditorDialog : public QDialog {
    Q_OBJECT
public:
    using SubmitFunction = std::function<void(const CacheBatch &)>;
    // Display name of an alarm ("Alarm") or element ("PhysicalResource") in the cache; empty when
    // the cache does not know the id.
    using NameLookup = std::function<QString(const QString &referredType, const QString &id)>;

    TicketEditorDialog(const TroubleTicket &ticket, bool pending, Role role, const QString &userId,
                       SubmitFunction submit, QWidget *parent = nullptr);

    bool isNewTicket() const { return m_base.id.isEmpty(); }
    // Engineers and teams offered in the assignee and team lists (free text is accepted too).
    void setKnownParties(const QList<RelatedParty> &engineers, const QList<RelatedParty> &teams);
    void setNameLookup(NameLookup lookup) { m_lookup = std::move(lookup); }
    // The session's status; only whether the cache can be written is used. While it cannot
    // (SyncStatusText::cannotSaveReason), nothing in the form can be changed or sent, each control's
    // tooltip and the message line say why, in the language of the moment, and the text can still be
    // read and copied. Once it can, editing works again (as the role allows).
    void setSyncStatus(const SyncStatus &status);

    // The editor's words for a ticket's TMF field ("severity" -> "Severity") and for the coded values
    // of its lists ("major" -> "Major"): also where the console describes a change of a ticket (the
    // Conflicts list), so that one field reads the same everywhere. fieldLabel() is empty for a field
    // the editor does not show; an unknown value comes back as it is.
    static QString fieldLabel(const QString &tmfField);
    static QString severityText(const QString &code);
    static QString priorityText(const QString &code);
    static QString ticketTypeText(const QString &code);
    // The ticket as the form shows it now.
    TroubleTicket editedTicket() const;
    // The ticket as last sent (the base the next edit is compared with).
    const TroubleTicket &baseTicket() const { return m_base; }
    QString message() const;

    // Each returns empty on success, or the plain-words refusal it also shows.
    QString changeStatus(TicketStatus to, const QString &reason);
    QString addNote(const QString &text);
    QString addRelatedEntity(const QString &referredType, const QString &id);
    void removeRelatedEntity(const QString &id);
    QString save();

signals:
    void showOnMap(const QString &elementId);
    // A new ticket went to the outbox under this temporary id.
    void ticketCreated(const QString &localId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslate();
    void loadFields();
    void refreshEntities();
    void updateEntityPlaceholder();
    void refreshTimeline();
    void refreshStatus();
    void applyPermissions();
    // Why the user cannot do what `permission` allows now: the role first, then the cache; empty
    // when they can.
    QString refusalFor(Permission permission) const;
    void showMessage(const QString &text, bool refusal);
    // Puts the cannot-save reason of m_writeState into m_cannotSave, in the current language.
    void updateCannotSave();
    actions::Context context() const;

    TroubleTicket m_base;
    QList<RelatedEntity> m_entities;
    bool m_pending = false;
    Role m_role;
    QString m_userId;
    SubmitFunction m_submit;
    NameLookup m_lookup;
    SyncStatus m_writeState; // the cache's write state (cacheWriteError, cacheDiskFull)
    QString m_cannotSave;    // its reason in words; empty while the cache can be written

    QLabel *m_header = nullptr;
    QLabel *m_titleLabel = nullptr, *m_severityLabel = nullptr, *m_priorityLabel = nullptr,
           *m_typeLabel = nullptr;
    QLabel *m_assigneeLabel = nullptr, *m_teamLabel = nullptr, *m_descriptionLabel = nullptr;
    QLineEdit *m_title = nullptr;
    QComboBox *m_severity = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_assignee = nullptr;
    QComboBox *m_team = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QGroupBox *m_entitiesBox = nullptr;
    QListWidget *m_entityList = nullptr;
    QComboBox *m_entityType = nullptr;
    QLineEdit *m_entityId = nullptr;
    QPushButton *m_addEntity = nullptr;
    QPushButton *m_removeEntity = nullptr;
    QPushButton *m_mapButton = nullptr;
    QGroupBox *m_statusBox = nullptr;
    QLabel *m_currentStatus = nullptr;
    QComboBox *m_nextStatus = nullptr;
    QLineEdit *m_reason = nullptr;
    QPushButton *m_applyStatus = nullptr;
    QGroupBox *m_timelineBox = nullptr;
    QTreeWidget *m_timeline = nullptr;
    QLineEdit *m_note = nullptr;
    QPushButton *m_addNote = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace noc
