// opsim: the reference operations API server and network simulator. See tools/opsim/README.md.
#include "opsim_server.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <sqlite3.h>

int main(int argc, char **argv) {
    // SQLite's memory statistics off, as in the console (CacheSchema::configureLibrary): with them on,
    // every SQLite allocation takes one process-wide mutex, and a storm's store writes are many.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("opsim"));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("TMF Open API reference server with a simulated network"));
    p.addHelpOption();
    const QCommandLineOption port({QStringLiteral("port")}, QStringLiteral("TCP port, 0 = any free port"),
                                  QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption bind({QStringLiteral("bind")}, QStringLiteral("Address to bind"),
                                  QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption seed({QStringLiteral("seed")}, QStringLiteral("Simulator seed"),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption elements({QStringLiteral("elements")},
                                      QStringLiteral("Network elements (10..100000)"), QStringLiteral("N"),
                                      QStringLiteral("2000"));
    const QCommandLineOption alarmRate({QStringLiteral("alarm-rate")},
                                       QStringLiteral("Background alarms per second"), QStringLiteral("R"),
                                       QStringLiteral("0.5"));
    const QCommandLineOption alarms({QStringLiteral("alarms")},
                                    QStringLiteral("Alarms pre-generated at start"), QStringLiteral("N"),
                                    QStringLiteral("0"));
    const QCommandLineOption history(
        {QStringLiteral("history-hours")},
        QStringLiteral("Background alarms of the last H hours at the alarm rate, "
                       "pre-generated at start"),
        QStringLiteral("H"), QStringLiteral("0"));
    const QCommandLineOption tickets({QStringLiteral("tickets")},
                                     QStringLiteral("Tickets pre-generated at start"), QStringLiteral("N"),
                                     QStringLiteral("0"));
    const QCommandLineOption storm({QStringLiteral("storm")}, QStringLiteral("Alarm storm at start"),
                                   QStringLiteral("RATE:SECONDS"));
    const QCommandLineOption noSim({QStringLiteral("no-sim")},
                                   QStringLiteral("Do not run the alarm and ticket engines"));
    const QCommandLineOption token({QStringLiteral("token")},
                                   QStringLiteral("Bearer token and role (repeatable)"),
                                   QStringLiteral("SECRET:ROLE"));
    const QCommandLineOption tokensFile({QStringLiteral("tokens-file")},
                                        QStringLiteral("File of 'SECRET ROLE' lines"),
                                        QStringLiteral("PATH"));
    const QCommandLineOption db({QStringLiteral("db")}, QStringLiteral("SQLite file (default: in memory)"),
                                QStringLiteral("PATH"));
    const QCommandLineOption latency({QStringLiteral("latency-ms")}, QStringLiteral("Added response latency"),
                                     QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption errorRate({QStringLiteral("error-rate")},
                                       QStringLiteral("Share of 500/503 answers"), QStringLiteral("P"),
                                       QStringLiteral("0"));
    const QCommandLineOption dropRate({QStringLiteral("drop-rate")},
                                      QStringLiteral("Share of connections closed mid-response"),
                                      QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption malformedRate({QStringLiteral("malformed-rate")},
                                           QStringLiteral("Share of invalid JSON bodies and frames"),
                                           QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption retention({QStringLiteral("event-retention")},
                                       QStringLiteral("Events kept for resume"), QStringLiteral("N"),
                                       QStringLiteral("200000"));
    const QCommandLineOption timeScale(
        {QStringLiteral("time-scale")},
        QStringLiteral("Scale of simulated durations (0.1 = ten times faster)"), QStringLiteral("F"),
        QStringLiteral("1"));
    p.addOption(timeScale);
    const QCommandLineOption tlsCert({QStringLiteral("tls-cert")},
                                     QStringLiteral("Serve https/wss with this PEM certificate (chain)"),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tlsKey({QStringLiteral("tls-key")},
                                    QStringLiteral("PEM private key of --tls-cert"), QStringLiteral("FILE"));
    p.addOptions({tlsCert, tlsKey});
    p.addOptions({port, bind, seed, elements, alarmRate, alarms, history, tickets, storm, noSim, token,
                  tokensFile, db, latency, errorRate, dropRate, malformedRate, retention});
    p.process(app);

    auto fail = [](const QString &m) {
        std::fprintf(stderr, "opsim: %s\n", qPrintable(m));
        return 2;
    };
    noc::opsim::ServerConfig cfg;
    bool ok = true;
    cfg.port = quint16(p.value(port).toUInt(&ok));
    if (!ok)
        return fail(QStringLiteral("invalid --port"));
    cfg.bindAddress = p.value(bind);
    cfg.seed = p.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("invalid --seed"));
    cfg.elements = p.value(elements).toInt(&ok);
    if (!ok || cfg.elements < 10 || cfg.elements > 100000)
        return fail(QStringLiteral("--elements must be 10..100000"));
    cfg.alarmRate = p.value(alarmRate).toDouble(&ok);
    if (!ok || cfg.alarmRate < 0)
        return fail(QStringLiteral("invalid --alarm-rate"));
    cfg.initialAlarms = p.value(alarms).toLongLong(&ok);
    if (!ok || cfg.initialAlarms < 0)
        return fail(QStringLiteral("invalid --alarms"));
    cfg.historyHours = p.value(history).toInt(&ok);
    if (!ok || cfg.historyHours < 0 || cfg.historyHours > 24 * 31)
        return fail(QStringLiteral("--history-hours must be 0..744"));
    cfg.initialTickets = p.value(tickets).toInt(&ok);
    if (!ok || cfg.initialTickets < 0)
        return fail(QStringLiteral("invalid --tickets"));
    if (p.isSet(storm)) {
        const QStringList parts = p.value(storm).split(u':');
        bool ok2 = false;
        if (parts.size() == 2) {
            cfg.stormRate = parts[0].toDouble(&ok);
            cfg.stormSeconds = parts[1].toInt(&ok2);
        }
        if (parts.size() != 2 || !ok || !ok2 || cfg.stormRate <= 0 || cfg.stormSeconds <= 0)
            return fail(QStringLiteral("--storm expects RATE:SECONDS"));
    }
    cfg.simulate = !p.isSet(noSim);
    cfg.timeScale = p.value(timeScale).toDouble(&ok);
    if (!ok || cfg.timeScale <= 0)
        return fail(QStringLiteral("invalid --time-scale"));
    for (const QString &t : p.values(token)) {
        const int colon = t.lastIndexOf(u':');
        if (colon <= 0 || !noc::opsim::isKnownRole(t.mid(colon + 1)))
            return fail(
                QStringLiteral("--token expects SECRET:ROLE with ROLE engineer|supervisor|auditor|readonly"));
        cfg.tokens.insert(t.left(colon), t.mid(colon + 1).toLower());
    }
    if (p.isSet(tokensFile)) {
        QString err;
        if (!noc::opsim::loadTokensFile(p.value(tokensFile), &cfg.tokens, &err))
            return fail(err);
    }
    cfg.dbPath = p.value(db);
    if (p.isSet(tlsCert) != p.isSet(tlsKey))
        return fail(QStringLiteral("--tls-cert and --tls-key go together"));
    cfg.tlsCertificatePath = p.value(tlsCert);
    cfg.tlsKeyPath = p.value(tlsKey);
    cfg.latencyMs = p.value(latency).toInt();
    cfg.errorRate = p.value(errorRate).toDouble();
    cfg.dropRate = p.value(dropRate).toDouble();
    cfg.malformedRate = p.value(malformedRate).toDouble();
    cfg.eventRetention = p.value(retention).toLongLong(&ok);
    if (!ok || cfg.eventRetention < 1)
        return fail(QStringLiteral("invalid --event-retention"));

    noc::opsim::Server server(cfg);
    QString error;
    if (!server.start(&error))
        return fail(error);
    std::printf("listening on %s\n", qPrintable(server.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
