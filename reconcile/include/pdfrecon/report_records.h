// Turns the grids of a report into records, one per key cell (for LOTAIP
// literal a4: one per indicator), and its footer into metadata, as its
// profile (report_profile.h) describes the report.
//
// The report is a spreadsheet printed to PDF: the profile's columns,
// full-width section rows, and merged cells (No., unit, objective) over the
// rows of their block. When a page break splits a merged block, spreadsheet
// programs print its text on one side of the break, or part of it on each;
// blank parts take the text across the break, and the parts of a split
// text are joined in order. The footer block (LINK, FECHA ACTUALIZACIÓN...)
// becomes metadata wherever it is: a table of its own, rows of the main
// grid, or lines without rulings.
//
// Columns are mapped from header cells wherever they are (the first rows
// of a table, a header table of its own, an earlier page), by position when
// a table has the header's columns.
#pragma once

#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/records.h"
#include "pdfrecon/report_profile.h"
#include "pdfrecon/review_policy.h"

namespace pdfrecon {

class TextReconciler;

// One page as the reader sees it.
struct PageContent {
  int number = 0;                           // one-based
  std::vector<CellGrid>* tables = nullptr;  // cleaned in place (text, corrections)
  std::vector<std::string> lines;           // text outside any table, top to bottom
};

// True when a page's line holds one of the profile's detection phrases, or
// a table's header row names the profile's columns.
bool is_report(const std::vector<PageContent>& pages, const ReportProfile& profile);

struct ProfileResult {
  std::vector<Record> records;
  ReportMetadata metadata;
  std::vector<std::string> warnings;
};

// Builds records and metadata. With a reconciler, cell texts are corrected
// against the dictionary and lexicon first (and the changes audited in the
// cells); without one, text is taken as found. Every record is reviewed by
// `policy`.
ProfileResult read_records(std::vector<PageContent>& pages, const ReportProfile& profile,
                           const TextReconciler* reconciler,
                           const ReviewPolicy& policy = ReviewPolicy());

}  // namespace pdfrecon
