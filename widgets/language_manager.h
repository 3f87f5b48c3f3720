#pragma once

#include <QObject>
#include <QTranslator>

namespace noc {

// Loads the console's and Qt's translations for one language and swaps them at run time; widgets
// react through QEvent::LanguageChange. The choice order is: --lang, the saved setting, the
// system locale.
class LanguageManager : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);

    // Languages the console ships: "en" and "zh_CN".
    static QStringList availableLanguages();
    // The language the console would use given a --lang value (empty when absent).
    static QString resolveLanguage(const QString &commandLineLanguage);

    // Installs the translators for `code`; "en" removes them. False when no translation exists.
    bool setLanguage(const QString &code);
    QString language() const { return m_language; }

    static QString savedLanguage();
    static void saveLanguage(const QString &code);

private:
    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    QString m_language = QStringLiteral("en");
};

} // namespace noc
