// Finds ruled tables ("lattice" tables) in a page image and returns their
// grids: row and column boundaries from the rulings, merged cells from the
// internal rulings that are missing.
//
// How: the page is thresholded against its local mean; rulings are the
// long thin runs of ink in each direction (a morphological opening longer
// than any glyph stroke, after short gaps in thin lines are bridged); a
// skewed page is turned level first. A ruling is kept only when it meets
// two crossing rulings, and the connected groups of kept rulings are the
// tables. Their clustered positions give the grid, and an internal edge
// that is mostly unruled joins the two grid positions into one cell.
//
// Lengths in the options are mostly in "em", the page's typical text
// height, so that one set of defaults works for any font size and dpi: a
// ruling must be longer than any stroke a glyph can make, and tolerances
// scale with the print.
#pragma once

#include <functional>
#include <limits>
#include <opencv2/core.hpp>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/page_drawing.h"

namespace pdfrecon {

struct GridDetectorOptions {
  // Typical text height (font size) in points, e.g. TextLayer::median_height().
  // 0: estimate it from the glyph-sized blobs of the image (scans have no
  // trustworthy text layer). Without text on the page, 10 pt is assumed.
  double text_height_pt = 0;

  // A pixel is ink when it is this many grey levels darker than the mean of
  // its neighbourhood: low enough for faint grey rulings (~180 on white),
  // high enough to ignore paper texture and JPEG noise.
  double threshold_offset = 15;
  // Side of that neighbourhood, points. Wider than the thickest ruling.
  double threshold_window_pt = 8;
  // A page whose pixel noise (standard deviation, grey levels) exceeds this
  // is a grainy scan: it is smoothed before thresholding, and the offset
  // grows with the noise. Renderings have none.
  double max_clean_noise = 2.5;

  // Shortest horizontal ruling, em. An em dash, the longest horizontal glyph
  // stroke, is 1 em.
  double min_hline_em = 1.5;
  // Shortest vertical ruling, em. Longer than stems and descenders, shorter
  // than a one-line row, so that a row's own separators survive. The taller
  // glyphs ("|", brackets) that pass are removed by the joint rule below.
  double min_vline_em = 1.0;
  // Whatever the text height, a kernel stays within these fractions of the
  // page side, so a page of huge headings or of tiny print still works.
  double min_kernel_page_fraction = 1.0 / 150;
  double max_kernel_page_fraction = 1.0 / 20;

  // Rulings at most this thick (em) are gap-closed; glyph stems, which are
  // thicker when measured along the ruling, are kept out of the closing so
  // that the letters of a word never fuse into a bar.
  double max_thin_em = 0.35;
  // Gaps up to this length (points) in a thin ruling are bridged: dashed and
  // dotted rules, scans with broken or faint lines. A physical length, as
  // dash patterns and scanner dropouts are; much more would start to bridge
  // glyphs to the ruling of their cell (a few points away) and chain the
  // glyphs of consecutive rows into a line.
  double gap_close_pt = 2;
  // Collinear pieces of a ruling with gaps up to this (em) are one line when
  // counting joints and grouping tables (wider scan dropouts).
  double merge_gap_em = 1.0;
  // A wider gap in a ruling, up to this (em), is bridged too when crossing
  // rulings do not stand at both of its ends or inside it: a dropout of a
  // damaged scan or a faxed page in one cell's edge. (A gap with crossing
  // rulings at both ends is an edge that is not drawn, and stays.)
  double max_dropout_em = 4;
  // Anything thicker than this (em) is a filled area or a blob, not a ruling.
  double max_line_thickness_em = 0.6;

