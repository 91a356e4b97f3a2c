#!/usr/bin/env bash
# Imports a generated list of 1,000,000 contacts through the packaged CLI with a 256 MB heap, on a fresh
# embedded H2 database in a temporary folder, and prints rows/s, the largest heap after GC, and whether
# the import completed. Nothing big is committed: the CSV is generated here, at run time.
#
#   mvn -B -q package -pl campaigns -am -DskipTests && ops/bench/import-1m.sh [ROWS]
set -euo pipefail

ROWS="${1:-1000000}"
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$(ls "$HERE"/campaigns/target/dialer-campaigns-*.jar 2>/dev/null | grep -v tests | head -1 || true)"
if [[ -z "$JAR" ]]; then
  echo "No packaged CLI: run 'mvn -B -q package -pl campaigns -am -DskipTests' first." >&2
  exit 2
fi
H2_JAR="$(ls "$HERE"/campaigns/target/lib/h2-*.jar | head -1)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/import-1m.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export DIALER_DATA_DIR="$WORK/data"
unset DIALER_DB_URL DIALER_DB_USER DIALER_DB_PASSWORD
cd "$WORK"

echo "Generating $ROWS rows in $WORK/list.csv ..."
awk -v rows="$ROWS" 'BEGIN {
  print "phone,name,customer_id,consent,plan,city";
  for (i = 0; i < rows; i++) {
    printf "+1212%07d,Person %d,C%08d,yes,%s,\"New York, NY\"\n", 2000000 + i, i, i, (i % 3 ? "gold" : "silver");
  }
}' > list.csv
ls -l list.csv | awk '{ printf "File: %.1f MB\n", $5 / 1048576 }'

java -jar "$JAR" migrate > /dev/null
java -cp "$H2_JAR" org.h2.tools.Shell \
  -url "jdbc:h2:file:$DIALER_DATA_DIR/dialer;MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE" -user sa -password "" \
  -sql "INSERT INTO campaigns (name, status, agent_name, caller_id, default_region, allowed_countries, time_zone,
          window_start, window_end, allowed_days, requires_consent, max_attempts, retry_backoff_minutes,
          min_gap_minutes, machine_detection, calls_per_second, max_live_calls, created_at, updated_at)
        VALUES ('bench', 'draft', 'agent', '+19383362295', 'US', 'US', 'UTC', '08:00:00', '21:00:00',
          'MON,TUE,WED,THU,FRI,SAT,SUN', FALSE, 3, '60', 60, 'Enable', 1, 10, NOW(), NOW())" > /dev/null

start=$(date +%s.%N)
set +e
java -Xmx256m -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" import --campaign bench --no-progress list.csv > out.txt 2> err.txt
code=$?
set -e
end=$(date +%s.%N)

cat out.txt
[[ -s err.txt ]] && tail -5 err.txt >&2
seconds=$(echo "$end - $start" | bc -l)
peak=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)
printf 'Rows: %d   wall time: %.1f s (JVM and Spring start included)   rate: %.0f rows/s\n' \
  "$ROWS" "$seconds" "$(echo "$ROWS / $seconds" | bc -l)"
echo "Largest heap after a GC: ${peak:-?} MB of 256 MB"
if [[ $code -eq 0 ]] && grep -q "imported" out.txt; then echo "Completed: yes"; else echo "Completed: NO (exit $code)"; exit 1; fi
