// setJsonMembers (the text edit of the storm's auto-clears) and Store::clearAlarm, checked by parsing
// their output with QJsonDocument and comparing it with the same change made on a QJsonObject.
#include "json_text.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace noc::opsim;

namespace {

QJsonObject parse(const QByteArray &text) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning() << "not a JSON object:" << error.errorString() << text;
    return doc.object();
}

} // namespace

class OpsimJsonTextTest : public QObject {
    Q_OBJECT
private slots:
    void setsExistingMembersInPlaceAndAppendsMissingOnes_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("plain") << QByteArray("{\"a\":1,\"state\":\"raised\",\"z\":true}");
        QTest::newRow("empty") << QByteArray("{}");
        QTest::newRow("spaces") << QByteArray(" { \"state\" : \"raised\" , \"n\" : -1.5e3 , \"x\" : null } ");
        // The keys we set, inside nested values and strings, must stay as they are.
        QTest::newRow("nested") << QByteArray("{\"inner\":{\"state\":\"raised\",\"alarmChangedTime\":\"x\"},"
                                              "\"list\":[{\"state\":1},\"state\"],\"state\":\"raised\"}");
        QTest::newRow("escapes") << QByteArray("{\"alarmDetails\":\"a \\\"quoted\\\" {brace} [bracket], \\\\ "
                                               "back\\\\\",\"state\":\"raised\",\"u\":\"\\u00e9\\u4e2d\"}");
        QTest::newRow("utf8") << QByteArray("{\"name\":\"R\xc3\xa9seau \xe4\xb8\xad\",\"state\":\"raised\"}");
        QTest::newRow("all present") << QByteArray("{\"alarmChangedTime\":\"old\",\"alarmClearedTime\":"
                                                   "\"old\",\"clearSystemId\":\"x\",\"state\":\"raised\"}");
    }
    void setsExistingMembersInPlaceAndAppendsMissingOnes() {
        QFETCH(QByteArray, input);
        // Given a JSON object and the members a clear sets
        const std::vector<JsonMember> members = {{"state", "\"cleared\""},
                                                 {"alarmClearedTime", "\"2026-11-23T04:00:00.000Z\""},
                                                 {"alarmChangedTime", "\"2026-11-23T04:00:00.000Z\""},
                                                 {"clearSystemId", "\"opsim\""}};
        // When the text is edited
        QByteArray out;
        QVERIFY(setJsonMembers(input, members, &out));
        // Then it parses to the object with those members set and nothing else changed
        QJsonObject expected = parse(input);
        expected.insert(QStringLiteral("state"), QStringLiteral("cleared"));
        expected.insert(QStringLiteral("alarmClearedTime"), QStringLiteral("2026-11-23T04:00:00.000Z"));
        expected.insert(QStringLiteral("alarmChangedTime"), QStringLiteral("2026-11-23T04:00:00.000Z"));
        expected.insert(QStringLiteral("clearSystemId"), QStringLiteral("opsim"));
        QCOMPARE(parse(out), expected);
    }

    void keepsTheOrderOfExistingMembers() {
        QByteArray out;
        QVERIFY(setJsonMembers("{\"a\":1,\"state\":\"raised\",\"z\":[true,{\"state\":2}]}",
                               {{"state", "\"cleared\""}, {"clearSystemId", "\"opsim\""}}, &out));
        QCOMPARE(
            out,
            QByteArray(
                "{\"a\":1,\"state\":\"cleared\",\"z\":[true,{\"state\":2}],\"clearSystemId\":\"opsim\"}"));
    }

    void refusesTextItCannotFollow_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("unterminated string") << QByteArray("{\"state\":\"raised");
        QTest::newRow("unterminated object") << QByteArray("{\"state\":\"raised\"");
        QTest::newRow("missing colon") << QByteArray("{\"state\" \"raised\"}");
        QTest::newRow("missing value") << QByteArray("{\"state\":}");
        QTest::newRow("trailing text") << QByteArray("{\"state\":\"raised\"} x");
        QTest::newRow("empty") << QByteArray();
    }
    void refusesTextItCannotFollow() {
        QFETCH(QByteArray, input);
        QByteArray out;
        QVERIFY(!setJsonMembers(input, {{"state", "\"cleared\""}}, &out));
    }

    void escapesStringsAsJsonParsersReadThem() {
        // Given text with every character class the escaping treats differently
        QString text = QStringLiteral("plain \"quoted\" back\\slash /slash \u00e9\u4e2d\U0001F600 ");
        for (char16_t c = 0; c < 0x20; ++c)
            text += QChar(c);
        text += QStringLiteral(" end");
        // When it is written as a JSON string literal inside an object
        QByteArray json = "{\"s\":";
        appendJsonUtf8(json, text.toUtf8());
        json += ",\"t\":\"";
        appendJsonEscaped(json, "a\"b");
        json += "\"}";
        // Then a JSON parser reads the same text back
        const QJsonObject parsed = parse(json);
        QCOMPARE(parsed.value("s").toString(), text);
        QCOMPARE(parsed.value("t").toString(), QStringLiteral("a\"b"));
    }

    void storeClearsAnAlarmOnceAndKeepsItsOtherMembers() {
        // Given a stored raised alarm whose text has escapes and nested members named like the ones set
        Store store;
        QString error;
        QVERIFY2(store.open(QString(), &error), qPrintable(error));
        QJsonObject alarm{{QStringLiteral("id"), QStringLiteral("ALM-00000001")},
                          {QStringLiteral("state"), QStringLiteral("raised")},
                          {QStringLiteral("alarmChangedTime"), QStringLiteral("2026-11-23T03:00:00.000Z")},
                          {QStringLiteral("alarmDetails"), QStringLiteral("a \"b\" {c} \\ d\n\u00e9")},
                          {QStringLiteral("alarmedObject"),
                           QJsonObject{{QStringLiteral("id"), QStringLiteral("NE-1")},
                                       {QStringLiteral("state"), QStringLiteral("raised")}}},
                          {QStringLiteral("place"), QJsonArray{QJsonObject{{QStringLiteral("id"), 1}}}}};
        QVERIFY(store.put(Kind::Alarm, alarm, 1));
        // When it is cleared
        const QByteArray json = store.clearAlarm("ALM-00000001", "2026-11-23T04:00:00.000Z");
        // Then the returned and the stored JSON are the alarm with the clear's members set
        QJsonObject expected = alarm;
        expected.insert(QStringLiteral("state"), QStringLiteral("cleared"));
        expected.insert(QStringLiteral("alarmClearedTime"), QStringLiteral("2026-11-23T04:00:00.000Z"));
        expected.insert(QStringLiteral("alarmChangedTime"), QStringLiteral("2026-11-23T04:00:00.000Z"));
        expected.insert(QStringLiteral("clearSystemId"), QStringLiteral("opsim"));
        QCOMPARE(parse(json), expected);
        const auto stored = store.get(Kind::Alarm, QStringLiteral("ALM-00000001"));
        QVERIFY(stored.has_value());
        QCOMPARE(stored->json, expected);
        QCOMPARE(stored->version, 2);
        // ... its columns follow (the filters use them)
        QCOMPARE(store.count(Kind::Alarm, QStringLiteral("state = 'cleared' AND changedTime = ?"),
                             {QStringLiteral("2026-11-23T04:00:00.000Z")}),
                 1);
        // ... and a second clear, or a clear of an unknown alarm, changes nothing
        QVERIFY(store.clearAlarm("ALM-00000001", "2026-11-23T05:00:00.000Z").isEmpty());
        QVERIFY(store.clearAlarm("ALM-99999999", "2026-11-23T05:00:00.000Z").isEmpty());
        QCOMPARE(store.get(Kind::Alarm, QStringLiteral("ALM-00000001"))->version, 2);
    }
};

QTEST_GUILESS_MAIN(OpsimJsonTextTest)
#include "opsim_json_text_test.moc"
