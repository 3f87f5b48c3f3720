#include "domain/tmf_codec.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace noc;
using namespace noc::tmf;

namespace {

// QCOMPARE cannot print the domain enums: inside QTest, argument-dependent lookup finds
// noc::toString(enum) -> QString instead of a char * formatter. Compare their TMF spellings instead,
// which also makes a failure readable.
template <typename E> QString enumText(E value) {
    return noc::toString(value);
}
template <typename E> QString enumText(const std::optional<E> &value) {
    return value ? noc::toString(*value) : QStringLiteral("<nullopt>");
}
#define QCOMPARE_ENUM(actual, expected) QCOMPARE(enumText(actual), enumText(expected))

QJsonObject parse(const char *json) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test payload is not JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

EpochMs utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
    // QDateTime is the independent oracle for the hand-written parser.
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

// A value with only the named fields set (designated initialisers would trip -Wmissing-field-initializers).
template <typename T, typename Fn> T make(Fn &&fill) {
    T value;
    fill(value);
    return value;
}

QString sharedDir() {
    return qEnvironmentVariable("NOC_SHARED_DIR");
}

// ---------------------------------------------------------------------------------------------
// A small validator for the subset of JSON Schema the TMF v4 swaggers use ($ref, type, enum,
// required, properties, items, format date-time). Properties the definition does not name are
// reported too: that catches a misspelt field, which a server would silently drop.

struct Swagger {
    QJsonObject definitions;
    QStringList extensions; // profile extensions allowed on top of the swagger (ops-api.md)
};

bool loadSwagger(const QString &file, Swagger &out) {
    QFile f(QDir(sharedDir()).filePath(QStringLiteral("specs/tmf/") + file));
    if (sharedDir().isEmpty() || !f.open(QIODevice::ReadOnly))
        return false;
    out.definitions = QJsonDocument::fromJson(f.readAll()).object().value("definitions").toObject();
    return !out.definitions.isEmpty();
}

void validate(const QJsonValue &value, const QJsonObject &schemaIn, const Swagger &swagger,
              const QString &path, QStringList &problems) {
    QJsonObject schema = schemaIn;
    while (schema.contains("$ref")) {
        const QString name = schema.value("$ref").toString().section(u'/', -1);
        schema = swagger.definitions.value(name).toObject();
    }
    const QString type = schema.value("type").toString();
    if (type == "string") {
        if (!value.isString())
            return problems.append(path + ": expected a string");
        const QJsonArray values = schema.value("enum").toArray();
        if (!values.isEmpty() && !values.contains(value))
            problems.append(path + ": '" + value.toString() + "' is not in the enum");
        if (schema.value("format").toString() == "date-time" && parseTime(value.toString()) == 0)
            problems.append(path + ": not a date-time");
    } else if (type == "integer") {
        if (!value.isDouble() || value.toDouble() != std::floor(value.toDouble()))
            problems.append(path + ": expected an integer");
    } else if (type == "number") {
        if (!value.isDouble())
            problems.append(path + ": expected a number");
    } else if (type == "boolean") {
        if (!value.isBool())
            problems.append(path + ": expected a boolean");
    } else if (type == "array") {
        if (!value.isArray())
            return problems.append(path + ": expected an array");
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            validate(items.at(i), schema.value("items").toObject(), swagger,
                     path + "[" + QString::number(i) + "]", problems);
    } else if (schema.contains("properties")) {
        if (!value.isObject())
            return problems.append(path + ": expected an object");
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value("properties").toObject();
        for (const QJsonValue &required : schema.value("required").toArray())
            if (!object.contains(required.toString()))
                problems.append(path + ": required '" + required.toString() + "' missing");
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (properties.contains(it.key()))
                validate(it.value(), properties.value(it.key()).toObject(), swagger, path + "." + it.key(),
                         problems);
            else if (!swagger.extensions.contains(it.key()))
                problems.append(path + ": '" + it.key() + "' is not in the swagger");
        }
    }
    // Anything else ("Any", an empty schema) accepts every value.
}

QStringList validateAgainst(const QJsonObject &json, const Swagger &swagger, const QString &definition) {
    QStringList problems;
    validate(json, swagger.definitions.value(definition).toObject(), swagger, definition, problems);
    return problems;
}

// ---------------------------------------------------------------------------------------------
// Fully populated values for the round trips and the swagger checks.

Alarm fullAlarm() {
    Alarm a;
    a.id = "A-1001";
    a.externalAlarmId = "ems-77";
    a.state = AlarmState::Updated;
    a.perceivedSeverity = Severity::Major;
    a.alarmType = "equipmentAlarm";
    a.probableCause = "powerProblem";
    a.specificProblem = "PSU 2 failed";
    a.alarmedObjectType = "Router";
    a.alarmedObjectId = "NE-42";
    a.sourceSystemId = "ems-1";
    a.alarmRaisedTime = utc(2026, 11, 22, 10, 0, 0, 123);
    a.alarmReportingTime = utc(2026, 11, 22, 10, 0, 1, 5);
    a.alarmChangedTime = utc(2026, 11, 22, 10, 5, 0, 0);
    a.alarmClearedTime = 0;
    a.ackState = AckState::Acknowledged;
    a.ackUserId = "alice";
    a.ackSystemId = "noc-console";
    a.isRootCause = true;
    a.serviceAffecting = true;
    a.parentAlarmIds = {"A-1", "A-2"};
    a.correlatedAlarmIds = {"A-3"};
    a.comments = {{"alice", "noc-console", utc(2026, 11, 22, 10, 6), "dispatched"},
                  {"bob", "", utc(2026, 11, 22, 10, 7, 30, 999), QString::fromUtf8("on site — ÅÄÖ")}};
    return a;
}

TroubleTicket fullTicket() {
    TroubleTicket t;
    t.id = "TT-9";
    t.name = "Core router down";
    t.description = "NE-42 unreachable";
    t.severity = "critical";
    t.priority = "1";
    t.ticketType = "incident";
    t.status = TicketStatus::InProgress;
    t.statusChangeReason = "engineer assigned";
    t.creationDate = utc(2026, 11, 22, 9);
    t.lastUpdate = utc(2026, 11, 22, 9, 30);
    t.expectedResolutionDate = utc(2026, 11, 22, 13);
    t.resolutionDate = 0;
    t.relatedParties = {{"u-7", "Alice", "assignee", "Individual"}, {"team-3", "Core", "team", "Team"}};
    t.relatedEntities = {{"A-1001", "PSU alarm", "cause", "Alarm"},
                         {"NE-42", "core-r1", "affected", "PhysicalResource"}};
    t.notes = {{"n1", "alice", utc(2026, 11, 22, 9, 10), "looking"}};
    t.statusChanges = {{utc(2026, 11, 22, 9), "created", TicketStatus::Acknowledged},
                       {utc(2026, 11, 22, 9, 30), "assigned", TicketStatus::InProgress}};
    return t;
}

