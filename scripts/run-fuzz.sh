#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzz.cc; clang, -DPDFRECON_FUZZ=ON,
# AddressSanitizer) in build-fuzz/ and runs each for SECONDS (default 120)
# over the committed seed corpus fuzz/corpus/. New inputs and any crash go
# to a temporary folder, never into the repository; the folder is removed
# when every target ran clean and kept (and named) when one did not.
#
#   scripts/run-fuzz.sh [SECONDS]      JOBS=N sets the build jobs
#
# fuzz/corpus/ holds copies of fixtures/bad/*.pdf (all but the empty one,
# which libFuzzer always tries) and, to stay small, one-page fixtures with
# their embedded font programs removed by qpdf (ruled grids, text, /Rotate):
# fixtures/rotated/page2-rotate{90,180,270}.pdf and
# fixtures/invented-lotaip-a6/born-digital.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-120}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/run-fuzz.sh [SECONDS]   (default 120)" >&2
  exit 2
fi
jobs=${JOBS:-$(nproc)}

bash scripts/install-deps.sh --fuzz

targets=()
for src in fuzz/*_fuzz.cc; do targets+=("$(basename "$src" .cc)"); done

# qpdf before 11.4 (Debian 12 has 11.3) declares a std::vector<JSON> inside
# class JSON, where JSON is still incomplete: GCC accepts it, clang rejects it
# in C++20 (qpdf issue #942, fixed in 11.4 by defining JSON_array after the
# class). For this clang build only, a copy of that one header with the same
# change goes in build-fuzz/qpdf-compat/, searched before the system's.
compat_flags=""
probe='#define POINTERHOLDER_TRANSITION 4
#include <qpdf/JSON.hh>'
if ! clang++ -std=c++20 -fsyntax-only -x c++ - <<<"$probe" 2>/dev/null; then
  mkdir -p build-fuzz/qpdf-compat/qpdf
  perl - "$(pkg-config --variable=includedir libqpdf)/qpdf/JSON.hh" \
      > build-fuzz/qpdf-compat/qpdf/JSON.hh <<'PERL'
undef $/; $_ = <>;
s|\n(    struct JSON_array: public JSON_value\n    \{\n.*?\n    \};\n)|\n    struct JSON_array;\n|s
  or die "run-fuzz: JSON_array not found in qpdf/JSON.hh\n";
my $def = $1; $def =~ s/^    //mg; $def =~ s/^struct JSON_array:/struct JSON::JSON_array:/m;
s|\n\};\n|\n};\n\n// Defined once JSON is complete, as qpdf 11.4 does (scripts/run-fuzz.sh).\n$def|s
  or die "run-fuzz: end of class JSON not found in qpdf/JSON.hh\n";
print;
PERL
  compat_flags="-isystem $root/build-fuzz/qpdf-compat"
  clang++ -std=c++20 $compat_flags -fsyntax-only -x c++ - <<<"$probe"
fi

cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPDFRECON_FUZZ=ON -DPDFRECON_TESTS=OFF -DCMAKE_CXX_FLAGS="$compat_flags" >/dev/null
cmake --build build-fuzz -j"$jobs" --target "${targets[@]}"

work=$(mktemp -d "${TMPDIR:-/tmp}/pdfrecon-fuzz.XXXXXX")
export LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp:print_suppressions=0"

failed=()
for t in "${targets[@]}"; do
  mkdir -p "$work/$t/new" "$work/$t/artifacts"
  echo "run-fuzz: $t for ${seconds} s (new inputs in $work/$t/new)"
  # The first corpus folder receives new inputs; fuzz/corpus is only read.
  # -timeout: one input running over 60 s is a hang (reported as timeout-*).
  rc=0
  "build-fuzz/fuzz/$t" -max_total_time="$seconds" -max_len=65536 -timeout=60 \
      -print_final_stats=1 -artifact_prefix="$work/$t/artifacts/" \
      "$work/$t/new" fuzz/corpus 2>"$work/$t/log" || rc=$?
  if [ "$rc" -eq 0 ]; then tail -n 6 "$work/$t/log"; else tail -n 60 "$work/$t/log"; fi
  if [ "$rc" -ne 0 ]; then
    failed+=("$t")
    echo "run-fuzz: $t FAILED (exit $rc); log: $work/$t/log" >&2
    found=0
    for a in "$work/$t/artifacts"/*; do
      [ -e "$a" ] || continue
      found=1
      echo "run-fuzz: crash file: $a" >&2
      echo "  reproduce: LSAN_OPTIONS=suppressions=fuzz/lsan.supp build-fuzz/fuzz/$t '$a'" >&2
    done
    [ "$found" -eq 1 ] || echo "run-fuzz: no crash file was written; see the log" >&2
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "run-fuzz: ${#failed[@]} target(s) failed: ${failed[*]}; kept $work" >&2
  exit 1
fi
rm -rf "$work"
echo "run-fuzz: ${#targets[@]} target(s) ran ${seconds} s each without a crash"
