#!/usr/bin/env bash
# Pages per second of `pdfrecon batch` with --jobs 1 and --jobs 2, on one
# multi-page scanned file and on the whole fixtures folder.
#
#   scripts/bench-batch.sh            (BUILD=build RUNS=1 by default)
#
# The scanned file is made in a temporary folder by tools/scanify from the
# 7-page CNE born-digital fixture (as scripts/make-fixtures.sh makes
# invented-lotaip-a4/scan.pdf). Each figure is the best of RUNS runs; the
# speed-up is jobs 1 time / jobs 2 time.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
RUNS="${RUNS:-1}"
PDFRECON="$BUILD/pdfrecon"
[ -x "$PDFRECON" ] || { echo "bench-batch: build first ($PDFRECON missing)" >&2; exit 1; }
cmake --build "$BUILD" -j2 --target scanify pdfrecon >/dev/null

WORK="$(mktemp -d /tmp/pdfrecon-bench-batch.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
SCAN="$WORK/cne-scan.pdf"
"$BUILD/tools/scanify" "$ROOT/fixtures/cne-lotaip-a4-2023-11/born-digital.pdf" "$SCAN" \
  --dpi 200 --skew 0.6 --quality 45 --seed 1

calc() { awk "BEGIN { print $* }"; }

# Prints "seconds pages" of the best of RUNS runs.
run() {
  local jobs="$1"; shift
  local best="" pages=0
  for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out"
    local t0 t1 log
    t0=$(date +%s.%N)
    log=$("$PDFRECON" batch "$@" -o "$WORK/out" --jobs "$jobs" --quiet 2>&1 || true)
    t1=$(date +%s.%N)
    pages=$(printf '%s\n' "$log" | sed -n 's/.*; \([0-9]*\) pages.*/\1/p' | head -1)
    local s
    s=$(calc "$t1 - $t0")
    if [ -z "$best" ] || [ "$(calc "($s < $best)")" -eq 1 ]; then best="$s"; fi
  done
  echo "$best $pages"
}

printf '%-34s %5s %6s %8s %8s %8s\n' input jobs pages seconds pages/s speedup
for case in "scan:$SCAN" "fixtures:$ROOT/fixtures"; do
  name="${case%%:*}"; input="${case#*:}"
  read -r s1 p1 < <(run 1 "$input")
  read -r s2 p2 < <(run 2 "$input")
  label="$name ($(basename "$input"))"
  printf '%-34s %5d %6d %8.2f %8.2f %8s\n' "$label" 1 "$p1" "$s1" "$(calc "$p1 / $s1")" "-"
  printf '%-34s %5d %6d %8.2f %8.2f %7.2fx\n' "$label" 2 "$p2" "$s2" "$(calc "$p2 / $s2")" \
    "$(calc "$s1 / $s2")"
done
