#!/usr/bin/env bash
# Rebuilds fixturegen (in build-fixtures/) and regenerates every fixture from
# the truth file kept beside it. Deterministic: same bytes on every run with
# the same Cairo and DejaVu versions.
#
#   scripts/make-fixtures.sh          regenerate in place
#   scripts/make-fixtures.sh --check  regenerate into a temp dir and fail if
#                                     any committed fixture differs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build-fixtures"
FIXTURES="$ROOT/fixtures"
SHARED="$ROOT/../shared/data"

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
  *) echo "make-fixtures: unknown option $1" >&2; exit 2 ;;
esac

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPDFRECON_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j2 --target fixturegen >/dev/null
GEN="$BUILD/tools/fixturegen"

# name and fixturegen options of each fixture; its truth is fixtures/NAME/truth.json
FIXTURE_LIST=(
  "cne-lotaip-a4-2023-11 --repeat-header"
  "invented-lotaip-a4 --no-repeat-header"
  "invented-lotaip-a6 --repeat-header --fields section,no,regimen,grupo,puesto,remuneracion"
)

out_root="$FIXTURES"
if [ "$check" -eq 1 ]; then
  out_root="$(mktemp -d)"
  trap 'rm -rf "$out_root"' EXIT
fi

status=0
for entry in "${FIXTURE_LIST[@]}"; do
  read -r name opts <<<"$entry"
  src="$FIXTURES/$name"
  dst="$out_root/$name"
  mkdir -p "$dst"
  # shellcheck disable=SC2086  # opts holds several words on purpose
  "$GEN" "$src/truth.json" $opts \
    --pdf "$dst/born-digital.pdf" \
    --grids "$dst/born-digital.grids.json" \
    --records "$dst/records.csv"
  if [ "$check" -eq 1 ]; then
    for f in born-digital.pdf born-digital.grids.json records.csv; do
      if ! cmp -s "$src/$f" "$dst/$f"; then
        echo "make-fixtures: $name/$f is out of date" >&2
        status=1
      fi
    done
  fi
done

# Layout variants of the invented report (same truth, same records.csv):
# the classes of spreadsheet export the archive shows, each a fixturegen
# knob. Their grids are the born-digital ones' kind: what the page rules.
LAYOUT_LIST=(
  "layout-portrait --no-repeat-header --page-size a4-portrait --open-edges --footer-in-grid --page-numbers fraction --uneven-rows 7"
  "layout-letter --repeat-header --page-size letter-landscape --open-edges --footer-in-grid --page-numbers pagina --section-fill --center-objectives"
)
for entry in "${LAYOUT_LIST[@]}"; do
  read -r name opts <<<"$entry"
  src="$FIXTURES/invented-lotaip-a4"
  dst="$out_root/invented-lotaip-a4"
  mkdir -p "$dst"
  # shellcheck disable=SC2086  # opts holds several words on purpose
  "$GEN" "$src/truth.json" $opts --pdf "$dst/$name.pdf" --grids "$dst/$name.grids.json"
  if [ "$check" -eq 1 ]; then
    for f in "$name.pdf" "$name.grids.json"; do
      if ! cmp -s "$src/$f" "$dst/$f"; then
        echo "make-fixtures: invented-lotaip-a4/$f is out of date" >&2
        status=1
      fi
    done
  fi
done

# Scan variant: the invented report printed, scanned (skewed, blurred,
# noisy, JPEG) and wrapped as an image-only PDF.
cmake --build "$BUILD" -j2 --target scanify >/dev/null
scan_src="$out_root/invented-lotaip-a4/born-digital.pdf"
"$BUILD/tools/scanify" "$scan_src" "$out_root/invented-lotaip-a4/scan.pdf" \
  --dpi 200 --skew 0.6 --quality 45 --seed 1
if [ "$check" -eq 1 ] && ! cmp -s "$FIXTURES/invented-lotaip-a4/scan.pdf" \
  "$out_root/invented-lotaip-a4/scan.pdf"; then
  echo "make-fixtures: invented-lotaip-a4/scan.pdf is out of date" >&2
  status=1
fi

# The same at 150 dpi, the coarsest scans of the archive, skewed the other
# way: tight rows of aligned letters ("Porcentaje de" down a column) bridge
# into false rulings there.
"$BUILD/tools/scanify" "$scan_src" "$out_root/invented-lotaip-a4/scan-150.pdf" \
  --dpi 150 --skew -1 --quality 55 --seed 4
if [ "$check" -eq 1 ] && ! cmp -s "$FIXTURES/invented-lotaip-a4/scan-150.pdf" \
  "$out_root/invented-lotaip-a4/scan-150.pdf"; then
  echo "make-fixtures: invented-lotaip-a4/scan-150.pdf is out of date" >&2
  status=1
fi

# Scan-with-OCR variant: the same images over a bad OCR text layer made
# from a 110 dpi copy of them (scripts/make-scan-ocr.sh).
"$ROOT/scripts/make-scan-ocr.sh" "$out_root/invented-lotaip-a4/scan.pdf" \
  "$out_root/invented-lotaip-a4/scan-ocr.pdf" --dpi 110
if [ "$check" -eq 1 ] && ! cmp -s "$FIXTURES/invented-lotaip-a4/scan-ocr.pdf" \
  "$out_root/invented-lotaip-a4/scan-ocr.pdf"; then
  echo "make-fixtures: invented-lotaip-a4/scan-ocr.pdf is out of date" >&2
  status=1
fi

# The CNE fixture's truth is a copy of the shared ground truth: say so when
# the two drift apart.
if [ -d "$SHARED" ]; then
  cne="$FIXTURES/cne-lotaip-a4-2023-11"
  cmp -s "$cne/truth.json" "$SHARED/cne-lotaip-a4-2023-11.truth.json" ||
    echo "make-fixtures: warning: $cne/truth.json differs from shared/data" >&2
  cmp -s "$out_root/cne-lotaip-a4-2023-11/records.csv" "$SHARED/cne-lotaip-a4-2023-11.records.csv" ||
    echo "make-fixtures: warning: CNE records.csv differs from shared/data" >&2
fi

exit "$status"
