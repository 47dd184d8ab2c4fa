#!/usr/bin/env bash
# Import speed and memory, measured against SQLite's own CSV import of the same file in the same run.
#   benchmarks/import-speed.sh [ROWS]      (default 1000000; the memory check also runs 2 x ROWS)
# Needs sqlite3 and GNU time: apt-get install sqlite3 time
# Prints, for ROWS and 2 x ROWS: the full `ledger import sf-elf` time (parse, validate, deduplicate,
# attribute, audit the batch, commit), the `sqlite3 .import` time into a plain table, their ratio, and
# the import's peak memory (max RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
for tool in sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install sqlite3 time" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll)

# Runs a command and prints "seconds max-rss-kb".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  cat "$work/time"
}

printf '%-10s %10s %10s %8s %12s\n' rows ledger_s sqlite3_s ratio peak_rss_mb
for n in "$rows" $((rows * 2)); do
  csv="$work/login-$n.csv"
  benchmarks/generate-elf-login.sh "$n" "$csv"
  rm -f "$work"/ledger.db* "$work"/plain.db
  "${ledger[@]}" --db "$work/ledger.db" init >/dev/null
  read -r ledger_s rss_kb < <(measure "${ledger[@]}" --db "$work/ledger.db" import sf-elf "$csv" --json)
  read -r sqlite_s _ < <(measure sqlite3 "$work/plain.db" ".import --csv $csv events")
  imported=$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM UsageEvents")
  [ "$imported" -eq "$n" ] || { echo "imported $imported of $n rows" >&2; exit 1; }
  printf '%-10s %10s %10s %8s %12s\n' "$n" "$ledger_s" "$sqlite_s" \
    "$(awk -v a="$ledger_s" -v b="$sqlite_s" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')"
  rm -f "$csv"
done
