// The token store's fallback file (no system keychain): a token file other users can read is refused,
// as `sync --once --token-file` refuses one, with words naming the file and the fix. Real files.
#include "isolated_settings.h"
#include "sync/token_store.h"

#include <QFile>
#include <QTest>
#include <QUuid>

using namespace noc;

class TokenStoreTest : public QObject {
    Q_OBJECT
    test::IsolatedSettings m_settings; // test mode: the token folder is not the user's

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        TokenStore::setKeychainEnabled(false); // no Secret Service in a test: the fallback file
    }

    void fallbackFileOthersCanReadIsRefused() {
        // Given a token saved for a profile in the owner-only fallback file
        const QString profile = QStringLiteral("token-test-") + QUuid::createUuid().toString(QUuid::Id128);
        const TokenStore::Result written = TokenStore::write(profile, QStringLiteral("s3cret"));
        QVERIFY2(written.ok(), qPrintable(written.error));
        const QString path = TokenStore::fallbackPath(profile);
        const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
        QCOMPARE(QFile::permissions(path) & ~QFile::Permissions(QFile::ReadUser | QFile::WriteUser),
                 ownerOnly);

        for (const QFile::Permission loose : {QFile::ReadGroup, QFile::ReadOther}) {
            // When the file becomes readable by the group or by everyone (a copy, a umask, a chmod)
            QVERIFY(QFile::setPermissions(path, ownerOnly | loose));
            const TokenStore::Result read = TokenStore::read(profile);
            // Then the token is not used, and the error names the file and the fix
            QVERIFY(!read.ok());
            QVERIFY(read.token.isEmpty());
            QVERIFY2(read.error.contains(path), qPrintable(read.error));
            QVERIFY2(read.error.contains(QStringLiteral("chmod 600 ") + path), qPrintable(read.error));
            QVERIFY2(read.error.contains(QStringLiteral("other users")), qPrintable(read.error));
        }

        // When the user runs chmod 600, Then the token is read again (with the no-keychain warning)
        QVERIFY(QFile::setPermissions(path, ownerOnly));
        const TokenStore::Result read = TokenStore::read(profile);
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.token, QStringLiteral("s3cret"));
        QVERIFY2(read.warning.contains(path), qPrintable(read.warning));
        TokenStore::remove(profile);
        QVERIFY(!QFile::exists(path));
    }

    void commandLineTokenFileFollowsTheSameRule() {
        // The headless path's check, which the store now shares: same words for the same problem
        const QString profile = QStringLiteral("token-test-") + QUuid::createUuid().toString(QUuid::Id128);
        QVERIFY(TokenStore::write(profile, QStringLiteral("s3cret")).ok());
        const QString path = TokenStore::fallbackPath(profile);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        QCOMPARE(readTokenFile(path).error, TokenStore::read(profile).error);
        TokenStore::remove(profile);
    }
};

QTEST_MAIN(TokenStoreTest)
#include "token_store_test.moc"
