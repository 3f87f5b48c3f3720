#include "map/map_style.h"

#include <QPainter>
#include <array>
#include <cmath>

namespace noc::mapstyle {

QColor severityColor(Severity severity) {
    switch (severity) {
    case Severity::Critical:
        return QColor(0xd3, 0x2f, 0x2f);
    case Severity::Major:
        return QColor(0xef, 0x6c, 0x00);
    case Severity::Minor:
        return QColor(0xf9, 0xa8, 0x25);
    case Severity::Warning:
        return QColor(0x1e, 0x88, 0xe5);
    case Severity::Indeterminate:
        return QColor(0x8e, 0x24, 0xaa);
    case Severity::Cleared:
        return QColor(0x45, 0x5a, 0x64);
    }
    return QColor(0x45, 0x5a, 0x64);
}

QColor severityTextColor(Severity severity) {
    return severity == Severity::Minor ? QColor(0x21, 0x21, 0x21) : QColor(Qt::white);
}

QString severityLetter(Severity severity) {
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("C");
    case Severity::Major:
        return QStringLiteral("M");
    case Severity::Minor:
        return QStringLiteral("m");
    case Severity::Warning:
        return QStringLiteral("W");
    case Severity::Indeterminate:
        return QStringLiteral("?");
    case Severity::Cleared:
        return {};
    }
    return {};
}

QColor linkColor(double utilization, bool down) {
    if (down)
        return QColor(0xd3, 0x2f, 0x2f);
    if (utilization >= 0.8)
        return QColor(0x8e, 0x24, 0xaa); // congested: purple, so it never reads as an alarm colour
    if (utilization >= 0.5)
        return QColor(0x00, 0x89, 0x7b);
    return QColor(0x90, 0xa4, 0xae);
}

double linkWidth(double capacityBps) {
    // 1 Gb/s -> 1.5, 10 Gb/s -> 3, 100 Gb/s -> 4.5, 400 Gb/s -> 5.4 scene units.
    const double gbps = std::max(capacityBps / 1e9, 0.1);
    return std::clamp(1.5 + 1.5 * std::log10(gbps), 1.0, 6.0);
}

