// HTTP-level behaviour of opsim's TMF639 / TMF642 / TMF621 endpoints, against an in-process server on
// 127.0.0.1 with a fixed seed and no background simulation (the data only changes when a test changes it).
#include "opsim_test_util.h"

#include <QDateTime>
#include <QSet>
#include <QTest>
#include <QUuid>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {
const QString A = QStringLiteral("/tmf-api/alarm/v4");
const QString T = QStringLiteral("/tmf-api/troubleTicket/v4");
const QString R = QStringLiteral("/tmf-api/resourceInventoryManagement/v4");

QSet<QString> ids(const QJsonArray &arr) {
    QSet<QString> out;
    for (const QJsonValue &v : arr)
        out.insert(v.toObject().value(QLatin1String("id")).toString());
    return out;
}

QString characteristic(const QJsonObject &r, const QString &name) {
    for (const QJsonValue &c : r.value(QLatin1String("resourceCharacteristic")).toArray()) {
        if (c.toObject().value(QLatin1String("name")).toString() == name)
            return c.toObject().value(QLatin1String("value")).toVariant().toString();
    }
    return {};
}
} // namespace

class OpsimApiTest : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerFixture> f;

    // The first alarm matching a filter.
    QJsonObject firstAlarm(const QString &filter) {
        const HttpReply r = f->get(A + QStringLiteral("/alarm?limit=1&") + filter);
        return r.array().first().toObject();
    }

