#pragma once

#include <QString>
#include <optional>

// Roles of the ops API profile and what each may do. The server enforces them (403); the console
// checks first so that it can disable what the user may not do and say why.
namespace noc {

enum class Role { Engineer, Supervisor, Auditor, ReadOnly };

enum class Permission {
    AcknowledgeAlarm, // ack and unack
    ClearAlarm,
    CommentAlarm,
    CreateTicket,
    EditTicket, // description, severity, related entities, notes
    ChangeTicketStatus,
    AssignTicket,
    CloseTicket, // close and cancel
    WriteAudit,
};

std::optional<Role> parseRole(QStringView text);
QString toString(Role role);
bool isAllowed(Role role, Permission permission);
// Plain words for a disabled action's tooltip, e.g. "Your role (auditor) may not acknowledge alarms."
QString refusalReason(Role role, Permission permission);

} // namespace noc
