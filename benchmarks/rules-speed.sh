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

# The inventory: each token has its own integration account; each integration uses five of them and
# is recognised by those accounts and its client name; one token in ten is overdue for rotation.
awk -v dir="$work" 'BEGIN {
  people = dir "/people.csv"; departed = dir "/departed.csv"; integrations = dir "/integrations.csv"
  tokens = dir "/tokens.csv"; usages = dir "/usages.csv"
  print "email,name,department" > people
  for (p = 0; p < 500; p++) printf "person-%d@example.com,Person %d,Team %d\n", p, p, p % 20 > people
  print "email,name,department,departed_on" > departed
  for (p = 0; p < 5; p++) printf "person-%d@example.com,Person %d,Team %d,2026-10-01\n", p, p, p % 20 > departed
  print "name,vendor,owner,purpose,network,allowed_cidrs,match_accounts,match_clients,vetted_on,vetted_by,vetting_outcome" > integrations
  for (i = 0; i < 2000; i++)
    printf "Integration %d,Vendor %d,person-%d@example.com,Moves data %d,untrusted,10.%d.%d.0/24,svc-%d@example.com;svc-%d@example.com;svc-%d@example.com;svc-%d@example.com;svc-%d@example.com,client-%d,2026-01-0%d,Gus Meyer,approved\n", \
      i, i % 50, i % 500, i, int(i / 256), i % 256, i, i + 2000, i + 4000, i + 6000, i + 8000, i, 1 + i % 9 > integrations
  print "label,kind,owner,account,rotate_every_days,issued,last_rotated" > tokens
  print "token,integration,purpose,since" > usages
  for (t = 0; t < 10000; t++) {
    printf "token-%d,salesforce-security-token,person-%d@example.com,svc-%d@example.com,90,2025-01-01,%s\n", t, t % 500, t, (t % 10 == 0) ? "2026-07-01" : "2026-11-01" > tokens
    printf "token-%d,Integration %d,API login,2025-01-01\n", t, t % 2000 > usages
  }
}'
# 1,000,000 Login events over the 120 days up to 2025-11-28, spread over every token's account: 1 in 50 from
# a foreign address, 1 in 97 failing for a missing token, and 1 in 200 by unknown accounts and clients.
awk -v rows="$events" 'BEGIN {
  print "EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP,LOGIN_STATUS,BROWSER_TYPE,API_TYPE"
  start = 1764288000 - 120 * 86400
  for (n = 0; n < rows; n++) {
    t = n % 10000
    i = t % 2000
    t_ = start + int(n * (120 * 86400 / rows))
    shadow = (n % 200 == 7)
    user = shadow ? sprintf("shadow-%d@example.com", n % 37) : sprintf("svc-%d@example.com", t)
    client = shadow ? "python-requests/2.32.3" : sprintf("client-%d/1.0", i)
    ip = (n % 50 == 3) ? "198.51.100.9" : sprintf("10.%d.%d.5", int(i / 256), i % 256)
    status = (n % 97 == 0) ? "LOGIN_ERROR_MUST_USE_API_TOKEN" : "LOGIN_NO_ERROR"
    printf "Login,%s.000,%08x%012d,006xx%010d,%s,%s,%s,%s,P\n", strftime("%Y%m%d%H%M%S", t_, 1), (n * 2654435761) % 4294967296, n, shadow ? 9999999 : t, user, ip, status, client
  }
}' > "$work/logins.csv"

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
