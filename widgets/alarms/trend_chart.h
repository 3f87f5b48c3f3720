#pragma once

#include "alarm_trends.h"

#include <QWidget>

class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPGraph;

namespace noc {

// The project's chart over QCustomPlot for the alarm trends: stacked bars of alarms raised per minute
// by severity (upper panel, with the legend) and the active alarm count (lower panel), sharing a
// local-time axis over the 24-hour window. Knows nothing of the cache: setSeries() draws what the
// AlarmTrendModel computed. Exports what it shows to PNG or PDF.
class TrendChart : public QWidget {
    Q_OBJECT
public:
    explicit TrendChart(QWidget *parent = nullptr);

    void setSeries(const SharedAlarmTrendSeries &series);
    const SharedAlarmTrendSeries &series() const { return m_series; }

    // Size 0 = the widget's size, or 1600 x 900 while the widget is smaller than that (not yet shown).
    bool exportPng(const QString &path, int width = 0, int height = 0);
    bool exportPdf(const QString &path, int width = 0, int height = 0);

    QCustomPlot *plot() const { return m_plot; }
    // Drawn values (tests): raised per minute of a severity, active per minute, as the plot holds them.
    double raisedValue(int severity, int minute) const;
    double activeValue(int minute) const;

protected:
    void changeEvent(QEvent *event) override;

private slots:
    void fitValueTicks();

private:
    void retranslate();
    QSize exportSize(int width, int height) const;

    QCustomPlot *m_plot = nullptr;
    QCPAxisRect *m_raisedRect = nullptr;
    QCPAxisRect *m_activeRect = nullptr;
    QList<QCPBars *> m_bars; // by severity code 0..4; critical at the bottom of the stack
    QCPGraph *m_active = nullptr;
    SharedAlarmTrendSeries m_series;
};

} // namespace noc
