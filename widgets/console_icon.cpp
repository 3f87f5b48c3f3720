#include "console_icon.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace noc {

namespace {

QPixmap drawIcon(int side, int critical) {
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = side;
    const QRectF tile(s * 0.04, s * 0.04, s * 0.92, s * 0.92);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x26, 0x32, 0x38));
    p.drawRoundedRect(tile, s * 0.18, s * 0.18);

    // The pulse: flat, a spike up, a dip, flat again.
    QPainterPath pulse;
    const qreal mid = s * 0.58;
    pulse.moveTo(s * 0.12, mid);
    pulse.lineTo(s * 0.34, mid);
    pulse.lineTo(s * 0.44, s * 0.24);
    pulse.lineTo(s * 0.56, s * 0.80);
    pulse.lineTo(s * 0.65, mid);
    pulse.lineTo(s * 0.88, mid);
    const QColor line = critical > 0 ? QColor(0xff, 0x52, 0x52) : QColor(0x4c, 0xd9, 0x64);
    p.setPen(QPen(line, std::max(1.5, s * 0.09), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(pulse);

    if (critical > 0) {
        // The badge: top right, over the tile's corner; the count only where it can be read.
        const qreal d = s * 0.56;
        const QRectF badge(s - d, 0, d, d);
        p.setPen(QPen(Qt::white, std::max(1.0, s * 0.04)));
        p.setBrush(QColor(0xd3, 0x2f, 0x2f));
        p.drawEllipse(badge.adjusted(s * 0.02, s * 0.02, -s * 0.02, -s * 0.02));
        if (side >= 22) {
            const QString text = critical > 99 ? QStringLiteral("99+") : QString::number(critical);
            QFont font;
            font.setBold(true);
            font.setPixelSize(int(d * (text.size() > 2 ? 0.36 : text.size() > 1 ? 0.46 : 0.58)));
            p.setFont(font);
            p.setPen(Qt::white);
            p.drawText(badge, Qt::AlignCenter, text);
        }
    }
    return pixmap;
}

} // namespace

QIcon consoleIcon(int unacknowledgedCritical) {
    QIcon icon;
    for (int side : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(drawIcon(side, unacknowledgedCritical));
    return icon;
}

} // namespace noc
