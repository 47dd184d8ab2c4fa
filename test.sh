#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian machine (the browser tests
# drive Debian's Chromium, the tamper-evidence tests edit a ledger with the sqlite3 shell), then runs
# every test. Arguments go to `dotnet test`; `--fast` leaves out the slow categories (separate processes,
# the browser, property tests, million-row runs) for a quick loop while working.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} for the tests (Debian packages)" >&2
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

args=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then
    args+=(--filter "TestCategory!=Process&TestCategory!=Browser&TestCategory!=Property&TestCategory!=Million")
  else
    args+=("$arg")
  fi
done
exec dotnet test IntegrationLedger.sln "${args[@]}"
