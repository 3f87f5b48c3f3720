#pragma once

#include <QWidget>

class QLabel;

namespace noc {

// An honest "nothing here yet" panel: a title and a sentence that says what would fill it.
// Shown by a view until it has data, instead of fake rows.
class EmptyStateWidget : public QWidget {
    Q_OBJECT
public:
    explicit EmptyStateWidget(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setExplanation(const QString &explanation);
    QString title() const;
    QString explanation() const;

private:
    QLabel *m_title;
    QLabel *m_explanation;
};

} // namespace noc
