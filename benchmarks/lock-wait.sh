#!/usr/bin/env bash
# How long another writer waits while an import holds the ledger's write lock, and that it then succeeds.
#   benchmarks/lock-wait.sh [ROWS] [DELAY_SECONDS]     (defaults 1000000 and 3)
# Starts `ledger import sf-elf` of ROWS Login rows, and DELAY_SECONDS later a `ledger token add` on the
# same ledger; prints how long the import took, how long the token add waited, and its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
delay=${2:-3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$work/ledger.db")
benchmarks/generate-elf-login.sh "$rows" "$work/logins.csv"
"${ledger[@]}" init >/dev/null
"${ledger[@]}" person add --email ana@example.com --name Ana >/dev/null

now() { date +%s.%N; }
start=$(now)
( "${ledger[@]}" import sf-elf "$work/logins.csv" --json >/dev/null; echo "$(now)" > "$work/import-done" ) &
sleep "$delay"
asked=$(now)
set +e
"${ledger[@]}" token add --label waiting --kind api-key --owner ana@example.com >/dev/null
code=$?
set -e
answered=$(now)
wait
awk -v s="$start" -v d="$(cat "$work/import-done")" -v a="$asked" -v b="$answered" -v c="$code" -v r="$rows" 'BEGIN {
  printf "import of %d rows: %.1f s; token add started at %.1f s, waited %.1f s, exit code %d\n", r, d - s, a - s, b - a, c }'
