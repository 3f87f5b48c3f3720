#pragma once

#include <QDialog>

namespace noc {

// Help > About: the console's version and the versions of the libraries it runs on, which a
// support engineer asks for first.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // "Qt 6.4.2", "SQLite 3.40.1", ...; the same lines the dialog shows.
    static QStringList componentVersions();
};

} // namespace noc
