#!/usr/bin/env bash
# The issue's crash test at full scale: `ledger import` of a 1,000,000-row file killed with SIGKILL at five
# points of its write (the tests marked [Explicit] in CrashSafetyTests, category "Million"). After each kill
# the tests check PRAGMA integrity_check, that nothing of the batch remains, that `audit verify` passes,
# and that the same import then adds every row. About two minutes on two cores.
#   benchmarks/crash-million.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/IntegrationLedger.Cli.Tests --nologo -v quiet >/dev/null
dotnet test tests/IntegrationLedger.Cli.Tests --no-build --filter "TestCategory=Million" --logger "console;verbosity=normal"
