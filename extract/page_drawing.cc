// The rulings and fills of a page, collected by an OutputDev that Poppler's
// interpreter (Gfx) drives: every path arrives transformed by the current
// matrix, forms and patterns resolved, with the clip in force.
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "page_drawing_reader.h"

namespace pdfrecon {
namespace {

// A rectangle at most this thick (points) and this many times longer than
// thick is a ruling drawn as a fill (spreadsheet exporters draw borders so).
constexpr double kMaxRuleThickness = 2.0;
constexpr double kMinRuleAspect = 3.0;
// A segment whose ends differ by at most this (points) across its direction
// is axis-aligned: a PDF's own lines are exact to a rounding error.
constexpr double kAxisTolerance = 0.5;
// Past this many rulings or fills a page is not a table but a pattern or a
// hostile file; the rest is dropped and the drawing marked incomplete.
constexpr size_t kMaxItems = 200000;

double luminance(const GfxRGB& c) {
  return 0.299 * colToDbl(c.r) + 0.587 * colToDbl(c.g) + 0.114 * colToDbl(c.b);
}

class DrawingCollector : public OutputDev {
 public:
  DrawingCollector(PageDrawing& out, const Box& page) : out_(out), page_(page) {}

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  // Patterns and smooth shadings are backgrounds, never rulings: they are
  // not expanded into the many small fills Gfx would otherwise make.
  bool useTilingPatternFill() override { return true; }
  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int,
                         int, double, double) override {
    return true;
  }
  bool useShadedFills(int) override { return true; }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override { return true; }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override { return true; }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override { return true; }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override { return true; }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override { return true; }

  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_image) override {
    add_box(out_.images, state, 0, 0, 1, 1);
    // The base class skips an inline image's data so the parser goes on.
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* map, bool interpolate, const int* mask_colors,
                 bool inline_image) override {
    add_box(out_.images, state, 0, 0, 1, 1);
    OutputDev::drawImage(state, ref, str, width, height, map, interpolate, mask_colors,
                         inline_image);
  }
  void drawMaskedImage(GfxState* state, Object*, Stream*, int, int, GfxImageColorMap*, bool,
                       Stream*, int, int, bool, bool) override {
    add_box(out_.images, state, 0, 0, 1, 1);
  }
  void drawSoftMaskedImage(GfxState* state, Object*, Stream*, int, int, GfxImageColorMap*, bool,
                           Stream*, int, int, GfxImageColorMap*, bool) override {
    add_box(out_.images, state, 0, 0, 1, 1);
  }

