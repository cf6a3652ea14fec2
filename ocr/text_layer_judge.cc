#include "pdfrecon/text_layer_judge.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <regex>

#include "pdfrecon/cell_text.h"
#include "pdfrecon/region_stack.h"
#include "pdfrecon/value_grammar.h"

namespace pdfrecon {
namespace {

// Decodes one UTF-8 code point at s[i], advancing i; -1 when malformed.
long next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0 || c > 0xF4) return -1;
  long cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size()) return -1;
    unsigned char d = static_cast<unsigned char>(s[i++]);
    if ((d & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (d & 0x3F);
  }
  static constexpr long kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  return cp;
}

// Latin letters, with the accented ones of Spanish and its neighbours.
bool is_letter(long cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
}
bool is_upper(long cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

cv::Rect to_pixels(const Box& b, double px_per_pt) {
  return cv::Rect(
      cv::Point(int(std::lround(b.x0 * px_per_pt)), int(std::lround(b.y0 * px_per_pt))),
      cv::Point(int(std::lround(b.x1 * px_per_pt)), int(std::lround(b.y1 * px_per_pt))));
}

// Whether a letter is a vowel of a Latin alphabet (accented ones too).
bool is_latin_vowel(long cp) {
  if (cp < 0x80) return std::string_view("aeiouyAEIOUY").find(char(cp)) != std::string_view::npos;
  // Latin-1's letters are vowels but for Ç Ð Ñ × Ø Þ ß and their small forms.
  if (cp >= 0xC0 && cp <= 0xFF) {
    return std::u32string_view(
               U"\u00C7\u00D0\u00D1\u00D7\u00DE\u00DF\u00E7\u00F0\u00F1\u00F7\u00FE")
               .find(char32_t(cp)) == std::u32string_view::npos;
  }
  return cp >= 0x100 &&
         cp <= 0x24F;  // Latin Extended: mostly accented vowels; benefit of the doubt
}

// A word shaped like one of an alphabetic language: a vowel somewhere and
// no run of five consonants. Text a broken font encoding garbled is mostly
// not; words of another language than the lexicon's are (Latin script;
// other scripts are given the benefit of the doubt).
bool word_shaped(std::string_view word) {
  bool vowel = false;
  int run = 0;
  size_t i = 0;
  while (i < word.size()) {
    long cp = next_code_point(word, i);
    if (cp > 0x24F) return true;
    if (is_latin_vowel(cp)) {
      vowel = true, run = 0;
    } else if (++run >= 5) {
      return false;
    }
  }
  return vowel;
}

// What looking the letter runs of `text` up found.
struct LexiconCounts {
  int looked = 0;  // runs looked up
  int known = 0;   // of them, known to the lexicon
  int shaped = 0;  // of them, shaped like words (word_shaped)
};

LexiconCounts lexicon_counts(const std::string& text, const TextLayerJudgeOptions& o) {
  LexiconCounts out;
  size_t i = 0;
  while (i < text.size()) {
    // One blank-separated word at a time; words holding digits are figures.
    size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::string_view word(text.data() + i, end - i);
    i = end + 1;
    if (std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    size_t j = 0;
    while (j < word.size()) {
      size_t start = j;
      int letters = 0, upper = 0;
      size_t run_end = j;
      while (j < word.size()) {
        long cp = next_code_point(word, j);  // always advances
        if (!is_letter(cp)) break;
        ++letters;
        upper += is_upper(cp);
        run_end = j;
      }
      if (run_end == start) continue;
      if (letters < o.min_lexicon_letters) continue;
      if (upper == letters && letters <= o.max_acronym_letters) continue;
      std::string_view run = word.substr(start, run_end - start);
      ++out.looked;
      out.known += o.known_word(run) ? 1 : 0;
      out.shaped += word_shaped(run) ? 1 : 0;
    }
  }
  return out;
}

}  // namespace

bool has_invalid_chars(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    long cp = next_code_point(text, i);
    if (cp < 0 || cp == 0xFFFD) return true;
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0)) return true;
    if ((cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000) return true;
  }
  return false;
}

std::string describe_issues(unsigned issues) {
  static const char* const kNames[] = {
      "invalid-chars", "crosses-border", "ink-without-words", "words-without-ink", "unknown-words",
      "not-a-value",   "stray-marks",    "ocr-layer-figure",  "unverified",        "spans-lines",
  };
  std::string out;
  for (int b = 0; b < 10; ++b) {
    if (!(issues & (1u << b))) continue;
    if (!out.empty()) out += ',';
    out += kNames[b];
  }
  return out;
}

