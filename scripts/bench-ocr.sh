#!/usr/bin/env bash
# Seconds per scanned page: `pdfrecon extract` (one worker) beside one
# full-page `tesseract` pass over the same page image at the same DPI, both
# with OMP_THREAD_LIMIT=1. The goal: a scanned page costs no more than one
# Tesseract pass. The page image is rendered with pdftoppm beforehand and not
# counted for tesseract (pdfrecon's own render is counted).
# A benchmark, not a test: numbers vary with the machine. --instructions
# counts instructions under valgrind instead (callgrind; minutes a page, but
# the same on any busy machine of the same CPU).
#   scripts/bench-ocr.sh [--dpi 300] [--runs 2] [--lang spa] [--instructions] [PDF...]
set -euo pipefail
cd "$(dirname "$0")/.."
dpi=300 runs=2 lang=spa instructions=0
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dpi) dpi=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --lang) lang=$2; shift 2 ;;
    --instructions) instructions=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
bin=build/pdfrecon
[ -x "$bin" ] || { echo "bench-ocr: build first (scripts/build.sh)" >&2; exit 1; }
[ ${#files[@]} -gt 0 ] || files=(fixtures/invented-lotaip-a4/scan.pdf fixtures/invented-lotaip-a4/scan-ocr.pdf)
export OMP_THREAD_LIMIT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Best wall time and best CPU time (user + system) of $runs runs of "$@",
# in seconds: "wall cpu". CPU time suffers less when the machine is busy.
best() {
  local bw="" bc=""
  for _ in $(seq "$runs"); do
    local t0 t1 cpu
    t0=$(date +%s.%N)
    /usr/bin/time -o "$tmp/time" -f '%U %S' "$@" >/dev/null 2>&1
    cpu=$(awk '{ print $1 + $2 }' "$tmp/time")
    t1=$(date +%s.%N)
    bw=$(echo "$t1 - $t0" | bc -l | awk -v b="$bw" '{ if (b == "" || $1 < b) print $1; else print b }')
    bc=$(echo "$cpu" | awk -v b="$bc" '{ if (b == "" || $1 < b) print $1; else print b }')
  done
  printf '%.2f %.2f\n' "$bw" "$bc"
}

# Instructions (millions) of "$@" under callgrind, every thread counted.
instr() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$@" >/dev/null 2>"$tmp/cg.log"
  awk '/I *refs:/ { gsub(",", "", $NF); printf "%.0f\n", $NF / 1e6 }' "$tmp/cg.log"
}

if [ "$instructions" = 1 ]; then
  command -v valgrind >/dev/null || { echo "bench-ocr: --instructions needs valgrind (Debian: apt-get install valgrind)" >&2; exit 1; }
  printf '| file | page | pdfrecon M instr | tesseract M instr | ratio |\n| --- | --- | --- | --- | --- |\n'
  for f in "${files[@]}"; do
    pages=$(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')
    for p in $(seq "$pages"); do
      pdftoppm -r "$dpi" -gray -f "$p" -l "$p" -singlefile "$f" "$tmp/page"
      pi=$(instr "$bin" extract "$f" --pages "$p" --jobs 1 -o "$tmp/out.json")
      ti=$(instr tesseract "$tmp/page.pgm" - --dpi "$dpi" -l "$lang")
      printf '| %s | %d | %s | %s | %.2f |\n' "$(basename "$f")" "$p" "$pi" "$ti" "$(echo "$pi / $ti" | bc -l)"
    done
  done
  exit 0
fi

printf '| file | page | pdfrecon wall s | tesseract wall s | pdfrecon CPU s | tesseract CPU s | CPU ratio |\n'
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')
  for p in $(seq "$pages"); do
    pdftoppm -r "$dpi" -gray -f "$p" -l "$p" -singlefile "$f" "$tmp/page"
    read -r pw pc < <(best "$bin" extract "$f" --pages "$p" --jobs 1)
    read -r tw tc < <(best tesseract "$tmp/page.pgm" - --dpi "$dpi" -l "$lang")
    printf '| %s | %d | %s | %s | %s | %s | %.2f |\n' "$(basename "$f")" "$p" "$pw" "$tw" "$pc" "$tc" \
      "$(echo "$pc / $tc" | bc -l)"
  done
done
