#include "roles.h"

#include <QCoreApplication>

namespace noc {

std::optional<Role> parseRole(QStringView text) {
    const QString t = text.trimmed().toString().toLower();
    if (t == QLatin1String("engineer"))
        return Role::Engineer;
    if (t == QLatin1String("supervisor"))
        return Role::Supervisor;
    if (t == QLatin1String("auditor"))
        return Role::Auditor;
    if (t == QLatin1String("readonly") || t == QLatin1String("read-only"))
        return Role::ReadOnly;
    return std::nullopt;
}

QString toString(Role role) {
    switch (role) {
    case Role::Engineer:
        return QStringLiteral("engineer");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Auditor:
        return QStringLiteral("auditor");
    case Role::ReadOnly:
        return QStringLiteral("readonly");
    }
    return {};
}

bool isAllowed(Role role, Permission permission) {
    switch (role) {
    case Role::Supervisor:
        return permission != Permission::WriteAudit;
    case Role::Engineer:
        return permission != Permission::AssignTicket && permission != Permission::CloseTicket &&
               permission != Permission::WriteAudit;
    case Role::Auditor:
        return permission == Permission::WriteAudit;
    case Role::ReadOnly:
        return false;
    }
    return false;
}

QString refusalReason(Role role, Permission permission) {
    if (isAllowed(role, permission))
        return {};
    const char *what = "";
    switch (permission) {
    case Permission::AcknowledgeAlarm:
        what = QT_TRANSLATE_NOOP("Roles", "Your role (%1) may not acknowledge alarms.");
        break;
    case Permission::ClearAlarm:
        what = QT_TRANSLATE_NOOP("Roles", "Your role (%1) may not clear alarms.");
        break;
    case Permission::CommentAlarm:
        what = QT_TRANSLATE_NOOP("Roles", "Your role (%1) may not comment on alarms.");
        break;
    case Permission::CreateTicket:
        what = QT_TRANSLATE_NOOP("Roles", "Your role (%1) may not create tickets.");
        break;
    case Permission::EditTicket:
        what = QT_TRANSLATE_NOOP("Roles", "Your role (%1) may not edit tickets.");
        break;
    case Permission::ChangeTicketStatus:
        what = QT_TRANSLATE_NOOP("Roles", "Your role (%1) may not change a ticket's status.");
        break;
    case Permission::AssignTicket:
        what = QT_TRANSLATE_NOOP("Roles", "Only a supervisor may assign tickets; your role is %1.");
        break;
    case Permission::CloseTicket:
        what = QT_TRANSLATE_NOOP("Roles", "Only a supervisor may close or cancel tickets; your role is %1.");
        break;
    case Permission::WriteAudit:
        what = QT_TRANSLATE_NOOP("Roles", "Only an auditor may write audits; your role is %1.");
        break;
    }
    return QCoreApplication::translate("Roles", what).arg(toString(role));
}

} // namespace noc