namespace {

QPainterPath buildGlyph(ElementCategory category) {
    // Drawn in a 24 x 24 box centred on the origin; strokes are turned into fills by the caller's
    // QPainterPathStroker so one fillPath() draws the glyph.
    QPainterPath p;
    switch (category) {
    case ElementCategory::Router: {
        // The classic router: four arrows, two in, two out.
        const auto arrow = [&p](QPointF from, QPointF to) {
            p.moveTo(from);
            p.lineTo(to);
            const QPointF d = (to - from) / std::hypot(to.x() - from.x(), to.y() - from.y());
            const QPointF n(-d.y(), d.x());
            p.moveTo(to - d * 3 + n * 2.5);
            p.lineTo(to);
            p.lineTo(to - d * 3 - n * 2.5);
        };
        arrow({-1.5, -1.5}, {-7, -7});
        arrow({1.5, 1.5}, {7, 7});
        arrow({7, -7}, {1.5, -1.5});
        arrow({-7, 7}, {-1.5, 1.5});
        break;
    }
    case ElementCategory::Switch:
        p.moveTo(-7, -3);
        p.lineTo(7, -3);
        p.moveTo(4, -6);
        p.lineTo(7, -3);
        p.lineTo(4, 0);
        p.moveTo(7, 3);
        p.lineTo(-7, 3);
        p.moveTo(-4, 0);
        p.lineTo(-7, 3);
        p.lineTo(-4, 6);
        break;
    case ElementCategory::Olt:
        // One fibre in, split to many: the PON tree.
        p.moveTo(0, -7);
        p.lineTo(0, -1);
        p.moveTo(-7, 6);
        p.lineTo(-7, 2);
        p.lineTo(7, 2);
        p.lineTo(7, 6);
        p.moveTo(0, -1);
        p.lineTo(0, 6);
        p.addEllipse(QPointF(0, -1), 1.2, 1.2);
        break;
    case ElementCategory::Bts:
        // Mast with radio waves.
        p.moveTo(-4, 8);
        p.lineTo(0, -3);
        p.lineTo(4, 8);
        p.moveTo(-2.5, 4);
        p.lineTo(2.5, 4);
        p.arcMoveTo(QRectF(-5, -8, 10, 10), 135);
        p.arcTo(QRectF(-5, -8, 10, 10), 135, 90);
        p.arcMoveTo(QRectF(-5, -8, 10, 10), -45);
        p.arcTo(QRectF(-5, -8, 10, 10), -45, 90);
        break;
    case ElementCategory::Microwave:
        // Dish with feed horn.
        p.arcMoveTo(QRectF(-9, -8, 12, 16), 90);
        p.arcTo(QRectF(-9, -8, 12, 16), 90, 180);
        p.lineTo(-3, -8);
        p.moveTo(-3, 0);
        p.lineTo(6, 0);
        p.moveTo(6, -2.5);
        p.lineTo(6, 2.5);
        break;
    case ElementCategory::Firewall:
        // Brick wall.
        p.addRect(QRectF(-8, -6, 16, 12));
        p.moveTo(-8, -2);
        p.lineTo(8, -2);
        p.moveTo(-8, 2);
        p.lineTo(8, 2);
        p.moveTo(-3, -6);
        p.lineTo(-3, -2);
        p.moveTo(4, -6);
        p.lineTo(4, -2);
        p.moveTo(0, -2);
        p.lineTo(0, 2);
        p.moveTo(-4, 2);
        p.lineTo(-4, 6);
        p.moveTo(4, 2);
        p.lineTo(4, 6);
        break;
    case ElementCategory::Server:
        // Three rack units with status lights.
        for (int k = 0; k < 3; ++k) {
            p.addRect(QRectF(-7, -8 + k * 5.5, 14, 4.5));
            p.addEllipse(QPointF(4, -5.75 + k * 5.5), 0.8, 0.8);
        }
        break;
    case ElementCategory::Power:
        // Lightning bolt.
        p.moveTo(2, -9);
        p.lineTo(-5, 1);
        p.lineTo(0, 1);
        p.lineTo(-2, 9);
        p.lineTo(5, -1);
        p.lineTo(0, -1);
        p.closeSubpath();
        break;
    case ElementCategory::Other:
        p.addEllipse(QPointF(0, 0), 5, 5);
        break;
    }
    QPainterPathStroker stroker;
    stroker.setWidth(category == ElementCategory::Power ? 0.8 : 1.8);
    stroker.setCapStyle(Qt::RoundCap);
    stroker.setJoinStyle(Qt::RoundJoin);
    QPainterPath glyph = stroker.createStroke(p);
    if (category == ElementCategory::Power)
        glyph.addPath(p);
    return glyph.simplified();
}

} // namespace

const QPainterPath &categoryGlyph(ElementCategory category) {
    static const std::array<QPainterPath, 9> glyphs = [] {
        std::array<QPainterPath, 9> g;
        for (int c = 0; c < 9; ++c)
            g[size_t(c)] = buildGlyph(ElementCategory(c));
        return g;
    }();
    return glyphs[size_t(category)];
}

void drawElementIcon(QPainter *painter, ElementCategory category, Severity severity, double size) {
    const QRectF body(-size / 2, -size / 2, size, size);
    painter->setPen(QPen(QColor(255, 255, 255, 200), 1));
    painter->setBrush(severityColor(severity));
    painter->drawRoundedRect(body, size * 0.22, size * 0.22);
    painter->setPen(Qt::NoPen);
    painter->setBrush(severityTextColor(severity));
    painter->save();
    painter->scale(size / 24.0, size / 24.0);
    painter->drawPath(categoryGlyph(category));
    painter->restore();
}

QColor mapBackground() {
    return QColor(0xf4, 0xf6, 0xf8);
}
QColor siteAreaFill() {
    return QColor(0xe3, 0xea, 0xf0, 170);
}
QColor siteHeaderBackdrop() {
    return QColor(0xec, 0xf0, 0xf4); // siteAreaFill() over the white map, made opaque
}
QColor outOfServiceColor() {
    return QColor(0x60, 0x7d, 0x8b);
}
QColor siteAreaBorder() {
    return QColor(0xb0, 0xbe, 0xc5);
}
QColor regionFill() {
    return QColor(0xcf, 0xd8, 0xdc, 90);
}
QColor highlightColor() {
    return QColor(0x00, 0xb8, 0xd4);
}

} // namespace noc::mapstyle
