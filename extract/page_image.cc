#include "page_image.h"

#include <jpeglib.h>

#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <opencv2/imgproc.hpp>
#include <qpdf/Pipeline.hh>
#include <set>
#include <string>
#include <vector>

namespace pdfrecon {
namespace {

// A PDF transformation matrix [a b c d e f].
struct Affine {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
};

// `m` applied first, then `ctm` (the PDF's "m x CTM").
Affine concat(const Affine& m, const Affine& ctm) {
  return {m.a * ctm.a + m.b * ctm.c,         m.a * ctm.b + m.b * ctm.d,
          m.c * ctm.a + m.d * ctm.c,         m.c * ctm.b + m.d * ctm.d,
          m.e * ctm.a + m.f * ctm.c + ctm.e, m.e * ctm.b + m.f * ctm.d + ctm.f};
}

bool to_affine(std::vector<QPDFObjectHandle> v, Affine& out) {
  if (v.size() != 6) return false;
  double x[6];
  for (int i = 0; i < 6; ++i) {
    if (!v[i].isNumber()) return false;
    x[i] = v[i].getNumericValue();
  }
  out = {x[0], x[1], x[2], x[3], x[4], x[5]};
  return true;
}

// Operators that change nothing drawn: colours, line style, marked content,
// text objects and their state, a path ended unpainted.
bool harmless(const std::string& op) {
  static const std::set<std::string> ops = {
      "w",  "J",  "j",  "M",  "d",   "ri", "i",   "g",   "G",   "rg",  "RG", "k",
      "K",  "cs", "CS", "sc", "scn", "SC", "SCN", "BMC", "BDC", "EMC", "MP", "DP",
      "BX", "EX", "BT", "ET", "Tf",  "Td", "TD",  "Tm",  "T*",  "Tc",  "Tw", "Tz",
      "TL", "Ts", "n",  "m",  "l",   "c",  "v",   "y",   "h",   "re"};
  return ops.count(op) > 0;
}

// A form's bounding box, a clip, where it lies on the page.
struct Clip {
  Affine ctm;
  QPDFObjectHandle::Rectangle box;
};

struct Found {
  bool ok = true;
  int images = 0;
  QPDFObjectHandle image;
  Affine placement;         // the image's unit square -> page
  std::vector<Clip> clips;  // of the forms it was drawn in
};

// Walks a content stream as a minimal PDF interpreter: the transformation
// and text render mode are followed, forms entered; anything that could put
// more than the one image on the page (painted or clipping paths, visible
// text, shadings, inline images, transparency) rejects the page.
class ContentWalker : public QPDFObjectHandle::ParserCallbacks {
 public:
  ContentWalker(QPDFObjectHandle resources, Affine ctm, std::vector<Clip> clips, int depth,
                Found& found)
      : resources_(resources),
        state_{{ctm, 0}},
        clips_(std::move(clips)),
        depth_(depth),
        found_(found) {}

  void handleObject(QPDFObjectHandle obj) override {
    if (!found_.ok) return;
    if (obj.isInlineImage()) return reject();
    if (!obj.isOperator()) {
      operands_.push_back(obj);
      return;
    }
    run(obj.getOperatorValue());
    operands_.clear();
  }
  void handleEOF() override {}

 private:
  struct State {
    Affine ctm;
    int render_mode;
  };

  void reject() {
    found_.ok = false;
    terminateParsing();
  }

  void run(const std::string& op) {
    State& s = state_.back();
    if (op == "q") {
      state_.push_back(s);
    } else if (op == "Q") {
      if (state_.size() < 2) return reject();
      state_.pop_back();
    } else if (op == "cm") {
      Affine m;
      if (!to_affine(operands_, m)) return reject();
      s.ctm = concat(m, s.ctm);
    } else if (op == "Tr") {
      if (operands_.size() != 1 || !operands_[0].isNumber()) return reject();
      s.render_mode = int(operands_[0].getNumericValue());
    } else if (op == "Tj" || op == "TJ" || op == "'" || op == "\"") {
      if (s.render_mode != 3) reject();  // visible text, or text as a clip
    } else if (op == "gs") {
      if (!plain_state()) reject();
    } else if (op == "Do") {
      draw();
    } else if (!harmless(op)) {
      reject();
    }
  }

