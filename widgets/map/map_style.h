#pragma once

#include "domain/enums.h"

#include <QColor>
#include <QPainterPath>

class QPainter;

// Colours, widths and icon glyphs of the topology map, in one place so items, minimap and legend
// agree. Severity colours follow the usual NOC convention (critical red, major orange, minor yellow,
// warning blue); red on a link is reserved for "down".
namespace noc::mapstyle {

QColor severityColor(Severity severity); // Cleared = no active alarm
QColor severityTextColor(Severity severity);
QString severityLetter(Severity severity); // badge text: C, M, m, W, ?
QColor linkColor(double utilization, bool down);
double linkWidth(double capacityBps); // scene units

// Glyph of an element category, drawn white on the element's coloured body, in a box of
// `size` centred on the origin. Built once per category and cached.
const QPainterPath &categoryGlyph(ElementCategory category);
void drawElementIcon(QPainter *painter, ElementCategory category, Severity severity, double size);

QColor mapBackground();
QColor siteAreaFill();
QColor siteHeaderBackdrop(); // behind a site name drawn over links
QColor outOfServiceColor();  // the "off" mark of an element out of service
QColor siteAreaBorder();
QColor regionFill();
QColor highlightColor();

} // namespace noc::mapstyle
