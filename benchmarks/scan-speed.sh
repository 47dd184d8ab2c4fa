#!/usr/bin/env bash
# How fast `ledger scan` looks through a tree of text files, against `grep -rF` given the values to look for
# (which grep must be told and the ledger is not): a ledger with 10,000 registered tokens, and SIZE_MB of
# configuration, log, source and prose files holding 20 planted secrets: 10 current values alone, 5 inside
# password+token strings, and 5 past values of tokens reset since (2 of them inside password+token strings).
# Checks that the ledger finds exactly the 20 places grep finds, then prints the best of 3 warm runs of each,
# their ratio and the ledger's peak memory.
#   benchmarks/scan-speed.sh [SIZE_MB]      (default 1024)
# Needs GNU time (apt-get install time), sqlite3, openssl and xxd. Everything is generated from fixed seeds,
# with the generator written in awk (a portable LCG, not awk's rand), so every run builds the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}
for tool in /usr/bin/time sqlite3 openssl xxd; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done

work=$(mktemp -d)
# SCAN_SPEED_KEEP=1 keeps the ledger and the tree (for profiling) and says where.
if [ -n "${SCAN_SPEED_KEEP:-}" ]; then trap 'echo "kept $work" >&2' EXIT; else trap 'rm -rf "$work"' EXIT; fi
dotnet build src/IntegrationLedger.Cli -c Release -v quiet -nologo >/dev/null
db="$work/ledger.db"
ledger=(dotnet src/IntegrationLedger.Cli/bin/Release/net10.0/ledger.dll --db "$db")

# 10,000 secrets: Salesforce security tokens (24 characters), API keys (40) and integration passwords (20),
# alphanumeric as those are. Token 0-19 are planted; 15-19 are reset below, and their first values planted.
awk -v dir="$work" 'function next_random() { seed = (seed * 48271) % 2147483647; return seed }
  function value(n,   s, i) { s = ""; for (i = 0; i < n; i++) s = s substr(chars, next_random() % 62 + 1, 1); return s }
  BEGIN {
    seed = 20261202; chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    print "email,name,department" > (dir "/people.csv"); print "owner@example.com,Owner,Security" > (dir "/people.csv")
    print "label,kind,owner" > (dir "/tokens.csv")
    for (t = 0; t < 10000; t++) {
      kind = t % 3 == 0 ? "api-key" : t % 3 == 1 ? "integration-password" : "salesforce-security-token"
      length_ = kind == "api-key" ? 40 : kind == "integration-password" ? 20 : 24
      if (t >= 20) printf "token-%d,%s,owner@example.com\n", t, kind > (dir "/tokens.csv")
      printf "token-%d\t%s\t%s\n", t, kind, value(length_) > (dir "/secrets.tsv")
    }
    for (t = 15; t < 20; t++) printf "token-%d\t%s\n", t, value(24) > (dir "/next-secrets.tsv")
  }'

"${ledger[@]}" init >/dev/null
"${ledger[@]}" import people "$work/people.csv" >/dev/null
"${ledger[@]}" import tokens "$work/tokens.csv" >/dev/null
# The 20 planted tokens go through the real command line: registered with their secret, five of them reset.
head -n 20 "$work/secrets.tsv" | while IFS=$'\t' read -r label kind secret; do
  printf '%s' "$secret" | "${ledger[@]}" token add --label "$label" --kind "$kind" --owner owner@example.com --secret-stdin >/dev/null
done
while IFS=$'\t' read -r label secret; do
  printf '%s' "$secret" | "${ledger[@]}" token reset "$label" --secret-stdin >/dev/null
done <"$work/next-secrets.tsv"
# The other 9,980 get their fingerprints in bulk, computed as the ledger does (HMAC-SHA256 under its key,
# the end it may show, the length in bytes): registering them one process at a time would take an hour.
key_hex=$(base64 -d "$db.key" | xxd -p -c 256)
mkdir "$work/values"
tail -n +21 "$work/secrets.tsv" | while IFS=$'\t' read -r label _ secret; do printf '%s' "$secret" >"$work/values/$label"; done
(cd "$work/values" && ls | xargs openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -r) |
  awk -v dir="$work" 'BEGIN { while ((getline line < (dir "/secrets.tsv")) > 0) { split(line, f, "\t"); value[f[1]] = f[3] } print "BEGIN;" }
    { label = $2; sub(/^\*/, "", label); v = value[label]
      printf "UPDATE Tokens SET Fingerprint = '\''%s'\'', LastFour = '\''%s'\'', SecretUtf8Length = %d WHERE Label = '\''%s'\'';\n", $1, substr(v, length(v) - 3), length(v), label }
    END { print "COMMIT;" }' | sqlite3 "$db"
