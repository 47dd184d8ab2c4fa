#!/usr/bin/env bash
# Writes an Event Monitoring Login event log file of N rows in the real column layout (the 2023 header
# plus LOGIN_STATUS and SOURCE_IP), every field quoted as Salesforce writes it.
#   generate-elf-login.sh ROWS OUT.csv [SECONDS_BETWEEN_ROWS]   (default 3)
set -euo pipefail
rows=${1:?rows}
out=${2:?output file}
step=${3:-3}
awk -v rows="$rows" -v step="$step" 'BEGIN {
  OFS = ","
  print "\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"ORGANIZATION_ID\",\"USER_ID\",\"RUN_TIME\",\"CPU_TIME\",\"URI\",\"SESSION_KEY\",\"LOGIN_KEY\",\"USER_TYPE\",\"REQUEST_STATUS\",\"DB_TOTAL_TIME\",\"LOGIN_TYPE\",\"BROWSER_TYPE\",\"API_TYPE\",\"API_VERSION\",\"USER_NAME\",\"TLS_PROTOCOL\",\"CIPHER_SUITE\",\"AUTHENTICATION_METHOD_REFERENCE\",\"LOGIN_SUB_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID_DERIVED\",\"CLIENT_IP\",\"URI_ID_DERIVED\",\"LOGIN_STATUS\",\"SOURCE_IP\""
  split("005xx000001Sv7A 005xx000001Sv8Q 005xx000001Uq9k 005xx000001Tb2c 005xx000001Va1M", ids, " ")
  split("005xx000001Sv7AAAS 005xx000001Sv8QAAS 005xx000001Uq9kAAC 005xx000001Tb2cAAC 005xx000001Va1MAAS", ids18, " ")
  split("integration.sync@example.com mulesoft.api@example.com bi.extract@example.com j.rivera@example.com admin.ops@example.com", users, " ")
  split("AcmeSync/4.2.1 (Windows; .NET 8.0)|Apache-HttpClient/4.5.14 (Java/17.0.9)|OrbitBI/7.1|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", agents, "|")
  split("R i R A A", types, " ")
  split("192.0.2.10 198.51.100.7 203.0.113.20 203.0.113.5 192.0.2.44", ips, " ")
  start = 1764547200  # 2025-12-01T00:00:00Z
  for (n = 0; n < rows; n++) {
    u = (n % 5) + 1
    t = start + n * step
    ms = n % 1000
    ts = strftime("%Y%m%d%H%M%S", t, 1) sprintf(".%03d", ms)
    iso = strftime("%Y-%m-%dT%H:%M:%S", t, 1) sprintf(".%03dZ", ms)
    status = (n % 97 == 0) ? "LOGIN_ERROR_MUST_USE_API_TOKEN" : "LOGIN_NO_ERROR"
    print "\"Login\"", "\"" ts "\"", sprintf("\"4%08x%012d-\"", (n * 2654435761) % 4294967296, n), "\"00Dxx0000001gPL\"", "\"" ids[u] "\"", "\"236\"", "\"94\"", \
      "\"/services/oauth2/token\"", "\"\"", sprintf("\"LK%014d\"", n), "\"Standard\"", "\"\"", "\"1037445553\"", "\"" types[u] "\"", \
      "\"" agents[u] "\"", "\"P\"", "\"59.0\"", "\"" users[u] "\"", "\"TLSv1.3\"", "\"TLS_AES_256_GCM_SHA384\"", "\"\"", "\"\"", \
      "\"" iso "\"", "\"" ids18[u] "\"", "\"" ips[u] "\"", "\"\"", "\"" status "\"", "\"" ips[u] "\""
  }
}' > "$out"
