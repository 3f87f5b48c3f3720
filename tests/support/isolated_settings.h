#pragma once

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace noc::test {

// QSettings() of this test process's own: the widgets under test save their layout, language, sound
// and views, and with QStandardPaths' test mode alone every copy of a test shares one file under
// ~/.qttest. Two copies running at once (ctest -j, a second terminal) then read each other's half-made
// changes. Here each process gets a temporary directory, removed when the test ends.
//
// Make one as a member of the test object (QTEST_MAIN constructs it after the application and before
// any test function runs), check isValid() in initTestCase(), and call reset() in init() so that each
// test function starts as a user who never changed a setting.
class IsolatedSettings {
public:
    IsolatedSettings() {
        QStandardPaths::setTestModeEnabled(true); // data and cache locations stay out of the user's too
        for (const auto format : {QSettings::NativeFormat, QSettings::IniFormat}) {
            QSettings::setPath(format, QSettings::UserScope, m_dir.filePath(QStringLiteral("user")));
            QSettings::setPath(format, QSettings::SystemScope, m_dir.filePath(QStringLiteral("system")));
        }
    }
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    // Forgets what the last test function saved.
    static void reset() {
        QSettings settings;
        settings.clear();
        settings.sync();
    }

private:
    QTemporaryDir m_dir;
};

} // namespace noc::test
