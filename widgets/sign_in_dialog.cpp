#include "sign_in_dialog.h"

#include "sync/sync_session.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace noc {

TokenStore::Result SignInDialog::signIn(SyncSession &session, const QString &token) {
    TokenStore::Result stored = TokenStore::write(session.profile().name, token);
    if (!stored.ok())
        return stored; // the old token stays in use: a new one that cannot be kept would be lost at exit
    session.setToken(token);
    stored.token.clear(); // the caller has no use for it
    return stored;
}

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
    m_error = new QLabel(this);
    m_error->setObjectName("signInError");
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName("signInButton");
    m_signIn->setDefault(true);
    m_signIn->setEnabled(false);
    connect(m_token, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_signIn->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_tokenLabel = new QLabel(this);
    m_tokenLabel->setBuddy(m_token);
    auto *form = new QFormLayout;
    form->addRow(m_tokenLabel, m_token);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    retranslateUi();
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
    if (!m_storeError.isEmpty())
        m_error->setText(
            tr("The token could not be saved, so the console keeps the old one: %1").arg(m_storeError));
}

void SignInDialog::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SignInDialog::accept() {
    const QString token = m_token->text().trimmed();
    if (token.isEmpty())
        return;
    const TokenStore::Result stored = signIn(m_session, token);
    if (!stored.ok()) {
        m_storeError = stored.error;
        retranslateUi();
        m_error->show();
        return;
    }
    m_storeWarning = stored.warning;
    m_token->clear(); // not kept in the dialog's memory longer than needed
    QDialog::accept();
}

} // namespace noc