private slots:
    void initTestCase() {
        f = std::make_unique<ServerFixture>();
        QVERIFY2(f->ok, qPrintable(f->error));
    }
    void cleanupTestCase() { f.reset(); }

    void resourceListPagesWithTotalAndResultCountHeaders() {
        // Given the generated network, When listing two pages of resources
        const HttpReply all = f->get(R + QStringLiteral("/resource?limit=10000"));
        QCOMPARE(all.status, 200);
        const int total = int(all.array().size());
        QVERIFY(total > 60); // elements + sites + links
        const HttpReply p1 = f->get(R + QStringLiteral("/resource?offset=0&limit=25"));
        const HttpReply p2 = f->get(R + QStringLiteral("/resource?offset=25&limit=25"));
        // Then the headers count the whole set and the page, and pages do not overlap
        QCOMPARE(p1.status, 206);
        QCOMPARE(p1.header("X-Total-Count").toInt(), total);
        QCOMPARE(p1.header("X-Result-Count").toInt(), 25);
        QCOMPARE(p1.array().size(), 25);
        QVERIFY(!ids(p1.array()).intersects(ids(p2.array())));
        QCOMPARE(p2.array().first().toObject().value("id"), all.array().at(25).toObject().value("id"));
    }

    void resourcesHaveTheProfileShapes() {
        // Elements are PhysicalResources placed at a site, sites carry coordinates, links two ends
        const QJsonObject ne =
            f->get(R + QStringLiteral("/resource?category=router&limit=1")).array().first().toObject();
        QCOMPARE(ne.value("@type").toString(), QStringLiteral("PhysicalResource"));
        QVERIFY(!characteristic(ne, QStringLiteral("vendor")).isEmpty());
        QVERIFY(!characteristic(ne, QStringLiteral("mgmtIp")).isEmpty());
        QVERIFY(QStringList({"core", "aggregation", "access"})
                    .contains(characteristic(ne, QStringLiteral("layer"))));
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Z]{2}-[A-Z]+-[A-Z]+-\\d\\d$"))
                    .match(ne.value("name").toString())
                    .hasMatch());
        const QJsonObject place = ne.value("place").toObject();
        QCOMPARE(place.value("role").toString(), QStringLiteral("installedAt"));
        QCOMPARE(place.value("@referredType").toString(), QStringLiteral("GeographicSite"));
        const HttpReply site = f->get(R + QStringLiteral("/resource/") + place.value("id").toString());
        QCOMPARE(site.status, 200);
        QCOMPARE(site.object().value("category").toString(), QStringLiteral("site"));
        const double lat = characteristic(site.object(), QStringLiteral("latitude")).toDouble();
        QVERIFY(lat > 15 && lat < 50);
        const QJsonObject link =
            f->get(R + QStringLiteral("/resource?category=link&limit=1")).array().first().toObject();
        QCOMPARE(link.value("@type").toString(), QStringLiteral("LogicalResource"));
        const QJsonArray rel = link.value("resourceRelationship").toArray();
        QCOMPARE(rel.size(), 2);
        QCOMPARE(rel[0].toObject().value("relationshipType").toString(), QStringLiteral("aEnd"));
        QCOMPARE(rel[1].toObject().value("relationshipType").toString(), QStringLiteral("zEnd"));
        QVERIFY(!rel[1].toObject().value("resource").toObject().value("href").toString().isEmpty());
        QVERIFY(characteristic(link, QStringLiteral("capacityBps")).toDouble() >= 1e9);
        const double util = characteristic(link, QStringLiteral("utilization")).toDouble();
        QVERIFY(util >= 0 && util <= 1);
    }

    void resourceFiltersOnDottedPathsAndLastUpdate() {
        const QJsonObject ne = f->get(R + QStringLiteral("/resource?category=olt,switch,bts&limit=1"))
                                   .array()
                                   .first()
                                   .toObject();
        const QString siteId = ne.value("place").toObject().value("id").toString();
        const HttpReply atSite = f->get(R + QStringLiteral("/resource?place.id=") + siteId);
        QVERIFY(atSite.array().size() >= 1);
        for (const QJsonValue &v : atSite.array())
            QCOMPARE(v.toObject().value("place").toObject().value("id").toString(), siteId);
        // lastUpdate.gte: everything was written at start, nothing after "now + 1 h"
        const QString future = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
        QCOMPARE(
            f->get(R + QStringLiteral("/resource?lastUpdate.gte=") + future).header("X-Total-Count").toInt(),
            0);
        QVERIFY(f->get(R + QStringLiteral("/resource?lastUpdate.gte=2020-01-01T00:00:00Z"))
                    .header("X-Total-Count")
                    .toInt() > 0);
    }

    void alarmFilterWithCommaMeansOr() {
        const int total = f->get(A + QStringLiteral("/alarm?limit=1")).header("X-Total-Count").toInt();
        const int raised =
            f->get(A + QStringLiteral("/alarm?state=raised&limit=1")).header("X-Total-Count").toInt();
        const int cleared =
            f->get(A + QStringLiteral("/alarm?state=cleared&limit=1")).header("X-Total-Count").toInt();
        const HttpReply both = f->get(A + QStringLiteral("/alarm?state=raised,cleared&limit=1000"));
        QVERIFY(raised > 0 && cleared > 0);
        QCOMPARE(both.header("X-Total-Count").toInt(), raised + cleared);
        QVERIFY(raised + cleared <= total);
        for (const QJsonValue &v : both.array())
            QVERIFY(QStringList({"raised", "cleared"}).contains(v.toObject().value("state").toString()));
    }

    void alarmFilterOnDottedPathAndBoolean() {
        const QJsonObject a = firstAlarm(QString());
        const QString ne = a.value("alarmedObject").toObject().value("id").toString();
        const HttpReply r =
            f->get(A + QStringLiteral("/alarm?alarmedObject.id=") + ne + QStringLiteral("&limit=1000"));
        QVERIFY(r.array().size() >= 1);
        for (const QJsonValue &v : r.array())
            QCOMPARE(v.toObject().value("alarmedObject").toObject().value("id").toString(), ne);
        const HttpReply sa = f->get(A + QStringLiteral("/alarm?serviceAffecting=true&limit=1000"));
        QVERIFY(sa.array().size() > 0);
        for (const QJsonValue &v : sa.array())
            QCOMPARE(v.toObject().value("serviceAffecting").toBool(), true);
    }

    void alarmComparisonOperatorsOnTimes() {
        const HttpReply all = f->get(A + QStringLiteral("/alarm?sort=alarmRaisedTime&limit=1000"));
        const QJsonArray arr = all.array();
        QVERIFY(arr.size() > 10);
        const QString pivot = arr[arr.size() / 2].toObject().value("alarmRaisedTime").toString();
        const HttpReply gte = f->get(A + QStringLiteral("/alarm?limit=1000&alarmRaisedTime.gte=") + pivot);
        const HttpReply lt = f->get(A + QStringLiteral("/alarm?limit=1000&alarmRaisedTime.lt=") + pivot);
        QCOMPARE(gte.array().size() + lt.array().size(), arr.size());
        for (const QJsonValue &v : gte.array())
            QVERIFY(v.toObject().value("alarmRaisedTime").toString() >= pivot);
        for (const QJsonValue &v : lt.array())
            QVERIFY(v.toObject().value("alarmRaisedTime").toString() < pivot);
        // a time without milliseconds is read as the same instant
        const QString noMs = pivot.left(19) + QStringLiteral("Z");
        const HttpReply gt = f->get(A + QStringLiteral("/alarm?limit=1000&alarmRaisedTime.gt=") + noMs);
        for (const QJsonValue &v : gt.array())
            QVERIFY(v.toObject().value("alarmRaisedTime").toString() > noMs.left(19));
    }

    void alarmSortAscendingAndDescending() {
        const QJsonArray asc = f->get(A + QStringLiteral("/alarm?sort=alarmChangedTime&limit=1000")).array();
        const QJsonArray desc =
            f->get(A + QStringLiteral("/alarm?sort=-alarmChangedTime&limit=1000")).array();
        QCOMPARE(asc.size(), desc.size());
        for (qsizetype i = 1; i < asc.size(); ++i) {
            QVERIFY(asc[i - 1].toObject().value("alarmChangedTime").toString() <=
                    asc[i].toObject().value("alarmChangedTime").toString());
            QVERIFY(desc[i - 1].toObject().value("alarmChangedTime").toString() >=
                    desc[i].toObject().value("alarmChangedTime").toString());
        }
    }

    void fieldsSelectsAttributes() {
        const QJsonObject a = f->get(A + QStringLiteral("/alarm?fields=state,perceivedSeverity&limit=1"))
                                  .array()
                                  .first()
                                  .toObject();
        QVERIFY(a.contains("id"));
        QVERIFY(a.contains("state"));
        QVERIFY(a.contains("perceivedSeverity"));
        QVERIFY(!a.contains("probableCause"));
        QVERIFY(!a.contains("alarmedObject"));
    }

    void invalidQueriesAnswer400WithTmfError() {
        for (const QString &q :
             {QStringLiteral("/alarm?noSuchAttribute=1"), QStringLiteral("/alarm?limit=0"),
              QStringLiteral("/alarm?limit=100001"), QStringLiteral("/alarm?limit=abc"),
              QStringLiteral("/alarm?offset=-5"), QStringLiteral("/alarm?alarmChangedTime.gte=yesterday"),
              QStringLiteral("/alarm?sort=bogus"), QStringLiteral("/alarm?fields=bogus")}) {
            const HttpReply r = f->get(A + q);
            QVERIFY2(r.status == 400, qPrintable(q));
            QVERIFY(!r.object().value("code").toString().isEmpty());
            QVERIFY(!r.object().value("reason").toString().isEmpty());
            QCOMPARE(r.object().value("status").toString(), QStringLiteral("400"));
        }
        QCOMPARE(f->get(A + QStringLiteral("/alarm/ALM-99999999")).status, 404);
        QCOMPARE(f->get(QStringLiteral("/tmf-api/nothing/here")).status, 404);
    }

    void getAnswersEtagAndStaleIfMatchIs412() {
        const QString id =
            firstAlarm(QStringLiteral("state=raised&ackState=unacknowledged")).value("id").toString();
        const HttpReply g = f->get(A + QStringLiteral("/alarm/") + id);
        QCOMPARE(g.status, 200);
        const QByteArray etag = g.header("ETag");
        QVERIFY(!etag.isEmpty());
        // When a first writer changes it with the right ETag
        const HttpReply ok =
            f->patch(A + QStringLiteral("/alarm/") + id, R"({"ackState":"acknowledged","ackUserId":"alice"})",
                     {{"If-Match", etag}});
        QCOMPARE(ok.status, 200);
        QVERIFY(ok.header("ETag") != etag);
        // Then a second writer with the old ETag gets 412 and nothing changes
        const HttpReply stale = f->patch(A + QStringLiteral("/alarm/") + id,
                                         R"({"ackState":"unacknowledged"})", {{"If-Match", etag}});
        QCOMPARE(stale.status, 412);
        QCOMPARE(f->get(A + QStringLiteral("/alarm/") + id).object().value("ackState").toString(),
                 QStringLiteral("acknowledged"));
    }

    void mergePatchAcksCommentsAndClears() {
        const QString id =
            firstAlarm(QStringLiteral("state=raised&ackState=unacknowledged")).value("id").toString();
        const QString before =
            f->get(A + QStringLiteral("/alarm/") + id).object().value("alarmChangedTime").toString();
        QTest::qWait(5);
        HttpReply r = f->patch(A + QStringLiteral("/alarm/") + id,
                               R"({"ackState":"acknowledged","ackUserId":"bob","ackSystemId":"noc"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value("ackState").toString(), QStringLiteral("acknowledged"));
        QCOMPARE(r.object().value("ackUserId").toString(), QStringLiteral("bob"));
        QVERIFY(r.object().value("alarmChangedTime").toString() > before);
        r = f->patch(A + QStringLiteral("/alarm/") + id,
                     R"({"comment":[{"userId":"bob","comment":"fibre team dispatched"}]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value("comment").toArray().size(), 1);
        QVERIFY(!r.object().value("comment").toArray()[0].toObject().value("time").toString().isEmpty());
        r = f->patch(A + QStringLiteral("/alarm/") + id, R"({"state":"cleared","clearUserId":"bob"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value("state").toString(), QStringLiteral("cleared"));
        QVERIFY(!r.object().value("alarmClearedTime").toString().isEmpty());
        // clearing again is an invalid transition
        QCOMPARE(f->patch(A + QStringLiteral("/alarm/") + id, R"({"state":"cleared"})").status, 409);
    }

    void badBodiesAnswer400_413_422() {
        const QString id = firstAlarm(QStringLiteral("state=raised")).value("id").toString();
        const QString p = A + QStringLiteral("/alarm/") + id;
        QCOMPARE(f->patch(p, "{not json").status, 400);
        QCOMPARE(f->patch(p, "[1,2]").status, 422);
        QCOMPARE(f->patch(p, R"({"ackState":42})").status, 422);
        QCOMPARE(f->patch(p, R"({"state":"raised"})").status, 422);
        QCOMPARE(f->patch(p, R"({"perceivedSeverity":"minor"})").status, 422);
        QCOMPARE(f->patch(p, R"({"comment":"not an array"})").status, 422);
        const HttpReply big =
            f->post(T + QStringLiteral("/troubleTicket"),
                    QByteArray("{\"description\":\"") + QByteArray(1024 * 1024 + 10, 'x') + "\"}");
        QCOMPARE(big.status, 413);
        QCOMPARE(big.object().value("code").toString(), QStringLiteral("PAYLOAD_TOO_LARGE"));
        // still serving
        QCOMPARE(f->get(p).status, 200);
    }

    void taskResourcesApplyToMatchingAlarms() {
        const QJsonObject a = firstAlarm(QStringLiteral("state=raised&ackState=unacknowledged"));
        const QString ne = a.value("alarmedObject").toObject().value("id").toString();
        const int onNe =
            f->get(A + QStringLiteral("/alarm?state=raised&ackState=unacknowledged&alarmedObject.id=") + ne)
                .header("X-Total-Count")
                .toInt();
        // When acknowledging by pattern (all unacked raised alarms of one element)
        const QJsonObject body{
            {"ackUserId", "carol"},
            {"alarmPattern",
             QJsonArray{QJsonObject{{"alarmedObject", QJsonObject{{"id", ne}}}, {"state", "raised"}}}}};
        const HttpReply r = f->post(A + QStringLiteral("/ackAlarms"), compact(body));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.object().value("@type").toString(), QStringLiteral("AckAlarms"));
        QCOMPARE(r.object().value("ackedAlarm").toArray().size(), onNe);
        QCOMPARE(
            f->get(A + QStringLiteral("/alarm?state=raised&ackState=unacknowledged&alarmedObject.id=") + ne)
                .header("X-Total-Count")
                .toInt(),
            0);
        const HttpReply task = f->get(A + QStringLiteral("/ackAlarms/") + r.object().value("id").toString());
        QCOMPARE(task.status, 200);
        // unAck, comment and clear by id
        const QString id = a.value("id").toString();
        const QJsonArray byId{QJsonObject{{"id", id}}};
        QCOMPARE(f->post(A + QStringLiteral("/unAckAlarms"), compact({{"alarmPattern", byId}}))
                     .object()
                     .value("unAckedAlarm")
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(f->post(A + QStringLiteral("/commentAlarms"),
                         compact({{"alarmPattern", byId},
                                  {"comment", QJsonObject{{"comment", "looking"}, {"userId", "carol"}}}}))
                     .object()
                     .value("commentedAlarm")
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(f->post(A + QStringLiteral("/clearAlarms"),
                         compact({{"alarmPattern", byId}, {"clearUserId", "carol"}}))
                     .object()
                     .value("clearedAlarm")
                     .toArray()
                     .size(),
                 1);
        const QJsonObject after = f->get(A + QStringLiteral("/alarm/") + id).object();
        QCOMPARE(after.value("state").toString(), QStringLiteral("cleared"));
        QCOMPARE(after.value("ackState").toString(), QStringLiteral("unacknowledged"));
        QCOMPARE(after.value("comment").toArray().last().toObject().value("comment").toString(),
                 QStringLiteral("looking"));
        // an empty pattern list is refused rather than matching everything
        QCOMPARE(f->post(A + QStringLiteral("/clearAlarms"), R"({"alarmPattern":[]})").status, 422);
    }

    void idempotencyKeyReplaysFirstResultAndAppliesOnce() {
        const QString id = firstAlarm(QStringLiteral("state=raised")).value("id").toString();
        const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const QByteArray body = R"({"comment":[{"userId":"dave","comment":"exactly once"}]})";
        const int before =
            f->get(A + QStringLiteral("/alarm/") + id).object().value("comment").toArray().size();
        const HttpReply first =
            f->patch(A + QStringLiteral("/alarm/") + id, body, {{"Idempotency-Key", key}});
        const HttpReply second =
            f->patch(A + QStringLiteral("/alarm/") + id, body, {{"Idempotency-Key", key}});
        QCOMPARE(first.status, 200);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.body, first.body);
        QCOMPARE(second.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(f->get(A + QStringLiteral("/alarm/") + id).object().value("comment").toArray().size(),
                 before + 1);
        QCOMPARE(f->server->appliedCount(QString::fromLatin1(key)), 1);
        QCOMPARE(f->server->replayCount(QString::fromLatin1(key)), 1);
        const QJsonObject ctl =
            f->get(QStringLiteral("/control/idempotency?key=") + QString::fromLatin1(key)).object();
        QCOMPARE(ctl.value("applied").toInt(), 1);
        QCOMPARE(ctl.value("replays").toInt(), 1);
        // a ticket created twice with one key exists once
        const QByteArray tkey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const QByteArray tt = R"({"description":"dup test","severity":"Minor","ticketType":"incident"})";
        const int tickets =
            f->get(T + QStringLiteral("/troubleTicket?limit=1")).header("X-Total-Count").toInt();
        const HttpReply c1 = f->post(T + QStringLiteral("/troubleTicket"), tt, {{"Idempotency-Key", tkey}});
        const HttpReply c2 = f->post(T + QStringLiteral("/troubleTicket"), tt, {{"Idempotency-Key", tkey}});
        QCOMPARE(c1.status, 201);
        QCOMPARE(c2.status, 201);
        QCOMPARE(c2.object().value("id"), c1.object().value("id"));
        QCOMPARE(f->get(T + QStringLiteral("/troubleTicket?limit=1")).header("X-Total-Count").toInt(),
                 tickets + 1);
    }

    void ticketCreateNeedsMandatoryAttributes() {
        QCOMPARE(
            f->post(T + QStringLiteral("/troubleTicket"), R"({"severity":"Major","ticketType":"incident"})")
                .status,
            422);
        QCOMPARE(f->post(T + QStringLiteral("/troubleTicket"),
                         R"({"description":"x","severity":3,"ticketType":"incident"})")
                     .status,
                 422);
        QCOMPARE(
            f->post(
                 T + QStringLiteral("/troubleTicket"),
                 R"({"description":"x","severity":"Major","ticketType":"incident","relatedEntity":[{"id":"A"}]})")
                .status,
            422);
        const QString alarmId = firstAlarm(QStringLiteral("state=raised")).value("id").toString();
        const QJsonObject body{
            {"description", "LOS on uplink"},
            {"severity", "Major"},
            {"ticketType", "incident"},
            {"relatedEntity",
             QJsonArray{QJsonObject{{"id", alarmId}, {"role", "rootCause"}, {"@referredType", "Alarm"}}}}};
        const HttpReply r = f->post(T + QStringLiteral("/troubleTicket"), compact(body));
        QCOMPARE(r.status, 201);
        const QJsonObject t = r.object();
        QCOMPARE(t.value("status").toString(), QStringLiteral("acknowledged"));
        QCOMPARE(t.value("priority").toString(), QStringLiteral("High"));
        const QDateTime created =
            QDateTime::fromString(t.value("creationDate").toString(), Qt::ISODateWithMs);
        const QDateTime due =
            QDateTime::fromString(t.value("expectedResolutionDate").toString(), Qt::ISODateWithMs);
        QCOMPARE(created.secsTo(due), 8 * 3600); // SLA of a High ticket
        QCOMPARE(f->get(T + QStringLiteral("/troubleTicket/") + t.value("id").toString()).status, 200);
        QCOMPARE(f->get(T + QStringLiteral("/troubleTicket?relatedEntity.id=") + alarmId)
                     .header("X-Total-Count")
                     .toInt(),
                 1);
    }

    void ticketStatusTransitionsAreEnforcedWith409() {
        const HttpReply c = f->post(T + QStringLiteral("/troubleTicket"),
                                    R"({"description":"flow","severity":"Minor","ticketType":"incident"})");
        const QString p = T + QStringLiteral("/troubleTicket/") + c.object().value("id").toString();
        QCOMPARE(f->patch(p, R"({"status":"resolved"})").status, 409); // acknowledged -> resolved
        QCOMPARE(f->patch(p, R"({"status":"closed"})").status, 409);
        QCOMPARE(f->patch(p, R"({"status":"bogus"})").status, 422);
        QCOMPARE(f->patch(p, R"({"status":"inProgress","statusChangeReason":"working"})").status, 200);
        QCOMPARE(f->patch(p, R"({"status":"held"})").status, 200);
        QCOMPARE(f->patch(p, R"({"status":"resolved"})").status, 409); // held -> resolved
        QCOMPARE(f->patch(p, R"({"status":"inProgress"})").status, 200);
        const HttpReply res = f->patch(p, R"({"status":"resolved"})");
        QCOMPARE(res.status, 200);
        QVERIFY(!res.object().value("resolutionDate").toString().isEmpty());
        QCOMPARE(f->patch(p, R"({"status":"inProgress"})").status, 200); // reopen
        QCOMPARE(f->patch(p, R"({"status":"resolved"})").status, 200);
        QCOMPARE(f->patch(p, R"({"status":"closed"})").status, 200);
        QCOMPARE(f->patch(p, R"({"status":"inProgress"})").status, 409); // closed is final
        const QJsonArray changes = f->get(p).object().value("statusChange").toArray();
        QCOMPARE(changes.size(), 8);
        QCOMPARE(changes.last().toObject().value("status").toString(), QStringLiteral("closed"));
    }

    void ticketNotesAppend() {
        const HttpReply c = f->post(T + QStringLiteral("/troubleTicket"),
                                    R"({"description":"notes","severity":"Minor","ticketType":"incident"})");
        const QString p = T + QStringLiteral("/troubleTicket/") + c.object().value("id").toString();
        HttpReply r = f->patch(p, R"({"note":[{"author":"erin","text":"first"}]})");
        QCOMPARE(r.status, 200);
        r = f->post(p + QStringLiteral("/note"), R"({"author":"erin","text":"second"})");
        QCOMPARE(r.status, 201);
        const QJsonArray notes = f->get(p).object().value("note").toArray();
        QCOMPARE(notes.size(), 2);
        QCOMPARE(notes[0].toObject().value("text").toString(), QStringLiteral("first"));
        QCOMPARE(notes[1].toObject().value("text").toString(), QStringLiteral("second"));
        QVERIFY(!notes[1].toObject().value("id").toString().isEmpty());
        QVERIFY(!notes[1].toObject().value("date").toString().isEmpty());
        QCOMPARE(f->post(p + QStringLiteral("/note"), R"({"author":"erin"})").status, 422);
    }

    void offsetPagingVisitsEveryAlarmOnce() {
        const int total = f->get(A + QStringLiteral("/alarm?limit=1")).header("X-Total-Count").toInt();
        QSet<QString> seen;
        for (int offset = 0; offset < total; offset += 37) {
            const HttpReply r = f->get(A + QStringLiteral("/alarm?limit=37&offset=%1").arg(offset));
            for (const QJsonValue &v : r.array())
                seen.insert(v.toObject().value("id").toString());
        }
        QCOMPARE(seen.size(), total);
        QCOMPARE(f->get(A + QStringLiteral("/alarm?offset=%1").arg(total + 5)).array().size(), 0);
    }
};

QTEST_GUILESS_MAIN(OpsimApiTest)
#include "opsim_api_test.moc"
