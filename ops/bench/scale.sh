#!/usr/bin/env bash
# Scale: what each step a user takes costs as the list grows, on MariaDB (schema bench_scale, dropped at the end).
# For each SIZE a campaign of SIZE contacts whose local time is about 03:00 (everyone outside the 08:00-21:00 calling
# window, like a nightly run scheduled at the wrong hour for the list) goes through the CLI (ops/dialer), as a user
# runs it, each command in a JVM with -Xmx256m:
#   import        ops/dialer import --campaign C list.csv
#   dry run       ops/dialer run --campaign C --dry-run      (its output to a file)
#   run           ops/dialer run --campaign C                (every contact skipped: outside_calling_window)
#   next night    the contacts' next attempt moved to a minute ago (as if their window had opened and closed while
#                 nobody dialed: the state of the list the next night), then ops/dialer run --campaign C --date TOMORROW
#   report        ops/dialer report --campaign C --format F  (each of BENCH_REPORT_FORMATS, default "csv json html")
# Per step: wall time (JVM start included), rows per second (rows = the list's size; for the runs the skip rows they
# wrote), the peak heap (the most in use before a GC, or at exit; from -Xlog:gc) and the exit status. A step that fails
# (an OutOfMemoryError under -Xmx256m, say) is reported as failed and the next steps of that size still run.
#
#   ops/bench/scale.sh [SIZE ...]          (default 10000 100000 1000000)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZES=("$@"); ((${#SIZES[@]})) || SIZES=(10000 100000 1000000)
for size in "${SIZES[@]}"; do
  [[ "$size" =~ ^[0-9]+$ ]] && ((size >= 100 && size <= 5000000)) || { echo "usage: $0 [SIZE 100..5000000 ...]" >&2; exit 2; }
