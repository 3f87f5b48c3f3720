#include "bench_registry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace noc::bench {

std::vector<Suite> &suites() {
    static std::vector<Suite> all;
    return all;
}

void BenchReporter::report(const QString &metric, double value, const QString &unit, qint64 n) {
    if (m_json) {
        QJsonObject line{{"suite", m_suite}, {"metric", metric}, {"value", value}, {"unit", unit}};
        if (n >= 0)
            line.insert("n", n);
        std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    } else {
        const QString count = n >= 0 ? QStringLiteral("  (n=%1)").arg(n) : QString();
        std::printf("%-10s %-32s %14.3f %-6s%s\n", qPrintable(m_suite), qPrintable(metric), value,
                    qPrintable(unit), qPrintable(count));
    }
    std::fflush(stdout);
}

void BenchReporter::note(const QString &text) {
    std::fprintf(m_json ? stderr : stdout, "# %s\n", qPrintable(text));
    std::fflush(m_json ? stderr : stdout);
}

} // namespace noc::bench
