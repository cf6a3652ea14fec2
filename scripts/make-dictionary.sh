#!/usr/bin/env bash
# Regenerates the bundled dictionary (reconcile/data/{sections,units,
# objectives,indicators}.txt) from the ground-truth files in ../shared/data/
# (or the files given). words.txt is kept by hand and never overwritten.
#
#   scripts/make-dictionary.sh [TRUTH.json...]
#
# The invented fixture's truth is deliberately left out: its words must stay
# unknown, to show that new text is not forced onto known entries.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build-fixtures"
DATA="$ROOT/reconcile/data"

truths=("$@")
if [ ${#truths[@]} -eq 0 ]; then
  truths=("$ROOT"/../shared/data/*.truth.json)
fi

for f in sections units objectives indicators words; do
  [ -e "$DATA/$f.txt" ] || : > "$DATA/$f.txt"
done
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPDFRECON_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j2 --target dictgen >/dev/null
"$BUILD/tools/dictgen" "$DATA" "${truths[@]}"
wc -l "$DATA"/*.txt
