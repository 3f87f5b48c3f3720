#pragma once

#include "domain/types.h"
#include "sync/sync_status.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace noc {

class SyncSession;

// File ▸ Sign in…: after the server refused the access token (it expired or was revoked), asks for a
// new one, keeps it where the profile's token lives (TokenStore: the keychain first) and has the
// running session sync with it, so the changes waiting in the outbox go out. The token is shown as
// dots, never logged, and not kept by the dialog once it is handed on.
// Nothing of it waits on the GUI thread: the keychain job and the engine's restart run on their own,
// and the dialog shows what is happening ("Saving the token…", "Signing in…") until the server has
// answered: it closes when the server accepts the token (or cannot be reached: the status bar goes
// on from there), and says so and stays open when the server refuses it.
class SignInDialog : public QDialog {
    Q_OBJECT
public:
    explicit SignInDialog(SyncSession &session, QWidget *parent = nullptr);

    // After the dialog was accepted: the store's warning, if any (the caller shows it).
    QString storeWarning() const { return m_storeWarning; }

public slots:
    void accept() override;
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Step { Idle, Saving, SigningIn };
    enum class Problem { None, NotSaved, Refused }; // what m_error says
    // Every text of the dialog in the current language (at start and on QEvent::LanguageChange: the
    // language may be switched while the dialog waits for a token).
    void retranslateUi();
    void setStep(Step step);
    void setProblem(Problem problem);
    void onStored(const QString &token, const QString &error, const QString &warning);
    void onStatus(const SyncStatus &status);
    void growToFit();

    SyncSession &m_session;
    QLabel *m_explanation = nullptr;
    QLabel *m_tokenLabel = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_progress = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_signIn = nullptr;
    QString m_storeWarning;
    QString m_storeError; // why the last token could not be kept (Problem::NotSaved)
    Step m_step = Step::Idle;
    Problem m_problem = Problem::None;
    bool m_awaitingVerdict = false; // tokenReplaced() came: statuses now tell what the server said
    EpochMs m_contactBefore = 0;    // last answer of the server before the new token
};

} // namespace noc
