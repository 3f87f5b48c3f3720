#include "bench_registry.h"
#include "cache/cache_schema.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QSysInfo>
#include <QThread>
#include <cstdio>

namespace {

// How many DAMON memory monitors the kernel runs. Some VM hosts start one for proactive reclaim; its
// thread can hold a core for tens of milliseconds, which every thread's longest wait shows (the storm's
// gui_max_stall_ms and reference_max_gap_ms: docs/PERFORMANCE.md, "The VM's memory monitor").
int runningMemoryMonitors() {
    const QDir kdamonds(QStringLiteral("/sys/kernel/mm/damon/admin/kdamonds"));
    int running = 0;
    for (const QString &name : kdamonds.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile state(kdamonds.filePath(name + QStringLiteral("/state")));
        if (state.open(QIODevice::ReadOnly) && state.readAll().trimmed() == "on")
            ++running;
    }
    return running;
}

} // namespace

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
        reporter.note(QStringLiteral("machine: %1, %2 cores, kernel memory monitors (DAMON) running: %3")
                          .arg(QSysInfo::prettyProductName())
                          .arg(QThread::idealThreadCount())
                          .arg(runningMemoryMonitors()));
        return suite.run(options, reporter);
    }
    std::fprintf(stderr, "noc-bench: unknown suite '%s' (try --list)\n", qPrintable(positional.first()));
    return 2;
}