  QPDFObjectHandle resource(const char* kind) {
    if (operands_.size() != 1 || !operands_[0].isName() || !resources_.isDictionary()) {
      return QPDFObjectHandle::newNull();
    }
    QPDFObjectHandle group = resources_.getKey(kind);
    return group.isDictionary() ? group.getKey(operands_[0].getName())
                                : QPDFObjectHandle::newNull();
  }

  // An ExtGState that changes nothing of how an image shows.
  bool plain_state() {
    QPDFObjectHandle gs = resource("/ExtGState");
    if (!gs.isDictionary()) return false;
    for (const char* alpha : {"/CA", "/ca"}) {
      QPDFObjectHandle v = gs.getKey(alpha);
      if (!v.isNull() && (!v.isNumber() || v.getNumericValue() != 1)) return false;
    }
    QPDFObjectHandle mask = gs.getKey("/SMask");
    if (!mask.isNull() && !mask.isNameAndEquals("/None")) return false;
    QPDFObjectHandle blend = gs.getKey("/BM");
    if (!blend.isNull() && !blend.isNameAndEquals("/Normal") &&
        !blend.isNameAndEquals("/Compatible")) {
      return false;
    }
    for (const char* key : {"/TR", "/TR2", "/Font", "/HT", "/BG", "/BG2", "/UCR", "/UCR2"}) {
      if (gs.hasKey(key)) return false;
    }
    return true;
  }

  void draw() {
    QPDFObjectHandle xobject = resource("/XObject");
    if (!xobject.isStream()) return reject();
    QPDFObjectHandle dict = xobject.getDict();
    if (dict.getKey("/Subtype").isNameAndEquals("/Image")) {
      if (++found_.images > 1) return reject();
      found_.image = xobject;
      found_.placement = state_.back().ctm;
      found_.clips = clips_;
      return;
    }
    if (!dict.getKey("/Subtype").isNameAndEquals("/Form") || depth_ >= 4) return reject();
    // A form: its matrix, its resources (or ours), its bounding box a clip.
    Affine m;
    QPDFObjectHandle matrix = dict.getKey("/Matrix");
    if (!matrix.isNull() && !(matrix.isArray() && to_affine(matrix.getArrayAsVector(), m))) {
      return reject();
    }
    QPDFObjectHandle bbox = dict.getKey("/BBox");
    if (!bbox.isRectangle()) return reject();
    Affine ctm = concat(m, state_.back().ctm);
    std::vector<Clip> clips = clips_;
    clips.push_back({ctm, bbox.getArrayAsRectangle()});
    QPDFObjectHandle own = dict.getKey("/Resources");
    ContentWalker inner(own.isDictionary() ? own : resources_, ctm, clips, depth_ + 1, found_);
    xobject.parseAsContents(&inner);
    if (!found_.ok) terminateParsing();
  }

  QPDFObjectHandle resources_;
  std::vector<State> state_;
  std::vector<Clip> clips_;
  int depth_;
  Found& found_;
  std::vector<QPDFObjectHandle> operands_;
};

// Thrown to stop a survey at a limit.
struct OverLimit {
  std::string why;
};

// Counts a stream's decoded bytes, stopping at the limit: the stream is
// never held whole.
class CountingPipeline : public Pipeline {
 public:
  CountingPipeline(uint64_t& total, uint64_t limit)
      : Pipeline("pdfrecon-count", nullptr), total_(total), limit_(limit) {}
  void write(unsigned char const*, size_t len) override {
    total_ += len;
    if (total_ > limit_) {
      throw OverLimit{"its content is over " + std::to_string(limit_ >> 20) + " MiB"};
    }
  }
  void finish() override {}

