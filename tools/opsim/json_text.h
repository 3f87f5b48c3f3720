#pragma once

// Editing compact JSON text without a DOM: the storm's auto-clears set four top-level members of an
// alarm that SQLite holds as text. json_set() parsed and re-rendered every record in SQLite with a
// malloc per growing buffer (40 % of opsim's storm time); this scans the top level once and copies.

#include <QByteArray>
#include <QByteArrayView>

#include <utility>
#include <vector>

namespace noc::opsim {

// A top-level member to set: key (plain ASCII, no escapes) and its value as JSON text.
using JsonMember = std::pair<QByteArrayView, QByteArrayView>;

// Sets each member of `members` at the top level of the JSON object `json`: an existing member keeps its
// place and gets the new value; a missing one is appended at the end (as SQLite's json_set does).
// Nested objects are not looked into. Returns false, leaving *out unspecified, when `json` is not a
// well-formed JSON object at the top level (the caller falls back to a parser).
bool setJsonMembers(QByteArrayView json, const std::vector<JsonMember> &members, QByteArray *out);

// Appends UTF-8 text escaped for the inside of a JSON string literal (quotes, backslashes and control
// characters escaped; everything else, UTF-8 included, copied as is).
void appendJsonEscaped(QByteArray &out, QByteArrayView utf8);
// The same with the quotes: a JSON string literal.
inline void appendJsonUtf8(QByteArray &out, QByteArrayView utf8) {
    out += '"';
    appendJsonEscaped(out, utf8);
    out += '"';
}

} // namespace noc::opsim
