#!/usr/bin/env bash
# Installs missing Debian packages, then configures and builds pdfrecon
# (Release) in build/. Warnings are errors when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPDFRECON_WERROR="$werror" >/dev/null
cmake --build build -j"$(nproc)"