known=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM Tokens WHERE Fingerprint IS NOT NULL) + (SELECT count(*) FROM FormerSecrets)")

# The tree: files of about 1 MiB in folders of 32, lines of logs, configuration, source and prose with
# random identifiers (which end in every pair of letters, as real ones do), and the 20 planted lines.
head -n 20 "$work/secrets.tsv" >"$work/planted.tsv"
awk -v dir="$work/tree" -v total=$((size_mb * 1048576)) -v secrets="$work/planted.tsv" -v patterns="$work/patterns" 'function next_random() { seed = (seed * 48271) % 2147483647; return seed }
  function value(n,   s, i) { s = ""; for (i = 0; i < n; i++) s = s substr(chars, next_random() % 62 + 1, 1); return s }
  BEGIN {
    seed = 7; p = 0; n_planted = 0; chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    split("the a sync job reads accounts from warehouse and writes them back every night when token rotation is due owner reviews integration access", words, " ")
    while ((getline line < secrets) > 0) { split(line, f, "\t"); planted[n_planted++] = f[3] }
    files = int(total / 1048576); if (files < 20) files = 20
    for (file = 0; file < files; file++) {
      folder = dir "/d" int(file / 32); if (file % 32 == 0) system("mkdir -p " folder)
      path = folder "/f" file (file % 4 == 0 ? ".env" : file % 4 == 1 ? ".log" : file % 4 == 2 ? ".yaml" : ".java")
      for (written = 0; written < total / files; written += length(line) + 1) {
        r = next_random() % 5
        if (r == 0) line = sprintf("2026-11-28T12:%02d:%02dZ INFO request=%s user=svc-%d@example.com took %dms", next_random() % 60, next_random() % 60, value(16), next_random() % 9000, next_random() % 900)
        else if (r == 1) line = sprintf("setting_%d = %s", next_random() % 1000, value(8 + next_random() % 30))
        else if (r == 2) line = sprintf("    return client.call(\"%s\", %d, session.%s());", value(12), next_random() % 100, value(6))
        else { line = ""; for (w = 0; w < 12; w++) line = line words[next_random() % 22 + 1] " " }
        print line > path
        # One planted value in each of 20 files spread over the tree, a few lines in.
        if (written == 0 && file % int(files / 20) == 0 && p < 20) {
          v = planted[p]
          if (p >= 10 && p < 15 || p >= 18) printf "SF_PASSWORD=Winter%d!%s\n", 2020 + p, v > path
          else printf "SF_TOKEN=%s\n", v > path
          print v > patterns; p++
        }
      }
      close(path)
    }
  }'
# Tokens 15-19 were reset after registration: what was planted for them is their first value, now a past one.
tree_bytes=$(du -sb "$work/tree" | cut -f1)

measure() {
  local best="" peak=0
  "$@" >/dev/null 2>&1 || true
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
    read -r seconds kb < <(tail -n 1 "$work/time")
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds; fi
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  echo "$best $peak"
}

read -r grep_s _ < <(measure env LC_ALL=C grep -rnF -f "$work/patterns" "$work/tree")
LC_ALL=C grep -rnF -f "$work/patterns" "$work/tree" | cut -d: -f1,2 | sort >"$work/grep-places"
read -r scan_s scan_kb < <(measure "${ledger[@]}" scan "$work/tree")
grep -E '^/.*:[0-9]+:[0-9]+: token ' "$work/out" | cut -d: -f1,2 | sort >"$work/scan-places"
superseded=$(grep -c ', superseded by a reset on ' "$work/out" || true)

if [ "$(wc -l <"$work/grep-places")" -ne 20 ] || ! diff -q "$work/grep-places" "$work/scan-places" >/dev/null || [ "$superseded" -ne 5 ]; then
  echo "FAIL: grep found $(wc -l <"$work/grep-places") places, the ledger $(wc -l <"$work/scan-places") ($superseded past values); they differ:" >&2
  diff "$work/grep-places" "$work/scan-places" >&2 || true
  exit 1
fi
printf 'tree: %s MiB of text in %s files; the ledger knows %s secrets, current and past\n' "$((tree_bytes / 1048576))" "$(find "$work/tree" -type f | wc -l)" "$known"
printf 'every planted secret found, nothing else (20 places, 5 of them past values)\n'
printf 'grep -rF (told the 20 values): %s s\n' "$grep_s"
printf 'ledger scan:                   %s s (peak %s MB)\n' "$scan_s" "$((scan_kb / 1024))"
awk -v s="$scan_s" -v g="$grep_s" 'BEGIN { printf "ratio: %.2f (target 2.0 or less)\n", s / g }'
