#include "trend_chart.h"

#include "alarm_style.h"
#include "alarm_table_model.h"

#include <QEvent>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

namespace noc {

namespace {
constexpr double kMinuteSeconds = 60.0;

QSharedPointer<QCPAxisTickerDateTime> timeTicker() {
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::LocalTime);
    ticker->setDateTimeFormat(QStringLiteral("HH:mm"));
    ticker->setTickCount(12);
    return ticker;
}

void styleAxisRect(QCPAxisRect *rect) {
    rect->axis(QCPAxis::atBottom)->setTicker(timeTicker());
    rect->axis(QCPAxis::atLeft)->grid()->setSubGridVisible(false);
    // Few value ticks: the lower panel is short in a bottom dock and dense labels run into each other
    // (fitValueTicks() adapts the count to the panel's height).
    rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(4);
    rect->axis(QCPAxis::atBottom)->grid()->setVisible(false);
    rect->setRangeDrag(Qt::Orientations());
    rect->setRangeZoom(Qt::Orientations());
}
} // namespace

TrendChart::TrendChart(QWidget *parent)
    : QWidget(parent) {
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("trendPlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);

    // Upper panel: the plot's default axis rect (its inset layout holds the legend).
    m_raisedRect = m_plot->axisRect();
    styleAxisRect(m_raisedRect);
    // Lower panel, aligned to the upper one (a margin group keeps both left axes the same width so the
    // time axes line up minute for minute).
    m_activeRect = new QCPAxisRect(m_plot);
    styleAxisRect(m_activeRect);
    m_plot->plotLayout()->addElement(1, 0, m_activeRect);
    m_plot->plotLayout()->setRowStretchFactor(0, 3);
    m_plot->plotLayout()->setRowStretchFactor(1, 2);
    auto *margins = new QCPMarginGroup(m_plot);
    m_raisedRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_activeRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    for (auto *rect : {m_raisedRect, m_activeRect}) {
        for (auto *axis : rect->axes())
            axis->setLayer(QStringLiteral("axes"));
        for (auto *axis : rect->axes())
            axis->grid()->setLayer(QStringLiteral("grid"));
    }

    QCPBars *below = nullptr;
    for (int code = 0; code < AlarmTrendSeries::kSeverities; ++code) {
        auto *bars = new QCPBars(m_raisedRect->axis(QCPAxis::atBottom), m_raisedRect->axis(QCPAxis::atLeft));
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(kMinuteSeconds);
        bars->setPen(Qt::NoPen); // 1440 bars about a pixel wide: an outline would hide the colour
        // Without antialiasing a bar narrower than a pixel still paints one whole pixel column instead
        // of fading to an invisible tint.
        bars->setAntialiased(false);
        bars->setBrush(alarmstyle::severityColor(code));
        bars->setStackingGap(0);
        if (below)
            bars->moveAbove(below);
        below = bars;
        m_bars.append(bars);
    }

    m_active = m_plot->addGraph(m_activeRect->axis(QCPAxis::atBottom), m_activeRect->axis(QCPAxis::atLeft));
    m_active->setLineStyle(QCPGraph::lsStepLeft);
    QColor line = palette().color(QPalette::Highlight);
    m_active->setPen(QPen(line, 2));
    line.setAlpha(50);
    m_active->setBrush(line);
    m_active->removeFromLegend();

    m_plot->legend->setVisible(true);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst); // one row across the top
    m_plot->legend->setWrap(AlarmTrendSeries::kSeverities);
    m_plot->legend->setBrush(QColor(255, 255, 255, 220));
    m_raisedRect->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    connect(m_plot, &QCustomPlot::afterLayout, this, &TrendChart::fitValueTicks);
    retranslate();
}

