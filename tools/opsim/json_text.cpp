#include "json_text.h"

namespace noc::opsim {

namespace {

// A cursor over JSON text; every step checks the bounds (at() past the end is 0).
struct Scanner {
    QByteArrayView s;
    char at(qsizetype i) const { return i < s.size() ? s[i] : '\0'; }
    qsizetype skipSpace(qsizetype i) const {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            ++i;
        return i;
    }
    // s[i] is '"'; returns the index after the closing quote, or -1.
    qsizetype skipString(qsizetype i) const {
        for (++i; i < s.size(); ++i) {
            if (s[i] == '\\')
                ++i; // the escaped character (\" or \\ or \uXXXX's 'u') cannot end the string
            else if (s[i] == '"')
                return i + 1;
        }
        return -1;
    }
    // Returns the index after the value starting at s[i], or -1.
    qsizetype skipValue(qsizetype i) const {
        const char c = at(i);
        if (c == '"')
            return skipString(i);
        if (c == '{' || c == '[') {
            int depth = 0;
            while (i < s.size()) {
                const char d = s[i];
                if (d == '"') {
                    i = skipString(i);
                    if (i < 0)
                        return -1;
                    continue;
                }
                if (d == '{' || d == '[') {
                    ++depth;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0)
                        return i + 1;
                }
                ++i;
            }
            return -1;
        }
        // number, true, false, null
        const qsizetype start = i;
        while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
               s[i] != '\n' && s[i] != '\r')
            ++i;
        return i > start ? i : -1;
    }
};

} // namespace

void appendJsonEscaped(QByteArray &out, QByteArrayView utf8) {
    static constexpr char kHex[] = "0123456789abcdef";
    qsizetype run = 0; // start of the bytes not yet copied (copied in runs, not byte by byte)
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const uchar c = uchar(utf8[i]);
        if (c != '"' && c != '\\' && c >= 0x20)
            continue;
        out.append(utf8.sliced(run, i - run));
        if (c == '"' || c == '\\') {
            const char escaped[] = {'\\', char(c)};
            out.append(escaped, 2);
        } else {
            const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
            out.append(escaped, 6);
        }
        run = i + 1;
    }
    out.append(utf8.sliced(run));
}

bool setJsonMembers(QByteArrayView json, const std::vector<JsonMember> &members, QByteArray *out) {
    const Scanner sc{json};
    qsizetype i = sc.skipSpace(0);
    if (sc.at(i) != '{')
        return false;
    i = sc.skipSpace(i + 1);
    qsizetype extra = 16;
    for (const JsonMember &m : members)
        extra += m.first.size() + m.second.size() + 4;
    out->clear();
    out->reserve(json.size() + extra);
    out->append('{');
    std::vector<bool> done(members.size(), false);
    bool first = true;
    if (sc.at(i) == '}') {
        ++i;
    } else {
        for (;;) {
            if (sc.at(i) != '"')
                return false;
            const qsizetype keyStart = i;
            const qsizetype keyEnd = sc.skipString(i);
            if (keyEnd < 0)
                return false;
            i = sc.skipSpace(keyEnd);
            if (sc.at(i) != ':')
                return false;
            const qsizetype valueStart = sc.skipSpace(i + 1);
            const qsizetype valueEnd = sc.skipValue(valueStart);
            if (valueEnd < 0)
                return false;
            if (!first)
                out->append(',');
            first = false;
            out->append(json.sliced(keyStart, keyEnd - keyStart));
            out->append(':');
            const QByteArrayView key = json.sliced(keyStart + 1, keyEnd - keyStart - 2);
            bool replaced = false;
            for (size_t m = 0; m < members.size(); ++m) {
                if (members[m].first == key) {
                    out->append(members[m].second);
                    done[m] = true;
                    replaced = true;
                    break;
                }
            }
            if (!replaced)
                out->append(json.sliced(valueStart, valueEnd - valueStart));
            i = sc.skipSpace(valueEnd);
            if (sc.at(i) == ',') {
                i = sc.skipSpace(i + 1);
                continue;
            }
            if (sc.at(i) != '}')
                return false;
            ++i;
            break;
        }
    }
    if (sc.skipSpace(i) != json.size())
        return false;
    for (size_t m = 0; m < members.size(); ++m) {
        if (done[m])
            continue;
        if (!first)
            out->append(',');
        first = false;
        out->append('"');
        out->append(members[m].first);
        out->append("\":");
        out->append(members[m].second);
    }
    out->append('}');
    return true;
}

} // namespace noc::opsim
