// Signing in again after the server refused the access token (it expired or was revoked): the
// console says so, keeps the user's pending work, and after File ▸ Sign in… with a new token sends it
// exactly once. Real parts: opsim on 127.0.0.1 (in-process, port 0), the SQLite cache and outbox, the
// main window and the sign-in dialog offscreen, the token store's file (no keychain in a test).
#include "../sync/sync_test_support.h"

#include "isolated_settings.h"
#include "language_manager.h"
#include "main_window.h"
#include "sign_in_dialog.h"
#include "sync/local_actions.h"
#include "sync/token_store.h"
#include "sync_status_text.h"
#include "view_wiring.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace noc;
using namespace noc::test;

namespace {
const QString kNewToken = QStringLiteral("renewed-token-7f3a");

void saveScreenshot(QWidget &widget, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + ".png")));
}

// A session of its own profile name: the token store's file is per profile, and two copies of this
// test must not share one.
struct Console {
    Console(const QUrl &server, const QString &cachePath)
        : profile(profileFor(server, cachePath)) {
        profile.name = QStringLiteral("signin-") + QUuid::createUuid().toString(QUuid::Id128);
        session = std::make_unique<SyncSession>(profile, kToken);
        opened = session->openCache();
        session->setEngineOptions(fastOptions());
        QObject::connect(session.get(), &SyncSession::statusChanged, session.get(),
                         [this](const SyncStatus &s) { last = s; });
        synced = std::make_unique<QSignalSpy>(session.get(), &SyncSession::initialSyncCompleted);
        session->start();
    }
    ~Console() { TokenStore::remove(profile.name); }
    bool isLive() const { return last.phase == SyncPhase::Live; }

    ConnectionProfile profile;
    std::unique_ptr<SyncSession> session;
    std::unique_ptr<QSignalSpy> synced;
    SyncStatus last;
    bool opened = false;
};

} // namespace