  void stroke(GfxState* state) override {
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    double grey = luminance(rgb);
    bool shows = state->getStrokeOpacity() > 0.1;
    double start = 0;
    bool dashed = !state->getLineDash(&start).empty();
    // A zero width is the thinnest line the device can show.
    double width = std::max(state->getTransformedLineWidth(), 0.1);
    Box clip = clip_box(state);
    bool shape = false;
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      for (int j = 1; j < sub->getNumPoints(); ++j) {
        if (sub->getCurve(j)) {
          shape = true;
          continue;
        }
        double x0, y0, x1, y1;
        state->transform(sub->getX(j - 1), sub->getY(j - 1), &x0, &y0);
        state->transform(sub->getX(j), sub->getY(j), &x1, &y1);
        if (std::abs(y1 - y0) <= kAxisTolerance) {
          if (shows) add(true, (y0 + y1) / 2, x0, x1, width, dashed, grey, clip);
        } else if (std::abs(x1 - x0) <= kAxisTolerance) {
          if (shows) add(false, (x0 + x1) / 2, y0, y1, width, dashed, grey, clip);
        } else {
          shape = true;
        }
      }
    }
    if (shape) add_path_box(out_.shapes, state);
  }

  void fill(GfxState* state) override { fill_path(state); }
  void eoFill(GfxState* state) override { fill_path(state); }

 private:
  Box clip_box(GfxState* state) const {
    double x0, y0, x1, y1;
    state->getClipBBox(&x0, &y0, &x1, &y1);
    return Box{x0, y0, x1, y1}.intersect(page_);
  }

  // The box around user-space rectangle (x0, y0)-(x1, y1) as painted (an
  // image fills the unit square), cut to the clip.
  void add_box(std::vector<Box>& boxes, GfxState* state, double x0, double y0, double x1,
               double y1) {
    double xs[4], ys[4];
    state->transform(x0, y0, &xs[0], &ys[0]);
    state->transform(x1, y0, &xs[1], &ys[1]);
    state->transform(x0, y1, &xs[2], &ys[2]);
    state->transform(x1, y1, &xs[3], &ys[3]);
    Box b{*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4),
          *std::max_element(xs, xs + 4), *std::max_element(ys, ys + 4)};
    push_box(boxes, b.intersect(clip_box(state)));
  }

  // The box around the current path as painted, cut to the clip.
  void add_path_box(std::vector<Box>& boxes, GfxState* state) {
    const GfxPath* path = state->getPath();
    Box b{1e300, 1e300, -1e300, -1e300};
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      for (int j = 0; j < sub->getNumPoints(); ++j) {
        double x, y;
        state->transform(sub->getX(j), sub->getY(j), &x, &y);
        b = {std::min(b.x0, x), std::min(b.y0, y), std::max(b.x1, x), std::max(b.y1, y)};
      }
    }
    push_box(boxes, b.intersect(clip_box(state)));
  }

  void push_box(std::vector<Box>& boxes, const Box& b) {
    if (b.x1 < b.x0 || b.y1 < b.y0) return;  // wholly clipped away
    if (boxes.size() >= kMaxItems) {
      out_.incomplete = true;
      return;
    }
    boxes.push_back(b);
  }

  // A ruling from `a` to `b` at `pos`, cut to the clip.
  void add(bool horizontal, double pos, double a, double b, double width, bool dashed, double grey,
           const Box& clip) {
    if (a > b) std::swap(a, b);
    double lo = horizontal ? clip.x0 : clip.y0, hi = horizontal ? clip.x1 : clip.y1;
    double across_lo = horizontal ? clip.y0 : clip.x0, across_hi = horizontal ? clip.y1 : clip.x1;
    a = std::max(a, lo), b = std::min(b, hi);
    if (b - a < 0.5 || pos < across_lo - width / 2 || pos > across_hi + width / 2) return;
    if (out_.rulings.size() >= kMaxItems) {
      out_.incomplete = true;
      return;
    }
    out_.rulings.push_back({horizontal, pos, a, b, width, dashed, grey});
  }

  // Each subpath of a fill: a thin rectangle is a ruling, a wider one a
  // filled box, anything else a shape.
  void fill_path(GfxState* state) {
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    double grey = luminance(rgb);
    if (state->getFillOpacity() <= 0.1) return;
    Box clip = clip_box(state);
    const GfxPath* path = state->getPath();
    bool shape = false;
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      std::optional<Box> r = rectangle(state, path->getSubpath(i));
      if (!r) {
        shape |= path->getSubpath(i)->getNumPoints() > 2;
        continue;
      }
      double w = r->width(), h = r->height();
      double thin = std::min(w, h), length = std::max(w, h);
      if (thin <= kMaxRuleThickness && length >= kMinRuleAspect * std::max(thin, 0.1)) {
        bool horizontal = w >= h;
        if (horizontal) {
          add(true, r->cy(), r->x0, r->x1, std::max(h, 0.1), false, grey, clip);
        } else {
          add(false, r->cx(), r->y0, r->y1, std::max(w, 0.1), false, grey, clip);
        }
        continue;
      }
      Box b = r->intersect(clip);
      if (b.empty()) continue;
      if (out_.fills.size() >= kMaxItems) {
        out_.incomplete = true;
        continue;
      }
      out_.fills.push_back({b, grey});
    }
    if (shape) add_path_box(out_.shapes, state);
  }

  // The subpath as an axis-aligned rectangle in device space, if it is one.
  static std::optional<Box> rectangle(GfxState* state, const GfxSubpath* sub) {
    int n = sub->getNumPoints();
    if (n < 4 || n > 5) return std::nullopt;
    double xs[5], ys[5];
    for (int j = 0; j < n; ++j) {
      if (sub->getCurve(j)) return std::nullopt;
      state->transform(sub->getX(j), sub->getY(j), &xs[j], &ys[j]);
    }
    if (n == 5 &&
        (std::abs(xs[4] - xs[0]) > kAxisTolerance || std::abs(ys[4] - ys[0]) > kAxisTolerance)) {
      return std::nullopt;
    }
    // Sides alternate horizontal and vertical.
    for (int j = 0; j < 4; ++j) {
      int k = (j + 1) % 4;
      bool flat = std::abs(ys[k] - ys[j]) <= kAxisTolerance;
      bool upright = std::abs(xs[k] - xs[j]) <= kAxisTolerance;
      if (!flat && !upright) return std::nullopt;
    }
    Box b{*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4),
          *std::max_element(xs, xs + 4), *std::max_element(ys, ys + 4)};
    return b;
  }

  PageDrawing& out_;
  Box page_;
};

}  // namespace

PageDrawing read_drawing(PDFDoc& doc, int index, double width, double height) {
  PageDrawing out;
  if (index < 0 || index >= doc.getNumPages()) {
    out.incomplete = true;
    return out;
  }
  DrawingCollector collector(out, Box{0, 0, width, height});
  // 72 dpi: device units are points; the crop box's top-left is the origin
  // and the page's /Rotate is applied, as for the text layer.
  doc.displayPage(&collector, index + 1, 72, 72, 0, false, true, false);
  return out;
}

}  // namespace pdfrecon
