#!/usr/bin/env python3
"""Writes a month of Event Monitoring downloads: OUT_DIR/YYYY-MM-DD/TYPE.csv for 30 days x 20 event types.

    generate-elf-download.py OUT_DIR [TOTAL_ROWS]      (default 2,000,000)

Half the rows are in the 8 types the ledger reads (Login, LoginAs, Logout, API, RestApi, BulkApi,
ApiTotalUsage, URI), their rows made from the repository's samples (samples/salesforce/elf-*.csv: real
column layouts, values the importer accepts) with a unique REQUEST_ID and that day's TIMESTAMP; half in 12
types it does not use (UITracking, QueuedExecution, ...), written in the common ELF layout with a few
columns of their own, about as wide as real rows. Every header and value is quoted, lines end in LF, as
Salesforce writes them. Deterministic: the same arguments give the same bytes.
"""
import csv
import io
import os
import random
import sys
from datetime import datetime, timedelta, timezone

DAYS = 30
START = datetime(2026, 10, 1, tzinfo=timezone.utc)
SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "salesforce")

# Used types: the sample each is made from, and its share of the used rows.
USED = [
    ("API", "elf-api-modern-inferred.csv", 0.30),
    ("URI", "elf-uri.csv", 0.25),
    ("RestApi", "elf-restapi-modern-inferred.csv", 0.15),
    ("Login", "elf-login.csv", 0.10),
    ("ApiTotalUsage", "elf-apitotalusage.csv", 0.10),
    ("Logout", "elf-logout.csv", 0.05),
    ("BulkApi", "elf-bulkapi.csv", 0.03),
    ("LoginAs", "elf-loginas.csv", 0.02),
]
# Types the ledger sets aside, with their shares and a few columns of their own.
UNUSED = [
    ("UITracking", 0.25, ["APP_NAME", "DEVICE_ID", "DEVICE_MODEL", "OS_NAME", "OS_VERSION", "CONNECTION_TYPE"]),
    ("LightningPageView", 0.15, ["PAGE_APP_NAME", "PAGE_CONTEXT", "PAGE_URL", "DURATION", "EFFECTIVE_PAGE_TIME"]),
    ("ApexExecution", 0.10, ["ENTRY_POINT", "EXEC_TIME", "NUMBER_SOQL_QUERIES", "CALLOUT_TIME", "IS_LONG_RUNNING_REQUEST"]),
    ("LightningInteraction", 0.10, ["UI_EVENT_ID", "UI_EVENT_TYPE", "UI_EVENT_SOURCE", "TARGET_UI_ELEMENT", "PARENT_UI_ELEMENT"]),
    ("QueuedExecution", 0.08, ["ENTRY_POINT", "JOB_ID", "QUEUE_NAME", "EXEC_TIME", "DB_TOTAL_TIME"]),
    ("LightningPerformance", 0.08, ["PAGE_START_TIME", "PAGE_ENTITY_TYPE", "DURATION", "UI_EVENT_SEQUENCE_NUM"]),
    ("ApexTrigger", 0.06, ["TRIGGER_ID", "TRIGGER_NAME", "TRIGGER_TYPE", "ENTITY_NAME", "EXEC_TIME"]),
    ("ApexCallout", 0.05, ["METHOD", "URL", "TYPE", "SUCCESS", "REQUEST_SIZE", "RESPONSE_SIZE", "TIME"]),
    ("VisualforceRequest", 0.05, ["PAGE_NAME", "QUERY", "REQUEST_TYPE", "RESPONSE_SIZE", "HTTP_METHOD"]),
    ("ContentTransfer", 0.03, ["TRANSACTION_TYPE", "SIZE_BYTES", "DOCUMENT_ID", "VERSION_ID", "FILE_TYPE"]),
    ("Sites", 0.03, ["SITE_ID", "PAGE_NAME", "HTTP_METHOD", "REQUEST_TYPE", "RESPONSE_SIZE"]),
    ("TimeBasedWorkflow", 0.02, ["TYPE", "SOBJECT_ID", "NUMBER_OF_RECORDS", "CPU_TIME"]),
]
COMMON = ["EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "ORGANIZATION_ID", "USER_ID", "RUN_TIME", "CPU_TIME", "URI",
          "SESSION_KEY", "LOGIN_KEY", "USER_TYPE"]
