#!/usr/bin/env bash
# How long the rules take over a large ledger: 10,000 tokens, 2,000 integrations, 500 people (five of
# them departed) and 1,000,000 usage events over 120 days (some failures, some foreign addresses, some
# unknown accounts).
#   benchmarks/rules-speed.sh [EVENTS]      (default 1000000)
# Needs GNU time: apt-get install time
# The set-up (inventory templates, then an Event Monitoring import) is timed too but is not the figure;
# the figure is the first and second run of `ledger findings` (the second updates what the first found).
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$work/ledger.db")

benchmarks/generate-large-ledger.sh "$work" "$events"

measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

"${ledger[@]}" init >/dev/null
read -r setup_s _ < <(measure bash -c "$(printf '%q ' "${ledger[@]}") import people $work/people.csv && \
  $(printf '%q ' "${ledger[@]}") import integrations $work/integrations.csv && \
  $(printf '%q ' "${ledger[@]}") import tokens $work/tokens.csv && \
  $(printf '%q ' "${ledger[@]}") import token-usages $work/usages.csv && \
  $(printf '%q ' "${ledger[@]}") import people $work/departed.csv && \
  $(printf '%q ' "${ledger[@]}") import sf-elf $work/logins.csv")
read -r first_s first_kb < <(measure "${ledger[@]}" findings --json)
open_findings=$(grep -c '"rule"' "$work/out" || true)
read -r second_s _ < <(measure "${ledger[@]}" findings --json)

printf 'set-up (templates and %s events): %s s\n' "$events" "$setup_s"
printf 'findings, first run:  %s s (peak %s MB), %s open findings\n' "$first_s" "$((first_kb / 1024))" "$open_findings"
printf 'findings, second run: %s s\n' "$second_s"
