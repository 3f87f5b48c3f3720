// Real opsim responses validated against the TMF v4 swagger definitions in ../shared/specs/tmf: field
// names, JSON types, enum values, required attributes and date-time formats. The one quirk allowed is a
// string id where the v4 swagger says integer (ops-api.md); `lastUpdate` on resources is the profile's
// documented extension.
#include "opsim_test_util.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {

const QString A = QStringLiteral("/tmf-api/alarm/v4");
const QString T = QStringLiteral("/tmf-api/troubleTicket/v4");
const QString R = QStringLiteral("/tmf-api/resourceInventoryManagement/v4");

class SwaggerValidator {
public:
    bool load(const QString &path, QString *error) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = path + QStringLiteral(": ") + f.errorString();
            return false;
        }
        m_defs = QJsonDocument::fromJson(f.readAll()).object().value("definitions").toObject();
        return !m_defs.isEmpty();
    }
    bool hasDefinition(const QString &name) const { return m_defs.contains(name); }
    // Returns the violations (empty = valid).
    QStringList validate(const QJsonValue &value, const QString &definition,
                         const QStringList &extensions = {}) {
        m_errors.clear();
        m_extensions = extensions;
        check(value, m_defs.value(definition).toObject(), definition);
        return m_errors;
    }

private:
    void check(const QJsonValue &v, QJsonObject schema, const QString &path) {
        if (schema.contains("$ref")) {
            const QString ref = schema.value("$ref").toString().section(u'/', -1);
            if (!m_defs.contains(ref)) {
                m_errors << path + QStringLiteral(": unresolved $ref ") + ref;
                return;
            }
            schema = m_defs.value(ref).toObject();
        }
        const QString type = schema.value("type").toString();
        if (schema.isEmpty())
            return; // Any
        if (type == QLatin1String("string")) {
            if (!v.isString()) {
                m_errors << path + QStringLiteral(": expected string");
                return;
            }
            if (schema.value("format").toString() == QLatin1String("date-time") &&
                !QDateTime::fromString(v.toString(), Qt::ISODateWithMs).isValid())
                m_errors << path + QStringLiteral(": not a date-time: ") + v.toString();
        } else if (type == QLatin1String("integer")) {
            const bool idQuirk =
                (path.endsWith(QLatin1String(".id")) || path == QLatin1String("id")) && v.isString();
            if (!idQuirk && !(v.isDouble() && v.toDouble() == double(qint64(v.toDouble()))))
                m_errors << path + QStringLiteral(": expected integer");
        } else if (type == QLatin1String("number")) {
            if (!v.isDouble())
                m_errors << path + QStringLiteral(": expected number");
        } else if (type == QLatin1String("boolean")) {
            if (!v.isBool())
                m_errors << path + QStringLiteral(": expected boolean");
        } else if (type == QLatin1String("array")) {
            if (!v.isArray()) {
                m_errors << path + QStringLiteral(": expected array");
                return;
            }
            const QJsonArray arr = v.toArray();
            for (qsizetype i = 0; i < arr.size(); ++i)
                check(arr[i], schema.value("items").toObject(), path + QStringLiteral("[%1]").arg(i));
        } else if (type == QLatin1String("object") || schema.contains("properties")) {
            if (!v.isObject()) {
                m_errors << path + QStringLiteral(": expected object");
                return;
            }
            const QJsonObject o = v.toObject();
            const QJsonObject props = schema.value("properties").toObject();
            for (const QJsonValue &req : schema.value("required").toArray())
                if (!o.contains(req.toString()))
                    m_errors << path + QStringLiteral(": missing required ") + req.toString();
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QString childPath =
                    (path.contains(u'.') || path.contains(u'[') ? path + u'.' : QString()) + it.key();
                if (!props.contains(it.key())) {
                    if (!m_extensions.contains(it.key()))
                        m_errors << path + QStringLiteral(": unknown attribute ") + it.key();
                    continue;
                }
                check(it.value(), props.value(it.key()).toObject(),
                      path == QLatin1String("Alarm") || path == QLatin1String("TroubleTicket")
                          ? it.key()
                          : path + u'.' + it.key());
                Q_UNUSED(childPath);
            }
        }
        if (schema.contains("enum")) {
            QStringList allowed;
            for (const QJsonValue &e : schema.value("enum").toArray())
                allowed << e.toString();
            if (!allowed.contains(v.toString()))
                m_errors << path + QStringLiteral(": '%1' not in enum").arg(v.toString());
        }
    }

    QJsonObject m_defs;
    QStringList m_errors;
    QStringList m_extensions;
};

} // namespace

