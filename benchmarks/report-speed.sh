#!/usr/bin/env bash
# How long the quarterly workbook takes, and how much memory, for a quarter of EVENTS usage events
# (default 1,000,000), against the same evidence cells written by a bare OpenXmlWriter loop
# (benchmarks/EvidenceBaseline) in the same run.
#   benchmarks/report-speed.sh [EVENTS]
# Needs sqlite3 and GNU time: apt-get install sqlite3 time
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
dotnet build benchmarks/EvidenceBaseline -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$work/ledger.db")
baseline=(dotnet benchmarks/EvidenceBaseline/bin/Release/net10.0/EvidenceBaseline.dll)

# Events two seconds apart from 2025-12-01: a million fit in December 2025, inside 2025-Q4.
benchmarks/generate-elf-login.sh "$events" "$work/logins.csv" 2
"${ledger[@]}" init >/dev/null
"${ledger[@]}" person add --email ops@example.com --name Ops >/dev/null
"${ledger[@]}" integration add --name "Acme Sync" --owner ops@example.com --purpose ETL --match-account integration.sync@example.com >/dev/null
"${ledger[@]}" import sf-elf "$work/logins.csv" --json >/dev/null

measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  cat "$work/time"
}
read -r report_s report_kb < <(measure "${ledger[@]}" report quarterly --quarter 2025-Q4 --out "$work/report.xlsx")
read -r baseline_s baseline_kb < <(measure "${baseline[@]}" "$work/ledger.db" "2025-10-01 00:00:00" "2026-01-01 00:00:00" "$work/baseline.xlsx")

printf 'events in the quarter:        %s\n' "$events"
printf 'ledger report quarterly:      %s s, peak %s MB, %s MB file\n' "$report_s" "$((report_kb / 1024))" "$(( $(stat -c %s "$work/report.xlsx") / 1048576 ))"
printf 'bare OpenXmlWriter evidence:  %s s, peak %s MB\n' "$baseline_s" "$((baseline_kb / 1024))"
printf 'ratio:                        %s\n' "$(awk -v a="$report_s" -v b="$baseline_s" 'BEGIN { printf "%.2f", a / b }')"
