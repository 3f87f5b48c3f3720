#pragma once

#include "alarm_trends.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace noc {

class TrendChart;

// The Trends dock: a line of figures ("last 24 hours: 1,204 raised · 317 active now"), export
// buttons, and the TrendChart. Owns the AlarmTrendModel that reads the cache on its own thread;
// connect SyncSession::committed to onCommitted.
class AlarmTrendsPanel : public QWidget {
    Q_OBJECT
public:
    explicit AlarmTrendsPanel(const QString &cachePath, QWidget *parent = nullptr);

    AlarmTrendModel *model() const { return m_model; }
    TrendChart *chart() const { return m_chart; }
    QLabel *summary() const { return m_summary; }

public slots:
    void onCommitted(const noc::ChangeSet &changes);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showSeries();
    void exportTo(bool pdf);

    AlarmTrendModel *m_model = nullptr;
    TrendChart *m_chart = nullptr;
    QLabel *m_summary = nullptr;
    QToolButton *m_exportPng = nullptr;
    QToolButton *m_exportPdf = nullptr;
};

} // namespace noc