 private:
  uint64_t& total_;
  uint64_t limit_;
};

// Follows the text render mode through a content stream and its forms,
// notes which modes text is shown in, and counts operators and nesting.
class SurveyWalker : public QPDFObjectHandle::ParserCallbacks {
 public:
  SurveyWalker(QPDFObjectHandle resources, int depth, const ContentLimits& limits,
               PageSurvey& survey, uint64_t& bytes, uint64_t& operators)
      : resources_(resources),
        depth_(depth),
        limits_(limits),
        survey_(survey),
        bytes_(bytes),
        operators_(operators) {}

  void handleObject(QPDFObjectHandle obj) override {
    if (!obj.isOperator()) {
      if (operands_.size() < kMaxOperands) operands_.push_back(obj);
      return;
    }
    if (++operators_ > limits_.max_operators) {
      throw OverLimit{"its content has over " + std::to_string(limits_.max_operators) +
                      " operators"};
    }
    const std::string& op = obj.getOperatorValue();
    if (op == "q") {
      if (int(modes_.size()) > limits_.max_nesting) {
        throw OverLimit{"its content saves over " + std::to_string(limits_.max_nesting) +
                        " graphics states"};
      }
      modes_.push_back(modes_.back());
    } else if (op == "Q") {
      if (modes_.size() > 1) modes_.pop_back();
    } else if (op == "Tr" && operands_.size() == 1 && operands_[0].isNumber()) {
      modes_.back() = int(operands_[0].getNumericValue());
    } else if (op == "Tj" || op == "TJ" || op == "'" || op == "\"") {
      (modes_.back() == 3 ? survey_.invisible_text : survey_.visible_text) = true;
    } else if (op == "Do") {
      if (depth_ >= 4 || !enter_form()) survey_.paints = true;  // an image, or a form unread
    } else if (paints(op)) {
      survey_.paints = true;
    }
    operands_.clear();
  }
  void handleEOF() override {}

 private:
  // An operator takes a few operands; more are junk, not kept.
  static constexpr size_t kMaxOperands = 64;

  // Operators that put something on the page: strokes and fills, shadings
  // and inline images (text and XObjects are looked at on their own).
  static bool paints(const std::string& op) {
    static const std::set<std::string> kPainting = {"S",  "s", "f",  "F",  "f*", "B",
                                                    "B*", "b", "b*", "sh", "BI", "EI"};
    return kPainting.count(op) > 0;
  }

  // Walks the form the operand names; false when it is no form (an image,
  // or a name that resolves to nothing known).
  bool enter_form() {
    if (operands_.size() != 1 || !operands_[0].isName() || !resources_.isDictionary()) return false;
    QPDFObjectHandle group = resources_.getKey("/XObject");
    if (!group.isDictionary()) return false;
    QPDFObjectHandle form = group.getKey(operands_[0].getName());
    if (!form.isStream() || !form.getDict().getKey("/Subtype").isNameAndEquals("/Form")) {
      return false;
    }
    CountingPipeline count(bytes_, limits_.max_bytes);
    form.pipeStreamData(&count, 0, qpdf_dl_generalized);
    QPDFObjectHandle own = form.getDict().getKey("/Resources");
    SurveyWalker inner(own.isDictionary() ? own : resources_, depth_ + 1, limits_, survey_, bytes_,
                       operators_);
    inner.modes_.back() = modes_.back();
    form.parseAsContents(&inner);
    return true;
  }

