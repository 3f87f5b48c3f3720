#include "language_manager.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>

namespace noc {

namespace {
const char *const kLanguageKey = "ui/language";

QString normalise(const QString &code) {
    const QString c = code.trimmed();
    if (c.startsWith(QLatin1String("zh"), Qt::CaseInsensitive))
        return QStringLiteral("zh_CN");
    if (c.isEmpty())
        return {};
    if (c.startsWith(QLatin1String("en"), Qt::CaseInsensitive) || c == QLatin1String("C"))
        return QStringLiteral("en");
    return c;
}
} // namespace

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent) {}

QStringList LanguageManager::availableLanguages() {
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString LanguageManager::resolveLanguage(const QString &commandLineLanguage) {
    if (const QString fromCommandLine = normalise(commandLineLanguage); !fromCommandLine.isEmpty())
        return fromCommandLine;
    if (const QString saved = normalise(savedLanguage()); !saved.isEmpty())
        return saved;
    const QString system = normalise(QLocale::system().name());
    return availableLanguages().contains(system) ? system : QStringLiteral("en");
}

QString LanguageManager::savedLanguage() {
    return QSettings().value(kLanguageKey).toString();
}

void LanguageManager::saveLanguage(const QString &code) {
    QSettings().setValue(kLanguageKey, code);
}

bool LanguageManager::setLanguage(const QString &requested) {
    const QString code = normalise(requested);
    QCoreApplication::removeTranslator(&m_appTranslator);
    QCoreApplication::removeTranslator(&m_qtTranslator);
    if (code == QLatin1String("en") || code.isEmpty()) {
        m_language = QStringLiteral("en");
        return true;
    }
    if (!m_appTranslator.load(QStringLiteral(":/i18n/noc_console_%1.qm").arg(code))) {
        logging::logger("ui")->warn("No translation for language '{}'; staying in English",
                                    code.toStdString());
        m_language = QStringLiteral("en");
        return false;
    }
    QCoreApplication::installTranslator(&m_appTranslator);
    // Qt's own strings (dialog buttons, context menus); optional, the console works without them.
    if (m_qtTranslator.load(QStringLiteral("qtbase_%1").arg(code),
                            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qtTranslator);
    m_language = code;
    return true;
}

} // namespace noc