void TrendChart::fitValueTicks() {
    bool changed = false;
    for (auto *rect : {m_raisedRect, m_activeRect}) {
        // About one value label per 30 pixels: a short panel (a low bottom dock) gets two, whose
        // labels would otherwise be stacked on each other.
        const int wanted = std::clamp(rect->height() / 30, 2, 5);
        const auto ticker = rect->axis(QCPAxis::atLeft)->ticker();
        if (ticker->tickCount() != wanted) {
            ticker->setTickCount(wanted);
            changed = true;
        }
    }
    if (changed) // takes effect in the next replot: the ticks of this one are already laid out
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrendChart::retranslate() {
    for (int code = 0; code < m_bars.size(); ++code)
        m_bars[code]->setName(AlarmTableModel::severityName(code));
    m_raisedRect->axis(QCPAxis::atLeft)->setLabel(tr("Alarms raised per minute"));
    m_activeRect->axis(QCPAxis::atLeft)->setLabel(tr("Active alarms"));
    m_activeRect->axis(QCPAxis::atBottom)->setLabel(tr("Time (local), last 24 hours"));
    m_active->setName(tr("Active alarms"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrendChart::setSeries(const SharedAlarmTrendSeries &series) {
    m_series = series;
    if (!series)
        return;
    const int minutes = AlarmTrendSeries::kMinutes;
    // Keys are seconds since the epoch (QCPAxisTickerDateTime's unit); a bar is centred on its minute.
    QVector<double> keys(minutes);
    const double start = double(series->windowStartMs) / 1000.0;
    for (int m = 0; m < minutes; ++m)
        keys[m] = start + m * kMinuteSeconds + kMinuteSeconds / 2;
    QVector<double> stacked(minutes, 0.0);
    for (int code = 0; code < m_bars.size(); ++code) {
        QVector<double> values(minutes);
        const auto &raised = series->raised[size_t(code)];
        for (int m = 0; m < minutes; ++m) {
            values[m] = raised[m];
            stacked[m] += raised[m];
        }
        m_bars[code]->setData(keys, values, true);
    }
    QVector<double> stepKeys(minutes);
    QVector<double> active(minutes);
    double activeMax = 0;
    for (int m = 0; m < minutes; ++m) {
        stepKeys[m] = start + m * kMinuteSeconds;
        active[m] = double(series->active[m]);
        activeMax = std::max(activeMax, active[m]);
    }
    m_active->setData(stepKeys, active, true);

    const double end = start + minutes * kMinuteSeconds;
    for (auto *rect : {m_raisedRect, m_activeRect})
        rect->axis(QCPAxis::atBottom)->setRange(start, end);
    const double raisedMax = *std::max_element(stacked.cbegin(), stacked.cend());
    // Head room above the highest bar for the legend; at least a scale of 0..5 on a quiet day.
    m_raisedRect->axis(QCPAxis::atLeft)->setRange(0, std::max(5.0, raisedMax * 1.35));
    m_activeRect->axis(QCPAxis::atLeft)->setRange(0, std::max(5.0, activeMax * 1.1));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double TrendChart::raisedValue(int severity, int minute) const {
    const auto data = m_bars.value(severity)->data();
    return minute >= 0 && minute < data->size() ? data->at(minute)->value : -1;
}

double TrendChart::activeValue(int minute) const {
    const auto data = m_active->data();
    return minute >= 0 && minute < data->size() ? data->at(minute)->value : -1;
}

QSize TrendChart::exportSize(int width, int height) const {
    if (width > 0 && height > 0)
        return {width, height};
    if (m_plot->width() >= 800 && m_plot->height() >= 400)
        return m_plot->size();
    return {1600, 900};
}

bool TrendChart::exportPng(const QString &path, int width, int height) {
    const QSize size = exportSize(width, height);
    return m_plot->savePng(path, size.width(), size.height());
}

bool TrendChart::exportPdf(const QString &path, int width, int height) {
    const QSize size = exportSize(width, height);
    return m_plot->savePdf(path, size.width(), size.height(), QCP::epAllowCosmetic,
                           QStringLiteral("NOC Console"), tr("Alarm trends"));
}

void TrendChart::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace noc
