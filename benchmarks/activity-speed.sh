#!/usr/bin/env bash
# Unusual activity at scale: imports EVENTS API and RestApi events with their data volumes
# (generate-elf-api.sh) into the large ledger of generate-large-ledger.sh (2,000 integrations, 10,000
# accounts), measured against `sqlite3 .import` of the same file in the same run, then runs every rule
# twice and reports the rules' own evaluation (`ledger findings --timings`), the anomaly rules among them.
#   benchmarks/activity-speed.sh [EVENTS]      (default 1000000; 10000000 for the 10-million figure)
# Needs sqlite3 and GNU time: apt-get install sqlite3 time
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
for tool in sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install sqlite3 time" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$work/ledger.db")

measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

# The inventory: people, integrations recognised by their accounts, tokens (its Login file is not used).
benchmarks/generate-large-ledger.sh "$work" 1 >/dev/null
"${ledger[@]}" init >/dev/null
for template in people integrations tokens token-usages; do
  file=$template; [ "$template" = token-usages ] && file=usages
  "${ledger[@]}" import "$template" "$work/$file.csv" >/dev/null
done
"${ledger[@]}" import people "$work/departed.csv" >/dev/null

benchmarks/generate-elf-api.sh "$work/api.csv" "$events"
size_mb=$(( $(stat -c %s "$work/api.csv") / 1024 / 1024 ))
read -r import_s import_kb < <(measure "${ledger[@]}" import sf-elf "$work/api.csv" --json)
read -r sqlite_s _ < <(measure sqlite3 "$work/plain.db" ".import --csv $work/api.csv events")
imported=$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM UsageEvents")
[ "$imported" -ge "$events" ] || { echo "imported $imported of $events events" >&2; exit 1; }
days=$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM ActivityDays")

rules() {
  read -r whole_s peak_kb < <(measure "${ledger[@]}" findings --timings)
  own=$(awk '/^rules in all/ { print $4 }' "$work/err")
  anomaly=$(awk '/^(volume-spike|new-data-accessed|login-failure-burst|salesforce-threat-detection) / { s += $2 } END { printf "%.3f", s }' "$work/err")
  slowest=$(awk '$3 == "s" && $1 !~ /^\(/ { print $2, $1 }' "$work/err" | sort -rn | head -3 | awk '{ printf "%s%s %s s", (NR > 1 ? ", " : ""), $2, $1 }')
  printf '%s: %s s whole (peak %s MB); the rules themselves %s s, the anomaly rules %s s; slowest: %s\n' \
    "$1" "$whole_s" "$((peak_kb / 1024))" "$own" "$anomaly" "$slowest"
}

printf 'events                          %s (%s MB file; %s baseline days)\n' "$events" "$size_mb" "$days"
printf 'ledger import sf-elf            %s s (peak %s MB)\n' "$import_s" "$((import_kb / 1024))"
printf 'sqlite3 .import                 %s s\n' "$sqlite_s"
printf 'ratio                           %s\n' "$(awk -v a="$import_s" -v b="$sqlite_s" 'BEGIN { printf "%.2f", a / b }')"
rules "ledger findings, first run "
rules "ledger findings, second run"
cat "$work/err"
"${ledger[@]}" findings --rule volume-spike --json | grep -o '"subject": *"[^"]*"' | head -3