int PageVerdict::rejected() const {
  int n = 0;
  for (const auto& t : cells) {
    for (const CellVerdict& v : t) n += !v.trusted();
  }
  return n;
}

int PageVerdict::total() const {
  int n = 0;
  for (const auto& t : cells) n += int(t.size());
  return n;
}

PageVerdict judge_text_layer(const TextLayer& layer, const std::vector<CellGrid>& tables,
                             const cv::Mat& ink, double px_per_pt, const TextLayerJudgeOptions& o) {
  CV_Assert(ink.empty() || ink.type() == CV_8UC1);
  PageVerdict page;
  page.ocr_made_layer = o.ocr_layer;
  const cv::Rect image(0, 0, ink.cols, ink.rows);
  int page_looked = 0, page_known = 0, page_shaped = 0;
  // The ink the image is consulted on (all of it, unless told where).
  cv::Mat print = ink;
  auto consulted = [&](const Box& b) {
    if (!o.image_only_in) return true;
    return std::any_of(o.image_only_in->begin(), o.image_only_in->end(),
                       [&](const Box& in) { return in.contains(b.cx(), b.cy()); });
  };
  if (o.image_only_in && !ink.empty()) {
    cv::Mat allowed = cv::Mat::zeros(ink.size(), CV_8UC1);
    for (const Box& b : *o.image_only_in) {
      cv::Rect r = to_pixels(b, px_per_pt) & image;
      if (r.area() > 0) allowed(r).setTo(255);
    }
    print = cv::Mat();  // not ink's pixels: they are read below as they are
    cv::bitwise_and(ink, allowed, print);
  }
  for (const CellGrid& t : tables) {
    std::vector<CellVerdict>& verdicts = page.cells.emplace_back(t.cells.size());
    std::vector<std::vector<const Word*>> in_cell(t.cells.size());
    for (const Word& w : layer.words) {
      for (size_t k = 0; k < t.cells.size(); ++k) {
        if (t.cells[k].box.contains(w.box.cx(), w.box.cy())) {
          in_cell[k].push_back(&w);
          break;
        }
      }
    }
    std::vector<std::string> texts(t.cells.size());
    for (size_t k = 0; k < t.cells.size(); ++k) {
      std::vector<Word> words;
      for (const Word* w : in_cell[k]) words.push_back(*w);
      texts[k] = join_cell_words(std::move(words));
    }
    // Value columns: most one-column cells shaped like a value.
    std::vector<int> filled(size_t(std::max(0, t.n_cols())), 0), values(filled.size(), 0);
    for (size_t k = 0; k < t.cells.size(); ++k) {
      const GridCell& c = t.cells[k];
      if (c.col_span != 1 || texts[k].empty() || c.col >= int(filled.size())) continue;
      ++filled[size_t(c.col)];
      values[size_t(c.col)] += is_value(texts[k]);
    }
    for (size_t k = 0; k < t.cells.size(); ++k) {
      const GridCell& c = t.cells[k];
      CellVerdict& v = verdicts[k];
      const std::string& text = texts[k];
      bool value_column = c.col_span == 1 && c.col < int(filled.size()) &&
                          values[size_t(c.col)] >= 3 &&
                          values[size_t(c.col)] >= o.value_column_share * filled[size_t(c.col)];
      v.value_cell = value_column || is_value(text);

      // A word box much taller than the cell's others stands over two or
      // more lines: whatever it says, the lines under it are not read.
      if (in_cell[k].size() >= 3) {
        std::vector<double> heights;
        for (const Word* w : in_cell[k]) heights.push_back(w->box.height());
        std::nth_element(heights.begin(), heights.begin() + long(heights.size() / 2),
                         heights.end());
        double median = heights[heights.size() / 2];
        for (const Word* w : in_cell[k]) {
          if (w->box.height() > o.max_word_height * median) v.issues |= kSpansLines;
        }
      }

      for (const Word* w : in_cell[k]) {
        if (has_invalid_chars(w->text)) v.issues |= kInvalidChars;
        // The page's own text over its own drawing is exact: a word that
        // overflows its cell, or that a grid of rectangles cuts where the
        // page's blocks are not rectangles, is still what was printed.
        if (!consulted(w->box)) continue;
        double over = std::max(0.0, c.box.x0 - w->box.x0) + std::max(0.0, w->box.x1 - c.box.x1);
        if (over > std::max(o.min_overhang_pt, o.max_overhang * w->box.width())) {
          v.issues |= kCrossesBorder;
        }
        double over_y = std::max(0.0, c.box.y0 - w->box.y0) + std::max(0.0, w->box.y1 - c.box.y1);
        if (over_y > std::max(o.min_overhang_pt, o.max_overhang_y * w->box.height())) {
          v.issues |= kCrossesBorder;
        }
      }

      if (!ink.empty()) {
        // Inside the borders, clear of what is left of the rulings.
        int inset = std::max(2, int(std::lround(1.0 * px_per_pt)));
        cv::Rect r = to_pixels(c.box, px_per_pt);
        r = cv::Rect(r.x + inset, r.y + inset, r.width - 2 * inset, r.height - 2 * inset) & image;
        if (r.width > 0 && r.height > 0) {
          cv::Mat cell_ink = print(r);
          int total = cv::countNonZero(cell_ink);
          cv::Mat covered = cv::Mat::zeros(r.size(), CV_8UC1);
          for (const Word* w : in_cell[k]) {
            cv::Rect wr = to_pixels(w->box, px_per_pt);
            int grow = std::max(2, int(std::lround(0.25 * wr.height)));
            cv::Rect word_ink = wr & image;
            if (word_ink.area() > 0 && consulted(w->box) &&
                cv::countNonZero(ink(word_ink)) < o.min_word_ink * word_ink.area()) {
              v.issues |= kWordsWithoutInk;
            }
            cv::Rect g(wr.x - grow - r.x, wr.y - grow - r.y, wr.width + 2 * grow,
                       wr.height + 2 * grow);
            g &= cv::Rect(0, 0, r.width, r.height);
            if (g.area() > 0) covered(g).setTo(255);
          }
          if (total > o.min_ink_pixels) {
            cv::Mat bare;
            cv::bitwise_and(cell_ink, ~covered, bare);
            int uncovered = cv::countNonZero(bare);
            if (uncovered > o.min_ink_pixels && uncovered > o.max_uncovered_ink * total) {
              v.issues |= kInkWithoutWords;
            }
            // A whole line of print without words (a lost second line) may
            // be little of a long cell's ink, but most of its own line's.
            if (!in_cell[k].empty()) {
              for (auto [top, bottom] : text_line_bands(cell_ink)) {
                cv::Range rows(top, bottom);
                int line = cv::countNonZero(cell_ink.rowRange(rows));
                int bare_line = cv::countNonZero(bare.rowRange(rows));
                if (line > o.min_ink_pixels && bare_line > o.max_uncovered_line * line) {
                  v.issues |= kInkWithoutWords;
                }
              }
            }
          }
        }
      }

      if (page.ocr_made_layer && !text.empty()) {
        if (text.find_first_of("|[]{}") != std::string::npos) v.issues |= kStrayMarks;
        // A cell of a table does not end in mid-sentence: a final "," ";" or
        // ":" is a speck or a ruling end read as a glyph.
        if (std::string_view(",;:").find(text.back()) != std::string_view::npos) {
          v.issues |= kStrayMarks;
        }
        if (text.find("\xC2\xA1") != std::string::npos && text.find('!') == std::string::npos) {
          v.issues |= kStrayMarks;  // "¡" without "!": a ruling read as a glyph
        }
        if (text.find_first_of("0123456789") != std::string::npos) v.issues |= kOcrLayerFigure;
        if (value_column && !is_value(text)) v.issues |= kNotAValue;
      }

      int looked = 0;
      if (o.known_word && !text.empty()) {
        LexiconCounts counts = lexicon_counts(text, o);
        looked = counts.looked;
        page_looked += counts.looked;
        page_known += counts.known;
        page_shaped += counts.shaped;
        if (looked > 0) v.known_share = double(counts.known) / looked;
        double need = page.ocr_made_layer ? o.min_known_share_ocr_layer : o.min_known_share;
        if (looked >= o.min_lexicon_words && v.known_share < need) v.issues |= kUnknownWords;
      }
      // OCR-made text is kept only where the lexicon vouches for it: "s"
      // for "5", "-" for "2" pass every other test.
      if (page.ocr_made_layer && !text.empty() && looked < o.min_lexicon_words) {
        v.issues |= kUnverified;
      }
    }
  }
  // A page the lexicon hardly knows is garbled, unless its words are
  // shaped like a language's: then it is in another language than the
  // lexicon's (an English table read with the Spanish lexicon).
  if (page_looked >= o.min_page_lexicon_words &&
      page_known < o.min_page_known_share * page_looked &&
      page_shaped < o.min_page_word_shaped_share * page_looked) {
    for (auto& t : page.cells) {
      for (CellVerdict& v : t) v.issues |= kUnknownWords;
    }
  }
  return page;
}

}  // namespace pdfrecon
