#include "empty_state_widget.h"

#include <QLabel>
#include <QVBoxLayout>

namespace noc {

EmptyStateWidget::EmptyStateWidget(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this)) {
    m_title->setObjectName("emptyStateTitle");
    m_explanation->setObjectName("emptyStateExplanation");
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_explanation->setAlignment(Qt::AlignCenter);
    m_explanation->setWordWrap(true);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_title);
    layout->addWidget(m_explanation);
    layout->addStretch(2);
    layout->setContentsMargins(24, 24, 24, 24);
}

void EmptyStateWidget::setTitle(const QString &title) {
    m_title->setText(title);
}
void EmptyStateWidget::setExplanation(const QString &explanation) {
    m_explanation->setText(explanation);
}
QString EmptyStateWidget::title() const {
    return m_title->text();
}
QString EmptyStateWidget::explanation() const {
    return m_explanation->text();
}

} // namespace noc