  // A ruling belongs to a table only if it touches at least two crossing
  // rulings; this rejects underlines, lone separator lines, text strokes
  // that passed the length test and table-less pages. Touching tolerates
  // this gap (em) because scanned lines often stop short of each other.
  double joint_tolerance_em = 0.4;
  // Glyph fragments that passed the length test can cross each other (a
  // bar and a stem of one word), so support grows outwards from rulings at
  // least this long (em): those must cross two such rulings; a shorter one
  // is kept only when it crosses two kept ones. (A two-row table's
  // verticals are 2.5 to 3 em.)
  double long_hline_em = 3;
  double long_vline_em = 3;
  // A shorter ruling must reach the two it crosses to within this (em): a
  // tall glyph ("$", "|") can nearly fill a row, a drawn separator meets
  // its neighbours.
  double short_joint_tolerance_em = 0.1;
  // A vertical ruling with ink close by on both sides along more than this
  // share of its length is a column of aligned glyphs bridged into a line
  // (the "j" of "Porcentaje" in consecutive tight rows); a drawn ruling has
  // the cells' padding either side, but where rulings cross it.
  double max_flanked_share = 0.25;
  // Rulings closer than this (em) are one grid boundary (double rules).
  double cluster_tolerance_em = 0.35;
  // Boundaries closer than this (em) leave no room for text between them:
  // the one with less ruled length goes (a column of "$" or "|" glyphs, or a
  // word next to a ruling, that passed for a ruling). Empty spacer rows and
  // columns narrower than this merge into a neighbour.
  double min_cell_em = 0.7;
  // Rulings that stick out beyond the outermost crossing ruling by more than
  // this (em) mark an unruled outer boundary (a table without bottom line).
  double open_border_em = 0.8;
  // An internal edge between two grid positions exists when at least this
  // fraction of its length is ruled; otherwise the positions are one cell.
  double edge_coverage = 0.5;

  // Skew is searched within +-max_skew_degrees. At or above
  // min_deskew_degrees the image is rotated upright before the grid is read;
  // below it the drift across a page is under a pixel or two.
  double max_skew_degrees = 3;
  double min_deskew_degrees = 0.1;
  // A page skewed by this much or more returns only its skew and text
  // height, no tables: for a caller that levels the page itself and reads
  // it again (deskew_page), which saves turning the ink here. Off (infinite)
  // by default.
  double skew_only_degrees = std::numeric_limits<double>::infinity();

  // A table needs at least this many grid positions: a single framed box is
  // decoration (a page border, a boxed title), not a table.
  int min_cells = 2;

  // When set, called with each image the detector works on, upright, ink
  // white: "binary" (the thresholded page), "hmask" and "vmask" (the
  // ruling masks). For --debug-dir; never on the hot path otherwise.
  std::function<void(const char* stage, const cv::Mat& image)> debug_image;
};

struct PageGrids {
  std::vector<CellGrid> tables;  // top to bottom
  // Angle of the page's horizontal rulings, degrees, positive when they
  // descend to the right (clockwise in the image). 0 without long rulings.
  double skew_degrees = 0;
  // The text height the detector worked with (given or estimated), points.
  double text_height_pt = 0;
  // Every horizontal ruling drawn on the page, in a grid or not (points):
  // tables found from text use them as row boundaries (text_tables.h).
  std::vector<Ruling> horizontal_rulings;
};

// grey: the page as 8-bit grey (colour images are converted); px_per_pt =
// dpi / 72. Returns the tables in PDF points in the coordinates of `grey`,
// cells without text.
//
// A skewed page is read upright; its grid is then placed back on the given
// image: every cell box keeps its upright size and is centred on the cell's
// centre in the given image; row_edges / col_edges (and bbox) are the
// boundaries as they cross the table's centre lines. Boxes of a skewed table
// therefore approximate rotated cells, which is what assigning word centres
// needs.
//
// `stated`: rulings the PDF itself draws (drawn_rulings), in points in
// the coordinates of `grey`; on a level page they join those found in the
// pixels (a rule drawn as an image, a hairline the render lost).
//
// Reentrant. The two ruling directions run as two tasks on OpenCV's thread
// pool. Typically 10-20 ms for a 150 dpi landscape A4 page.
PageGrids detect_grids(const cv::Mat& grey, double px_per_pt, const GridDetectorOptions& = {},
                       const std::vector<Ruling>& stated = {});

// The lines that divide a born-digital page's tables: every ruling it
// strokes, whatever its colour (white lines between dark cells), and the
// edges of its fills where a fill stands out from the paper or fill beside
// it (a table of shaded cells is ruled by them, as a render shows it).
// Edges between fills of one shade do not show.
std::vector<Ruling> drawn_rulings(const PageDrawing& drawing);

// Tables from drawn rulings alone, without an image: the same rules as
// detect_grids decide which rulings make tables, but nothing is bridged
// (a gap in a drawn line is drawn) and the page is level. Grids in points.
// A fraction of a millisecond to a few for a page.
PageGrids grids_from_rulings(const std::vector<Ruling>& rulings, double page_width,
                             double page_height, const GridDetectorOptions& = {});

}  // namespace pdfrecon
