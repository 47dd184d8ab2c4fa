#!/usr/bin/env bash
# The day a vendor is breached, at scale: a vendor with 50 connected apps, 20,000 OAuth tokens and
# 1,000,000 events since the moment of compromise. Builds the large ledger of generate-large-ledger.sh cut
# to the vendor's 50 integrations (Integration 0 to 49, each claiming one app by its name and 40 of the
# 2,000 API clients, so that every event is theirs), imports EVENTS API and RestApi events
# (generate-elf-api.sh), the apps and the tokens, then times `ledger incident start` twice as the installed
# tool runs it (published for this platform with ReadyToRun, as `dotnet pack` packs it) and once on the JIT
# (the Release build, as `dotnet run` runs it). `incident list` is timed too: the start-up every command pays.
#   benchmarks/incident-speed.sh [EVENTS]      (default 1000000; KEEP_WORK=1 keeps the ledger for a closer look)
# Needs GNU time: apt-get install time
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

work=$(mktemp -d)
[ -n "${KEEP_WORK:-}" ] && echo "work folder kept: $work" >&2 || trap 'rm -rf "$work"' EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$work/ledger.db")
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
dotnet publish src/IntegrationLedger.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
  -o "$work/ready-to-run" -v quiet -nologo >/dev/null
ready_to_run=("$work/ready-to-run/ledger" --db "$work/ledger.db")

measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

benchmarks/generate-large-ledger.sh "$work" 1 >/dev/null
# Integration k (0 to 49) is Bench Vendor's, claims Bench App k by its name and the clients k, k + 50, ... k + 1950.
awk -F, -v OFS=, 'NR == 1 { print $0, "match_apps"; next } { n = substr($1, 13) + 0; if (n >= 50) next
  clients = ""; for (j = n; j < 2000; j += 50) clients = clients (clients == "" ? "" : ";") "client-" j
  $2 = "Bench Vendor"; $8 = clients; print $0, "Bench App " n }' "$work/integrations.csv" > "$work/integrations-bench.csv"
awk -F, 'NR == 1 || substr($2, 13) + 0 < 50' "$work/usages.csv" > "$work/usages-bench.csv"
"${ledger[@]}" init >/dev/null
"${ledger[@]}" import people "$work/people.csv" >/dev/null
"${ledger[@]}" import integrations "$work/integrations-bench.csv" >/dev/null
"${ledger[@]}" import tokens "$work/tokens.csv" >/dev/null
"${ledger[@]}" import token-usages "$work/usages-bench.csv" >/dev/null

benchmarks/generate-elf-api.sh "$work/api.csv" "$events"
"${ledger[@]}" import sf-elf "$work/api.csv" >/dev/null
awk 'BEGIN {
  print "Id,Name,CreatedDate,OptionsAllowAdminApprovedUsersOnly,OptionsRefreshTokenValidityMetric,RefreshTokenValidityPeriod,OptionsHasSessionLevelPolicy,StartUrl"
  for (n = 0; n < 50; n++) printf "0H4xx%010d,Bench App %d,2024-01-01T00:00:00.000+0000,%s,false,%s,false,\n", n, n, (n % 5 == 0 ? "false" : "true"), (n % 3 == 0 ? "" : "90")
}' > "$work/apps.csv"
"${ledger[@]}" import sf-connected-apps "$work/apps.csv" >/dev/null
awk 'BEGIN {
  print "\"Id\",\"AppName\",\"UserId\",\"AppMenuItemId\",\"UseCount\",\"LastUsedDate\",\"CreatedDate\",\"DeleteToken\",\"AccessToken\",\"RequestToken\""
  for (n = 0; n < 20000; n++)
    printf "\"\",\"Bench App %d\",\"005xx%010d\",\"0DSxx%010d\",\"%d\",\"2025-11-%02dT10:00:00.000Z\",\"2025-01-01T08:00:00.000Z\",\"5Aep861%020d\",\"\",\"\"\n", n % 50, n % 10000, n, n % 997, 1 + n % 27, n
}' > "$work/tokens-oauth.csv"
"${ledger[@]}" import sf-oauth-tokens "$work/tokens-oauth.csv" >/dev/null

start() {
  local label=$1; shift
  read -r took_s peak_kb < <(measure "$@" incident start --vendor "Bench Vendor" --reason "benchmark $label" --since 2025-07-31T06:00:00Z --json)
  python3 - "$work/out" "$label" "$took_s" "$((peak_kb / 1024))" <<'PY'
import json, sys
i = json.load(open(sys.argv[1]))
s = i["scope"]
print(f'{sys.argv[2]}: {sys.argv[3]} s (peak {sys.argv[4]} MB); {len(s["apps"])} apps, {sum(sum(h["tokens"] for h in a["holders"]) for a in s["apps"]):,} OAuth tokens, '
      f'{len(s["integrations"])} integrations, {len(s["tokens"])} token uses, {len(s["accounts"])} accounts, {s["activity"]["calls"]:,} requests since, '
      f'{len(s["activity"]["sources"])} sources, {len(i["steps"])} steps')
PY
}
printf 'events imported                 %s (%s of them the vendor'"'"'s)\n' "$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM UsageEvents")" \
  "$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM UsageEvents WHERE IntegrationId IS NOT NULL")"
# The same process start-up, ledger opening and one small query, for comparison in the same run.
read -r list_s _ < <(measure "${ready_to_run[@]}" incident list --json)
printf 'ledger incident list (start-up), ReadyToRun %s s\n' "$list_s"
read -r list_s _ < <(measure "${ledger[@]}" incident list --json)
printf 'ledger incident list (start-up), JIT        %s s\n' "$list_s"
start "incident start, ReadyToRun, first " "${ready_to_run[@]}"
start "incident start, ReadyToRun, second" "${ready_to_run[@]}"
start "incident start, JIT               " "${ledger[@]}"
