#!/usr/bin/env bash
# How big the web pages are, and how long the browser takes to show them, on a large ledger: 10,000
# tokens, 2,000 integrations, 500 people and EVENTS Login events (default 1,000,000), with the findings
# the rules raise over them (benchmarks/generate-large-ledger.sh). Debian's Chromium signs in and loads
# each page (benchmarks/PageTimes); "served" is when the last byte arrived, "shown" the load event.
#   benchmarks/web-pages.sh [EVENTS] [PATH...]      (default paths: the dashboard, tokens, integrations, findings, audit log)
# Needs Chromium: apt-get install chromium
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
shift || true
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(/ /tokens /integrations /findings /audit)
[ -x /usr/bin/chromium ] || { echo "needs Chromium: apt-get install chromium" >&2; exit 1; }

work=$(mktemp -d)
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
dotnet build benchmarks/PageTimes -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$work/ledger.db")

benchmarks/generate-large-ledger.sh "$work" "$events"
"${ledger[@]}" init >/dev/null
for file in people integrations tokens token-usages; do
  "${ledger[@]}" import "$file" "$work/${file/token-usages/usages}.csv" >/dev/null
done
"${ledger[@]}" import people "$work/departed.csv" >/dev/null
"${ledger[@]}" import sf-elf "$work/logins.csv" >/dev/null
"${ledger[@]}" findings >/dev/null || true
password='a long benchmark passphrase'
printf '%s' "$password" | "${ledger[@]}" user add officer@example.com --role officer >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${ledger[@]}" serve --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/signin" && break
  sleep 0.5
done

printf '%s tokens, %s integrations, %s findings, %s events\n' \
  "$(tail -n +2 "$work/tokens.csv" | wc -l)" "$(tail -n +2 "$work/integrations.csv" | wc -l)" \
  "$(sqlite3 "$work/ledger.db" 'select count(*) from Findings' 2>/dev/null || echo '?')" "$events"
printf '%s\n' "$password" | dotnet benchmarks/PageTimes/bin/Release/net10.0/PageTimes.dll "http://127.0.0.1:$port" officer@example.com "${paths[@]}"