  QPDFObjectHandle resources_;
  int depth_;
  const ContentLimits& limits_;
  PageSurvey& survey_;
  uint64_t& bytes_;
  uint64_t& operators_;
  std::vector<int> modes_ = {0};
  std::vector<QPDFObjectHandle> operands_;
};

// Within a point: the image's pixels are then where the page's are to a
// few pixels at 300 dpi, so a text layer's words stay over their ink.
bool near(double a, double b) { return std::abs(a - b) <= 1.0; }

// Does `clip` leave all of the crop box visible?
bool covers(const Clip& clip, const cv::Vec4d& crop) {
  const Affine& t = clip.ctm;
  if (std::abs(t.b) > 1e-6 || std::abs(t.c) > 1e-6 || t.a <= 0 || t.d <= 0) return false;
  double x0 = t.a * clip.box.llx + t.e, x1 = t.a * clip.box.urx + t.e;
  double y0 = t.d * clip.box.lly + t.f, y1 = t.d * clip.box.ury + t.f;
  return x0 <= crop[0] + 1 && y0 <= crop[1] + 1 && x1 >= crop[2] - 1 && y1 >= crop[3] - 1;
}

// Components of the image's colour space, when it is grey or RGB: 0 else.
int components(QPDFObjectHandle space) {
  if (space.isNameAndEquals("/DeviceGray")) return 1;
  if (space.isNameAndEquals("/DeviceRGB")) return 3;
  if (space.isArray() && space.getArrayNItems() == 2 &&
      space.getArrayItem(0).isNameAndEquals("/ICCBased") && space.getArrayItem(1).isStream()) {
    QPDFObjectHandle n = space.getArrayItem(1).getDict().getKey("/N");
    if (n.isInteger() && (n.getIntValue() == 1 || n.getIntValue() == 3))
      return int(n.getIntValue());
  }
  return 0;
}

// The largest scan decoded here: 100 megapixels, an A0 sheet at 300 dpi.
constexpr uint64_t kMaxDecodedPixels = 100'000'000;

// libjpeg's error handling: any error, and any warning (libjpeg warns of
// damaged data and decodes on), ends the decoding quietly; such a page is
// left to Poppler.
struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
};

[[noreturn]] void jpeg_failed(j_common_ptr info) {
  std::longjmp(reinterpret_cast<JpegErrors*>(info->err)->jump, 1);
}

void jpeg_warned(j_common_ptr info, int level) {
  if (level < 0) jpeg_failed(info);  // corrupt data; level >= 0 is trace output
}

// Decodes the JPEG `data` as 8-bit grey (the luma of a colour one): its
// size when `pixels` is null, else its rows into `pixels` (which must hold
// `width` x `height`). False on any error or damage. Only plain C objects
// live here: longjmp skips no destructor.
bool run_jpeg(const unsigned char* data, size_t size, unsigned char* pixels, int* width,
              int* height) {
  jpeg_decompress_struct info;
  JpegErrors errors;
  info.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = jpeg_failed;
  errors.mgr.emit_message = jpeg_warned;
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, data, static_cast<unsigned long>(size));
  bool ok = jpeg_read_header(&info, TRUE) == JPEG_HEADER_OK &&
            (info.jpeg_color_space == JCS_GRAYSCALE || info.jpeg_color_space == JCS_YCbCr);
  if (ok && !pixels) {
    *width = int(info.image_width);
    *height = int(info.image_height);
  } else if (ok) {
    info.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&info);
    ok = int(info.output_width) == *width && int(info.output_height) == *height;
    while (ok && info.output_scanline < info.output_height) {
      JSAMPROW row = pixels + size_t(info.output_scanline) * size_t(*width);
      jpeg_read_scanlines(&info, &row, 1);
    }
    if (ok) jpeg_finish_decompress(&info);
  }
  jpeg_destroy_decompress(&info);
  return ok;
}

cv::Mat decode_jpeg(const unsigned char* data, size_t size) {
  int width = 0, height = 0;
  if (!run_jpeg(data, size, nullptr, &width, &height) || width <= 0 || height <= 0) return {};
  if (uint64_t(width) * uint64_t(height) > kMaxDecodedPixels) return {};  // the header's size
  cv::Mat out(height, width, CV_8UC1);
  if (!run_jpeg(data, size, out.data, &width, &height)) return {};
  return out;
}

