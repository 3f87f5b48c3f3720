#include "sign_in_dialog.h"

#include "sync/sync_session.h"
#include "sync/token_store.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace noc {

SignInDialog::SignInDialog(SyncSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session) {
    setObjectName("signInDialog");
    m_explanation = new QLabel(this);
    m_explanation->setObjectName("signInExplanation");
    m_explanation->setWordWrap(true);

    m_token = new QLineEdit(this);
    m_token->setObjectName("tokenField");
    m_token->setEchoMode(QLineEdit::Password); // over a shoulder or on a shared screen
    m_token->setClearButtonEnabled(true);
    m_progress = new QLabel(this);
    m_progress->setObjectName("signInProgress");
    m_progress->setWordWrap(true);
    m_progress->hide();
    m_error = new QLabel(this);
    m_error->setObjectName("signInError");
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName("signInButton");
    m_signIn->setDefault(true);
    m_signIn->setEnabled(false);
    connect(m_token, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_signIn->setEnabled(m_step == Step::Idle && !text.trimmed().isEmpty());
        setProblem(Problem::None); // it was about the token that was there before
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    m_tokenLabel = new QLabel(this);
    m_tokenLabel->setBuddy(m_token);
    auto *form = new QFormLayout;
    form->addRow(m_tokenLabel, m_token);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
    retranslateUi();

    connect(&session, &SyncSession::tokenReplaced, this, [this] {
        if (m_step != Step::SigningIn)
            return;
        m_awaitingVerdict = true;
        m_contactBefore = m_session.status().lastContactMs;
    });
    connect(&session, &SyncSession::statusChanged, this, &SignInDialog::onStatus);
}

void SignInDialog::retranslateUi() {
    setWindowTitle(tr("Sign in"));
    const ConnectionProfile &profile = m_session.profile();
    const QString server =
        profile.serverUrl.host().isEmpty() ? profile.serverUrl.toDisplayString() : profile.serverUrl.host();
    m_explanation->setText(
        tr("The operations server %1 no longer accepts the access token of the connection profile "
           "\"%2\": it has expired or was revoked.\n\n"
           "Paste a new access token (your administrator or the server's sign-in page gives you one). "
           "Changes you made in the meantime are kept and are sent once you are signed in.")
            .arg(server, profile.name));
    m_tokenLabel->setText(tr("Access token:"));
    m_signIn->setText(tr("Sign in"));
    m_progress->setText(m_step == Step::Saving      ? tr("Saving the token…")
                        : m_step == Step::SigningIn ? tr("Signing in to %1…").arg(server)
                                                    : QString());
    m_error->setText(
        m_problem == Problem::NotSaved
            ? tr("The token could not be saved, so the console keeps the old one: %1").arg(m_storeError)
        : m_problem == Problem::Refused ? tr("The server did not accept this token. Check that you pasted "
                                             "all of it, or ask for a new one.")
                                        : QString());
    growToFit();
}

void SignInDialog::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SignInDialog::setStep(Step step) {
    m_step = step;
    m_token->setEnabled(step == Step::Idle);
    m_signIn->setEnabled(step == Step::Idle && !m_token->text().trimmed().isEmpty());
    // Cancel stays while signing in (the new token is kept either way), not while the keychain holds
    // it: the answer would have nowhere to go.
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(step != Step::Saving);
    m_progress->setVisible(step != Step::Idle);
    retranslateUi();
}

void SignInDialog::setProblem(Problem problem) {
    m_problem = problem;
    m_error->setVisible(problem != Problem::None);
    retranslateUi();
}

// The progress and error lines appear after the dialog is shown; without this the dialog keeps its
// height and the layout squeezes the wrapped explanation, cutting off its first and last lines.
void SignInDialog::growToFit() {
    if (!isVisible())
        return; // the first show sizes it
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void SignInDialog::accept() {
    const QString token = m_token->text().trimmed();
    if (token.isEmpty() || m_step != Step::Idle)
        return;
    setProblem(Problem::None);
    setStep(Step::Saving);
    TokenStore::writeAsync(
        m_session.profile().name, token, this,
        [this, token](const TokenStore::Result &stored) { onStored(token, stored.error, stored.warning); });
}

void SignInDialog::reject() {
    if (m_step != Step::Saving)
        QDialog::reject();
}

void SignInDialog::onStored(const QString &token, const QString &error, const QString &warning) {
    if (!error.isEmpty()) {
        // The old token stays in use: a new one that cannot be kept would be lost at exit.
        m_storeError = error;
        setStep(Step::Idle);
        setProblem(Problem::NotSaved);
        return;
    }
    m_storeWarning = warning;
    m_awaitingVerdict = false;
    setStep(Step::SigningIn);
    if (!m_session.setToken(token)) {
        // No connection to restart: the session starts its next one with this token.
        m_token->clear();
        QDialog::accept();
    }
}

void SignInDialog::onStatus(const SyncStatus &status) {
    if (!m_awaitingVerdict)
        return;
    if (status.authenticationFailed) {
        m_awaitingVerdict = false;
        setStep(Step::Idle);
        setProblem(Problem::Refused);
        m_token->selectAll();
        m_token->setFocus();
        return;
    }
    // An answer with the new token, no server to ask (the status bar says reconnecting and goes on),
    // or a connection the engine refused to start (the status bar gives the reason).
    if (status.lastContactMs > m_contactBefore || status.phase == SyncPhase::Reconnecting ||
        (status.phase == SyncPhase::Offline && !status.error.isEmpty())) {
        m_awaitingVerdict = false;
        m_token->clear(); // not kept in the dialog's memory longer than needed
        QDialog::accept();
    }
}

} // namespace noc