NetworkElement fullElement() {
    NetworkElement e;
    e.id = "NE-42";
    e.name = "core-r1";
    e.category = ElementCategory::Router;
    e.vendor = "Acme";
    e.model = "X9000";
    e.mgmtIp = "10.0.0.42";
    e.layer = NetworkLayer::Core;
    e.siteId = "S-1";
    e.operationalState = "enable";
    e.administrativeState = "unlocked";
    e.otherCharacteristics = {{"serialNumber", "SN123"}, {"slots", "16"}};
    e.lastUpdate = utc(2026, 11, 1, 12);
    return e;
}

Site fullSite() {
    Site s;
    s.id = "S-1";
    s.name = "Zurich DC";
    s.region = "CH-North";
    s.latitude = 47.3769;
    s.longitude = 8.5417;
    s.address = "Bahnhofstrasse 1, Zurich";
    s.lastUpdate = utc(2026, 10, 1);
    return s;
}

Link fullLink() {
    Link l;
    l.id = "L-5";
    l.name = "core-r1 <-> core-r2";
    l.aEndId = "NE-42";
    l.aPort = "xe-0/0/1";
    l.zEndId = "NE-43";
    l.zPort = "xe-0/0/2";
    l.capacityBps = 100e9;
    l.utilization = 0.37;
    l.operationalState = "enable";
    l.lastUpdate = utc(2026, 11, 22, 8);
    return l;
}

// An alarm as a TMF642 v4 server sends it, with every field of the swagger's Alarm definition the
// profile uses plus some it does not (alarmDetails, affectedService, crossedThresholdInformation).
// No "//" inside multi-line raw strings in this file: moc 6.4 reads it as a comment start and then
// misses the test class (empty .moc, undefined vtable).
const char *kSwaggerAlarm = R"({
  "id": "A-77", "href": "/tmf-api/alarm/v4/alarm/A-77", "@type": "Alarm", "@baseType": "Alarm",
  "externalAlarmId": "x-77", "state": "raised", "perceivedSeverity": "critical",
  "alarmType": "communicationsAlarm", "probableCause": "lossOfSignal", "specificProblem": "LOS on ge-0/0/0",
  "alarmedObjectType": "Router", "alarmedObject": {"id": "NE-1", "href": "/resource/NE-1"},
  "sourceSystemId": "ems-2", "reportingSystemId": "oss-1", "alarmDetails": "rx power -40 dBm",
  "alarmRaisedTime": "2026-11-22T10:00:00.000Z", "alarmReportingTime": "2026-11-22T10:00:00.250Z",
  "alarmChangedTime": "2026-11-22T10:00:00.250Z", "ackState": "unacknowledged",
  "isRootCause": false, "serviceAffecting": true, "alarmEscalation": false, "plannedOutageIndicator": "inService",
  "affectedService": [{"id": "svc-1"}], "crossedThresholdInformation": {"direction": "up"},
  "parentAlarm": [{"id": "A-70", "href": "/alarm/A-70"}], "correlatedAlarm": [],
  "place": [{"id": "S-1", "role": "installedAt"}],
  "comment": [{"userId": "ops", "systemId": "oss-1", "time": "2026-11-22T10:01:00Z", "comment": "seen"}]
})";

} // namespace

class TmfCodecTest : public QObject {
    Q_OBJECT
private slots:
    // ===== official samples (../shared) =========================================================

    void officialAlarmSampleDecodesDespiteItsQuirks() {
        // Given the TM Forum's own Alarm.example.json (isRoot, parentAlarm as an object, ackTime)
        const QString path = QDir(sharedDir()).filePath("specs/tmf/samples/TMF642-Alarm.example.json");
        QFile file(path);
        if (sharedDir().isEmpty() || !file.open(QIODevice::ReadOnly))
            QSKIP("../shared/specs/tmf/samples not found (set NOC_SHARED_DIR; CTest sets it to "
                  "<source>/../shared)");
        QString error;
        const auto json = parseObject(file.readAll(), &error);
        QVERIFY2(json, qPrintable(error));

        // When it is decoded
        const auto alarm = decodeAlarm(*json, &error);

        // Then every field the console uses is read, the quirks included
        QVERIFY2(alarm, qPrintable(error));
        QCOMPARE(alarm->id, QStringLiteral("8675309"));
        QCOMPARE(alarm->externalAlarmId, QStringLiteral("5551212"));
        QCOMPARE_ENUM(alarm->state, AlarmState::Updated);
        QCOMPARE_ENUM(alarm->perceivedSeverity, Severity::Major);
        QCOMPARE(alarm->alarmType, QStringLiteral("environmentalAlarm"));
        QCOMPARE(alarm->probableCause, QStringLiteral("rectifierLowVoltage"));
        QCOMPARE(alarm->alarmedObjectType, QStringLiteral("Rectifier"));
        QCOMPARE(alarm->alarmedObjectId, QStringLiteral("93051825"));
        QCOMPARE(alarm->sourceSystemId, QStringLiteral("ems-1"));
        QCOMPARE(alarm->alarmRaisedTime, utc(2019, 7, 3, 3, 32, 17, 235));
        QCOMPARE(alarm->alarmChangedTime, utc(2019, 7, 3, 3, 32, 52, 744));
        QCOMPARE_ENUM(alarm->ackState, AckState::Acknowledged);
        QCOMPARE(alarm->ackUserId, QStringLiteral("bob@example.net"));
        QCOMPARE(alarm->isRootCause, false);
        QCOMPARE(alarm->parentAlarmIds, QStringList{"8675300"});
        QCOMPARE(alarm->correlatedAlarmIds, QStringList{"8675399"});
        QCOMPARE(alarm->comments.size(), 1);
        QCOMPARE(alarm->comments[0].comment, QStringLiteral("Dispatched"));
        QCOMPARE(alarm->comments[0].time, utc(2019, 7, 3, 3, 37, 33, 827));
    }

    void officialResourceSampleIsAnElementWithItsPlace() {
        // Given the TM Forum's Resource.example.json (category "Premium", a place without a role,
        // times without seconds)
        const QString path = QDir(sharedDir()).filePath("specs/tmf/samples/TMF639-Resource.example.json");
        QFile file(path);
        if (sharedDir().isEmpty() || !file.open(QIODevice::ReadOnly))
            QSKIP("../shared/specs/tmf/samples not found (set NOC_SHARED_DIR; CTest sets it to "
                  "<source>/../shared)");
        QString error;
        const auto json = parseObject(file.readAll(), &error);
        QVERIFY2(json, qPrintable(error));

        // When it is classified and decoded
        // Then it is an element of an unknown category at the one place it names
        QCOMPARE(resourceKind(*json), ResourceKind::Element);
        const auto element = decodeElement(*json, &error);
        QVERIFY2(element, qPrintable(error));
        QCOMPARE(element->id, QStringLiteral("8044"));
        QCOMPARE(element->name, QStringLiteral("MobileNumber xx"));
        QCOMPARE_ENUM(element->category, ElementCategory::Other);
        QCOMPARE(element->siteId, QStringLiteral("9912"));
        QCOMPARE(element->operationalState, QStringLiteral("enable"));
        QCOMPARE(element->administrativeState, QStringLiteral("locked"));
        // and its seconds-less times are still times
        QCOMPARE(parseTime(json->value("endOperatingDate").toString()), utc(2022, 7, 4, 8, 0));
    }