COMMON_END = ["TIMESTAMP_DERIVED", "USER_ID_DERIVED", "CLIENT_IP", "URI_ID_DERIVED"]
USERS = [("005xx000001Sv7A", "005xx000001Sv7AAAS"), ("005xx000001Sv8Q", "005xx000001Sv8QAAS"),
         ("005xx000001Uq9k", "005xx000001Uq9kAAC"), ("005xx000001Tb2c", "005xx000001Tb2cAAC")]


def shares(total, weights):
    """Whole numbers in the proportions given, summing exactly to total."""
    counts = [int(total * w) for w in weights]
    counts[0] += total - sum(counts)
    return counts


def per_day(total):
    return [total // DAYS + (1 if d < total % DAYS else 0) for d in range(DAYS)]


def quoted(fields):
    return ",".join('"' + f.replace('"', '""') + '"' for f in fields) + "\n"


def read_sample(name):
    with open(os.path.join(SAMPLES, name), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], [r for r in rows[1:] if r and len(r) == len(rows[0])]


def write_used(path, event_type, sample, rows, day, serial):
    header, templates = read_sample(sample)
    templates = [r for r in templates if r[header.index("EVENT_TYPE")] == event_type] or templates
    at = {name: header.index(name) for name in ("REQUEST_ID", "TIMESTAMP", "TIMESTAMP_DERIVED") if name in header}
    out = io.StringIO()
    out.write(quoted(header))
    step = 86_400_000 // max(rows, 1)
    for n in range(rows):
        row = list(templates[n % len(templates)])
        moment = day + timedelta(milliseconds=n * step)
        if "REQUEST_ID" in at:
            row[at["REQUEST_ID"]] = f"4{serial + n:015x}-bench"
        if "TIMESTAMP" in at:
            row[at["TIMESTAMP"]] = moment.strftime("%Y%m%d%H%M%S.") + f"{moment.microsecond // 1000:03d}"
        if "TIMESTAMP_DERIVED" in at:
            row[at["TIMESTAMP_DERIVED"]] = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        out.write(quoted(row))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def write_unused(path, event_type, extra, rows, day, serial, rng):
    header = COMMON + extra + COMMON_END
    out = io.StringIO()
    out.write(quoted(header))
    step = 86_400_000 // max(rows, 1)
    for n in range(rows):
        moment = day + timedelta(milliseconds=n * step)
        user, user18 = USERS[n % len(USERS)]
        values = [event_type, moment.strftime("%Y%m%d%H%M%S.") + f"{moment.microsecond // 1000:03d}", f"5{serial + n:015x}-bench",
                  "00Dxx0000001gPL", user, str(rng.randint(1, 900)), str(rng.randint(1, 300)),
                  f"/lightning/r/Account/001xx00000{n % 100000:05d}AAA/view", f"SK{rng.getrandbits(48):012x}",
                  f"LK{rng.getrandbits(48):012x}", "Standard"]
        values += [f"{name.lower()}-{rng.randint(0, 9999)}" for name in extra]
        values += [moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z", user18,
                   f"198.51.100.{n % 250 + 1}", f"0Ux{n % 1000:012d}"]
        out.write(quoted(values))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
    used_total = total // 2
    unused_total = total - used_total
    rng = random.Random(19)
    serial = 0
    files = used_rows = unused_rows = 0
    used_counts = shares(used_total, [w for _, _, w in USED])
    unused_counts = shares(unused_total, [w for _, w, _ in UNUSED])
    for d in range(DAYS):
        day = START + timedelta(days=d)
        folder = os.path.join(out_dir, day.strftime("%Y-%m-%d"))
        os.makedirs(folder, exist_ok=True)
        for (event_type, sample, _), count in zip(USED, used_counts):
            rows = per_day(count)[d]
            write_used(os.path.join(folder, event_type + ".csv"), event_type, sample, rows, day, serial)
            serial += rows
            files += 1
            used_rows += rows
        for (event_type, _, extra), count in zip(UNUSED, unused_counts):
            rows = per_day(count)[d]
            write_unused(os.path.join(folder, event_type + ".csv"), event_type, extra, rows, day, serial, rng)
            serial += rows
            files += 1
            unused_rows += rows
    print(f"files {files} used_rows {used_rows} set_aside_rows {unused_rows}")


if __name__ == "__main__":
    main()
