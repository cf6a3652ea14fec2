#!/usr/bin/env bash
# What each hostile or unlucky PDF costs `pdfrecon extract` with the default
# limits: exit status, wall seconds, peak RSS and the first line of stderr
# (or the output's warnings). The cases are written by tools/hostilegen at
# the sizes of issue 16. A benchmark, not a test: seconds vary with the
# machine; each run is stopped at --timeout seconds (status 124).
#   scripts/bench-hostile.sh [--timeout S] [--bin PATH] [CASE...]
set -euo pipefail
cd "$(dirname "$0")/.."
timeout_s=120
bin=build/pdfrecon
gen=build/tools/hostilegen
wanted=()
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) timeout_s=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    *) wanted+=("$1"); shift ;;
  esac
done
[ -x "$bin" ] && [ -x "$gen" ] || { echo "bench-hostile: build first (scripts/build.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" "$tmp/cases" > "$tmp/list"

printf "%-16s %4s %8s %9s  %s\n" case exit seconds "peak MiB" "what was said"
while IFS=$'\t' read -r name what; do
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $name "* ]]; then continue; fi
  rm -f "$tmp/out.json"
  set +e
  /usr/bin/time -f "%e %M" -o "$tmp/time" timeout "$timeout_s" \
    "$bin" extract "$tmp/cases/$name.pdf" -o "$tmp/out.json" --quiet 2> "$tmp/err" < /dev/null
  status=$?
  set -e
  read -r s kb < <(tail -n 1 "$tmp/time")
  said=$( (grep -v "^Command" "$tmp/err" || true) | head -n 1 | sed "s|$tmp/cases/||")
  if [ -z "$said" ] && [ -s "$tmp/out.json" ]; then
    said=$(python3 -c 'import json,sys; w=json.load(open(sys.argv[1])).get("warnings",[]); print((w[0] if w else "no warning") + (" (+%d)" % (len(w)-1) if len(w)>1 else ""))' "$tmp/out.json" 2>/dev/null || echo "(output written)")
  fi
  printf "%-16s %4s %8.1f %9.0f  %s\n" "$name" "$status" "$s" "$((kb / 1024))" "${said:0:90}"
done < "$tmp/list"