// The image's samples as 8-bit grey, or empty.
cv::Mat decode(QPDFObjectHandle image) {
  QPDFObjectHandle dict = image.getDict();
  QPDFObjectHandle w = dict.getKey("/Width"), h = dict.getKey("/Height");
  if (!w.isInteger() || !h.isInteger() || w.getIntValue() <= 0 || h.getIntValue() <= 0) return {};
  int width = int(w.getIntValue()), height = int(h.getIntValue());
  // Checked before anything is decoded: a few MB of Flate can hold an
  // image of gigabytes. Such a page is left to Poppler's rendering, whose
  // size the caller bounds.
  if (uint64_t(w.getIntValue()) * uint64_t(h.getIntValue()) > kMaxDecodedPixels) return {};
  if (dict.getKey("/ImageMask").isBool() && dict.getKey("/ImageMask").getBoolValue()) return {};
  for (const char* key : {"/SMask", "/Mask", "/Decode", "/SMaskInData"}) {
    if (dict.hasKey(key)) return {};
  }
  QPDFObjectHandle bpc = dict.getKey("/BitsPerComponent");
  if (!bpc.isInteger() || bpc.getIntValue() != 8) return {};
  int n = components(dict.getKey("/ColorSpace"));
  if (n == 0) return {};
  QPDFObjectHandle filter = dict.getKey("/Filter");
  if (filter.isArray() && filter.getArrayNItems() == 1) filter = filter.getArrayItem(0);
  cv::Mat out;
  if (filter.isNameAndEquals("/DCTDecode")) {
    std::shared_ptr<Buffer> raw = image.getRawStreamData();
    out = decode_jpeg(raw->getBuffer(), raw->getSize());
  } else {
    // Flate, LZW and the like, which qpdf undoes (predictors included).
    std::shared_ptr<Buffer> data;
    try {
      data = image.getStreamData(qpdf_dl_generalized);
    } catch (const std::exception&) {
      return {};
    }
    if (data->getSize() != size_t(width) * height * n) return {};
    cv::Mat samples(height, width, CV_8UC(n), data->getBuffer());
    if (n == 1) {
      out = samples.clone();
    } else {
      cv::cvtColor(samples, out, cv::COLOR_RGB2GRAY);
    }
  }
  if (out.cols != width || out.rows != height) return {};
  return out;
}

}  // namespace

PageSurvey survey_page(QPDFPageObjectHelper& page, const ContentLimits& limits) {
  PageSurvey survey;
  uint64_t bytes = 0, operators = 0;
  try {
    // The size first, streamed stream by stream (parsing holds the whole
    // content in memory, and so does qpdf's pipeContents, which buffers
    // the streams to join them).
    CountingPipeline count(bytes, limits.max_bytes);
    for (QPDFObjectHandle& stream : page.getPageContents()) {
      if (stream.isStream()) stream.pipeStreamData(&count, 0, qpdf_dl_generalized);
    }
    bytes = 0;
    SurveyWalker walker(page.getAttribute("/Resources", false), 0, limits, survey, bytes,
                        operators);
    page.parseContents(&walker);
    QPDFObjectHandle annots = page.getObjectHandle().getKey("/Annots");
    if (annots.isArray() && annots.getArrayNItems() > 0) survey.paints = true;
  } catch (const OverLimit& e) {
    survey.refused = e.why;
  }
  return survey;
}

cv::Mat full_page_image(QPDFPageObjectHelper& page, const cv::Vec4d& crop) {
  QPDFObjectHandle page_object = page.getObjectHandle();
  QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
  if (rotate.isInteger() && rotate.getIntValue() % 360 != 0) return {};
  QPDFObjectHandle unit = page_object.getKey("/UserUnit");
  if (!unit.isNull() && !(unit.isNumber() && unit.getNumericValue() == 1)) return {};
  QPDFObjectHandle annots = page_object.getKey("/Annots");
  if (annots.isArray() && annots.getArrayNItems() > 0) return {};
  Found found;
  ContentWalker walker(page.getAttribute("/Resources", false), {}, {}, 0, found);
  page.parseContents(&walker);
  if (!found.ok || found.images != 1) return {};
  // The image upright (first row on top) over exactly the crop box.
  const Affine& p = found.placement;
  double width = crop[2] - crop[0], height = crop[3] - crop[1];
  if (std::abs(p.b) > 1e-6 || std::abs(p.c) > 1e-6 || !near(p.a, width) || !near(p.d, height) ||
      !near(p.e, crop[0]) || !near(p.f, crop[1])) {
    return {};
  }
  for (const Clip& clip : found.clips) {
    if (!covers(clip, crop)) return {};
  }
  return decode(found.image);
}

}  // namespace pdfrecon
