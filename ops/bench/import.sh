#!/usr/bin/env bash
# Import: ROWS generated contacts through the packaged CLI (`ops/dialer import`, the Spring Batch import
# job) versus a bare loop (opencsv + libphonenumber + plain JDBC batch inserts into the same table), each
# into its own fresh database, both in a JVM with -Xmx256m. Prints rows/s (process wall time, JVM start
# included on both sides) and the heap: the most in use before any GC and the most left after one.
#
#   ops/bench/import.sh [ROWS] [DB]      ROWS default 1000000; DB h2 (default) or mariadb
# BENCH_IMPORT_JAVA_OPTS adds JVM options to the import job (e.g. JFR).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${1:-1000000}"; DB="${2:-h2}"
[[ "$ROWS" =~ ^[0-9]+$ ]] && (( ROWS >= 1000 && ROWS <= 5000000 )) && [[ "$DB" == h2 || "$DB" == mariadb ]] \
  || { echo "usage: $0 [ROWS 1000..5000000] [h2|mariadb]" >&2; exit 2; }
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-import.XXXXXX")"
cleanup() { stop_all; if [[ "$DB" == mariadb ]]; then mysql_root -e "DROP DATABASE IF EXISTS bench_import_cli; DROP DATABASE IF EXISTS bench_import_bare" || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN
cd "$WORK"

echo "Generating $ROWS rows ..."
awk -v rows="$ROWS" 'BEGIN {
  print "phone,name,customer_id,consent,plan,city";
  for (i = 0; i < rows; i++) printf "+1212%07d,Person %d,C%08d,yes,%s,\"New York, NY\"\n", 2000000 + i, i, i, (i % 3 ? "gold" : "silver");
}' > list.csv
size_mb=$(du -m list.csv | cut -f1)

database() {  # database SIDE : sets DIALER_DATA_DIR and DIALER_DB_*, migrates, creates campaign "bench" (id 1)
  export DIALER_DATA_DIR="$WORK/$1"
  if [[ "$DB" == mariadb ]]; then
    mysql_root -e "DROP DATABASE IF EXISTS bench_import_$1; CREATE DATABASE bench_import_$1"
    export DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/bench_import_$1?rewriteBatchedStatements=true" DIALER_DB_USER=root DIALER_DB_PASSWORD=
  else
    export DIALER_DB_URL="jdbc:h2:file:$DIALER_DATA_DIR/dialer;MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE" DIALER_DB_USER=sa DIALER_DB_PASSWORD=
  fi
  java -jar "$CLI_JAR" migrate > /dev/null 2>&1
  java -jar "$CLI_JAR" campaign create --name bench --agent agent --consent-required false > /dev/null 2>&1
}
heap() {  # heap GC_LOG : "peak_before_gc max_after_gc" in MB
  grep -oE '[0-9]+M->[0-9]+M' "$1" | awk -F'M->' '{ b = $1 + 0; a = $2 + 0; if (b > mb) mb = b; if (a > ma) ma = a } END { print mb + 0, ma + 0 }'
}
timed() {  # timed NAME command... : runs it, prints its wall seconds
  local s e; s=$(date +%s.%N); "${@:2}" > "$1.out" 2> "$1.err" || { tail -5 "$1.err" >&2; echo "$1 failed" >&2; exit 1; }
  e=$(date +%s.%N); echo "$e - $s" | bc -l
}

echo "Import job (CLI) ..."
database cli
cli_s=$(timed cli java ${BENCH_IMPORT_JAVA_OPTS:-} -Xmx256m -Xlog:gc:file="$WORK/cli-gc.log" -jar "$CLI_JAR" import --campaign bench --no-progress list.csv)
cat cli.out
cli_rows=$(java -cp "$LIB/*" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/cli/dialer;MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE" \
  -user sa -password "" -sql "SELECT COUNT(*) FROM contacts" 2>/dev/null | sed -n 2p | tr -d ' ' || true)
[[ "$DB" == mariadb ]] && cli_rows=$(mysql_root -N -e "SELECT COUNT(*) FROM bench_import_cli.contacts")
read -r cli_peak cli_live < <(heap cli-gc.log)

echo "Bare loop ..."
database bare
bare_s=$(timed bare java -Xmx256m -Xlog:gc:file="$WORK/bare-gc.log" -cp "$LIB/*" "$BENCH/src/BareImport.java" \
  "$DIALER_DB_URL" "$DIALER_DB_USER" "" 1 list.csv)
read -r bare_rows bare_loop_s _ < bare.out
read -r bare_peak bare_live < <(heap bare-gc.log)

cli_rate=$(echo "$cli_rows / $cli_s" | bc -l); bare_rate=$(echo "$bare_rows / $bare_s" | bc -l)
TABLE="$WORK/table.md"
{
  echo "$ROWS generated rows ($size_mb MB CSV), database $DB, each side in a fresh database, -Xmx256m, G1."
  echo "Wall time of the whole process (JVM start, and for the bare loop compiling its one source file, included)."
  echo
  echo "| side | rows stored | wall s | rows/s | heap peak before GC, MB | most live after GC, MB |"
  echo "|---|---|---|---|---|---|"
  printf '| import job (ops/dialer import) | %s | %.1f | %.0f | %s | %s |\n' "$cli_rows" "$cli_s" "$cli_rate" "$cli_peak" "$cli_live"
  printf '| bare opencsv + libphonenumber + JDBC | %s | %.1f | %.0f | %s | %s |\n' "$bare_rows" "$bare_s" "$bare_rate" "$bare_peak" "$bare_live"
  echo
  printf 'Ratio import job / bare: **%.3f** (target >= 0.5). Bare loop time without JVM start: %s s.\n' \
    "$(echo "$cli_rate / $bare_rate" | bc -l)" "$bare_loop_s"
} > "$TABLE"
write_result "import-$DB" "$TABLE"
