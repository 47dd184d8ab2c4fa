#!/usr/bin/env bash
# Writes an Event Monitoring file of EVENTS API (SOAP) and RestApi events with their data volumes
# (ROWS_PROCESSED, RESPONSE_SIZE, ENTITY_NAME), every field quoted as Salesforce writes it, over the 120
# days up to 2025-11-28, spread over the 10,000 integration accounts of generate-large-ledger.sh (so each
# event is attributed to one of its 2,000 integrations). Each integration reads its own object with a
# steady habit; on the last day "Integration 7" exports 20 x 250,000 Contact rows, an object it never read.
#   benchmarks/generate-elf-api.sh OUT.csv [EVENTS]   (default 1000000)
set -euo pipefail
out=${1:?output file}
events=${2:-1000000}
awk -v rows="$events" 'BEGIN {
  OFS = ","
  print "\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"ORGANIZATION_ID\",\"USER_ID\",\"RUN_TIME\",\"CPU_TIME\",\"URI\",\"SESSION_KEY\",\"LOGIN_KEY\",\"USER_TYPE\",\"REQUEST_STATUS\",\"DB_TOTAL_TIME\",\"METHOD\",\"METHOD_NAME\",\"STATUS_CODE\",\"ROWS_PROCESSED\",\"REQUEST_SIZE\",\"RESPONSE_SIZE\",\"ENTITY_NAME\",\"CLIENT_NAME\",\"API_TYPE\",\"USER_NAME\",\"TIMESTAMP_DERIVED\",\"CLIENT_IP\""
  split("Account Opportunity Case Lead Campaign", objects, " ")
  start = 1764288000 - 120 * 86400
  spike = 20
  for (n = 0; n < rows; n++) {
    last = (n >= rows - spike)
    t = last ? 7 : n % 10000
    i = t % 2000
    at = last ? 1764288000 - 3600 + n % spike : start + int(n * ((120 * 86400 - 7200) / rows))
    ms = n % 1000
    ts = strftime("%Y%m%d%H%M%S", at, 1) sprintf(".%03d", ms)
    iso = strftime("%Y-%m-%dT%H:%M:%S", at, 1) sprintf(".%03dZ", ms)
    rest = (n % 2 == 0)
    object = last ? "Contact" : objects[i % 5 + 1]
    got = last ? 250000 : 150 + (n * 7919) % 100
    size = got * 420
    status = (n % 101 == 0) ? "500" : "200"
    print (rest ? "\"RestApi\"" : "\"API\""), "\"" ts "\"", sprintf("\"4%08x%012d-\"", (n * 2654435761) % 4294967296, n), "\"00Dxx0000001gPL\"", \
      sprintf("\"006xx%010d\"", t), "\"345\"", "\"61\"", (rest ? "\"/services/data/v60.0/query\"" : "\"Api\""), sprintf("\"SK%014d\"", n % 50000), sprintf("\"LK%014d\"", n % 50000), \
      "\"Standard\"", "\"S\"", "\"33866570\"", (rest ? "\"GET\"" : "\"\""), (rest ? "\"\"" : "\"query\""), (rest ? "\"" status "\"" : "\"\""), \
      "\"" got "\"", "\"974\"", "\"" size "\"", "\"" object "\"", sprintf("\"client-%d/1.0\"", i), (rest ? "\"\"" : "\"P\""), \
      sprintf("\"svc-%d@example.com\"", t), "\"" iso "\"", sprintf("\"10.%d.%d.5\"", int(i / 256), i % 256)
  }
}' > "$out"