class OpsimSchemaTest : public QObject {
    Q_OBJECT
    QString m_specs;
    std::unique_ptr<ServerFixture> f;

private slots:
    void initTestCase() {
        const QString shared = qEnvironmentVariable("NOC_SHARED_DIR");
        m_specs = QDir(shared).filePath(QStringLiteral("specs/tmf"));
        if (shared.isEmpty() || !QFile::exists(m_specs + QStringLiteral("/TMF642-Alarm-v4.0.0.swagger.json")))
            QSKIP("TMF swagger specs not found: set NOC_SHARED_DIR to the shared folder (CTest sets it to "
                  "<source>/../shared); without ../shared/specs/tmf the schema check cannot run");
        ServerConfig cfg = ServerFixture::quietConfig();
        cfg.elements = 300;
        f = std::make_unique<ServerFixture>(cfg);
        QVERIFY2(f->ok, qPrintable(f->error));
        // exercise the shapes: a cascade with children and a ticket, ack, comment, clear, notes, assignment
        f->post(QStringLiteral("/control/fault?kind=fibreCut"), "{}");
        f->post(QStringLiteral("/control/fault?kind=powerFailure"), "{}");
        const QString id = f->get(A + QStringLiteral("/alarm?state=raised&limit=1"))
                               .array()
                               .first()
                               .toObject()
                               .value("id")
                               .toString();
        f->patch(A + QStringLiteral("/alarm/") + id,
                 R"({"ackState":"acknowledged","ackUserId":"u","comment":[{"userId":"u","comment":"c"}]})");
        f->patch(A + QStringLiteral("/alarm/") + id, R"({"state":"cleared","clearUserId":"u"})");
        const QString tt = f->get(T + QStringLiteral("/troubleTicket?status=acknowledged&limit=1"))
                               .array()
                               .first()
                               .toObject()
                               .value("id")
                               .toString();
        f->patch(
            T + QStringLiteral("/troubleTicket/") + tt,
            R"({"status":"inProgress","relatedParty":[{"id":"eng-1","name":"Li Na","role":"assignee","@referredType":"Individual"}],"note":[{"author":"u","text":"on site"}]})");
    }
    void cleanupTestCase() { f.reset(); }

    void alarmsValidateAgainstTmf642() {
        SwaggerValidator v;
        QString error;
        QVERIFY2(v.load(m_specs + QStringLiteral("/TMF642-Alarm-v4.0.0.swagger.json"), &error),
                 qPrintable(error));
        const QJsonArray alarms = f->get(A + QStringLiteral("/alarm?limit=1000")).array();
        QVERIFY(alarms.size() > 200);
        bool sawParent = false, sawCorrelated = false, sawComment = false;
        for (const QJsonValue &a : alarms) {
            const QStringList errors = v.validate(a, QStringLiteral("Alarm"));
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
            sawParent |= a.toObject().contains("parentAlarm");
            sawCorrelated |= a.toObject().contains("correlatedAlarm");
            sawComment |= a.toObject().contains("comment");
        }
        QVERIFY(sawParent && sawCorrelated && sawComment);
        // a task resource and an error body too
        const HttpReply task =
            f->post(A + QStringLiteral("/ackAlarms"),
                    R"({"alarmPattern":[{"state":"raised","perceivedSeverity":"warning"}],"ackUserId":"u"})");
        QCOMPARE(task.status, 201);
        QStringList errors = v.validate(task.object(), QStringLiteral("AckAlarms"));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        errors = v.validate(f->get(A + QStringLiteral("/alarm/nope")).object(), QStringLiteral("Error"));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        // the validator itself rejects what it should
        QVERIFY(!v.validate(QJsonObject{{"isRootCause", "yes"}}, QStringLiteral("Alarm")).isEmpty());
        QVERIFY(!v.validate(QJsonObject{{"alarmCause", "x"}}, QStringLiteral("Alarm")).isEmpty());
    }

