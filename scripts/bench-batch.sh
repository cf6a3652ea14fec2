#!/usr/bin/env bash
# Pages per second of `pdfrecon batch` with --jobs 1 and --jobs 2, on one
# multi-page scanned file and on the whole fixtures folder.
#
#   scripts/bench-batch.sh            (BUILD=build RUNS=1 by default)
#
# The scanned file is made in a temporary folder by tools/scanify from the
# CNE born-digital fixture plus its first page again (8 pages: an even count,
# so two workers can split it evenly; 7 pages would cap the speed-up at
# 7/4 = 1.75x), as scripts/make-fixtures.sh makes invented-lotaip-a4/scan.pdf.
# Each figure is the best of RUNS runs; the speed-up is jobs 1 wall time /
# jobs 2 wall time. "cpu s" is user + system time: when it stays flat while
# wall time halves, the workers really run side by side. Other work on the
# machine skews wall times: the load average is printed first.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
RUNS="${RUNS:-1}"
PDFRECON="$BUILD/pdfrecon"
[ -x "$PDFRECON" ] || { echo "bench-batch: build first ($PDFRECON missing)" >&2; exit 1; }
cmake --build "$BUILD" -j2 --target scanify pdfrecon >/dev/null

WORK="$(mktemp -d /tmp/pdfrecon-bench-batch.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
SCAN="$WORK/cne-scan-8p.pdf"
CNE="$ROOT/fixtures/cne-lotaip-a4-2023-11/born-digital.pdf"
qpdf --empty --pages "$CNE" "$CNE" 1 -- "$WORK/cne-8p.pdf"
"$BUILD/tools/scanify" "$WORK/cne-8p.pdf" "$SCAN" --dpi 200 --skew 0.6 --quality 45 --seed 1

calc() { awk "BEGIN { print $* }"; }

# Prints "wall-seconds pages cpu-seconds" of the best of RUNS runs.
run() {
  local jobs="$1"; shift
  local best="" cpu="" pages=0
  for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out"
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" \
      "$PDFRECON" batch "$@" -o "$WORK/out" --jobs "$jobs" --quiet 2>"$WORK/log" || true
    pages=$(sed -n 's/.*; \([0-9]*\) pages.*/\1/p' "$WORK/log" | head -1)
    local s u k
    # The last line: "Command exited with non-zero status" may come first.
    read -r s u k < <(tail -1 "$WORK/time")
    if [ -z "$best" ] || [ "$(calc "($s < $best)")" -eq 1 ]; then
      best="$s"
      cpu=$(calc "$u + $k")
    fi
  done
  echo "$best $pages $cpu"
}

echo "cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %5s %6s %8s %8s %8s %8s\n' input jobs pages seconds "cpu s" pages/s speedup
for case in "scan:$SCAN" "fixtures:$ROOT/fixtures"; do
  name="${case%%:*}"; input="${case#*:}"
  read -r s1 p1 c1 < <(run 1 "$input")
  read -r s2 p2 c2 < <(run 2 "$input")
  label="$name ($(basename "$input"))"
  printf '%-26s %5d %6d %8.2f %8.2f %8.2f %8s\n' "$label" 1 "$p1" "$s1" "$c1" "$(calc "$p1 / $s1")" "-"
  printf '%-26s %5d %6d %8.2f %8.2f %8.2f %7.2fx\n' "$label" 2 "$p2" "$s2" "$c2" "$(calc "$p2 / $s2")" \
    "$(calc "$s1 / $s2")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
