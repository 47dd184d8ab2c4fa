#!/usr/bin/env bash
# A whole Event Monitoring download, imported in one go, measured against SQLite's own CSV import of the
# rows the ledger uses, in the same run.
#   benchmarks/download-speed.sh [TOTAL_ROWS]      (default 2000000; memory is also measured at half)
# Needs python3, sqlite3 and GNU time: apt-get install python3 sqlite3 time
# Generates 30 days x 20 event types = 600 files (generate-elf-download.py: half the rows in the 8 types the
# ledger reads, half in 12 it sets aside), then times `ledger import auto DIR` (recognise, read, validate,
# deduplicate, attribute, set aside, audit a batch per file) and one sqlite3 process that `.import`s only
# the used files into plain tables, one per type. Prints both times, their ratio and the import's peak
# memory (max RSS), and checks that every used row is in the ledger and every file left a batch.
# It also times a floor: sqlite3 itself loading the same used files into a fresh ledger's UsageEvents
# table (its real indexes, one transaction per file, the ledger's durability settings during a run) with
# INSERT ... SELECT from each .import. No program that keeps those indexes can beat it, so it shows how
# much of the ratio the schema costs and how much the ledger's own work does; key_floor_s is the same
# without the three indexes the events page filters by, leaving those idempotency and batches need.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2000000}
for tool in python3 sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install python3 sqlite3 time" >&2; exit 1; }
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

printf '%-8s %-10s %-10s %8s %8s %10s %10s %8s %9s %13s %12s\n' files rows used_rows total_mb used_mb ledger_s sqlite3_s ratio floor_s key_floor_s peak_rss_mb
for n in "$rows" $((rows / 2)); do
  download="$work/download-$n"
  read -r _ files _ used _ set_aside < <(python3 benchmarks/generate-elf-download.py "$download" "$n")
  used_files=$(find "$download" -name '*.csv' | grep -E '/(API|URI|RestApi|Login|ApiTotalUsage|Logout|BulkApi|LoginAs)\.csv$' | sort)
  total_mb=$(du -sm "$download" | cut -f1)
  used_mb=$(echo "$used_files" | xargs du -cm | tail -1 | cut -f1)

  rm -f "$work"/ledger.db* "$work"/plain.db
  "${ledger[@]}" --db "$work/ledger.db" init >/dev/null
  read -r ledger_s rss_kb < <(measure "${ledger[@]}" --db "$work/ledger.db" import auto "$download" --json)

  # The baseline: one sqlite3 process loading the used files alone, each type into its own plain table.
  echo "$used_files" | while read -r file; do
    echo ".import --csv $file $(basename "$file" .csv)"
  done > "$work/baseline.sql"
  read -r sqlite_s _ < <(measure sqlite3 "$work/plain.db" ".read $work/baseline.sql")

  # The floor: the same files into the ledger's own table, by sqlite3, with nothing checked or attributed
  # (each file staged in memory; usernames and addresses as many as the generated download has).
  rm -f "$work"/floor.db*
  "${ledger[@]}" --db "$work/floor.db" init >/dev/null
  {
    echo "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 65536; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"
    echo "$used_files" | while read -r file; do
      echo ".import --csv --schema temp $file elf"
      echo "BEGIN; INSERT INTO UsageEvents (BatchId, LineNumber, Source, EventType, NaturalKey, KeyHash, OccurredAt, Username, UserId, SourceIp)" \
        "SELECT 'floor', rowid + 1, 'sf-elf', EVENT_TYPE, EVENT_TYPE || ':' || REQUEST_ID, random()," \
        "substr(TIMESTAMP, 1, 4) || '-' || substr(TIMESTAMP, 5, 2) || '-' || substr(TIMESTAMP, 7, 2) || ' ' || substr(TIMESTAMP, 9, 2) || ':' || substr(TIMESTAMP, 11, 2) || ':' || substr(TIMESTAMP, 13)," \
        "lower(USER_ID) || '@example.com', USER_ID, USER_ID FROM temp.elf; COMMIT; DROP TABLE temp.elf;"
    done
  } > "$work/floor.sql"
  read -r floor_s _ < <(measure sqlite3 "$work/floor.db" ".read $work/floor.sql")
  # And with only the indexes that idempotency and batches need, without those the events page filters by.
  rm -f "$work"/floor.db*
  "${ledger[@]}" --db "$work/floor.db" init >/dev/null
  sqlite3 "$work/floor.db" "DROP INDEX IX_UsageEvents_IntegrationId_OccurredAt; DROP INDEX IX_UsageEvents_Username_OccurredAt; DROP INDEX IX_UsageEvents_SourceIp_OccurredAt;"
  read -r key_floor_s _ < <(measure sqlite3 "$work/floor.db" ".read $work/floor.sql")

  imported=$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM UsageEvents")
  batches=$(sqlite3 "$work/ledger.db" "SELECT count(*) FROM ImportBatches")
  set_aside_kept=$(sqlite3 "$work/ledger.db" "SELECT sum(Counts_SetAside) FROM ImportBatches")
  [ "$imported" -eq "$used" ] || { echo "imported $imported of $used used rows" >&2; exit 1; }
  [ "$batches" -eq "$files" ] || { echo "$batches batches for $files files" >&2; exit 1; }
  [ "$set_aside_kept" -eq "$set_aside" ] || { echo "$set_aside_kept rows set aside of $set_aside" >&2; exit 1; }
  printf '%-8s %-10s %-10s %8s %8s %10s %10s %8s %9s %13s %12s\n' "$files" "$n" "$used" "$total_mb" "$used_mb" "$ledger_s" "$sqlite_s" \
    "$(awk -v a="$ledger_s" -v b="$sqlite_s" 'BEGIN { printf "%.2f", a / b }')" "$floor_s" "$key_floor_s" \
    "$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')"
  rm -rf "$download"
done
