// Judging a PDF's text layer cell by cell before trusting it.
//
// A scanned report often carries an invisible OCR text layer, and archive
// OCR is bad: broken words ("MEDIANI E"), lost digits ("00,00%" for
// "100,00%"), words of two cells run together, rulings read as "|" or "[".
// Born-digital layers can be broken too (fonts without a Unicode map give
// U+FFFD or control characters). The judge looks at each cell of the
// detected grids with the words whose centre falls in it and says whether
// its text can be kept or the cell must be read again from the image:
//
// - invalid characters: invalid UTF-8, U+FFFD, control characters, private
//   use code points;
// - words that cross the cell's border (two cells' words run together), or
//   a word box over several of the cell's lines;
// - disagreement with the image: ink in the cell that no word box covers
//   (a lost digit, a word never recognised, a line of the cell missing), or
//   a word box over bare paper;
// - layers made by OCR (TextLayerJudgeOptions::ocr_layer: the caller knows
//   it by what the layer is, invisible text over the page's image, never by
//   the program or font that made it) are judged more strictly: stray
//   marks ("|", "[", "]", "{", "}", a final "," ";" ":") fail a cell, and so does any figure,
//   since a misread digit still looks like a figure, and so does text the
//   lexicon cannot vouch for (no lexicon, or no word long enough to look
//   up: "s" for "5"). Without a lexicon every filled cell of such a layer
//   is read again;
// - in value columns (most cells a percentage, a number or N/A) a cell that
//   is not shaped like a value fails (only for OCR-made layers);
// - the share of words a lexicon knows, through an injected predicate, so
//   that any dictionary (Hunspell, a list) can be plugged in: per cell for
//   OCR-made layers, per page for native ones (names and e-mail addresses
//   are unknown words printed exactly).
//
// The judge only reads: the pipeline re-OCRs the cells it rejects.
#pragma once

#include <functional>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/text_layer.h"

namespace pdfrecon {

// True when `word` (UTF-8, letters only, as printed: any case, accents) is a
// word of the document's language.
using KnownWordFn = std::function<bool(std::string_view word)>;

struct TextLayerJudgeOptions {
  // Lexicon; empty: the share of known words is not checked.
  KnownWordFn known_word;
  // The layer is an OCR program's (PdfDocument::survey).
  bool ocr_layer = false;
  // A cell with at least `min_lexicon_words` checkable words needs this share
  // known (native layers / layers made by OCR). 0 for native layers: their
  // unknown words are mostly proper names, e-mail addresses and acronyms,
  // exact as printed; a broken font encoding shows on the whole page
  // instead (below).
  double min_known_share = 0;
  double min_known_share_ocr_layer = 0.85;
  // A page whose words (at least `min_page_lexicon_words` looked up) are
  // known below this share has a garbled layer: every cell is rejected.
  double min_page_known_share = 0.3;
  // ... unless at least this share of them is shaped like words (a vowel,
  // no run of five consonants): natural text in Latin script is nearly all
  // so (over 0.95), random letters about 0.7. The page is then in another
  // language, not garbled.
  double min_page_word_shaped_share = 0.9;
  int min_page_lexicon_words = 20;
  int min_lexicon_words = 1;
  // Words shorter than this (letters), or all capitals up to
  // `max_acronym_letters`, are not looked up (articles, acronyms).
  int min_lexicon_letters = 3;
  int max_acronym_letters = 5;
  // Share of the cell's ink outside every (slightly grown) word box above
  // which the cell holds text its layer lacks.
  double max_uncovered_ink = 0.04;
  // Likewise for one line of the cell's print (text_line_bands): a line of
  // which more than this share no word covers is text its layer lacks.
  double max_uncovered_line = 0.5;
  // Where the image can tell what the page's drawing does not, points: a
  // born-digital page's images and shapes (page_drawing.h). Elsewhere its
  // ink is text, rulings and fills, which the layer and the grid account
  // for (white words on a dark header fill are neither unread print nor
  // words without ink), so the image is consulted only there; and the
  // layer there is the page's own text, exact by construction, so a word
  // crossing a border (text overflowing its cell) is not doubted either:
  // OCR could only read it worse. Unset: everywhere.
  std::optional<std::vector<Box>> image_only_in;
  // A word box taller than this many times the median of its cell's words
  // (3 or more) stands over several lines ("EEE," over two lines, the
  // second one lost): the cell's text cannot be trusted.
  double max_word_height = 1.8;
  // A cell with fewer ink pixels than this (speckle) is blank.
  int min_ink_pixels = 40;
  // A word box whose ink is below this share of its area is over bare paper.
  double min_word_ink = 0.02;
  // A word reaching beyond its cell by more than this share of its width
  // (and at least `min_overhang_pt`) crosses the cell's border.
  double max_overhang = 0.2;
  double min_overhang_pt = 1.5;
  // Likewise across a row's border, as a share of the word's height: a word
  // of the layer a third outside its cell (a stamp read as text, a line of
  // the next row) is not the cell's text.
  double max_overhang_y = 0.3;
  // A column is a value column when at least this share of its non-empty
  // one-column cells (and at least 3) is shaped like a value.
  double value_column_share = 0.5;
};

enum CellIssue : unsigned {
  kInvalidChars = 1u << 0,
  kCrossesBorder = 1u << 1,
  kInkWithoutWords = 1u << 2,
  kWordsWithoutInk = 1u << 3,
  kUnknownWords = 1u << 4,
  kNotAValue = 1u << 5,
  kStrayMarks = 1u << 6,
  kOcrLayerFigure = 1u << 7,
  kUnverified = 1u << 8,  // OCR-made text the lexicon could not vouch for
  kSpansLines = 1u << 9,  // a word box over two or more lines of the cell
};

// Short names of the issues set in `issues`, comma separated ("ink-without-words").
std::string describe_issues(unsigned issues);

struct CellVerdict {
  unsigned issues = 0;      // CellIssue bits; 0 = the text can be kept
  bool value_cell = false;  // in a value column, or its text is shaped like a value
  double known_share = -1;  // share of looked-up words the lexicon knows; -1 none
  bool trusted() const { return issues == 0; }
};

struct PageVerdict {
  bool ocr_made_layer = false;                  // judged as an OCR program's layer
  std::vector<std::vector<CellVerdict>> cells;  // [table][cell], parallel to CellGrid::cells
  int rejected() const;
  int total() const;
};

// `tables`: the page's grids (PDF points, as detect_grids gives them);
// `layer`: the words, in the same coordinates; `ink`: the page as a binary
// mask (CV_8UC1, non-zero = ink) at `px_per_pt` pixels per point, with the
// rulings painted out. Cells of `tables` need no text: words are assigned
// here by their centres.
PageVerdict judge_text_layer(const TextLayer& layer, const std::vector<CellGrid>& tables,
                             const cv::Mat& ink, double px_per_pt,
                             const TextLayerJudgeOptions& options = {});

// True when the UTF-8 text is invalid or holds U+FFFD, control characters
// (other than tab, newline) or private-use code points.
bool has_invalid_chars(std::string_view text);

}  // namespace pdfrecon
