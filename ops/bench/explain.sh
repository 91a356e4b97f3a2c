#!/usr/bin/env bash
# Are the hot queries indexed at scale? Builds, on MariaDB (schema bench_explain), the history of a busy dialer with
# INSERT ... SELECT from MariaDB's sequence tables (seq_1_to_N): CONTACTS contacts (ten older campaigns, all called,
# and a new 20,000-contact campaign with the highest ids), ATTEMPTS call_attempts rows (one dial in ten, with its
# session and call row) and INBOX applied webhook payloads (explain-data.sql). Then runs every query of
# hot-queries.sql with ANALYZE (plans.py), prints each plan (access type, index, rows read) and exits 1 when a hot
# query reads a table end to end or more rows than its bound.
#
# The schema is the migrations' (ops/dialer migrate). BENCH_REUSE=1 keeps the schema at the end and, when it exists
# already, applies only new migrations to it and reuses its data (to check a new index without rebuilding the data).
#
#   ops/bench/explain.sh [CONTACTS] [ATTEMPTS] [INBOX]     (defaults 1000000 10000000 2000000: about 6 min here)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CONTACTS="${1:-1000000}"; ATTEMPTS="${2:-10000000}"; INBOX="${3:-2000000}"
NEW=20000
[[ "$CONTACTS" =~ ^[0-9]+$ && "$ATTEMPTS" =~ ^[0-9]+$ && "$INBOX" =~ ^[0-9]+$ ]] && ((CONTACTS > NEW && ATTEMPTS >= 10 && INBOX >= 1)) \
  || { echo "usage: $0 [CONTACTS > $NEW] [ATTEMPTS >= 10] [INBOX >= 1]" >&2; exit 2; }
OLD=$((CONTACTS - NEW))
SCHEMA=bench_explain
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-explain.XXXXXX")"
cleanup() {
  [[ "${BENCH_REUSE:-}" == 1 ]] || mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export DIALER_DATA_DIR="$WORK/data" DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA" DIALER_DB_USER=root DIALER_DB_PASSWORD=
cli() { java -jar "$CLI_JAR" "$@"; }
seconds_since() { echo "$(date +%s.%N) - $1" | bc -l | xargs printf '%.1f'; }

existing=$(mysql_root -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$SCHEMA' AND table_name = 'call_attempts'")
if [[ "${BENCH_REUSE:-}" == 1 && "$existing" == 1 ]]; then
  echo "Reusing the data in $SCHEMA; applying new migrations (index builds on the existing rows) ..."
  start_s=$(date +%s.%N); cli migrate | tail -1; echo "  migrations took $(seconds_since "$start_s") s"
else
  mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA; CREATE DATABASE $SCHEMA"
  cli migrate | tail -1
  echo "Generating $CONTACTS contacts ($NEW of them the new campaign's), $ATTEMPTS attempt rows and $INBOX inbox payloads ..."
  start_s=$(date +%s.%N)
  sed -e "s/@OLD@/$OLD/g; s/@NEW@/$NEW/g; s/@ATTEMPTS@/$ATTEMPTS/g; s/@INBOX@/$INBOX/g" "$BENCH/explain-data.sql" \
    | mysql_root "$SCHEMA" > /dev/null
  echo "  generated in $(seconds_since "$start_s") s"
fi
mysql_root -t -e "SELECT table_name, table_rows AS 'rows (estimate)', ROUND(data_length / 1048576) AS data_mb,
                         ROUND(index_length / 1048576) AS index_mb
                    FROM information_schema.tables WHERE table_schema = '$SCHEMA'
                     AND table_name IN ('contacts', 'call_attempts', 'voice_sessions', 'calls', 'webhook_inbox')
                   ORDER BY table_name"

OUT="$WORK/plans.txt"
status=0
python3 "$BENCH/plans.py" "$BENCH/hot-queries.sql" "$SCHEMA" > "$OUT" || status=$?
TABLE="$WORK/table.md"
{
  echo "$CONTACTS contacts, $ATTEMPTS call_attempts rows, $INBOX webhook_inbox rows (MariaDB $(mysql_root -N -e 'SELECT VERSION()'))."
  echo "Each hot query run with ANALYZE: the tables it read, their access type and index, and the rows read."
  echo
  echo '```'
  cat "$OUT"
  echo '```'
} > "$TABLE"
write_result explain "$TABLE"
exit "$status"
