#!/usr/bin/env bash
# Installs the Debian packages pdfrecon needs to build, test and make fixtures.
# Idempotent: apt-get runs only when a package is missing. Works as root or
# through sudo.
#
#   scripts/install-deps.sh          what the build, tests and fixtures need
#   scripts/install-deps.sh --fuzz   also clang and libFuzzer (FUZZ_PACKAGES),
#                                    only for -DPDFRECON_FUZZ=ON; not by default
#   scripts/install-deps.sh --tests  also what only the tests need (TEST_PACKAGES);
#                                    scripts/run-tests.sh passes it, run-sample.sh not
#   scripts/install-deps.sh --slurm  also a single-node Slurm (SLURM_PACKAGES),
#                                    for scripts/test-slurm.sh only
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libpoppler-cpp-dev poppler-utils
  libpoppler-private-dev  # Poppler's core API: the rulings a page draws (extract/page_drawing.cc)
  libopencv-dev
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-spa
  libboost-program-options-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev
  libsqlite3-dev sqlite3
  libpq-dev  # PostgreSQL client: batch --db postgresql://... (store/pg_store.cc)
  libicu-dev
  libhunspell-dev hunspell-es
  libtbb-dev
  libcairo2-dev fonts-dejavu-core
  libssl-dev time
  python3  # scripts/score-records.py, sweep-classes.sh and bench-hostile.sh (standard library only)
  qpdf libqpdf-dev
  libjpeg-dev
)

# Optional: the libFuzzer targets in fuzz/ (cmake -DPDFRECON_FUZZ=ON
# -DCMAKE_CXX_COMPILER=clang++). Installed only with --fuzz.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# Only for tests: a real PostgreSQL server that tests/pg_store_test.cc starts
# (initdb + pg_ctl on a temporary socket folder), and headless Chromium that
# opens the review pages (tests/e2e_review_page_test.cc). Those tests skip,
# saying so, without them; pdfrecon itself never runs either.
TEST_PACKAGES=(postgresql chromium)
# Only for scripts/test-slurm.sh: Slurm's daemons and its authentication.
SLURM_PACKAGES=(slurm-wlm munge)
for arg in "$@"; do
  case "$arg" in
    --fuzz) PACKAGES+=("${FUZZ_PACKAGES[@]}") ;;
    --tests) PACKAGES+=("${TEST_PACKAGES[@]}") ;;
    --slurm) PACKAGES+=("${SLURM_PACKAGES[@]}") ;;
    *) echo "install-deps: unknown option $arg (--fuzz, --tests, --slurm)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: missing packages (${missing[*]}) and not root, no sudo" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
