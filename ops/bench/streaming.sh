#!/usr/bin/env bash
# A night at the wrong hour, and what it leaves behind, for one list of ROWS contacts (issue 21, points 1 and 2):
# import, dry run, a run with every contact outside its calling window, and the report as CSV and HTML, each under
# -Xmx256m through the packaged CLI; prints per step the wall time (JVM and Spring start included), rows/s, the
# CPU ms per 1,000 rows of the CLI and of MariaDB, the peak heap (largest heap before a GC) and the largest heap
# after a GC, and whether it completed.
#
#   ops/bench/streaming.sh [ROWS] [mariadb|h2]        (default 100000 mariadb; scale.sh calls it per size)
#
# BENCH_HEAP=256m sets the heap limit; BENCH_KEEP=DIR keeps the work folder (logs, reports, GC logs); BENCH_CLI_JAR=FILE
# runs another build of the CLI (an older one, to compare), BENCH_LABEL=before names its result file; BENCH_GENERATE=1
# (MariaDB) writes the list and one skip row per contact with SQL instead of importing and running: the dry run and
# the reports on a 1,000,000-row history in a minute or two.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${1:-100000}"
DB="${2:-mariadb}"
HEAP="${BENCH_HEAP:-256m}"
SCHEMA="bench_streaming_$$"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/streaming.XXXXXX")"
cleanup() { [[ -n "${BENCH_KEEP:-}" ]] && cp -r "$WORK" "$BENCH_KEEP"; [[ "$DB" == mariadb ]] && mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true; rm -rf "$WORK"; }
trap cleanup EXIT
if [[ -z "${BENCH_CLI_JAR:-}" ]] && ! ls "$ROOT"/campaigns/target/dialer-campaigns-*.jar >/dev/null 2>&1; then
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl campaigns -am)
fi
CLI_JAR="${BENCH_CLI_JAR:-$(ls "$ROOT"/campaigns/target/dialer-campaigns-*.jar | grep -v -- '-tests\.jar$' | head -1)}"
cd "$WORK"
export DIALER_DATA_DIR="$WORK/data"
if [[ "$DB" == mariadb ]]; then
  mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA; CREATE DATABASE $SCHEMA"
  export DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA" DIALER_DB_USER=root DIALER_DB_PASSWORD=
else
  unset DIALER_DB_URL DIALER_DB_USER DIALER_DB_PASSWORD
fi