    // ===== payloads built from the swagger definitions ===========================================

    void swaggerAlarmDecodesEveryProfileField() {
        // Given an alarm with every field of the swagger's Alarm definition, including ones the
        // console does not use
        const QJsonObject json = parse(kSwaggerAlarm);

        // When it is decoded
        QString error;
        const auto a = decodeAlarm(json, &error);

        // Then the profile's fields are read and the rest is ignored
        QVERIFY2(a, qPrintable(error));
        QCOMPARE(a->id, QStringLiteral("A-77"));
        QCOMPARE_ENUM(a->state, AlarmState::Raised);
        QCOMPARE_ENUM(a->perceivedSeverity, Severity::Critical);
        QCOMPARE(a->alarmType, QStringLiteral("communicationsAlarm"));
        QCOMPARE(a->specificProblem, QStringLiteral("LOS on ge-0/0/0"));
        QCOMPARE(a->alarmedObjectId, QStringLiteral("NE-1"));
        QCOMPARE(a->sourceSystemId, QStringLiteral("ems-2"));
        QCOMPARE(a->alarmReportingTime, utc(2026, 11, 22, 10, 0, 0, 250));
        QCOMPARE(a->serviceAffecting, true);
        QCOMPARE(a->isRootCause, false);
        QCOMPARE(a->parentAlarmIds, QStringList{"A-70"});
        QVERIFY(a->correlatedAlarmIds.isEmpty());
        QCOMPARE(a->comments.size(), 1);
        QCOMPARE(a->comments[0].time, utc(2026, 11, 22, 10, 1));
    }

    void v4TicketDecodesEveryProfileField() {
        // Given a TMF621 v4 ticket
        const QJsonObject json = parse(R"({
          "id": "TT-1", "href": "/troubleTicket/TT-1", "@type": "TroubleTicket", "name": "Fiber cut",
          "description": "Cut near S-1", "severity": "Critical", "priority": "High", "ticketType": "incident",
          "status": "pending", "statusChangeReason": "waiting for spare", "statusChangeDate": "2026-11-22T11:00:00Z",
          "creationDate": "2026-11-22T09:00:00Z", "lastUpdate": "2026-11-22T11:00:00Z",
          "expectedResolutionDate": "2026-11-22T17:00:00Z", "requestedResolutionDate": "2026-11-22T18:00:00Z",
          "channel": {"id": "c1", "name": "phone"}, "attachment": [], "troubleTicketRelationship": [],
          "relatedParty": [{"id": "u1", "name": "Alice", "role": "assignee", "@referredType": "Individual"}],
          "relatedEntity": [{"id": "A-77", "name": "LOS", "role": "cause", "@referredType": "Alarm", "href": "/alarm/A-77"}],
          "note": [{"id": "n1", "author": "alice", "date": "2026-11-22T10:00:00Z", "text": "on the way"}],
          "statusChange": [{"changeDate": "2026-11-22T09:00:00Z", "changeReason": "new", "status": "acknowledged"},
                           {"changeDate": "2026-11-22T11:00:00Z", "changeReason": "spare", "status": "pending"}]
        })");

        // When it is decoded
        QString error;
        const auto t = decodeTicket(json, &error);

