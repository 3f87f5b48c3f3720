#include "alarm_trends_panel.h"

#include "trend_chart.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace noc {

AlarmTrendsPanel::AlarmTrendsPanel(const QString &cachePath, QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("alarmTrendsPanel"));
    m_model = new AlarmTrendModel(this);
    m_chart = new TrendChart(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("trendsSummary"));
    m_exportPng = new QToolButton(this);
    m_exportPng->setObjectName(QStringLiteral("exportPng"));
    m_exportPdf = new QToolButton(this);
    m_exportPdf->setObjectName(QStringLiteral("exportPdf"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_exportPng);
    bar->addWidget(m_exportPdf);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);

    connect(m_model, &AlarmTrendModel::seriesChanged, this, &AlarmTrendsPanel::showSeries);
    connect(m_exportPng, &QToolButton::clicked, this, [this] { exportTo(false); });
    connect(m_exportPdf, &QToolButton::clicked, this, [this] { exportTo(true); });
    retranslate();
    m_model->open(cachePath);
}

void AlarmTrendsPanel::onCommitted(const ChangeSet &changes) {
    m_model->onCommitted(changes);
}

void AlarmTrendsPanel::showSeries() {
    m_chart->setSeries(m_model->series());
    retranslate(); // the summary's figures
}

void AlarmTrendsPanel::retranslate() {
    m_exportPng->setText(tr("Export PNG…"));
    m_exportPng->setToolTip(tr("Save the chart as a PNG image"));
    m_exportPdf->setText(tr("Export PDF…"));
    m_exportPdf->setToolTip(tr("Save the chart as a PDF document"));
    const auto &series = m_model->series();
    if (!series) {
        m_summary->setText(tr("Loading alarm trends…"));
        return;
    }
    qint64 raised = 0;
    for (int code = 0; code < AlarmTrendSeries::kSeverities; ++code)
        raised += series->raisedTotal(code);
    m_summary->setText(tr("Last 24 hours: %L1 alarms raised · %L2 active now")
                           .arg(raised)
                           .arg(series->active.isEmpty() ? 0 : series->active.constLast()));
}

void AlarmTrendsPanel::exportTo(bool pdf) {
    const QString filter = pdf ? tr("PDF documents (*.pdf)") : tr("PNG images (*.png)");
    const QString suggested =
        QDir::home().filePath(pdf ? QStringLiteral("alarm-trends.pdf") : QStringLiteral("alarm-trends.png"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export alarm trends"), suggested, filter);
    if (path.isEmpty())
        return;
    const bool ok = pdf ? m_chart->exportPdf(path) : m_chart->exportPng(path);
    if (!ok)
        QMessageBox::warning(this, tr("Export alarm trends"),
                             tr("The chart could not be written to %1.").arg(QDir::toNativeSeparators(path)));
}

void AlarmTrendsPanel::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace noc
