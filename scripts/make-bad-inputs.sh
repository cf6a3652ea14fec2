#!/usr/bin/env bash
# Regenerates fixtures/bad/: inputs pdfrecon must refuse with a clear reason.
# Needs qpdf (scripts/install-deps.sh installs it). Deterministic.
set -euo pipefail
cd "$(dirname "$0")/../fixtures/bad"

# A one-page PDF written by hand; qpdf rebuilds its cross-reference table.
cat > /tmp/pdfrecon-tiny.pdf <<'PDF'
%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100]
  /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj
4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
5 0 obj << /Length 44 >> stream
BT /F1 12 Tf 20 50 Td (no table here) Tj ET
endstream endobj
trailer << /Size 6 /Root 1 0 R >>
%%EOF
PDF
qpdf --static-id --deterministic-id /tmp/pdfrecon-tiny.pdf no-table.pdf || [ $? -eq 3 ]
# A page of 2 x 2 points: valid, odd, and too small for any table.
sed 's|/MediaBox \[0 0 200 100\]|/MediaBox [0 0 2 2]|' /tmp/pdfrecon-tiny.pdf > /tmp/pdfrecon-speck.pdf
qpdf --static-id --deterministic-id /tmp/pdfrecon-speck.pdf tiny-page.pdf || [ $? -eq 3 ]
rm -f /tmp/pdfrecon-speck.pdf
# (AES salts are random: encrypted.pdf differs on each run; any copy will do.)
qpdf --static-id --encrypt secret secret 256 -- no-table.pdf encrypted.pdf
qpdf --static-id --empty no-pages.pdf
head -c 600 no-table.pdf > truncated.pdf
: > empty.pdf
printf '<!DOCTYPE html>\n<html><body>Not found</body></html>\n' > html-named.pdf
# Random bytes from a fixed seed, so the file never changes.
awk 'BEGIN { srand(7); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 256) }' > random-bytes.pdf
rm -f /tmp/pdfrecon-tiny.pdf
ls -l
