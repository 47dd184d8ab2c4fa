#!/usr/bin/env bash
# Proves LibreOffice draws the Activity per week sheet's chart: makes two workbooks (the demo's, and the
# quarter so far of ten integrations, so seven are named and three summed as Other), has
# LibreOffice (headless) print each to PDF, finds the page with the chart, renders it to PNG, and checks
# that the page carries the chart's title, axis titles and legend, and that each series' colour is drawn.
# Look at the PNGs it names, too: a check of colours is no substitute for seeing the bars.
#   benchmarks/workbook-chart-libreoffice.sh [OUT_FOLDER]      (default /tmp/workbook-chart)
# Needs LibreOffice and poppler-utils: apt-get install libreoffice-calc poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/workbook-chart}
command -v soffice >/dev/null || { echo "needs LibreOffice: apt-get install libreoffice-calc" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "needs poppler-utils: apt-get install poppler-utils" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
dotnet build src/IntegrationLedger.Cli -v quiet -nologo >/dev/null
ledger=(dotnet src/IntegrationLedger.Cli/bin/Debug/net10.0/ledger.dll)

# 1. The demo's workbook: its quarter so far.
"${ledger[@]}" demo --out "$work/demo" >/dev/null
cp "$work"/demo/audit-*.xlsx "$out/demo.xlsx"

# 2. The quarter so far (the ledger's clock is the machine's, and a workbook names integrations as they stood at
#    the period's end, so the integrations must be made before that end: now). Ten integrations with weekly
#    patterns of their own (steady, a ramp, a spike, every other week, three small ones summed as Other) and a
#    week when nothing was imported at all, each known by its account. Run on a quarter's first day it has little to draw.
names=("Nightly ETL" "Orbit BI Extract" "Acme Sync Connector" "Billing Export" "Support Desk Bridge"
  "Marketing Cloud Feed" "HR Onboarding Sync" "Backup Agent" "Legacy FTP Drop" "Partner Portal")
busy=("${ledger[@]}" --db "$work/busy/ledger.db")
mkdir -p "$work/busy"
"${busy[@]}" init >/dev/null
"${busy[@]}" person add --email ops@example.com --name Ops >/dev/null
for i in "${!names[@]}"; do
  "${busy[@]}" integration add --name "${names[$i]}" --owner ops@example.com --purpose "chart check" --match-account "app$i@example.com" >/dev/null
done
quarter=$(python3 - "$work/busy/logins.csv" "$work/busy/legend" "${names[@]}" <<'PY'
import datetime, sys
now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(hours=1)
number = (now.month - 1) // 3 + 1
start = datetime.datetime(now.year, 3 * number - 2, 1)
monday = start - datetime.timedelta(days=start.weekday())
weekly = [
    lambda w: 40, lambda w: 5 * (w + 1), lambda w: 90 if w == 5 else 10, lambda w: 20 if w % 2 == 0 else 0,
    lambda w: 15, lambda w: 12, lambda w: 9, lambda w: 4, lambda w: 3, lambda w: 2,
]
silent = 7
totals = [0] * len(weekly)
with open(sys.argv[1], "w") as f:
    f.write("EVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,USER_NAME,SOURCE_IP\n")
    n = 0
    for app, count in enumerate(weekly):
        for week in range(14):
            for i in range(0 if week == silent else count(week)):
                t = monday + datetime.timedelta(weeks=week, days=i % 7, hours=9, minutes=7 * (i // 7))
                if start <= t < now:
                    n += 1
                    totals[app] += 1
                    f.write(f"Login,{t:%Y%m%d%H%M%S}.000,req-{n},005xx{n:010d},app{app}@example.com,192.0.2.10\n")
# The legend the chart should have: the seven busiest named, the rest as Other (ActivityChart.cs).
names = sys.argv[3:]
busiest = sorted((n for n, t in zip(names, totals) if t), key=lambda n: (-totals[names.index(n)], n))
legend = busiest if len(busiest) <= 8 else busiest[:7] + [f"Other ({len(busiest) - 7} integrations)"]
open(sys.argv[2], "w").write("\n".join(legend) + "\n")
print(f"{now.year}-Q{number}")
PY
)
"${busy[@]}" import sf-elf "$work/busy/logins.csv" >/dev/null
"${busy[@]}" report quarterly --quarter "$quarter" --out "$out/busy.xlsx" >/dev/null
mapfile -t legend < "$work/busy/legend"

# Renders the page holding the chart; checks its words and that every colour named is drawn.
check() {
  local name=$1; shift
  local colours=$1; shift
  soffice --headless --norestore --convert-to pdf --outdir "$out" "$out/$name.xlsx" >/dev/null 2>&1
  local pdf="$out/$name.pdf" pages page=""
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  for p in $(seq 1 "$pages"); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | grep -q "Imported events per week, by integration"; then page=$p; break; fi
  done
  [ -n "$page" ] || { echo "$name: no page of the PDF shows the chart's title" >&2; exit 1; }
  pdftotext -f "$page" -l "$page" "$pdf" "$work/$name.txt"
  for word in "Week of (Monday, UTC)" "Events" "$@"; do
    grep -qF "$word" "$work/$name.txt" || { echo "$name: the chart's page does not show '$word'" >&2; exit 1; }
  done
  pdftoppm -png -r 60 -f "$page" -l "$page" -singlefile "$pdf" "$out/$name-activity"
  # A long sheet is printed small to fit the page's width: the same page at 150 dpi is easier to read.
  pdftoppm -png -r 150 -f "$page" -l "$page" -singlefile "$pdf" "$out/$name-activity-150dpi"
  pdftoppm -r 60 -f "$page" -l "$page" -singlefile "$pdf" "$work/$name"
  python3 - "$work/$name.ppm" "$colours" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
# A binary PPM: "P6", width, height, 255, then RGB bytes.
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace(): pos += 1
    start = pos
    while not data[pos:pos + 1].isspace(): pos += 1
    fields.append(data[start:pos])
pixels = data[pos + 1:]
counts = {}
for colour in sys.argv[2].split(","):
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    counts[colour] = sum(1 for i in range(0, len(pixels), 3)
                         if abs(pixels[i] - r) <= 3 and abs(pixels[i + 1] - g) <= 3 and abs(pixels[i + 2] - b) <= 3)
missing = [c for c, n in counts.items() if n < 20]
print("  pixels of each series' colour: " + ", ".join(f"#{c} {n}" for c, n in counts.items()))
sys.exit(f"  no bars drawn in #{', #'.join(missing)}" if missing else 0)
PY
  echo "$name: LibreOffice drew the chart on page $page of $pages; look at $out/$name-activity.png (and -150dpi.png)"
}

# The series' colours, in order (ActivityChart.cs); BAB0AC is Other's grey.
# The demo's own data may change: its page need only show the chart, with its busiest integration's colour.
check demo 4E79A7
check busy 4E79A7,F28E2B,E15759,76B7B2,59A14F,EDC948,B07AA1,BAB0AC "${legend[@]}"
