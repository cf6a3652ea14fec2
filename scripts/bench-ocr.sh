#!/usr/bin/env bash
# Seconds per scanned page: `pdfrecon extract` (one worker) over a whole
# file beside one `tesseract` process reading the same page images at the
# same DPI (a list file: one start-up, as pdfrecon has one), both with
# OMP_THREAD_LIMIT=1. The goal: a scanned page costs no more than one
# Tesseract pass. The page images are rendered with pdftoppm beforehand and
# not counted for tesseract (pdfrecon's own rendering is counted).
# A benchmark, not a test: numbers vary with the machine. --instructions
# counts instructions under valgrind instead (callgrind; minutes a page, but
# the same on any busy machine of the same CPU). --per-page also runs
# pdfrecon on each page alone (--pages N) against tesseract on that page:
# the worst case, start-up and per-document work charged to one page.
#   scripts/bench-ocr.sh [--dpi 300] [--runs 2] [--lang spa] [--instructions] [--per-page] [PDF...]
set -euo pipefail
cd "$(dirname "$0")/.."
dpi=300 runs=2 lang=spa instructions=0 per_page=0
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dpi) dpi=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --lang) lang=$2; shift 2 ;;
    --instructions) instructions=1; shift ;;
    --per-page) per_page=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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

# One measurement of "$@": millions of instructions, or "wall cpu" seconds.
measure() {
  if [ "$instructions" = 1 ]; then instr "$@"; else best "$@"; fi
}

# Renders pages $2..$3 of $1 and writes the list tesseract reads.
render() {
  rm -f "$tmp"/page-*.pgm "$tmp/list.txt"
  for p in $(seq "$2" "$3"); do
    pdftoppm -r "$dpi" -gray -f "$p" -l "$p" -singlefile "$1" "$tmp/page-$p"
    echo "$tmp/page-$p.pgm" >>"$tmp/list.txt"
  done
}

# A table row: file, pages, then both measurements and the ratio.
row() {
  local name="$1" pages="$2" pr="$3" tr="$4"
  if [ "$instructions" = 1 ]; then
    printf '| %s | %s | %s | %s | %s | %s | %.2f |\n' "$name" "$pages" "$pr" "$tr" \
      "$(echo "$pr / $pages" | bc)" "$(echo "$tr / $pages" | bc)" "$(echo "$pr / $tr" | bc -l)"
  else
    read -r pw pc <<<"$pr"
    read -r tw tc <<<"$tr"
    printf '| %s | %s | %s | %s | %s | %s | %.2f |\n' "$name" "$pages" "$pw" "$tw" "$pc" "$tc" \
      "$(echo "$pc / $tc" | bc -l)"
  fi
}

if [ "$instructions" = 1 ]; then
  command -v valgrind >/dev/null || { echo "bench-ocr: --instructions needs valgrind (Debian: apt-get install valgrind)" >&2; exit 1; }
  printf '| file | pages | pdfrecon M instr | tesseract M instr | pdfrecon per page | tesseract per page | ratio |\n'
else
  printf '| file | pages | pdfrecon wall s | tesseract wall s | pdfrecon CPU s | tesseract CPU s | CPU ratio |\n'
fi
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')
  render "$f" 1 "$pages"
  row "$(basename "$f")" "$pages" "$(measure "$bin" extract "$f" --jobs 1 -o "$tmp/out.json")" \
    "$(measure tesseract "$tmp/list.txt" - --dpi "$dpi" -l "$lang")"
  [ "$per_page" = 1 ] || continue
  for p in $(seq "$pages"); do
    render "$f" "$p" "$p"
    row "$(basename "$f") page $p" 1 \
      "$(measure "$bin" extract "$f" --pages "$p" --jobs 1 -o "$tmp/out.json")" \
      "$(measure tesseract "$tmp/list.txt" - --dpi "$dpi" -l "$lang")"
  done
done
