#include "pdfrecon/ocr_engine.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <opencv2/core.hpp>
#include <vector>

#include "pdfrecon/tinted_regions.h"

namespace pdfrecon {

namespace {

// The 8-bit image as a 1-bit Leptonica image (Otsu threshold over the whole
// image); nullptr when Leptonica fails. The caller destroys it.
PIX* binarised(const cv::Mat& grey) {
  PIX* pix = pixCreate(grey.cols, grey.rows, 8);
  if (!pix) return nullptr;
  l_uint32* data = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < grey.rows; ++y) {
    const uchar* src = grey.ptr<uchar>(y);
    l_uint32* line = data + y * wpl;
    for (int x = 0; x < grey.cols; ++x) SET_DATA_BYTE(line, x, src[x]);
  }
  PIX* bin = nullptr;
  // Tiles larger than any cell: one threshold for the cell.
  int tile = std::max(grey.cols, grey.rows) + 1;
  if (pixOtsuAdaptiveThreshold(pix, tile, tile, 0, 0, 0.1f, nullptr, &bin) != 0) bin = nullptr;
  pixDestroy(&pix);
  return bin;
}

}  // namespace

struct OcrEngine::Impl {
  tesseract::TessBaseAPI api;
};

OcrEngine::OcrEngine(const std::string& lang) : impl_(std::make_unique<Impl>()), lang_(lang) {
  if (impl_->api.Init(nullptr, lang.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    throw OcrError("OCR language '" + lang + "' is not installed (Debian: tesseract-ocr-" + lang +
                   ")");
  }
  // Automatic segmentation: with the rulings painted out, table columns
  // become separate blocks, so words of neighbouring cells are not joined.
  impl_->api.SetPageSegMode(tesseract::PSM_AUTO);
  impl_->api.SetVariable("debug_file", "/dev/null");
}

OcrEngine::~OcrEngine() { impl_->api.End(); }

std::string OcrEngine::check_languages(const std::string& lang) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  size_t start = 0;
  for (;;) {
    size_t plus = lang.find('+', start);
    names.push_back(lang.substr(start, plus == std::string::npos ? plus : plus - start));
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  for (const std::string& n : names) {
    bool plain = !n.empty() && n.size() <= 64 && std::all_of(n.begin(), n.end(), [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
    });
    if (!plain) return "'" + lang + "' is not a language name (like spa or spa+eng)";
  }
  // Where Tesseract 5 looks: $TESSDATA_PREFIX (the folder itself, or its
  // parent in older set-ups), else the folder Debian installs to.
  std::vector<fs::path> folders;
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix && *prefix) {
    folders = {fs::path(prefix), fs::path(prefix) / "tessdata"};
  } else {
    folders = {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tessdata"};
  }
  std::error_code ec;
  auto found = [&](const std::string& n) {
    for (const fs::path& f : folders) {
      if (fs::is_regular_file(f / (n + ".traineddata"), ec)) return true;
    }
    return false;
  };
  bool any_folder = std::any_of(folders.begin(), folders.end(),
                                [&](const fs::path& f) { return fs::is_directory(f, ec); });
  if (!any_folder) return "";  // Tesseract's own lookup decides (and says why)
  for (const std::string& n : names) {
    if (!found(n)) {
      return "'" + n + "': that OCR language is not installed (Debian: tesseract-ocr-" + n + ")";
    }
  }
  return "";
}

OcrEngine& OcrEngine::for_this_thread(const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<OcrEngine>> engines;
  auto& e = engines[lang];
  if (!e) e = std::make_unique<OcrEngine>(lang);
  return *e;
}

TextLayer OcrEngine::read_page(const cv::Mat& grey, double px_per_pt, Layout layout,
                               const Deadline* deadline) {
  CV_Assert(grey.type() == CV_8UC1);
  tesseract::TessBaseAPI& api = impl_->api;
  api.SetPageSegMode(layout == Layout::kLines ? tesseract::PSM_SINGLE_BLOCK : tesseract::PSM_AUTO);
  api.SetImage(grey.data, grey.cols, grey.rows, 1, int(grey.step));
  api.SetSourceResolution(int(px_per_pt * 72 + 0.5));
  TextLayer layer;
  // Tesseract stops at the deadline (its monitor), and the page's budget
  // is then spent.
  tesseract::ETEXT_DESC monitor;
  if (deadline && deadline->limited()) {
    monitor.set_deadline_msecs(int(std::min<long long>(deadline->millis_left(), INT32_MAX)));
  }
  int failed = api.Recognize(&monitor);
  if (deadline && deadline->passed()) {
    api.Clear();
    deadline->check();
  }
  if (failed != 0) {
    api.Clear();
    return layer;
  }
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return layer;
  const auto level = tesseract::RIL_WORD;
  do {
    std::unique_ptr<char[]> text(it->GetUTF8Text(level));
    if (!text || text[0] == 0) continue;
    int x0, y0, x1, y1;
    if (!it->BoundingBox(level, &x0, &y0, &x1, &y1)) continue;
    Word w;
    w.text = text.get();
    w.box = Box{x0 / px_per_pt, y0 / px_per_pt, x1 / px_per_pt, y1 / px_per_pt};
    w.font_name = kOcrFontName;
    w.font_size = (y1 - y0) / px_per_pt;
    w.confidence = std::clamp(it->Confidence(level) / 100.0, 0.0, 1.0);
    layer.words.push_back(std::move(w));
  } while (it->Next(level));
  api.Clear();
  return layer;
}

OcrEngine::Reading OcrEngine::read_region(const cv::Mat& grey, const cv::Rect& region,
                                          bool single_line, const std::string& whitelist, int dpi,
                                          bool as_cut) {
  Reading out;
  cv::Rect r = region & cv::Rect(0, 0, grey.cols, grey.rows);
  if (r.width < 4 || r.height < 4) return out;
  int pad = as_cut ? 0 : std::max(8, r.height / 4);
  cv::Mat padded;
  // Padded with the paper's own grey: a white frame around a grey scan
  // makes an edge that Tesseract's binarisation turns a lone digit into
  // noise with ("3" read as "bo").
  const cv::Mat crop = grey(r);
  double paper = paper_level(crop);
  cv::copyMakeBorder(crop, padded, pad, pad, pad, pad, cv::BORDER_CONSTANT | cv::BORDER_ISOLATED,
                     cv::Scalar(paper));  // ISOLATED: never borrow pixels from around a ROI
  tesseract::TessBaseAPI& api = impl_->api;
  api.SetPageSegMode(single_line ? tesseract::PSM_SINGLE_LINE : tesseract::PSM_SINGLE_BLOCK);
  if (!whitelist.empty()) api.SetVariable("tessedit_char_whitelist", whitelist.c_str());
  // Binarised by Leptonica's Otsu over the cell alone: the threshold then
  // fits this cell's ink and paper, not the page's (measured on the scan
  // fixture: 134 of 136 cells and 45 of 47 records exact, against 133 and
  // 41 with Tesseract's own page-level thresholding; Sauvola and scaling to
  // a 20 px x-height did no better).
  PIX* bin = as_cut ? nullptr : binarised(padded);
  if (bin) {
    api.SetImage(bin);
  } else {
    api.SetImage(padded.data, padded.cols, padded.rows, 1, int(padded.step));
  }
  api.SetSourceResolution(dpi);
  std::unique_ptr<char[]> text(api.GetUTF8Text());
  int n = 0;
  double sum = 0;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (it) {
    do {
      std::unique_ptr<char[]> word(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!word || word[0] == 0) continue;
      sum += it->Confidence(tesseract::RIL_WORD) / 100.0;
      ++n;
    } while (it->Next(tesseract::RIL_WORD));
  }
  api.SetPageSegMode(tesseract::PSM_AUTO);
  if (!whitelist.empty()) api.SetVariable("tessedit_char_whitelist", "");
  if (bin) pixDestroy(&bin);
  api.Clear();
  if (text) {
    // Lines become spaces; the cell's text is one paragraph.
    for (const char* p = text.get(); *p; ++p) out.text += (*p == '\n') ? ' ' : *p;
  }
  size_t a = out.text.find_first_not_of(' '), b = out.text.find_last_not_of(' ');
  out.text = a == std::string::npos ? "" : out.text.substr(a, b - a + 1);
  out.confidence = n ? std::clamp(sum / n, 0.0, 1.0) : 0;
  return out;
}

}  // namespace pdfrecon