# Every contact's zone is chosen so that it is about 03:00 there now: outside any 08:00-21:00 window.
hour=$((10#$(date -u +%H))); offset=$((3 - hour)); ((offset > 14)) && offset=$((offset - 24)); ((offset < -12)) && offset=$((offset + 24))
if ((offset == 0)); then zone="Etc/GMT"; elif ((offset > 0)); then zone="Etc/GMT-$offset"; else zone="Etc/GMT+$((-offset))"; fi
awk -v rows="$ROWS" -v zone="$zone" 'BEGIN { print "phone,customer_id,name,timezone,consent";
  for (i = 0; i < rows; i++) printf "+1212%07d,C%08d,Person %d,%s,yes\n", 2000000 + i, i, i, zone; }' > list.csv

cli() { java -jar "$CLI_JAR" "$@"; }
cli migrate > /dev/null
cli campaign create --name night --agent support --countries US --window 08:00-21:00 --days MON-SUN \
  --consent-required false --attempts 3 > /dev/null
cli campaign resume night > /dev/null

TABLE="$WORK/table.md"
{ echo "$ROWS contacts on $DB, each under -Xmx$HEAP. Wall time includes JVM and Spring start (about 3-5 s on an idle"
  echo "machine) and follows the machine's load; CPU time (user + system of the CLI's JVM, and MariaDB's) does much less so."
  echo
  echo "| step | rows | wall time | rows/s | CPU ms per 1,000 rows: CLI | MariaDB | peak heap | largest heap after GC | completed |"
  echo "|---|---|---|---|---|---|---|---|---|"; } > "$TABLE"

# measure STEP ROWS command... : runs the CLI under -Xmx$HEAP with a GC log, adds a line to the table
measure() {
  local step="$1" rows="$2" code; shift 2
  local start end seconds peak live db_before db_after cli_cpu
  start=$(date +%s.%N)
  db_before=$(mariadb_cpu_ms)
  set +e
  TIMEFORMAT='%U %S'
  { time java -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc-$step.log" -jar "$CLI_JAR" "$@" > "$WORK/$step.out" 2> "$WORK/$step.err"; } 2> "$WORK/$step.time"
  code=$?
  set -e
  end=$(date +%s.%N)
  db_after=$(mariadb_cpu_ms)
  cli_cpu=$(awk '{ print ($1 + $2) * 1000 }' "$WORK/$step.time")
  seconds=$(echo "$end - $start" | bc -l)
  peak=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc-$step.log" | sed -E 's/M->.*//' | sort -n | tail -1)
  live=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc-$step.log" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)
  printf '| %s | %d | %.1f s | %.0f | %.0f | %s | %s MB | %s MB | %s |\n' "$step" "$rows" "$seconds" "$(echo "$rows / $seconds" | bc -l)" \
    "$(echo "$cli_cpu * 1000 / $rows" | bc -l)" "$([[ "$DB" == mariadb ]] && printf '%.0f' "$(echo "($db_after - $db_before) * 1000 / $rows" | bc -l)" || echo -)" \
    "${peak:-?}" "${live:-?}" "$([[ $code -eq 0 ]] && echo yes || echo "NO (exit $code)")" >> "$TABLE"
  echo "$step: exit $code in $(printf '%.1f' "$seconds") s" >&2
  [[ $code -eq 0 ]] || tail -3 "$WORK/$step.err" >&2
}

if [[ -n "${BENCH_GENERATE:-}" && "$DB" == mariadb ]]; then
  # The list and a night of skip rows written by SQL (MariaDB's sequence engine), for the dry run and the report alone.
  mysql_root "$SCHEMA" -e "
    INSERT INTO contacts (campaign_id, phone_e164, customer_id, time_zones, consent, status, created_at, updated_at)
      SELECT 1, CONCAT('+1212', 2000000 + seq), CONCAT('C', seq), '$zone', TRUE, 'pending', NOW(3), NOW(3)
        FROM seq_0_to_$((ROWS - 1));
    INSERT INTO call_attempts (campaign_id, contact_id, decision, reason_code, reason_detail, phone_e164, caller_id,
                               recipient_zone, recipient_local_time, status, run_id, decided_at)
      SELECT 1, id, 'skip', 'outside_calling_window', 'It is 03:00 for the recipient; calls are allowed 08:00-21:00.',
             phone_e164, '+19383362295', '$zone', '2026-12-03T03:00:00-05:00', 'skipped', 'dialCampaign/1', NOW(3)
        FROM contacts"
  measure dry-run "$ROWS" run --campaign night --dry-run
else
  measure import "$ROWS" import --campaign night --no-progress list.csv
  measure dry-run "$ROWS" run --campaign night --dry-run
  measure out-of-window-run "$ROWS" run --campaign night
fi
skips=$(grep -c 'outside_calling_window' "$WORK/dry-run.out" || true)
measure report-csv "$ROWS" report --campaign night --format csv --out "$WORK/report.csv"
measure report-html "$ROWS" report --campaign night --format html --out "$WORK/report.html"
{ echo
  echo "Dry run: $skips lines outside_calling_window. Out-of-window run: $(grep -m1 'Contacts by status' "$WORK/out-of-window-run.out" 2>/dev/null || echo 'not run')."
  echo "Report sizes: CSV $(du -h "$WORK/report.csv" 2>/dev/null | cut -f1), HTML $(du -h "$WORK/report.html" 2>/dev/null | cut -f1)."; } >> "$TABLE"
write_result "streaming-$DB-$ROWS${BENCH_LABEL:+-$BENCH_LABEL}" "$TABLE"
