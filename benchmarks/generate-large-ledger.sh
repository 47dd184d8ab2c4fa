#!/usr/bin/env bash
# Writes the files of a large ledger into DIR: 500 people (five of them departed, in departed.csv), 2,000
# integrations, 10,000 tokens each with its own integration account (one in ten overdue for rotation),
# each integration using five of them and recognised by those accounts and its client name; and EVENTS
# Login events (logins.csv, default 1,000,000) over the 120 days up to 2025-11-28, spread over every
# token's account: 1 in 50 from a foreign address, 1 in 97 failing for a missing token, and 1 in 200 by
# unknown accounts and clients. Used by rules-speed.sh and web-pages.sh.
#   benchmarks/generate-large-ledger.sh DIR [EVENTS]
set -euo pipefail
dir=$1
events=${2:-1000000}
mkdir -p "$dir"

awk -v dir="$dir" 'BEGIN {
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
}' > "$dir/logins.csv"
