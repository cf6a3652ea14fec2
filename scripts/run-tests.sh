#!/usr/bin/env bash
# Second README command: set up, build, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --tests  # the build's packages and the tests' own (PostgreSQL, Chromium)
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 900
