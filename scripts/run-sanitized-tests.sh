#!/usr/bin/env bash
# Builds pdfrecon with GCC, AddressSanitizer and UndefinedBehaviorSanitizer
# (-DPDFRECON_SANITIZE=ON, RelWithDebInfo) in build-asan/ and runs the
# whole ctest suite there. Any sanitizer report fails the test that caused
# it: ASan and UBSan halt on the first error with a stack trace, LeakSanitizer
# checks every process's exit (fuzz/lsan.supp holds the third-party leaks).
#
#   scripts/run-sanitized-tests.sh        JOBS=N sets the build and ctest jobs
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${JOBS:-$(nproc)}

bash scripts/install-deps.sh

# Exported before the build too: gtest_discover_tests runs each test binary.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:print_summary=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:print_summary=1"
export LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp:print_suppressions=0"

cmake -S . -B build-asan -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPDFRECON_SANITIZE=ON -DPDFRECON_WERROR=OFF >/dev/null
cmake --build build-asan -j"$jobs"

# Left out: the tests that run the binary under `ulimit -v 1048576`
# (RLIMIT_AS, 1 GiB) in tests/hostile_input_test.cc. ASan reserves terabytes
# of shadow address space at start-up, so under that limit every run dies
# before main, which says nothing about pdfrecon. They run unsanitized, under
# the limit, in scripts/run-tests.sh.
exclude='^HostileInput\.|/HostileClass\.'

cd build-asan
ctest --output-on-failure -j"$jobs" --timeout 1800 -E "$exclude"
