#!/usr/bin/env bash
# Sweeps the generator's knobs: for each class of report the archive shows
# (a layout of the spreadsheet export, a kind of scan damage) it makes the
# report with several seeds (tools/fixturegen, tools/scanify), extracts it
# with pdfrecon and prints, per class, record F1, target accuracy, the
# silently wrong figures (No., unit or target wrong and not flagged) and
# the right records flagged anyway (scripts/score-records.py), so that a
# class that regressed shows. A benchmark of accuracy, not a test.
#
#   scripts/sweep-classes.sh [--seeds N] [--truth TRUTH.json] [--bin PATH] [CLASS...]
#
# Defaults: 3 seeds, the invented report (fixtures/invented-lotaip-a4),
# build/pdfrecon, every class. `--list` prints the classes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds=3
truth="$ROOT/fixtures/invented-lotaip-a4/truth.json"
bin="$ROOT/build/pdfrecon"
wanted=()

# class | fixturegen options | scanify options (empty: born-digital);
# SEED is replaced by the seed.
CLASSES=(
  "born-digital|--no-repeat-header|"
  "open-edges|--no-repeat-header --open-edges|"
  "footer-in-grid|--no-repeat-header --footer-in-grid|"
  "portrait|--repeat-header --page-size a4-portrait --page-numbers fraction|"
  "letter|--repeat-header --page-size letter-landscape --page-numbers pagina|"
  "uneven-rows|--no-repeat-header --uneven-rows SEED|"
  "scan-200|--no-repeat-header|--dpi 200 --skew 0.6 --quality 45 --seed SEED"
  "scan-150-skewed|--no-repeat-header|--dpi 150 --skew 1.5 --quality 50 --seed SEED"
  "scan-300|--no-repeat-header|--dpi 300 --skew -0.4 --quality 60 --seed SEED"
  "rulings-damaged|--no-repeat-header|--dpi 200 --skew 0.6 --ruling-damage 0.05 --seed SEED"
  "rulings-broken|--no-repeat-header|--dpi 200 --skew 0.6 --ruling-damage 0.1 --seed SEED"
  "rulings-ruined|--no-repeat-header|--dpi 200 --skew 0.6 --ruling-damage 0.3 --seed SEED"
  "stamp-signature|--no-repeat-header --footer-in-grid|--dpi 200 --skew 0.6 --stamp --signature --seed SEED"
  "fax|--no-repeat-header|--dpi 200 --skew 0.6 --fax --seed SEED"
  "toner-fade|--no-repeat-header|--dpi 200 --skew 0.6 --fade 0.5 --seed SEED"
  "shadow|--no-repeat-header|--dpi 200 --skew 0.6 --shadow --seed SEED"
  "open-edges-scan|--no-repeat-header --open-edges --uneven-rows SEED|--dpi 200 --skew 1 --seed SEED"
)

while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --truth) truth=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --list) for c in "${CLASSES[@]}"; do echo "${c%%|*}"; done; exit 0 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "sweep-classes: unknown option $1" >&2; exit 2 ;;
    *) wanted+=("$1"); shift ;;
  esac
done
[ -x "$bin" ] || { echo "sweep-classes: no pdfrecon at $bin (scripts/build.sh)" >&2; exit 1; }

BUILD="$ROOT/build-fixtures"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPDFRECON_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target fixturegen scanify >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf "%-18s %5s %7s %7s %7s %7s\n" class seeds F1 target silent flagged
for entry in "${CLASSES[@]}"; do
  IFS='|' read -r name gen_opts scan_opts <<<"$entry"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $name "* ]]; then continue; fi
  : >"$work/$name.scores"
  for seed in $(seq 1 "$seeds"); do
    base="$work/$name-$seed"
    # shellcheck disable=SC2086  # options hold several words on purpose
    "$BUILD/tools/fixturegen" "$truth" ${gen_opts//SEED/$seed} --pdf "$base.born.pdf" \
      --records "$base.records.csv" >/dev/null 2>&1
    pdf="$base.born.pdf"
    if [ -n "$scan_opts" ]; then
      # shellcheck disable=SC2086
      "$BUILD/tools/scanify" "$base.born.pdf" "$base.scan.pdf" ${scan_opts//SEED/$seed} >/dev/null
      pdf="$base.scan.pdf"
    fi
    "$bin" extract "$pdf" -o "$base.json" --quiet 2>/dev/null || true
    python3 "$ROOT/scripts/score-records.py" "$base.json" "$base.records.csv" \
      --label "$name" >>"$work/$name.scores" || true
  done
  # label, expected, found, exact, F1, target accuracy, silent, flagged right
  awk -F'\t' -v name="$name" '
    NF >= 8 { n++; f1 += $5; target += $6; silent += $7; flagged += $8 }
    END { if (n) printf "%-18s %5d %7.3f %7.3f %7d %7d\n", name, n, f1 / n, target / n, silent, flagged;
          else printf "%-18s %5d %7s\n", name, 0, "failed" }' "$work/$name.scores"
done
