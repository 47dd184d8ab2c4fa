#!/usr/bin/env bash
# How the quarterly workbook prints, as an auditor filing it as a PDF would see it: builds the demo ledger and
# its workbook, has LibreOffice (headless) print it to PDF, and checks that every page carries the page header
# (organisation, quarter, sheet) and the footer (page N of M, the audit chain's anchor). Keeps the PDF and a
# picture of its first pages in OUT (default ./workbook-print) to look at.
#   benchmarks/workbook-print-libreoffice.sh [OUT]
# Needs LibreOffice and poppler: apt-get install libreoffice-calc-nogui poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-workbook-print}
for tool in soffice pdfinfo pdftotext pdftoppm; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install libreoffice-calc-nogui poppler-utils" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
dotnet run --project src/IntegrationLedger.Cli -- demo --out "$work/demo" >/dev/null
workbook=$(ls "$work"/demo/audit-*.xlsx)
soffice --headless --norestore --convert-to pdf --outdir "$out" "$workbook" >/dev/null 2>&1
pdf="$out/$(basename "$workbook" .xlsx).pdf"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
size=$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ { print $2 }')
footers=$(pdftotext -layout "$pdf" - | grep -c "Page [0-9]* of $pages .*Audit chain [0-9]*:[0-9a-f]\{64\}" || true)
headers=$(pdftotext -layout "$pdf" - | grep -c "Quarter 20[0-9][0-9]-Q[1-4]" || true)
pdftoppm -r 60 -png -f 1 -l 4 "$pdf" "$out/page"
printf 'pages %s (%s); page headers %s; footers with page N of M and the chain anchor %s\n' "$pages" "$size" "$headers" "$footers"
[ "$footers" -eq "$pages" ] || { echo "not every page has its footer" >&2; exit 1; }
echo "The PDF and pictures of its first pages are in $out."