    void stormAlarmsWrittenAsTextValidateAndHaveEveryPart() {
        // The storm path serialises new alarms itself (not through QJsonObject): same shape required.
        SwaggerValidator v;
        QString error;
        QVERIFY2(v.load(m_specs + QStringLiteral("/TMF642-Alarm-v4.0.0.swagger.json"), &error),
                 qPrintable(error));
        QCOMPARE(f->server->generateAlarms(20), 20);
        const qint64 last = f->server->stats().alarms;
        for (qint64 n = last - 19; n <= last; ++n) {
            const QString id = QStringLiteral("ALM-%1").arg(n, 8, 10, QLatin1Char('0'));
            const QJsonObject a = f->get(A + QStringLiteral("/alarm/") + id).object();
            QCOMPARE(a.value("id").toString(), id);
            const QStringList errors = v.validate(a, QStringLiteral("Alarm"));
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
            QVERIFY(a.value("href").toString().endsWith(u'/' + id));
            QCOMPARE(a.value("state").toString(), QStringLiteral("raised"));
            QCOMPARE(a.value("ackState").toString(), QStringLiteral("unacknowledged"));
            QVERIFY(!a.value("alarmedObject").toObject().value("id").toString().isEmpty());
            QVERIFY(a.value("alarmedObject").toObject().value("href").toString().contains("/resource/"));
            QCOMPARE(a.value("place").toArray().first().toObject().value("role").toString(),
                     QStringLiteral("installedAt"));
            QVERIFY(a.value("externalAlarmId").toString().endsWith(u':' + QString::number(n)));
            QCOMPARE(a.value("alarmRaisedTime"), a.value("alarmChangedTime"));
            for (const char *key : {"perceivedSeverity", "probableCause", "specificProblem", "alarmType",
                                    "alarmDetails", "sourceSystemId", "alarmedObjectType"})
                QVERIFY2(!a.value(QLatin1String(key)).toString().isEmpty(), key);
            QVERIFY(a.value("isRootCause").isBool() && a.value("serviceAffecting").isBool());
        }
    }

    void ticketsValidateAgainstTmf621() {
        SwaggerValidator v;
        QString error;
        QVERIFY2(v.load(m_specs + QStringLiteral("/TMF621-TroubleTicket-v4.0.0.swagger.json"), &error),
                 qPrintable(error));
        const QJsonArray tickets = f->get(T + QStringLiteral("/troubleTicket?limit=1000")).array();
        QVERIFY(tickets.size() >= 20);
        bool sawNote = false, sawAssignee = false, sawAlarmRef = false;
        for (const QJsonValue &t : tickets) {
            const QStringList errors = v.validate(t, QStringLiteral("TroubleTicket"));
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
            sawNote |= t.toObject().contains("note");
            for (const QJsonValue &p : t.toObject().value("relatedParty").toArray())
                sawAssignee |= p.toObject().value("role").toString() == QLatin1String("assignee");
            for (const QJsonValue &e : t.toObject().value("relatedEntity").toArray())
                sawAlarmRef |= e.toObject().value("@referredType").toString() == QLatin1String("Alarm");
        }
        QVERIFY(sawNote && sawAssignee && sawAlarmRef);
        QVERIFY(!v.validate(QJsonObject{{"status", "open"}}, QStringLiteral("TroubleTicket")).isEmpty());
    }

    void resourcesValidateAgainstTmf639() {
        SwaggerValidator v;
        QString error;
        QVERIFY2(v.load(m_specs + QStringLiteral("/TMF639-ResourceInventory-v4.0.0.swagger.json"), &error),
                 qPrintable(error));
        const QJsonArray all = f->get(R + QStringLiteral("/resource?limit=10000")).array();
        QSet<QString> types;
        for (const QJsonValue &r : all) {
            const QString type = r.toObject().value("@type").toString();
            types.insert(type);
            QVERIFY2(v.hasDefinition(type), qPrintable(type));
            const QStringList errors = v.validate(r, type, {QStringLiteral("lastUpdate")});
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        }
        QCOMPARE(types, QSet<QString>({"PhysicalResource", "LogicalResource", "Resource"}));
        QVERIFY(!v.validate(QJsonObject{{"id", "x"}}, QStringLiteral("Resource")).isEmpty()); // href missing
        QVERIFY(!v.validate(QJsonObject{{"id", "x"}, {"href", "y"}, {"operationalState", "up"}},
                            QStringLiteral("Resource"))
                     .isEmpty());
    }
};

QTEST_GUILESS_MAIN(OpsimSchemaTest)
#include "opsim_schema_test.moc"
