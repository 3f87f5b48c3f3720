#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

// noc-bench suites. A suite receives its options and reports figures through BenchReporter, which
// prints JSON lines (--json) or a readable table, in the format of ../shared/docs/performance.md.
namespace noc::bench {

struct BenchOptions {
    bool quick = false;
    bool json = false;
    QStringList args; // the suite's own extra arguments

    // A suite argument given as a `name=value` word after the suite name (QCommandLineParser would
    // take `--name value` apart), or `fallback`.
    qint64 value(const QString &name, qint64 fallback) const {
        for (const QString &arg : args)
            if (arg.startsWith(name + QLatin1Char('=')))
                return arg.mid(name.size() + 1).toLongLong();
        return fallback;
    }
    QString text(const QString &name, const QString &fallback) const {
        for (const QString &arg : args)
            if (arg.startsWith(name + QLatin1Char('=')))
                return arg.mid(name.size() + 1);
        return fallback;
    }
};

class BenchReporter {
public:
    BenchReporter(QString suite, bool json)
        : m_suite(std::move(suite))
        , m_json(json) {}
    // n < 0 leaves "n" out of the JSON line.
    void report(const QString &metric, double value, const QString &unit, qint64 n = -1);
    // A line of context (sizes, machine) for the readable output; in JSON mode printed on stderr.
    void note(const QString &text);

private:
    QString m_suite;
    bool m_json;
};

using SuiteFunction = std::function<int(const BenchOptions &, BenchReporter &)>;

struct Suite {
    QString name;
    QString description;
    SuiteFunction run;
};

std::vector<Suite> &suites();

struct SuiteRegistrar {
    SuiteRegistrar(const QString &name, const QString &description, SuiteFunction run) {
        suites().push_back({name, description, std::move(run)});
    }
};

} // namespace noc::bench

#define NOC_BENCH_SUITE_CAT2(a, b) a##b
#define NOC_BENCH_SUITE_CAT(a, b) NOC_BENCH_SUITE_CAT2(a, b)
// NOC_BENCH_SUITE("ingest", "what it measures", functionName)
#define NOC_BENCH_SUITE(name, description, function)                                                         \
    static const noc::bench::SuiteRegistrar NOC_BENCH_SUITE_CAT(s_suiteRegistrar,                            \
                                                                __LINE__)(name, description, function)
