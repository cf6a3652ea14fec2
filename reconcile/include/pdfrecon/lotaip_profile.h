// Profile "lotaip-a4": turns the ruled grids of an "Art. 7 LOTAIP, literal a4"
// report (goals and indicators of each administrative unit) into records,
// one per indicator, and its footer into metadata.
//
// The report is a spreadsheet printed to PDF: five columns (No., unit,
// objective, indicator, target), full-width section rows, and No./unit/
// objective cells merged over their indicator rows. When a page break splits
// a merged block, spreadsheet programs print its text once, on one side of
// the break, and leave the cells on the other side blank; those blank cells
// take the text from across the break.
#pragma once

#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/records.h"

namespace pdfrecon {

class TextReconciler;

// One page as the profile sees it.
struct PageContent {
  int number = 0;                           // one-based
  std::vector<CellGrid>* tables = nullptr;  // cleaned in place (text, corrections)
  std::vector<std::string> lines;           // text outside any table, top to bottom
};

// True when a page says "Literal a4" or a table shows the five header columns.
bool is_lotaip_a4(const std::vector<PageContent>& pages);

struct ProfileResult {
  std::vector<Record> records;
  ReportMetadata metadata;
  std::vector<std::string> warnings;
};

// Builds records and metadata. With a reconciler, cell texts are corrected
// against the dictionary and lexicon first (and the changes audited in the
// cells); without one, text is taken as found.
ProfileResult extract_lotaip_a4(std::vector<PageContent>& pages, const TextReconciler* reconciler);

}  // namespace pdfrecon
