#!/usr/bin/env bash
# How long importing an org's access exports takes, against sqlite3 loading the same four files, and how long the
# rules take over its accounts.
#   benchmarks/access-speed.sh [USERS] [ASSIGNMENTS]      (default 50000 users, 200000 permission-set assignments)
# Needs GNU time: apt-get install time
# Each export is imported with `ledger import auto FILE --as-of ...` (User first: the others name its users by id),
# then again as of a day later (nothing changed: the daily re-import). The baseline is one sqlite3 process that
# .imports the four files into plain tables. The rules are timed by `ledger findings` (first and second run),
# whole and as `--timings` gives the rules' own evaluation (every rule, the access snapshots' read included,
# without writing the findings); the process's start-up, `ledger person list` on the same ledger, is beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-50000}
assignments=${2:-200000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs sqlite3: apt-get install sqlite3" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$work/ledger.db")

measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}
sum() { awk '{ s += $1 } END { printf "%.2f", s }'; }

python3 benchmarks/generate-access-exports.py "$work/exports" "$users" "$assignments" >"$work/counts"
files=(user.csv permissionsetassignment.csv twofactormethodsinfo.csv userlogin.csv)
"${ledger[@]}" init >/dev/null

: >"$work/first" ; : >"$work/again"; peak=0
for file in "${files[@]}"; do
  read -r s kb < <(measure "${ledger[@]}" import auto "$work/exports/$file" --as-of 2026-11-28T18:00:00Z)
  echo "$s" >>"$work/first"; [ "$kb" -gt "$peak" ] && peak=$kb
done
for file in "${files[@]}"; do
  read -r s _ < <(measure "${ledger[@]}" import auto "$work/exports/$file" --as-of 2026-11-29T18:00:00Z)
  echo "$s" >>"$work/again"
done
first_s=$(sum <"$work/first"); again_s=$(sum <"$work/again")

{
  for file in "${files[@]}"; do echo ".import --csv $work/exports/$file t_${file%.csv}"; done
} >"$work/baseline.sql"
read -r sqlite_s _ < <(measure sqlite3 "$work/plain.db" ".read $work/baseline.sql")

snapshots=$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM AccessSnapshots")
accounts=$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM Accounts")
[ "$accounts" -eq "$users" ] || { echo "$accounts accounts for $users users" >&2; exit 1; }

read -r start_s _ < <(measure "${ledger[@]}" person list --json)
read -r rules1_s rules_kb < <(measure "${ledger[@]}" findings --json --timings)
open_findings=$(grep -c '"rule"' "$work/out" || true)
own1_s=$(awk '/^rules in all/ { print $4 }' "$work/err")
read -r rules2_s _ < <(measure "${ledger[@]}" findings --json --timings)
own2_s=$(awk '/^rules in all/ { print $4 }' "$work/err")
access_s=$(awk '/^integration-over-privileged|^integration-user-not-api-only|^shared-integration-account|^mfa-missing|^password-age|^departed-account-still-active|^access-gained|^training-lapsed/ { s += $2 } END { printf "%.3f", s }' "$work/err")

echo "exports: $(cat "$work/counts")"
printf '%-34s %10s\n' "ledger import (4 files, first)" "$first_s s"
printf '%-34s %10s\n' "ledger import (4 files, again)" "$again_s s"
printf '%-34s %10s\n' "sqlite3 .import (4 files)" "$sqlite_s s"
printf '%-34s %10s\n' "ratio (first / sqlite3)" "$(awk -v a="$first_s" -v b="$sqlite_s" 'BEGIN { printf "%.1f", a / b }')"
printf '%-34s %10s\n' "peak memory of an import" "$((peak / 1024)) MB"
printf '%-34s %10s\n' "snapshots kept" "$snapshots"
printf '%-34s %10s\n' "start-up (ledger person list)" "$start_s s"
printf '%-34s %10s\n' "ledger findings, first run" "$rules1_s s ($open_findings open findings, peak $((rules_kb / 1024)) MB); the rules themselves $own1_s s"
printf '%-34s %10s\n' "ledger findings, second run" "$rules2_s s; the rules themselves $own2_s s, the eight access rules $access_s s"
