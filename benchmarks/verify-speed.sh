#!/usr/bin/env bash
# How long `ledger audit verify` takes, and how much memory, on a ledger of EVENTS imported usage events
# (default 1,000,000): the chain, the tables replayed from it, and every event recounted and re-digested.
# Also prints the import's time, which now digests each event as it writes it.
#   benchmarks/verify-speed.sh [EVENTS]
# Needs GNU time: apt-get install time
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$work/ledger.db")

benchmarks/generate-elf-login.sh "$events" "$work/logins.csv" 2
"${ledger[@]}" init >/dev/null
"${ledger[@]}" person add --email ops@example.com --name Ops >/dev/null
"${ledger[@]}" integration add --name "Acme Sync" --owner ops@example.com --purpose ETL --match-account integration.sync@example.com >/dev/null

measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  cat "$work/time" | tail -1
}
read -r import_s import_kb < <(measure "${ledger[@]}" import sf-elf "$work/logins.csv" --json)
read -r verify_s verify_kb < <(measure "${ledger[@]}" audit verify)
"${ledger[@]}" audit verify >/dev/null || { echo "the fresh ledger does not verify" >&2; exit 1; }

printf 'events:               %s\n' "$events"
printf 'ledger import sf-elf: %s s, peak %s MB\n' "$import_s" "$((import_kb / 1024))"
printf 'ledger audit verify:  %s s, peak %s MB\n' "$verify_s" "$((verify_kb / 1024))"
