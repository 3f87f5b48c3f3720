#include "demo_failure.h"

#include "demo_server.h"
#include "logging.h"
#include "sync/sync_session.h"

#include <QGuiApplication>
#include <QMessageBox>
#include <QWidget>

namespace noc {

void handleDemoServerFailure(DemoServer &demo, SyncSession &session, QWidget &window,
                             std::function<void()> settled) {
    QObject::connect(
        &demo, &DemoServer::failed, &window,
        [&window, &session, settled = std::move(settled)](const QString &error) {
            logging::logger("app")->error("The demo server could not start: {}", error.toStdString());
            session.expectServer(false);
            if (settled)
                settled();
            // The translation context stays "main": the string was written there.
            auto *box = new QMessageBox(
                QMessageBox::Warning, QGuiApplication::applicationDisplayName(),
                QCoreApplication::translate("main", "The demo server could not start: %1").arg(error),
                QMessageBox::Ok, &window);
            box->setObjectName(QStringLiteral("demoServerFailed"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
}

} // namespace noc
