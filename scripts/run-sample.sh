#!/usr/bin/env bash
# First README command: set up, build, and extract the bundled sample report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
sample=fixtures/cne-lotaip-a4-2023-11/born-digital.pdf
echo "== build/pdfrecon extract $sample --format csv" >&2
build/pdfrecon extract "$sample" --format csv
