// Fills the cells of detected grids with the words of the page's text layer.
#pragma once

#include <string>
#include <vector>

#include "pdfrecon/cell_grid.h"
#include "pdfrecon/text_layer.h"

namespace pdfrecon {

// Assigns each word to the cell containing its centre and sets cell.text and
// cell.raw_text (both the joined words; empty for a cell without words).
// A centre that falls in a table's bbox but in no cell box (the slivers
// between the boxes of a skewed table) goes to the nearest cell of that table.
// Returns the words that fell in no cell of any table (titles, footers
// outside grids), in text-layer order.
std::vector<Word> place_words(const TextLayer& layer, std::vector<CellGrid>& tables);

// Joins words of one cell in reading order: lines grouped by vertical
// overlap, each sorted by x; words on a line joined by one space (or none
// where the text layer says no space and the gap is tiny); lines joined by
// one space, except that a word ending in a letter and a hyphen at the end
// of a line, followed by a line that starts with a lowercase letter, is a
// word split by wrapping: the hyphen goes ("presupues-" + "taria" gives
// "presupuestaria"). A hyphen that is a word of its own ("LOTAIP -"), one
// inside a line ("2023-9") and one before a capital ("vs-" + "Total") stay.
// Whitespace normalised: every run of Unicode white space becomes one
// space, ends trimmed. UTF-8 throughout.
std::string join_cell_words(std::vector<Word> words);

}  // namespace pdfrecon
