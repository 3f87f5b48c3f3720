#pragma once

#include "sync/token_store.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace noc {

class SyncSession;

// File ▸ Sign in…: after the server refused the access token (it expired or was revoked), asks for a
// new one, keeps it where the profile's token lives (TokenStore: the keychain first) and has the
// running session sync with it, so the changes waiting in the outbox go out. The token is shown as
// dots, never logged, and not kept by the dialog once it is handed on.
class SignInDialog : public QDialog {
    Q_OBJECT
public:
    explicit SignInDialog(SyncSession &session, QWidget *parent = nullptr);

    // What "Sign in" does: stores `token` for the session's profile and restarts its sync with it.
    // On error nothing changes; a warning says the token went to a file because no keychain answered.
    static TokenStore::Result signIn(SyncSession &session, const QString &token);
    // After the dialog was accepted: the store's warning, if any (the caller shows it).
    QString storeWarning() const { return m_storeWarning; }

public slots:
    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    // Every text of the dialog in the current language (at start and on QEvent::LanguageChange: the
    // language may be switched while the dialog waits for a token).
    void retranslateUi();

    SyncSession &m_session;
    QLabel *m_explanation = nullptr;
    QLabel *m_tokenLabel = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_error = nullptr;
    QString m_storeError; // why the last token could not be kept (shown in m_error), empty when none
    QPushButton *m_signIn = nullptr;
    QString m_storeWarning;
};

} // namespace noc
