#!/usr/bin/env bash
# Adds the kind of OCR text layer archives hold to an image-only scan: an
# invisible layer written by Tesseract's PDF renderer from a low-resolution
# copy of the page images (as cheap archive OCR does), put under the
# untouched images. The layer is therefore wrong in the ways real ones are:
# broken words ("MEDIANI E"), digits misread ("00,00%"), words of two cells
# run together, ruling lines read as "|" or "E", cells with no words at all.
# Deterministic: same input, DPI and Tesseract version give the same bytes.
#
#   scripts/make-scan-ocr.sh SCAN.pdf OUT.pdf [--dpi 110] [--lang spa]
set -euo pipefail

usage() { sed -n '10p' "$0" | sed 's/^#   //'; }
[ $# -ge 2 ] || { usage >&2; exit 2; }
in="$1" out="$2"
shift 2
dpi=110 lang=spa
while [ $# -gt 0 ]; do
  case "$1" in
    --dpi) dpi="$2"; shift 2 ;;
    --lang) lang="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "make-scan-ocr: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in pdftoppm tesseract qpdf; do
  command -v "$tool" >/dev/null || { echo "make-scan-ocr: $tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pdftoppm -r "$dpi" -gray "$in" "$work/page"
ls "$work"/page-*.pgm >"$work/list.txt"
# One thread: Debian's OpenMP build is slower with more, and the output
# must not depend on scheduling.
OMP_THREAD_LIMIT=1 tesseract "$work/list.txt" "$work/text" -l "$lang" --dpi "$dpi" \
  -c textonly_pdf=1 pdf 2>/dev/null
# The images' PDF keeps its own (fixed) metadata; the layer goes beneath.
qpdf --deterministic-id "$in" --underlay "$work/text.pdf" -- "$out"
