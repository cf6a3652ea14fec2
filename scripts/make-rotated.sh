#!/usr/bin/env bash
# Regenerates fixtures/rotated/: page 2 of the CNE born-digital fixture with
# /Rotate 90, 180 and 270, so its content is displayed sideways or upside
# down. pdfrecon must turn each upright and find the same grid. Needs qpdf.
set -euo pipefail
cd "$(dirname "$0")/../fixtures"
mkdir -p rotated
src=cne-lotaip-a4-2023-11/born-digital.pdf
qpdf --static-id --empty --pages "$src" 2 -- rotated/page2.pdf
for r in 90 180 270; do
  qpdf --static-id --rotate=+$r rotated/page2.pdf rotated/page2-rotate$r.pdf
done
rm rotated/page2.pdf
ls -l rotated
