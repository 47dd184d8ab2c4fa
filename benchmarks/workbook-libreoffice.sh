#!/usr/bin/env bash
# Proves a real spreadsheet program opens the quarterly workbook: builds the demo ledger and its
# workbook, then has LibreOffice (headless) convert every sheet to CSV and checks each sheet came out.
#   benchmarks/workbook-libreoffice.sh
# Needs LibreOffice: apt-get install libreoffice-calc-nogui
# That LibreOffice also draws the Activity per week chart: benchmarks/workbook-chart-libreoffice.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "needs LibreOffice: apt-get install libreoffice-calc-nogui" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet run --project src/IntegrationLedger.Cli -- demo --out "$work/demo" >/dev/null
workbook=$(ls "$work"/demo/audit-*.xlsx)
# Filter options: comma-separated UTF-8, and -1 = every sheet to its own file.
soffice --headless --norestore --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$work/csv" "$workbook" >/dev/null 2>&1
expected=(Cover "How to read" Summary Tokens Integrations "Token usage" "Access levels" "Access changes" "Rotations and revocations" Offboarding Training "Access review" \
  "Activity per week" Findings Anomalies "Connected apps" Incidents "Change log" Sign-ins Evidence Method Sign-off)
base=$(basename "$workbook" .xlsx)
for sheet in "${expected[@]}"; do
  file="$work/csv/$base-$sheet.csv"
  [ -s "$file" ] || { echo "LibreOffice did not read the sheet '$sheet'" >&2; exit 1; }
  printf '%-28s %6d rows\n' "$sheet" $(( $(wc -l < "$file") - 1 ))
done
echo "LibreOffice opened $(basename "$workbook") and read all ${#expected[@]} sheets."
