#!/usr/bin/env bash
# Seconds per page and peak RSS of `pdfrecon extract` on the fixtures, beside
# the render floor: pdftoppm at the same resolution writing grey PGM.
# A benchmark, not a test: numbers vary with the machine.
#   scripts/bench.sh [--dpi N] [--runs N] [PDF...]
set -euo pipefail
cd "$(dirname "$0")/.."
dpi=150
runs=3
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dpi) dpi=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
bin=build/pdfrecon
[ -x "$bin" ] || { echo "bench: build first (scripts/build.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(ls fixtures/*/born-digital.pdf)
  # The CNE report four times over (28 pages): start-up cost amortised, so
  # the per-page figure is steady.
  cne=fixtures/cne-lotaip-a4-2023-11/born-digital.pdf
  qpdf --empty --pages "$cne" "$cne" "$cne" "$cne" -- "$tmp/cne-x4.pdf"
  files+=("$tmp/cne-x4.pdf")
fi

# Best of N wall-clock seconds and the peak RSS (KiB) of that run.
best() {
  local best_s="" best_kb=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>&1
    read -r s kb < "$tmp/t"
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_kb=$kb; fi
  done
  echo "$best_s $best_kb"
}

printf "%-48s %5s %10s %10s %7s %9s\n" file pages "s/page" "floor s/p" ratio "peak MiB"
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  read -r s kb < <(best "$bin" extract "$f" --dpi "$dpi" -o "$tmp/out.json")
  read -r fs _ < <(best pdftoppm -r "$dpi" -gray "$f" "$tmp/page")
  awk -v f="$f" -v p="$pages" -v s="$s" -v fs="$fs" -v kb="$kb" 'BEGIN {
    printf "%-48s %5d %10.4f %10.4f %7.2f %9.1f\n", f, p, s/p, fs/p, (fs > 0 ? s/fs : 0), kb/1024 }'
done
