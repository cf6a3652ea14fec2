#include "pdfrecon/cell_grid.h"

namespace pdfrecon {

const GridCell* CellGrid::cell_at(int row, int col) const {
  for (const GridCell& c : cells) {
    if (row >= c.row && row < c.row + c.row_span && col >= c.col && col < c.col + c.col_span) {
      return &c;
    }
  }
  return nullptr;
}

GridCell* CellGrid::cell_at(int row, int col) {
  return const_cast<GridCell*>(static_cast<const CellGrid*>(this)->cell_at(row, col));
}

}  // namespace pdfrecon
