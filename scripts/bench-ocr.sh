#!/usr/bin/env bash
# Seconds per scanned page: `pdfrecon extract` (one worker) beside one
# full-page `tesseract` pass over the same page image at the same DPI, both
# with OMP_THREAD_LIMIT=1. The goal: a scanned page costs no more than one
# Tesseract pass. The page image is rendered with pdftoppm beforehand and not
# counted for tesseract (pdfrecon's own render is counted).
# A benchmark, not a test: numbers vary with the machine.
#   scripts/bench-ocr.sh [--dpi 300] [--runs 2] [--lang spa] [PDF...]
set -euo pipefail
cd "$(dirname "$0")/.."
dpi=300 runs=2 lang=spa
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dpi) dpi=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --lang) lang=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
bin=build/pdfrecon
[ -x "$bin" ] || { echo "bench-ocr: build first (scripts/build.sh)" >&2; exit 1; }
[ ${#files[@]} -gt 0 ] || files=(fixtures/invented-lotaip-a4/scan.pdf fixtures/invented-lotaip-a4/scan-ocr.pdf)
export OMP_THREAD_LIMIT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Best wall time of $runs runs of "$@", in seconds.
best() {
  local b=""
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s.%N)
    b=$(echo "$t1 - $t0" | bc -l | awk -v b="$b" '{ if (b == "" || $1 < b) print $1; else print b }')
  done
  printf '%.2f' "$b"
}

printf '| file | page | pdfrecon s | tesseract s | ratio |\n| --- | --- | --- | --- | --- |\n'
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')
  for p in $(seq "$pages"); do
    pdftoppm -r "$dpi" -gray -f "$p" -l "$p" -singlefile "$f" "$tmp/page"
    tp=$(best "$bin" extract "$f" --pages "$p" --jobs 1 --dpi 150)
    tt=$(best tesseract "$tmp/page.pgm" - --dpi "$dpi" -l "$lang")
    printf '| %s | %d | %s | %s | %.2f |\n' "$(basename "$f")" "$p" "$tp" "$tt" "$(echo "$tp / $tt" | bc -l)"
  done
done
