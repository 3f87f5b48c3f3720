#include "about_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>
#include <spdlog/version.h>
#include <sqlite3.h>

namespace noc {

QStringList AboutDialog::componentVersions() {
    return {
        QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion())),
        QStringLiteral("SQLite %1").arg(QString::fromLatin1(sqlite3_libversion())),
        QStringLiteral("spdlog %1.%2.%3").arg(SPDLOG_VER_MAJOR).arg(SPDLOG_VER_MINOR).arg(SPDLOG_VER_PATCH),
        QStringLiteral("QCustomPlot %1").arg(QString::fromLatin1(QCUSTOMPLOT_VERSION_STR)),
    };
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent) {
    setObjectName("aboutDialog");
    setWindowTitle(tr("About NOC Console"));
    auto *title = new QLabel(
        QStringLiteral("<h2>%1 %2</h2>").arg(tr("NOC Console"), QStringLiteral(NOC_VERSION)), this);
    auto *summary = new QLabel(tr("Topology, live alarms and trouble tickets for network operations, "
                                  "online and offline."),
                               this);
    summary->setWordWrap(true);
    auto *components =
        new QLabel(tr("Built with:") + QStringLiteral("<br>") + componentVersions().join("<br>"), this);
    components->setObjectName("componentVersions");
    components->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(summary);
    layout->addSpacing(8);
    layout->addWidget(components);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

} // namespace noc
