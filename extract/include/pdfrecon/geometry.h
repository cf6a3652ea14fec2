// Axis-aligned boxes in PDF points, origin at the page's top-left corner,
// y growing downwards (the output contract's convention).
#pragma once

#include <algorithm>

namespace pdfrecon {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
  double area() const { return std::max(0.0, width()) * std::max(0.0, height()); }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  bool contains(double x, double y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }

  Box intersect(const Box& o) const {
    return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  }
  Box unite(const Box& o) const {
    if (empty()) return o;
    if (o.empty()) return *this;
    return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
  }
  Box scaled(double s) const { return {x0 * s, y0 * s, x1 * s, y1 * s}; }
  bool operator==(const Box&) const = default;
};

}  // namespace pdfrecon