done
FORMATS="${BENCH_REPORT_FORMATS:-csv json html}"
HEAP="${BENCH_HEAP:-256m}"
SCHEMA=bench_scale
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-scale.XXXXXX")"
cleanup() {
  mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true
  if [[ "${BENCH_KEEP:-}" == 1 ]]; then echo "Kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA; CREATE DATABASE $SCHEMA"
export DIALER_DATA_DIR="$WORK/data" DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA" DIALER_DB_USER=root DIALER_DB_PASSWORD=
export DIALER_METRICS_PORT=0 DIALER_RECEIVER_METRICS_PORT=0
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN DIALER_JAVA_OPTS
DIALER="$ROOT/ops/dialer"
cd "$WORK"
"$DIALER" migrate > /dev/null

# Recipient zones where it is about 03:00 now: outside the 08:00-21:00 window, which opens more than the run's
# one-hour horizon later.
hour=$((10#$(date -u +%H))); offset=$((3 - hour)); ((offset > 14)) && offset=$((offset - 24)); ((offset < -12)) && offset=$((offset + 24))
if ((offset == 0)); then zone="Etc/GMT"; elif ((offset > 0)); then zone="Etc/GMT-$offset"; else zone="Etc/GMT+$((-offset))"; fi
echo "Recipients in $zone (local time about 03:00)"

heap_mb() {  # heap_mb GC_LOG : the most heap in use before a GC or at exit, in MB
  { grep -oE '[0-9]+M->[0-9]+M' "$1" | awk -F'M->' '{ print $1 + 0 }'
    grep -oE 'heap +total [0-9]+K, used [0-9]+K' "$1" | grep -oE 'used [0-9]+' | awk '{ print int($2 / 1024) }'; } | sort -n | tail -1
}
TABLE="$WORK/table.md"
{
  echo "MariaDB, every command through ops/dialer in a JVM with -Xmx$HEAP; recipients outside their calling window ($zone)."
  echo "rows/s: the list's size (import, dry run, report) or the skip rows written (runs) over the wall time, JVM start included."
  echo
  echo "| contacts | step | wall s | rows | rows/s | µs per contact | peak heap MB | exit |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$TABLE"

# step SIZE NAME ROWS_SQL command... : runs the command with the heap limit and a GC log, then adds a table row; ROWS_SQL
# counts the rows the step is credited with (empty: the list's size)
step() {
  local size="$1" name="$2" rows_sql="$3"; shift 3
  local log="$WORK/$size-${name// /-}" start end wall status=0 rows
  echo "  $name ..."
  start=$(date +%s.%N)
  DIALER_JAVA_OPTS="-Xmx$HEAP -Xlog:gc,gc+heap+exit:file=$log.gc" "$@" > "$log.out" 2> "$log.err" || status=$?
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc -l)
  if [[ -n "$rows_sql" ]]; then rows=$(mysql_root -N "$SCHEMA" -e "$rows_sql"); else rows=$size; fi
  ((status == 0)) || { echo "    exit $status: $(grep -m1 -E 'Error|Exception' "$log.err" "$log.out" | head -1)" >&2; }
  printf '| %d | %s | %.1f | %d | %.0f | %.0f | %s | %s |\n' "$size" "$name" "$wall" "$rows" "$(echo "$rows / $wall" | bc -l)" \
    "$(echo "$wall * 1000000 / $size" | bc -l)" "$(heap_mb "$log.gc")" \
    "$( ((status == 0)) && echo ok || echo "failed ($status)")" >> "$TABLE"
}

for size in "${SIZES[@]}"; do
  name="scale-$size"
  echo "== $size contacts"
  awk -v rows="$size" -v zone="$zone" 'BEGIN {
    print "phone,customer_id,name,timezone,consent,plan";
    for (i = 0; i < rows; i++) printf "+1212%07d,C%07d,Person %d,%s,yes,%s\n", 2000000 + i, i, i, zone, (i % 3 ? "gold" : "silver");
  }' > "$WORK/$name.csv"
  "$DIALER" campaign create --name "$name" --agent support --countries US --window 08:00-21:00 --days MON-SUN \
    --consent-required false --attempts 3 > /dev/null
  "$DIALER" campaign resume "$name" > /dev/null
  step "$size" import "" "$DIALER" import --campaign "$name" --no-progress "$WORK/$name.csv"
  step "$size" "dry run" "" "$DIALER" run --campaign "$name" --dry-run
  before=$(mysql_root -N "$SCHEMA" -e "SELECT COALESCE(MAX(id), 0) FROM call_attempts")
  step "$size" "run, all outside the window" \
    "SELECT COUNT(*) FROM call_attempts WHERE id > $before AND decision = 'skip'" "$DIALER" run --campaign "$name"
  # The next night: the window opened and closed since, so every contact is due again.
  mysql_root "$SCHEMA" -e "UPDATE contacts c JOIN campaigns cp ON cp.id = c.campaign_id SET c.next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
                            WHERE cp.name = '$name' AND c.status IN ('pending', 'retry') AND c.next_attempt_at IS NOT NULL"
  before=$(mysql_root -N "$SCHEMA" -e "SELECT COALESCE(MAX(id), 0) FROM call_attempts")
  step "$size" "next night's run" \
    "SELECT COUNT(*) FROM call_attempts WHERE id > $before AND decision = 'skip'" \
    "$DIALER" run --campaign "$name" --date "$(TZ="$zone" date -d tomorrow +%Y-%m-%d)"
  for format in $FORMATS; do
    step "$size" "report $format" "" "$DIALER" report --campaign "$name" --format "$format"
  done
  mysql_root -N "$SCHEMA" -e "SELECT CONCAT('  call_attempts now ', COUNT(*), ' rows') FROM call_attempts"
done
mysql_root -t -e "SELECT table_name, table_rows AS 'rows (estimate)', ROUND(data_length / 1048576) AS data_mb,
                         ROUND(index_length / 1048576) AS index_mb
                    FROM information_schema.tables WHERE table_schema = '$SCHEMA'
                     AND table_name IN ('contacts', 'call_attempts') ORDER BY table_name" >> "$TABLE"
write_result scale "$TABLE"