class SignInTest : public QObject {
    Q_OBJECT
    IsolatedSettings m_settings;

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        TokenStore::setKeychainEnabled(false); // no Secret Service in a test: the 0600 file
    }

    void refusedTokenThenSignInSendsThePendingActionExactlyOnce() {
        // Given a console live on a server that has produced events (the stream resumes after them)
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        server.server->generateAlarms(5);
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        Console console(server.server->baseUrl(), cache);
        QVERIFY(console.opened);
        QVERIFY(console.synced->wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(console.isLive(), 20000);

        LanguageManager languages;
        MainWindow window(&languages);
        wireSignIn(window, *console.session);
        auto refresh = [&window, &console] {
            const EpochMs now = QDateTime::currentMSecsSinceEpoch();
            window.setConnectionStatus(SyncStatusText::summary(console.session->status(), now),
                                       SyncStatusText::details(console.session->status(), now));
        };
        QObject::connect(console.session.get(), &SyncSession::statusChanged, &window, refresh);
        window.resize(1100, 600);
        window.show();
        auto *statusButton = window.findChild<QToolButton *>("signInStatusButton");
        QVERIFY(statusButton);
        QVERIFY(window.signInAction()->isEnabled());
        QVERIFY(!statusButton->isVisible());

        // When the server revokes the token and the engineer acknowledges an alarm
        QVERIFY(server.server->revokeToken(kToken));
        const Alarm alarm = anUnacknowledgedAlarm(cache);
        QVERIFY(!alarm.id.isEmpty());
        const CacheBatch ack = actions::acknowledgeAlarms({alarm}, {"night.shift", "noc-console", 0});
        QCOMPARE(ack.outboxInserts.size(), 1);
        const QString uuid = ack.outboxInserts.first().uuid;
        console.session->submit(ack);

        // Then the console says sign-in is needed, in the status bar and with a button beside it
        QTRY_VERIFY2_WITH_TIMEOUT(console.last.authenticationFailed,
                                  qPrintable(phaseName(console.last.phase) + ": " + console.last.error),
                                  10000);
        QTRY_VERIFY(window.connectionStatus().startsWith(QStringLiteral("Sign-in needed")));
        QVERIFY2(!window.connectionStatus().startsWith(QStringLiteral("Offline")),
                 qPrintable(window.connectionStatus()));
        QTRY_VERIFY(statusButton->isVisible());
        QCOMPARE(statusButton->text(), QStringLiteral("Sign in…"));
        // ... and the action is kept, pending, not sent and not lost, also after a while (no retry
        // loop with a token that cannot work)
        QTest::qWait(1500);
        QVERIFY(console.last.authenticationFailed);
        {
            CacheReader reader;
            QVERIFY(reader.open(cache));
            const QList<OutboxEntry> outbox = reader.outbox();
            QCOMPARE(outbox.size(), 1);
            QCOMPARE(outbox.first().uuid, uuid);
            QVERIFY(outbox.first().state == OutboxState::Pending);
            QVERIFY(reader.isAlarmPending(alarm.id));
        }
        QCOMPARE(server.server->appliedCount(uuid), 0);
        QCOMPARE(console.last.pending, 1);
        saveScreenshot(window, "sign_in_status_en");

        // When the server issues a new token, and the user first pastes a wrong one through the
        // status button
        QVERIFY(server.server->addToken(kNewToken, "supervisor"));
        statusButton->click();
        QPointer<SignInDialog> dialog;
        QTRY_VERIFY((dialog = window.findChild<SignInDialog *>()) != nullptr && dialog->isVisible());
        auto *field = dialog->findChild<QLineEdit *>("tokenField");
        auto *signIn = dialog->findChild<QPushButton *>("signInButton");
        auto *progress = dialog->findChild<QLabel *>("signInProgress");
        auto *error = dialog->findChild<QLabel *>("signInError");
        QVERIFY(field && signIn && progress && error);
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        QVERIFY(!signIn->isEnabled()); // nothing typed yet
        QTest::keyClicks(field, QStringLiteral("renewed-token-7f3b"));
        QVERIFY(signIn->isEnabled());
        signIn->click();

        // Then the click does not wait for the token store or the sync thread: the dialog is still
        // there, saying what it does, the field locked meanwhile
        QVERIFY(dialog->isVisible());
        QVERIFY(progress->isVisible());
        QVERIFY(!progress->text().isEmpty());
        QVERIFY(!field->isEnabled() && !signIn->isEnabled());
        // ... and once the server has refused that token the dialog says so and stays for another
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
        QVERIFY2(error->text().startsWith(QStringLiteral("The server did not accept this token")),
                 qPrintable(error->text()));
        QVERIFY(dialog->isVisible());
        QVERIFY(!progress->isVisible());
        QVERIFY(field->isEnabled());
        saveScreenshot(*dialog, "sign_in_refused_en");
        QCOMPARE(server.server->appliedCount(uuid), 0);

        // When the user pastes the right one (the refusal goes as the field changes)
        field->clear();
        QVERIFY(!error->isVisible());
        QTest::keyClicks(field, kNewToken);
        QVERIFY(signIn->isEnabled());
        saveScreenshot(*dialog, "sign_in_dialog_en");
        signIn->click();
        QVERIFY(progress->isVisible());
        saveScreenshot(*dialog, "sign_in_progress_en");

        // Then the dialog closes once the server has accepted it; the token is kept for the profile
        // (owner-only file here), and the action reaches the server exactly once; the console is live
        // again and the button is gone
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(console.isLive() && console.last.pending == 0, 20000);
        QTRY_COMPARE(server.server->appliedCount(uuid), 1);
        QVERIFY(!console.last.authenticationFailed);
        QTRY_VERIFY(!statusButton->isVisible());
        QVERIFY(!window.connectionStatus().startsWith(QStringLiteral("Sign-in needed")));
        const TokenStore::Result stored = TokenStore::read(console.profile.name);
        QVERIFY2(stored.ok(), qPrintable(stored.error));
        QCOMPARE(stored.token, kNewToken);
        const QFileDevice::Permissions permissions =
            QFile::permissions(TokenStore::fallbackPath(console.profile.name));
        QVERIFY(permissions & QFileDevice::ReadOwner);
        QVERIFY(!(permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                                 QFileDevice::WriteOther)));
        const QJsonObject onServer = server
                                         .get("/tmf-api/alarm/v4/alarm/" + alarm.id,
                                              {{"Authorization", "Bearer " + kNewToken.toUtf8()}})
                                         .object();
        QCOMPARE(onServer["ackState"].toString(), QStringLiteral("acknowledged"));
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY(reader.outbox().isEmpty());
        QTRY_VERIFY(!reader.isAlarmPending(alarm.id));
        // And nothing is sent twice later on
        QTest::qWait(700);
        QCOMPARE(server.server->appliedCount(uuid), 1);
    }

    void consoleResumingItsStreamWithARevokedTokenSaysSignInNeeded() {
        // Given a cache that follows the event stream (the next start resumes it, without a listing)
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        server.server->generateAlarms(5);
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        {
            Console first(server.server->baseUrl(), cache);
            QVERIFY(first.synced->wait(30000));
            QTRY_VERIFY_WITH_TIMEOUT(first.isLive(), 20000);
        }
        // When the token expired overnight and the console starts again
        QVERIFY(server.server->revokeToken(kToken));
        Console next(server.server->baseUrl(), cache);
        // Then it says sign-in is needed (the stream's refused handshake alone does not say why), not
        // "reconnecting" for ever
        QTRY_VERIFY2_WITH_TIMEOUT(next.last.authenticationFailed,
                                  qPrintable(phaseName(next.last.phase) + ": " + next.last.error), 10000);
        QCOMPARE(next.last.phase, SyncPhase::Offline);
        QVERIFY(SyncStatusText::summary(next.last, QDateTime::currentMSecsSinceEpoch())
                    .startsWith(QStringLiteral("Sign-in needed")));
    }

    void signInDialogFollowsALanguageSwitchWhileOpen() {
        // Given the sign-in dialog open in English
        LanguageManager languages;
        QVERIFY(languages.setLanguage("en"));
        QTemporaryDir dir;
        ConnectionProfile profile = profileFor(QUrl("http://127.0.0.1:1"), dir.filePath("c.sqlite"));
        profile.name = QStringLiteral("night-shift");
        SyncSession session(profile, kToken);
        QVERIFY(session.openCache());
        SignInDialog dialog(session);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *explanation = dialog.findChild<QLabel *>("signInExplanation");
        auto *signIn = dialog.findChild<QPushButton *>("signInButton");
        QVERIFY(explanation && signIn);
        QCOMPARE(signIn->text(), QStringLiteral("Sign in"));
        saveScreenshot(dialog, "sign_in_dialog_before_switch_en");
        // When the language is switched to Chinese (View ▸ Language) with the dialog still open
        QVERIFY(languages.setLanguage("zh_CN"));
        QCoreApplication::processEvents(); // LanguageChange reaches the widgets through the event queue
        // Then its title, explanation, field label and buttons are Chinese, the profile name kept
        QCOMPARE(dialog.windowTitle(), QStringLiteral("登录"));
        QCOMPARE(signIn->text(), QStringLiteral("登录"));
        QVERIFY2(!explanation->text().contains(QStringLiteral("access token")) &&
                     explanation->text().contains(QStringLiteral("night-shift")),
                 qPrintable(explanation->text()));
        bool labelFound = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            labelFound = labelFound || label->text() == QStringLiteral("访问令牌：");
        QVERIFY(labelFound);
        QTest::qWait(50);
        saveScreenshot(dialog, "sign_in_dialog_switched_zh_CN");
        // And back to English
        QVERIFY(languages.setLanguage("en"));
        QCoreApplication::processEvents();
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Sign in"));
        QVERIFY(explanation->text().startsWith(QStringLiteral("The operations server")));
    }

    void signInEndsWhenTheConnectionIsRefusedBeforeAnyRequest() {
        // Given a profile the console refuses to connect with (plain http to another host: no request
        // would ever answer the new token)
        QTemporaryDir dir;
        Console console(QUrl(QStringLiteral("http://192.0.2.1:8080")), dir.filePath("c.sqlite"));
        QVERIFY(console.opened);
        QTRY_VERIFY(!console.last.error.isEmpty());
        LanguageManager languages;
        MainWindow window(&languages);
        wireSignIn(window, *console.session);
        window.show();
        // When the user signs in
        window.signInAction()->trigger(); // opens the dialog window-modal, without blocking
        auto *dialog = window.findChild<SignInDialog *>();
        QVERIFY(dialog);
        QSignalSpy finished(dialog, &QDialog::finished);
        QTest::keyClicks(dialog->findChild<QLineEdit *>("tokenField"), kNewToken);
        dialog->findChild<QPushButton *>("signInButton")->click();
        // Then the dialog does not wait for an answer that cannot come: it closes, the status bar
        // keeps the reason
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(console.last.phase, SyncPhase::Offline);
        QVERIFY(!console.last.error.isEmpty());
    }

    void signInDialogInChinese() {
        // The dialog and the status bar's words in zh_CN (screenshots for the user guide)
        LanguageManager languages;
        QVERIFY(languages.setLanguage("zh_CN"));
        QTemporaryDir dir;
        ConnectionProfile profile = profileFor(QUrl("http://127.0.0.1:1"), dir.filePath("c.sqlite"));
        profile.name = QStringLiteral("night-shift");
        SyncSession session(profile, kToken);
        QVERIFY(session.openCache());
        SyncStatus status;
        status.authenticationFailed = true;
        status.pending = 1;
        const QString summary = SyncStatusText::summary(status, QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(summary.startsWith(QStringLiteral("需要登录")), qPrintable(summary));
        MainWindow window(&languages);
        window.resize(1100, 600);
        window.setConnectionStatus(summary);
        window.setSignInAvailable(true);
        window.setSignInNeeded(true);
        window.show();
        auto *statusButton = window.findChild<QToolButton *>("signInStatusButton");
        QCOMPARE(statusButton->text(), QStringLiteral("登录…"));
        saveScreenshot(window, "sign_in_status_zh_CN");
        SignInDialog dialog(session, &window);
        dialog.show();
        QTest::keyClicks(dialog.findChild<QLineEdit *>("tokenField"), QStringLiteral("secret"));
        QCOMPARE(dialog.findChild<QPushButton *>("signInButton")->text(), QStringLiteral("登录"));
        QTest::qWait(50);
        saveScreenshot(dialog, "sign_in_dialog_zh_CN");
        QVERIFY(languages.setLanguage("en"));
    }

    void refusedNewTokenInChinese() {
        // Given a console live on a server, in Chinese
        LanguageManager languages;
        QVERIFY(languages.setLanguage("zh_CN"));
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        Console console(server.server->baseUrl(), dir.filePath("c.sqlite"));
        QVERIFY(console.synced->wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(console.isLive(), 20000);
        MainWindow window(&languages);
        SignInDialog dialog(*console.session, &window);
        dialog.show();

        // When the user signs in with a token the server does not know
        auto *field = dialog.findChild<QLineEdit *>("tokenField");
        auto *progress = dialog.findChild<QLabel *>("signInProgress");
        QString signingIn; // what the dialog says while the engine restarts with the token
        QObject::connect(console.session.get(), &SyncSession::tokenReplaced, &dialog, [&] {
            signingIn = progress->text();
            saveScreenshot(dialog, "sign_in_progress_zh_CN");
        });
        QTest::keyClicks(field, QStringLiteral("typo-in-the-token"));
        dialog.findChild<QPushButton *>("signInButton")->click();
        QVERIFY(progress->isVisible());
        QTRY_VERIFY(!signingIn.isEmpty());
        QVERIFY2(signingIn.startsWith(QStringLiteral("正在登录")), qPrintable(signingIn));

        // Then it says so in Chinese and stays open
        auto *error = dialog.findChild<QLabel *>("signInError");
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
        QVERIFY2(error->text().startsWith(QStringLiteral("服务器不接受")), qPrintable(error->text()));
        QVERIFY(dialog.isVisible());
        saveScreenshot(dialog, "sign_in_refused_zh_CN");
        QVERIFY(languages.setLanguage("en"));
    }
};

QTEST_MAIN(SignInTest)
#include "sign_in_test.moc"