        // Then every profile field is there
        QVERIFY2(t, qPrintable(error));
        QCOMPARE_ENUM(t->status, TicketStatus::Pending);
        QCOMPARE(t->severity, QStringLiteral("Critical"));
        QCOMPARE(t->priority, QStringLiteral("High"));
        QCOMPARE(t->expectedResolutionDate, utc(2026, 11, 22, 17));
        QCOMPARE(t->partyId("assignee"), QStringLiteral("u1"));
        QCOMPARE(t->relatedEntities.size(), 1);
        QCOMPARE(t->relatedEntities[0], (RelatedEntity{"A-77", "LOS", "cause", "Alarm"}));
        QCOMPARE(t->notes.size(), 1);
        QCOMPARE(t->notes[0].date, utc(2026, 11, 22, 10));
        QCOMPARE(t->statusChanges.size(), 2);
        QCOMPARE(t->statusChanges[1], (StatusChange{utc(2026, 11, 22, 11), "spare", TicketStatus::Pending}));
    }

    void v5TicketShapesDecodeLikeV4() {
        // Given the same facts in the v5 shapes: statusChangeHistory and {role, entity}
        const QJsonObject json = parse(R"({
          "id": "TT-2", "status": "inProgress",
          "relatedParty": [{"role": "assignee", "partyOrPartyRole": {"id": "u1", "name": "Alice", "@referredType": "Individual"}}],
          "relatedEntity": [{"role": "cause", "entity": {"id": "A-77", "name": "LOS", "@referredType": "Alarm"}}],
          "statusChangeHistory": [{"statusChangeDate": "2026-11-22T09:00:00Z", "statusChangeReason": "new", "status": "acknowledged"},
                                  {"statusChangeDate": "2026-11-22T09:30:00Z", "statusChangeReason": "go", "status": "IN_PROGRESS"}]
        })");

        // When it is decoded
        QString error;
        const auto t = decodeTicket(json, &error);

        // Then the domain value is what the v4 shape gives
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->relatedParties.value(0), (RelatedParty{"u1", "Alice", "assignee", "Individual"}));
        QCOMPARE(t->relatedEntities.value(0), (RelatedEntity{"A-77", "LOS", "cause", "Alarm"}));
        QCOMPARE(t->statusChanges.size(), 2);
        QCOMPARE(t->statusChanges[0],
                 (StatusChange{utc(2026, 11, 22, 9), "new", TicketStatus::Acknowledged}));
        QCOMPARE(t->statusChanges[1],
                 (StatusChange{utc(2026, 11, 22, 9, 30), "go", TicketStatus::InProgress}));
    }

    void resourcesAreToldApartByCategoryAndType_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("kind");
        QTest::newRow("site") << R"({"id":"S","category":"site"})" << int(ResourceKind::Site);
        QTest::newRow("site upper") << R"({"id":"S","category":"SITE","@type":"Resource"})"
                                    << int(ResourceKind::Site);
        QTest::newRow("link category") << R"({"id":"L","category":"link"})" << int(ResourceKind::Link);
        QTest::newRow("logical with ends")
            << R"({"id":"L","@type":"LogicalResource","resourceRelationship":[{"relationshipType":"aEnd","resource":{"id":"1"}},{"relationshipType":"zEnd","resource":{"id":"2"}}]})"
            << int(ResourceKind::Link);
        QTest::newRow("physical") << R"({"id":"N","@type":"PhysicalResource"})" << int(ResourceKind::Element);
        QTest::newRow("router") << R"({"id":"N","category":"router"})" << int(ResourceKind::Element);
        QTest::newRow("other category")
            << R"({"id":"N","category":"Premium","@type":"MSISDN"})" << int(ResourceKind::Element);
        QTest::newRow("logical without ends")
            << R"({"id":"X","@type":"LogicalResource"})" << int(ResourceKind::Unknown);
        QTest::newRow("nothing") << R"({"id":"X"})" << int(ResourceKind::Unknown);
        QTest::newRow("category wrong type")
            << R"({"id":"X","category":{"a":1}})" << int(ResourceKind::Unknown);
    }
    void resourcesAreToldApartByCategoryAndType() {
        QFETCH(QString, json);
        QFETCH(int, kind);
        QCOMPARE(int(resourceKind(QJsonDocument::fromJson(json.toUtf8()).object())), kind);
    }

    void elementReadsCharacteristicsAndInstalledAtPlace() {
        // Given an element whose place is an array with the installedAt place second, numeric
        // characteristic values and a characteristic the domain does not name
        const QJsonObject json = parse(R"({
          "id": 4711, "href": "/resource/4711", "@type": "PhysicalResource", "name": "olt-7", "category": "OLT",
          "operationalState": "DISABLE", "administrativeState": "Shutdown", "lastUpdate": "2026-11-22T07:00:00+01:00",
          "resourceCharacteristic": [{"name": "vendor", "value": "Acme"}, {"name": "model", "value": 7360},
                                     {"name": "mgmtIp", "value": "192.0.2.7"}, {"name": "layer", "value": "ACCESS"},
                                     {"name": "ports", "value": 16}, {"name": "tags", "value": ["a", "b"]}, {"value": "nameless"}],
          "place": [{"id": "addr-1", "role": "billingAddress"}, {"id": 12, "role": "installedAt", "@referredType": "GeographicSite"}]
        })");

        // When it is decoded
        QString error;
        const auto e = decodeElement(json, &error);

        // Then ids are text, enums are canonical and unknown characteristics are kept
        QVERIFY2(e, qPrintable(error));
        QCOMPARE(e->id, QStringLiteral("4711"));
        QCOMPARE_ENUM(e->category, ElementCategory::Olt);
        QCOMPARE(e->model, QStringLiteral("7360"));
        QCOMPARE(e->mgmtIp, QStringLiteral("192.0.2.7"));
        QCOMPARE_ENUM(e->layer, NetworkLayer::Access);
        QCOMPARE(e->siteId, QStringLiteral("12"));
        QCOMPARE(e->operationalState, QStringLiteral("disable"));
        QCOMPARE(e->administrativeState, QStringLiteral("shutdown"));
        QCOMPARE(e->lastUpdate, utc(2026, 11, 22, 6));
        QCOMPARE(e->otherCharacteristics.value("ports"), QStringLiteral("16"));
        QCOMPARE(e->otherCharacteristics.value("tags"), QStringLiteral(R"(["a","b"])"));
        QCOMPARE(e->otherCharacteristics.size(), 2);
    }

    void siteAndLinkReadTheirCharacteristics() {
        // Given a site with coordinates as strings and a link with numeric ends and capacity as text
        const QJsonObject siteJson = parse(R"({"id": "S-9", "category": "site", "name": "Basel",
          "resourceCharacteristic": [{"name": "latitude", "value": "47.56"}, {"name": "longitude", "value": 7.59},
                                     {"name": "region", "value": "CH-North"}, {"name": "address", "value": "Main 1"}]})");
        const QJsonObject linkJson = parse(R"({"id": 5, "@type": "LogicalResource", "name": "l5",
          "resourceRelationship": [{"relationshipType": "contains", "resource": {"id": "9"}},
                                   {"relationshipType": "zEnd", "resource": {"id": 2, "href": "/resource/2"}},
                                   {"relationshipType": "AEND", "resource": {"id": 1, "href": "/resource/1"}}],
          "resourceCharacteristic": [{"name": "capacityBps", "value": "1e10"}, {"name": "utilization", "value": 0.5},
                                     {"name": "aPort", "value": "p1"}, {"name": "zPort", "value": 2}]})");

        // When they are decoded
        QString error;
        const auto site = decodeSite(siteJson, &error);
        QVERIFY2(site, qPrintable(error));
        const auto link = decodeLink(linkJson, &error);
        QVERIFY2(link, qPrintable(error));

        // Then numbers are numbers wherever they came from
        QCOMPARE(site->latitude, 47.56);
        QCOMPARE(site->longitude, 7.59);
        QCOMPARE(site->region, QStringLiteral("CH-North"));
        QCOMPARE(site->address, QStringLiteral("Main 1"));
        QCOMPARE(resourceKind(linkJson), ResourceKind::Link);
        QCOMPARE(link->id, QStringLiteral("5"));
        QCOMPARE(link->aEndId, QStringLiteral("1"));
        QCOMPARE(link->zEndId, QStringLiteral("2"));
        QCOMPARE(link->capacityBps, 1e10);
        QCOMPARE(link->utilization, 0.5);
        QCOMPARE(link->aPort, QStringLiteral("p1"));
        QCOMPARE(link->zPort, QStringLiteral("2"));
    }

    void siteWithoutCoordinatesIsEqualToItself() {
        // Given a site with no coordinates (NaN)
        const auto site = decodeSite(parse(R"({"id": "S-0", "category": "site"})"));
        QVERIFY(site);
        QVERIFY(!site->hasCoordinates());
        // Then it compares equal to a copy, so a re-sync does not report it as changed
        QCOMPARE(*site, Site(*site));
    }

    // ===== quirks of real servers ===============================================================

    void enumsInAnyCaseAndSpelling_data() {
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("ack");
        QTest::newRow("3gpp upper") << "CRITICAL"
                                    << "RAISED"
                                    << "ACKNOWLEDGED";
        QTest::newRow("title") << "Critical"
                               << "Raised"
                               << "Acknowledged";
        QTest::newRow("tmf") << "critical"
                             << "raised"
                             << "acknowledged";
    }
    void enumsInAnyCaseAndSpelling() {
        QFETCH(QString, severity);
        QFETCH(QString, state);
        QFETCH(QString, ack);
        // Given an alarm whose enums come in the server's own case
        QJsonObject json{{"id", "A"},
                         {"perceivedSeverity", severity},
                         {"state", state},
                         {"ackState", ack},
                         {"alarmType", "COMMUNICATIONS_ALARM"}};
        // When decoded
        const auto a = decodeAlarm(json);
        // Then the values are the canonical ones
        QVERIFY(a);
        QCOMPARE_ENUM(a->perceivedSeverity, Severity::Critical);
        QCOMPARE_ENUM(a->state, AlarmState::Raised);
        QCOMPARE_ENUM(a->ackState, AckState::Acknowledged);
        QCOMPARE(a->alarmType, QStringLiteral("communicationsAlarm"));
    }

    void ticketStatusInAnySpelling_data() {
        QTest::addColumn<QString>("status");
        QTest::newRow("3gpp") << "IN_PROGRESS";
        QTest::newRow("lower") << "inprogress";
        QTest::newRow("tmf") << "inProgress";
    }
    void ticketStatusInAnySpelling() {
        QFETCH(QString, status);
        const auto t = decodeTicket(QJsonObject{{"id", "T"}, {"status", status}});
        QVERIFY(t);
        QCOMPARE_ENUM(t->status, TicketStatus::InProgress);
    }

    void isRootSpellingOfTheOfficialSampleIsRead() {
        // Given alarms that say isRoot (the TMF642 sample's spelling) and both spellings at once
        const auto sampleSpelling =
            decodeAlarm(QJsonObject{{"id", "A"}, {"perceivedSeverity", "minor"}, {"isRoot", true}});
        const auto both = decodeAlarm(QJsonObject{
            {"id", "A"}, {"perceivedSeverity", "minor"}, {"isRoot", true}, {"isRootCause", false}});
        // Then isRoot counts when isRootCause is absent, and the swagger's name wins when both are sent
        QVERIFY(sampleSpelling && both);
        QVERIFY(sampleSpelling->isRootCause);
        QVERIFY(!both->isRootCause);
    }

    void ticketWithoutStatusStartsAcknowledged() {
        // Given a ticket a server sent without status (status is optional in the swagger)
        const auto t = decodeTicket(QJsonObject{{"id", "T"}, {"status", QJsonValue::Null}});
        // Then it is read at the start of the workflow rather than rejected
        QVERIFY(t);
        QCOMPARE_ENUM(t->status, TicketStatus::Acknowledged);
    }

    void numericIdsBecomeText() {
        // Given ids sent as JSON numbers everywhere a server might, one beyond 2^53
        const QJsonObject alarmJson = parse(R"({"id": 9007199254740993, "perceivedSeverity": "minor",
          "alarmedObject": {"id": 42}, "parentAlarm": [{"id": 7}, 8], "correlatedAlarm": [{"id": 9.0}]})");
        const QJsonObject ticketJson = parse(R"({"id": 12, "status": "held", "note": [{"id": 3, "text": "x"}],
          "relatedEntity": [{"id": 77, "role": "cause", "@referredType": "Alarm"}, {"role": "r", "entity": {"id": 78}}],
          "relatedParty": [{"id": 5, "@referredType": "Individual"}]})");

        // When decoded
        const auto a = decodeAlarm(alarmJson);
        const auto t = decodeTicket(ticketJson);

        // Then every id is its decimal text, exact
        QVERIFY(a && t);
        QCOMPARE(a->id, QStringLiteral("9007199254740993"));
        QCOMPARE(a->alarmedObjectId, QStringLiteral("42"));
        QCOMPARE(a->parentAlarmIds, (QStringList{"7", "8"}));
        QCOMPARE(a->correlatedAlarmIds, QStringList{"9"});
        QCOMPARE(t->id, QStringLiteral("12"));
        QCOMPARE(t->notes.value(0).id, QStringLiteral("3"));
        QCOMPARE(t->relatedEntities.value(0).id, QStringLiteral("77"));
        QCOMPARE(t->relatedEntities.value(1).id, QStringLiteral("78"));
        QCOMPARE(t->relatedParties.value(0).id, QStringLiteral("5"));
    }

    void minimalAlarmNeedsOnlyIdAndSeverity() {
        // Given an alarm with nothing but the two fields the console needs
        const auto a = decodeAlarm(QJsonObject{{"id", "A"}, {"perceivedSeverity", "warning"}});
        // Then it decodes with defaults everywhere else
        QVERIFY(a);
        QCOMPARE_ENUM(a->state, AlarmState::Raised);
        QCOMPARE_ENUM(a->ackState, AckState::Unacknowledged);
        QCOMPARE(a->alarmRaisedTime, EpochMs(0));
        QVERIFY(a->comments.isEmpty());
        // and a cleared severity without a state means a cleared alarm
        const auto cleared = decodeAlarm(QJsonObject{{"id", "A"}, {"perceivedSeverity", "CLEARED"}});
        QVERIFY(cleared);
        QCOMPARE_ENUM(cleared->state, AlarmState::Cleared);
        QVERIFY(!cleared->isActive());
    }

    void wrongTypesAreAbsentOrCoerced() {
        // Given an alarm with a number, a bool, objects and strings where other types belong
        const QJsonObject json = parse(R"({"id": "A", "perceivedSeverity": "major",
          "specificProblem": 42, "probableCause": true, "alarmType": {"x": 1}, "sourceSystemId": null,
          "alarmRaisedTime": 1763805600, "alarmChangedTime": 1763805600123, "alarmReportingTime": "yesterday",
          "isRootCause": "true", "serviceAffecting": 1,
          "comment": {"comment": "single object", "userId": "u"}, "parentAlarm": "A-9",
          "correlatedAlarm": {"id": "A-8"}, "alarmedObject": ["NE-1"]})");

        // When decoded
        QString error;
        const auto a = decodeAlarm(json, &error);

        // Then it is kept, with each field coerced where the intent is clear and absent otherwise
        QVERIFY2(a, qPrintable(error));
        QCOMPARE(a->specificProblem, QStringLiteral("42"));
        QCOMPARE(a->probableCause, QStringLiteral("true"));
        QCOMPARE(a->alarmType, QString());
        QCOMPARE(a->sourceSystemId, QString());
        QCOMPARE(a->alarmRaisedTime, EpochMs(1763805600000));  // epoch seconds
        QCOMPARE(a->alarmChangedTime, EpochMs(1763805600123)); // epoch milliseconds
        QCOMPARE(a->alarmReportingTime, EpochMs(0));
        QVERIFY(a->isRootCause);
        QVERIFY(a->serviceAffecting);
        QCOMPARE(a->comments.size(), 1);
        QCOMPARE(a->comments[0].comment, QStringLiteral("single object"));
        QVERIFY(a->parentAlarmIds.isEmpty());
        QCOMPARE(a->correlatedAlarmIds, QStringList{"A-8"});
        QCOMPARE(a->alarmedObjectId, QStringLiteral("NE-1"));
    }

    void everyFieldWithEveryWrongTypeNeverCrashes() {
        // Given the swagger alarm, ticket and resources, each field in turn replaced by each JSON type
        const QJsonValue replacements[] = {QJsonValue(),
                                           QJsonValue(0),
                                           QJsonValue(-1.5),
                                           QJsonValue(true),
                                           QJsonValue("x"),
                                           QJsonValue(QJsonArray{1, "a", QJsonObject{}}),
                                           QJsonValue(QJsonObject{{"id", QJsonArray{}}})};
        const QList<QJsonObject> records = {parse(kSwaggerAlarm), encodeTicket(fullTicket()),
                                            encodeElement(fullElement()), encodeSite(fullSite()),
                                            encodeLink(fullLink())};
        int decoded = 0, rejected = 0;
        for (const QJsonObject &record : records) {
            for (const QString &field : record.keys()) {
                for (const QJsonValue &replacement : replacements) {
                    QJsonObject broken = record;
                    broken.insert(field, replacement);
                    // When every decoder sees it
                    // Then each either decodes or explains why not; none crashes
                    const auto decodesOrExplains = [](auto decoder, const QJsonObject &json) {
                        QString error;
                        return decoder(json, &error).has_value() != !error.isEmpty();
                    };
                    QVERIFY(decodesOrExplains(decodeAlarm, broken));
                    QVERIFY(decodesOrExplains(decodeTicket, broken));
                    QVERIFY(decodesOrExplains(decodeElement, broken));
                    QVERIFY(decodesOrExplains(decodeSite, broken));
                    QVERIFY(decodesOrExplains(decodeLink, broken));
                    (decodeAlarm(broken) ? decoded : rejected)++;
                    resourceKind(broken);
                }
            }
        }
        QVERIFY(decoded > 0 && rejected > 0);
    }

    // ===== records the console cannot use =======================================================

    void recordsWithoutWhatTheConsoleNeedsAreRejectedWithAReason_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("alarm no id") << "alarm"
                                     << R"({"perceivedSeverity":"major"})"
                                     << "without id";
        QTest::newRow("alarm empty id") << "alarm"
                                        << R"({"id":"","perceivedSeverity":"major"})"
                                        << "without id";
        QTest::newRow("alarm id object") << "alarm"
                                         << R"({"id":{"v":1},"perceivedSeverity":"major"})"
                                         << "without id";
        QTest::newRow("alarm unknown severity") << "alarm"
                                                << R"({"id":"A1","perceivedSeverity":"severe"})"
                                                << "severe";
        QTest::newRow("alarm no severity") << "alarm"
                                           << R"({"id":"A1"})"
                                           << "perceivedSeverity";
        QTest::newRow("alarm severity number") << "alarm"
                                               << R"({"id":"A1","perceivedSeverity":2})"
                                               << "perceivedSeverity";
        QTest::newRow("ticket no id") << "ticket"
                                      << R"({"status":"held"})"
                                      << "without id";
        QTest::newRow("ticket unknown status") << "ticket"
                                               << R"({"id":"T","status":"parked"})"
                                               << "parked";
        QTest::newRow("ticket status object") << "ticket"
                                              << R"({"id":"T","status":{"v":"held"}})"
                                              << "an object";
        QTest::newRow("ticket status empty") << "ticket"
                                             << R"({"id":"T","status":""})"
                                             << "status";
        QTest::newRow("element no id") << "element"
                                       << R"({"name":"x"})"
                                       << "without id";
        QTest::newRow("site no id") << "site"
                                    << R"({"category":"site"})"
                                    << "without id";
        QTest::newRow("link no id") << "link"
                                    << R"({"category":"link"})"
                                    << "without id";
        QTest::newRow("link no zEnd")
            << "link"
            << R"({"id":"L","resourceRelationship":[{"relationshipType":"aEnd","resource":{"id":"1"}}]})"
            << "zEnd";
        QTest::newRow("link end without id")
            << "link"
            << R"({"id":"L","resourceRelationship":[{"relationshipType":"aEnd","resource":{}},{"relationshipType":"zEnd","resource":{"id":"2"}}]})"
            << "aEnd";
    }
    void recordsWithoutWhatTheConsoleNeedsAreRejectedWithAReason() {
        QFETCH(QString, kind);
        QFETCH(QString, json);
        QFETCH(QString, reasonContains);
        const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
        QString error;
        bool decoded = true;
        if (kind == "alarm")
            decoded = decodeAlarm(object, &error).has_value();
        else if (kind == "ticket")
            decoded = decodeTicket(object, &error).has_value();
        else if (kind == "element")
            decoded = decodeElement(object, &error).has_value();
        else if (kind == "site")
            decoded = decodeSite(object, &error).has_value();
        else
            decoded = decodeLink(object, &error).has_value();
        QVERIFY(!decoded);
        QVERIFY2(error.contains(reasonContains), qPrintable(error));
    }

    void oneBadRecordDoesNotCostTheRestOfThePage() {
        // Given a page of 100 alarms of which every tenth has an unknown severity
        QJsonArray page;
        for (int i = 0; i < 100; ++i)
            page.append(QJsonObject{{"id", i}, {"perceivedSeverity", i % 10 == 0 ? "bogus" : "minor"}});
        // When each is decoded
        int ok = 0;
        QStringList reasons;
        for (const QJsonValue &v : page) {
            QString error;
            if (decodeAlarm(v.toObject(), &error))
                ++ok;
            else
                reasons << error;
        }
        // Then the 90 good ones come through and the 10 bad ones each have a reason
        QCOMPARE(ok, 90);
        QCOMPARE(reasons.size(), 10);
        QVERIFY(reasons.first().contains("bogus"));
    }

    // ===== broken input ==========================================================================

    void truncatedJsonIsAnErrorAtEveryCut() {
        // Given a full alarm as bytes
        const QByteArray full = QJsonDocument(parse(kSwaggerAlarm)).toJson(QJsonDocument::Compact);
        // When it is cut at every length short of complete
        for (qsizetype n = 0; n < full.size(); ++n) {
            QString error;
            const auto json = parseObject(QByteArrayView(full.constData(), n), &error);
            // Then parsing says so, with a reason
            QVERIFY2(!json, qPrintable(QString::number(n)));
            QVERIFY(!error.isEmpty());
        }
        // and the whole is fine
        QVERIFY(parseObject(full));
        QVERIFY(!parseObject("[1,2]"));
        QVERIFY(!parseObject(""));
        QVERIFY(!parseObject("\xff\xfe garbage"));
    }

    void hugeStringsDecodeAndErrorsStayShort() {
        // Given alarms with a 10 MB text field, a 10 MB id, and a 10 MB severity
        const QString huge(10 * 1024 * 1024, u'x');
        const auto big =
            decodeAlarm(QJsonObject{{"id", "A"}, {"perceivedSeverity", "major"}, {"specificProblem", huge}});
        const auto bigId = decodeAlarm(QJsonObject{{"id", huge}, {"perceivedSeverity", "major"}});
        QString error;
        const auto bigSeverity = decodeAlarm(QJsonObject{{"id", huge}, {"perceivedSeverity", huge}}, &error);

        // Then the text survives whole, and a rejection's reason does not quote 10 MB
        QVERIFY(big);
        QCOMPARE(big->specificProblem.size(), huge.size());
        QVERIFY(bigId);
        QCOMPARE(bigId->id.size(), huge.size());
        QVERIFY(!bigSeverity);
        QVERIFY2(error.size() < 300, qPrintable(QString::number(error.size())));

        // and the same through the byte path
        const QByteArray bytes =
            "{\"id\":\"A\",\"perceivedSeverity\":\"major\",\"specificProblem\":\"" + huge.toLatin1() + "\"}";
        const auto json = parseObject(bytes, &error);
        QVERIFY2(json, qPrintable(error));
        QCOMPARE(decodeAlarm(*json)->specificProblem.size(), huge.size());
    }

    void deepNestingIsAnErrorNotACrash() {
        // Given an alarm with an unknown field nested 10,000 levels deep
        constexpr int kDepth = 10000;
        const auto nested = [](int depth) {
            return QByteArray(R"({"id":"A","perceivedSeverity":"major","x":)") +
                   QByteArray("{\"a\":").repeated(depth) + "1" + QByteArray("}").repeated(depth) + "}";
        };
        // When it goes through the codec path (parse, then decode)
        QString error;
        const auto json = parseObject(nested(kDepth), &error);
        // Then it is rejected with a reason (QJsonDocument's nesting limit), and nothing overflows
        QVERIFY(!json);
        QVERIFY2(error.contains("invalid JSON"), qPrintable(error));

        // Given moderate nesting below the parser's limit, the unknown deep field is simply ignored
        const auto shallow = parseObject(nested(500), &error);
        QVERIFY2(shallow, qPrintable(error));
        const auto alarm = decodeAlarm(*shallow, &error);
        QVERIFY2(alarm, qPrintable(error));

        // And a deeply nested value where the codec does look (alarmedObject, comment) is not followed
        QJsonObject deep{{"id", "inner"}};
        for (int i = 0; i < 2000; ++i)
            deep = QJsonObject{{"id", deep}};
        const auto odd = decodeAlarm(QJsonObject{{"id", "A"},
                                                 {"perceivedSeverity", "major"},
                                                 {"alarmedObject", deep},
                                                 {"comment", QJsonArray{deep}}});
        QVERIFY(odd);
        QCOMPARE(odd->alarmedObjectId, QString());
    }

    // ===== encoding =============================================================================

    void roundTripAlarm_data() { addBaseUrls(); }
    void roundTripAlarm() {
        QFETCH(QString, baseUrl);
        // Given a fully populated alarm, and a minimal one
        for (const Alarm &alarm : {fullAlarm(), make<Alarm>([](Alarm &a) {
                                       a.id = "m";
                                       a.perceivedSeverity = Severity::Cleared;
                                       a.alarmClearedTime = utc(2026, 1, 1);
                                   })}) {
            // When encoded and decoded again
            QString error;
            const QJsonObject json = encodeAlarm(alarm, baseUrl);
            const auto back = decodeAlarm(json, &error);
            // Then the value is unchanged, and so is its JSON
            QVERIFY2(back, qPrintable(error));
            QCOMPARE(*back, alarm);
            QCOMPARE(encodeAlarm(*back, baseUrl), json);
        }
    }

    void roundTripTicket_data() { addBaseUrls(); }
    void roundTripTicket() {
        QFETCH(QString, baseUrl);
        for (const TroubleTicket &ticket : {fullTicket(), make<TroubleTicket>([](TroubleTicket &t) {
                                                t.id = "t";
                                                t.status = TicketStatus::Closed;
                                            })}) {
            QString error;
            const auto back = decodeTicket(encodeTicket(ticket, baseUrl), &error);
            QVERIFY2(back, qPrintable(error));
            QCOMPARE(*back, ticket);
        }
    }

    void roundTripElement_data() { addBaseUrls(); }
    void roundTripElement() {
        QFETCH(QString, baseUrl);
        for (const NetworkElement &element :
             {fullElement(), make<NetworkElement>([](NetworkElement &e) { e.id = "e"; })}) {
            QString error;
            const QJsonObject json = encodeElement(element, baseUrl);
            QCOMPARE(resourceKind(json), ResourceKind::Element);
            const auto back = decodeElement(json, &error);
            QVERIFY2(back, qPrintable(error));
            QCOMPARE(*back, element);
        }
    }

    void roundTripSite_data() { addBaseUrls(); }
    void roundTripSite() {
        QFETCH(QString, baseUrl);
        for (const Site &site : {fullSite(), make<Site>([](Site &s) { s.id = "s"; })}) {
            QString error;
            const QJsonObject json = encodeSite(site, baseUrl);
            QCOMPARE(resourceKind(json), ResourceKind::Site);
            const auto back = decodeSite(json, &error);
            QVERIFY2(back, qPrintable(error));
            QCOMPARE(*back, site);
        }
    }

    void roundTripLink_data() { addBaseUrls(); }
    void roundTripLink() {
        QFETCH(QString, baseUrl);
        for (const Link &link : {fullLink(), make<Link>([](Link &l) {
                                     l.id = "l";
                                     l.aEndId = "a";
                                     l.zEndId = "z";
                                 })}) {
            QString error;
            const QJsonObject json = encodeLink(link, baseUrl);
            QCOMPARE(resourceKind(json), ResourceKind::Link);
            const auto back = decodeLink(json, &error);
            QVERIFY2(back, qPrintable(error));
            QCOMPARE(*back, link);
        }
    }

    void encodersOmitAbsentFieldsAndMakeHrefs() {
        // Given a minimal alarm and element, and a base URL with a trailing slash
        const QJsonObject alarm =
            encodeAlarm(make<Alarm>([](Alarm &a) { a.id = "A 1"; }), "http://h/tmf-api/alarm/v4/");
        const QJsonObject relative = encodeAlarm(make<Alarm>([](Alarm &a) {
            a.id = "A1";
            a.parentAlarmIds = {"P"};
        }));
        const QJsonObject element = encodeElement(make<NetworkElement>([](NetworkElement &e) {
            e.id = "E";
            e.siteId = "S";
        }));
        // Then absent optional fields are not sent, hrefs are well-formed, and types are set
        QCOMPARE(alarm.value("href").toString(), QStringLiteral("http://h/tmf-api/alarm/v4/alarm/A%201"));
        QCOMPARE(alarm.value("@type").toString(), QStringLiteral("Alarm"));
        for (const char *absent : {"externalAlarmId", "alarmType", "alarmRaisedTime", "alarmClearedTime",
                                   "comment", "parentAlarm", "alarmedObject", "ackUserId"})
            QVERIFY2(!alarm.contains(absent), absent);
        QCOMPARE(relative.value("href").toString(), QStringLiteral("/alarm/A1"));
        QCOMPARE(relative.value("parentAlarm").toArray().at(0).toObject().value("href").toString(),
                 QStringLiteral("/alarm/P"));
        QVERIFY(!element.contains("resourceCharacteristic"));
        QVERIFY(!element.contains("category"));
        const QJsonObject place = element.value("place").toObject();
        QCOMPARE(place.value("role").toString(), QStringLiteral("installedAt"));
        QCOMPARE(place.value("@referredType").toString(), QStringLiteral("GeographicSite"));
        QCOMPARE(element.value("@type").toString(), QStringLiteral("PhysicalResource"));
    }

    void encodedJsonIsValidAgainstTheSwaggers() {
        // Given the three v4 swaggers
        Swagger alarmApi, ticketApi, resourceApi;
        if (!loadSwagger("TMF642-Alarm-v4.0.0.swagger.json", alarmApi) ||
            !loadSwagger("TMF621-TroubleTicket-v4.0.0.swagger.json", ticketApi) ||
            !loadSwagger("TMF639-ResourceInventory-v4.0.0.swagger.json", resourceApi))
            QSKIP("../shared/specs/tmf not found (set NOC_SHARED_DIR; CTest sets it to <source>/../shared)");
        // The profile's own addition to resources (ops-api.md: "The reference server adds lastUpdate").
        resourceApi.extensions = {"lastUpdate"};
        // TMF642 v4 types Alarm.id as integer while its own AlarmRef.id, the official sample and the
        // profile use strings; ids like "A-1001" cannot be integers, so the check uses string here.
        QJsonObject alarmDefinition = alarmApi.definitions.value("Alarm").toObject();
        QJsonObject props = alarmDefinition.value("properties").toObject();
        props.insert("id", QJsonObject{{"type", "string"}});
        alarmDefinition.insert("properties", props);
        alarmApi.definitions.insert("Alarm", alarmDefinition);

        // When each fully populated value is encoded
        // Then the JSON passes the swagger's types, enums, required fields and field names
        const QString base = "http://h/tmf-api";
        QStringList problems = validateAgainst(encodeAlarm(fullAlarm(), base), alarmApi, "Alarm");
        problems += validateAgainst(encodeTicket(fullTicket(), base), ticketApi, "TroubleTicket");
        problems += validateAgainst(encodeElement(fullElement(), base), resourceApi, "PhysicalResource");
        problems += validateAgainst(encodeLink(fullLink(), base), resourceApi, "LogicalResource");
        problems += validateAgainst(encodeSite(fullSite(), base), resourceApi, "Resource");
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));

        // and the validator itself catches a broken document
        QJsonObject bad = encodeTicket(fullTicket());
        bad.insert("status", "parked");
        bad.insert("lastUpdat", "typo");
        QCOMPARE(validateAgainst(bad, ticketApi, "TroubleTicket").size(), 2);
    }

    // ===== time =================================================================================

    void parseTimeAcceptsRfc3339_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("millis Z") << "2026-11-22T10:00:00.123Z" << utc(2026, 11, 22, 10, 0, 0, 123);
        QTest::newRow("no fraction") << "2026-11-22T10:00:00Z" << utc(2026, 11, 22, 10);
        QTest::newRow("one digit") << "2026-11-22T10:00:00.5Z" << utc(2026, 11, 22, 10, 0, 0, 500);
        QTest::newRow("nine digits truncated")
            << "2026-11-22T10:00:00.987654321Z" << utc(2026, 11, 22, 10, 0, 0, 987);
        QTest::newRow("twenty digits")
            << "2026-11-22T10:00:00.00100000000000000000Z" << utc(2026, 11, 22, 10, 0, 0, 1);
        QTest::newRow("lower t z") << "2026-11-22t10:00:00.001z" << utc(2026, 11, 22, 10, 0, 0, 1);
        QTest::newRow("plus offset") << "2026-11-22T12:00:00+02:00" << utc(2026, 11, 22, 10);
        QTest::newRow("minus offset") << "2026-11-22T04:30:00.250-05:30" << utc(2026, 11, 22, 10, 0, 0, 250);
        QTest::newRow("offset over midnight") << "2026-01-01T01:00:00+03:00" << utc(2025, 12, 31, 22);
        QTest::newRow("compact offset") << "2026-11-22T12:00:00+0200" << utc(2026, 11, 22, 10);
        QTest::newRow("zero offset") << "2026-11-22T10:00:00-00:00" << utc(2026, 11, 22, 10);
        QTest::newRow("space separator") << "2026-11-22 10:00:00Z" << utc(2026, 11, 22, 10);
        QTest::newRow("leap day 2024") << "2024-02-29T23:59:59.999Z" << utc(2024, 2, 29, 23, 59, 59, 999);
        QTest::newRow("leap day 2000") << "2000-02-29T00:00:00Z" << utc(2000, 2, 29);
        QTest::newRow("before epoch") << "1969-12-31T23:59:59.999Z" << qint64(-1);
        QTest::newRow("year 1") << "0001-01-01T00:00:00Z" << utc(1, 1, 1);
        QTest::newRow("year 9999") << "9999-12-31T23:59:59.999Z" << utc(9999, 12, 31, 23, 59, 59, 999);
        QTest::newRow("no seconds (TMF sample)") << "2022-07-04T08:00.000Z" << utc(2022, 7, 4, 8);
        QTest::newRow("no zone read as UTC") << "2026-11-22T10:00:00" << utc(2026, 11, 22, 10);
        QTest::newRow("date only") << "2026-11-22" << utc(2026, 11, 22);
        QTest::newRow("padded") << "  2026-11-22T10:00:00Z " << utc(2026, 11, 22, 10);
    }
    void parseTimeAcceptsRfc3339() {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        QCOMPARE(parseTime(text), expected);
    }

    void parseTimeRejectsGarbage_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("word") << "yesterday";
        QTest::newRow("not a leap year") << "2023-02-29T00:00:00Z";
        QTest::newRow("1900 not leap") << "1900-02-29T00:00:00Z";
        QTest::newRow("month 13") << "2026-13-01T00:00:00Z";
        QTest::newRow("day 0") << "2026-11-00T00:00:00Z";
        QTest::newRow("april 31") << "2026-04-31T00:00:00Z";
        QTest::newRow("hour 24") << "2026-11-22T24:00:00Z";
        QTest::newRow("minute 60") << "2026-11-22T10:60:00Z";
        QTest::newRow("trailing junk") << "2026-11-22T10:00:00Zjunk";
        QTest::newRow("dot without digits") << "2026-11-22T10:00:00.Z";
        QTest::newRow("bad offset") << "2026-11-22T10:00:00+2:00";
        QTest::newRow("offset hour 24") << "2026-11-22T10:00:00+24:00";
        QTest::newRow("two-digit year") << "26-11-22T10:00:00Z";
        QTest::newRow("slashes") << "2026/11/22T10:00:00Z";
        QTest::newRow("unicode digits") << QString::fromUtf8("２０２６-11-22T10:00:00Z");
        QTest::newRow("epoch text") << "1763805600";
    }
    void parseTimeRejectsGarbage() {
        QFETCH(QString, text);
        QCOMPARE(parseTime(text), EpochMs(0));
    }

    void formatTimeIsMillisecondZulu() {
        // Given instants across the whole four-digit range, random but reproducible
        QRandomGenerator random(20261122);
        const qint64 lo = utc(1, 1, 1), hi = utc(9999, 12, 31, 23, 59, 59, 999);
        for (int i = 0; i < 20000; ++i) {
            const qint64 ms = i == 0 ? -1 : lo + qint64(random.generateDouble() * double(hi - lo));
            if (ms == 0)
                continue;
            // When formatted
            const QString text = formatTime(ms);
            // Then it is what QDateTime writes, and parses back to the same instant
            QCOMPARE(text,
                     QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
            QCOMPARE(parseTime(text), ms);
        }
        QCOMPARE(formatTime(0), QString());
        QCOMPARE(formatTime(utc(2026, 11, 22, 10)), QStringLiteral("2026-11-22T10:00:00.000Z"));
    }

private:
    static void addBaseUrls() {
        QTest::addColumn<QString>("baseUrl");
        QTest::newRow("relative") << QString();
        QTest::newRow("absolute") << QStringLiteral("http://opsim:8080/tmf-api/alarm/v4");
    }
};

QTEST_GUILESS_MAIN(TmfCodecTest)
#include "tmf_codec_test.moc"
