#include "query.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

namespace noc::opsim {

QString isoTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString isoNow() {
    return isoTime(QDateTime::currentMSecsSinceEpoch());
}

QString canonicalTime(const QString &text) {
    static const QRegularExpression re(
        QStringLiteral(R"(^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$)"));
    if (!re.match(text).hasMatch())
        return {};
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid())
        return {};
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // no offset given: read as UTC
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

namespace {

const QStringList kReserved = {QStringLiteral("fields"), QStringLiteral("offset"), QStringLiteral("limit"),
                               QStringLiteral("sort"),   QStringLiteral("depth"),  QStringLiteral("expand")};

QString jsonPathLiteral(const QStringList &segments) {
    QString p = QStringLiteral("$");
    for (const QString &s : segments)
        p += QStringLiteral(".\"") + QString(s).replace(u'"', QString()) + u'"';
    return p;
}

bool isTimeAttr(const QString &path) {
    return path.endsWith(QLatin1String("Time")) || path.endsWith(QLatin1String("Date")) ||
           path.endsWith(QLatin1String("lastUpdate")) || path.endsWith(QLatin1String(".time")) ||
           path.endsWith(QLatin1String(".date"));
}

bool isBoolAttr(const QString &path) {
    return path == QLatin1String("isRootCause") || path == QLatin1String("serviceAffecting") ||
           path == QLatin1String("alarmEscalation");
}

struct Expr {
    QString sql;        // SQL expression for the value (inside EXISTS for arrays)
    QString arrayOuter; // non-empty: "EXISTS (SELECT 1 FROM json_each(t.json,'$.arr') je WHERE %1)"
    bool column = false;
    bool timeValued = false;
    bool boolValued = false;
};

bool resolve(Kind kind, const QString &path, Expr *expr, QString *error) {
    const KindSpec &spec = kindSpec(kind);
    if (path == QLatin1String("id")) {
        expr->sql = QStringLiteral("t.id");
        expr->column = true;
        return true;
    }
    for (const ColumnSpec &c : spec.columns) {
        if (path == QLatin1String(c.attr)) {
            expr->sql = QStringLiteral("t.") + QLatin1String(c.column);
            expr->column = true;
            expr->timeValued = c.type == ColType::Time;
            expr->boolValued = c.type == ColType::Bool;
            return true;
        }
    }
    const QStringList segs = path.split(u'.');
    static const QRegularExpression segRe(QStringLiteral("^@?[A-Za-z][A-Za-z0-9_]*$"));
    for (const QString &s : segs) {
        if (!segRe.match(s).hasMatch()) {
            *error = QStringLiteral("invalid attribute path '%1'").arg(path);
            return false;
        }
    }
    if (!spec.topLevel.contains(segs.first())) {
        *error = QStringLiteral("unknown attribute '%1'").arg(segs.first());
        return false;
    }
    expr->timeValued = isTimeAttr(path);
    expr->boolValued = isBoolAttr(path);
    if (spec.arrays.contains(segs.first())) {
        expr->arrayOuter = QStringLiteral("EXISTS (SELECT 1 FROM json_each(t.json, '%1') je WHERE %2)")
                               .arg(jsonPathLiteral({segs.first()}));
        if (segs.size() == 1)
            expr->sql = QStringLiteral("je.value");
        else
            expr->sql = QStringLiteral("json_extract(je.value, '%1')").arg(jsonPathLiteral(segs.mid(1)));
        return true;
    }
    expr->sql = QStringLiteral("json_extract(t.json, '%1')").arg(jsonPathLiteral(segs));
    return true;
}

bool convertValue(const Expr &expr, const QString &raw, QVariant *out, QString *error) {
    if (expr.boolValued) {
        if (raw == QLatin1String("true")) {
            *out = 1;
            return true;
        }
        if (raw == QLatin1String("false")) {
            *out = 0;
            return true;
        }
        *error = QStringLiteral("'%1' is not a boolean").arg(raw);
        return false;
    }
    if (expr.timeValued) {
        const QString t = canonicalTime(raw);
        if (t.isEmpty()) {
            *error = QStringLiteral("'%1' is not an RFC 3339 date-time").arg(raw);
            return false;
        }
        *out = t;
        return true;
    }
    *out = raw;
    return true;
}

} // namespace

bool parseListQuery(Kind kind, const QUrlQuery &urlQuery, int maxLimit, ParsedList *out, QString *error) {
    QStringList conditions;
    QVariantList binds;
    const auto items = urlQuery.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key == QLatin1String("offset")) {
            bool ok = false;
            const qint64 v = value.toLongLong(&ok);
            if (!ok || v < 0) {
                *error = QStringLiteral("offset must be a non-negative integer");
                return false;
            }
            out->query.offset = v;
            continue;
        }
        if (key == QLatin1String("limit")) {
            bool ok = false;
            const qint64 v = value.toLongLong(&ok);
            if (!ok || v < 1 || v > maxLimit) {
                *error = QStringLiteral("limit must be an integer between 1 and %1").arg(maxLimit);
                return false;
            }
            out->query.limit = v;
            continue;
        }
        if (key == QLatin1String("fields")) {
            for (const QString &f : value.split(u',', Qt::SkipEmptyParts)) {
                const QString top = f.trimmed().section(u'.', 0, 0);
                if (!kindSpec(kind).topLevel.contains(top)) {
                    *error = QStringLiteral("unknown field '%1'").arg(f);
                    return false;
                }
                out->fields << top;
            }
            continue;
        }
        if (key == QLatin1String("sort")) {
            QStringList order;
            for (QString s : value.split(u',', Qt::SkipEmptyParts)) {
                s = s.trimmed();
                bool desc = false;
                if (s.startsWith(u'-')) {
                    desc = true;
                    s = s.mid(1);
                } else if (s.startsWith(u'+')) {
                    s = s.mid(1);
                }
                Expr e;
                if (!resolve(kind, s, &e, error))
                    return false;
                if (!e.arrayOuter.isEmpty()) {
                    *error = QStringLiteral("cannot sort by the array attribute '%1'").arg(s);
                    return false;
                }
                order << e.sql + (desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
            }
            out->query.orderBy = order.join(QStringLiteral(", "));
            continue;
        }
        if (key == QLatin1String("depth") || key == QLatin1String("expand"))
            continue;

        // attribute filter
        QString path = key;
        QString op = QStringLiteral("=");
        static const QList<QPair<QString, QString>> ops = {
            {QStringLiteral(".gte"), QStringLiteral(">=")}, {QStringLiteral(".gt"), QStringLiteral(">")},
            {QStringLiteral(".lte"), QStringLiteral("<=")}, {QStringLiteral(".lt"), QStringLiteral("<")},
            {QStringLiteral(".eq"), QStringLiteral("=")},   {QStringLiteral(".ne"), QStringLiteral("<>")}};
        for (const auto &[suffix, sqlOp] : ops) {
            if (path.endsWith(suffix)) {
                path.chop(suffix.size());
                op = sqlOp;
                break;
            }
        }
        if (path.isEmpty()) {
            *error = QStringLiteral("empty attribute name");
            return false;
        }
        Expr e;
        if (!resolve(kind, path, &e, error))
            return false;
        QString cond;
        if (op == QLatin1String("=") || op == QLatin1String("<>")) {
            const QStringList alternatives = value.split(u',');
            QStringList marks;
            for (const QString &alt : alternatives) {
                QVariant v;
                if (!convertValue(e, alt, &v, error))
                    return false;
                binds << v;
                marks << QStringLiteral("?");
            }
            if (marks.size() == 1)
                cond = e.sql + u' ' + op + QStringLiteral(" ?");
            else
                cond = e.sql +
                       (op == QLatin1String("=") ? QStringLiteral(" IN (") : QStringLiteral(" NOT IN (")) +
                       marks.join(u',') + u')';
        } else {
            QVariant v;
            if (!convertValue(e, value, &v, error))
                return false;
            if (!e.timeValued && !e.boolValued) {
                bool isNum = false;
                const double d = value.toDouble(&isNum);
                if (isNum && !e.column)
                    v = d;
            }
            binds << v;
            cond = e.sql + u' ' + op + QStringLiteral(" ?");
        }
        conditions << (e.arrayOuter.isEmpty() ? cond : e.arrayOuter.arg(cond));
    }
    out->query.where = conditions.join(QStringLiteral(" AND "));
    out->query.binds = binds;
    return true;
}

QByteArray selectFields(const QByteArray &json, const QStringList &fields) {
    if (fields.isEmpty())
        return json;
    const QJsonObject in = QJsonDocument::fromJson(json).object();
    QJsonObject out;
    for (const char *always : {"id", "href", "@type"}) {
        const QString k = QLatin1String(always);
        if (in.contains(k))
            out.insert(k, in.value(k));
    }
    for (const QString &f : fields) {
        if (in.contains(f))
            out.insert(f, in.value(f));
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

} // namespace noc::opsim
