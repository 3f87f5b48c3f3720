#include "bench_registry.h"
#include "cache/cache_schema.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSysInfo>
#include <QThread>
#include <cstdio>

// noc-bench SUITE [--quick] [--json] [suite args...]
int main(int argc, char **argv) {
    // As noc-console does (the sync suite's figures are the console's): before any database opens.
    noc::CacheSchema::configureLibrary();
    // Map and alarm suites drive real widgets; offscreen keeps figures comparable between machines.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName("noc-bench");

    QCommandLineParser parser;
    parser.setApplicationDescription("NOC Console benchmarks (figures for docs/PERFORMANCE.md)");
    parser.addHelpOption();
    parser.addPositionalArgument("suite", "Suite to run");
    parser.addOption({"quick", "Run the small size (under a minute on 2 cores)."});
    parser.addOption({"json", "One JSON object per line, one per figure."});
    parser.addOption({"list", "List the suites."});
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.parse(app.arguments());
    if (parser.isSet("help")) {
        parser.showHelp(0);
    }

    const QStringList positional = parser.positionalArguments();
    if (parser.isSet("list") || positional.isEmpty()) {
        std::printf("suites:\n");
        for (const auto &suite : noc::bench::suites())
            std::printf("  %-10s %s\n", qPrintable(suite.name), qPrintable(suite.description));
        return positional.isEmpty() && !parser.isSet("list") ? 2 : 0;
    }

    for (const auto &suite : noc::bench::suites()) {
        if (suite.name != positional.first())
            continue;
        noc::bench::BenchOptions options;
        options.quick = parser.isSet("quick");
        options.json = parser.isSet("json");
        options.args = positional.mid(1) + parser.unknownOptionNames();
        noc::bench::BenchReporter reporter(suite.name, options.json);
        reporter.note(QStringLiteral("machine: %1, %2 cores")
                          .arg(QSysInfo::prettyProductName())
                          .arg(QThread::idealThreadCount()));
        return suite.run(options, reporter);
    }
    std::fprintf(stderr, "noc-bench: unknown suite '%s' (try --list)\n", qPrintable(positional.first()));
    return 2;
}
