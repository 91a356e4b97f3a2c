#!/usr/bin/env bash
# Dial overhead: calls/s through the whole dial job (claim, attempt, session and calls rows, shared rate
# limit on the database, create-call request) versus a bare loop of Twilio SDK create-call requests on
# the same number of threads, against the same sandbox (API latency 0, sandbox CPS 1000, limits 1000
# calls/s), in one run. Both make the same requests (the dial job's CallPlacer: TwiML URL and status
# callbacks on the receiver). Also CPU ms per placed call of the dialing process (the dial job's is
# /usr/bin/time's user+sys of `ops/dialer run` minus that of a run with nothing due, i.e. start-up).
#
#   ops/bench/dial.sh [CALLS] [DB]      CALLS default 2000; DB h2 (default) or mariadb (schema bench_dial)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CALLS="${1:-2000}"; DB="${2:-h2}"
[[ "$CALLS" =~ ^[0-9]+$ ]] && (( CALLS >= 100 && CALLS <= 20000 )) && [[ "$DB" == h2 || "$DB" == mariadb ]] \
  || { echo "usage: $0 [CALLS 100..20000] [h2|mariadb]" >&2; exit 2; }
THREADS=32; LIMIT=1000; SCHEMA=bench_dial
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-dial.XXXXXX")"
cleanup() { stop_all; [[ -n "${BENCH_KEEP:-}" ]] && cp -r "$WORK" "$BENCH_KEEP"; [[ "$DB" == mariadb ]] && mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true; rm -rf "$WORK"; }
trap cleanup EXIT

SANDBOX_PORT=$(free_port); RECEIVER_PORT=$(free_port)
export DIALER_DATA_DIR="$WORK/data"
if [[ "$DB" == mariadb ]]; then
  mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA; CREATE DATABASE $SCHEMA"
  export DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA" DIALER_DB_USER=root DIALER_DB_PASSWORD=
else
  unset DIALER_DB_URL DIALER_DB_USER DIALER_DB_PASSWORD
fi
# Calls ring 100 times slower than real time, so within the run each call sends the receiver only its
# 'initiated' callback, in both runs alike: the machine's CPU goes to dialing, not to playing calls.
export DIALER_SANDBOX_PORT=$SANDBOX_PORT DIALER_SANDBOX_API_LATENCY_MS=0 DIALER_SANDBOX_CPS=$LIMIT DIALER_SANDBOX_TIME_SCALE=0.01
export DIALER_ACCOUNT_CPS=$LIMIT DIALER_NUMBER_CPS=$LIMIT DIALER_PLACER_THREADS=$THREADS
export DIALER_PORT=$RECEIVER_PORT API_URL="http://127.0.0.1:$RECEIVER_PORT" DIALER_WEBHOOK_RATE_PER_SOURCE=100000
# Several of our processes on this host (and other scripts beside it): no fixed console or management ports.
export DIALER_METRICS_PORT=0 DIALER_RECEIVER_METRICS_PORT=0 DIALER_CONSOLE_PORT=$(free_port)
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN
cli() { java ${DIALER_JAVA_OPTS:-} -jar "$CLI_JAR" "$@"; }
cd "$WORK"

hour=$((10#$(date -u +%H))); offset=$((13 - hour)); ((offset > 14)) && offset=$((offset - 24)); ((offset < -12)) && offset=$((offset + 24))
if ((offset == 0)); then zone="Etc/GMT"; elif ((offset > 0)); then zone="Etc/GMT-$offset"; else zone="Etc/GMT+$((-offset))"; fi
awk -v rows="$CALLS" -v zone="$zone" 'BEGIN { print "phone,customer_id,name,timezone,consent";
  for (i = 0; i < rows; i++) printf "+1212%07d,C%07d,Person %d,%s,yes\n", 3000000 + i, i, i, zone; }' > list.csv

cli migrate > /dev/null
start sandbox "$WORK/sandbox.log" java -Xmx1g -cp "$LIB/*" sa.navaia.dialer.sandbox.SandboxMain
start receiver "$WORK/receiver.log" java -Xmx512m -jar "$RECEIVER_JAR"
wait_http "http://127.0.0.1:$SANDBOX_PORT/sandbox/health" 60
wait_http "http://127.0.0.1:$RECEIVER_PORT/healthz" 90
for name in dial empty; do
  cli campaign create --name "$name" --agent support --countries US --window 08:00-21:00 --days MON-SUN \
    --consent-required false --attempts 1 --cps $LIMIT --live-calls 100000 > /dev/null
  cli campaign resume "$name" > /dev/null
done
cli import --campaign dial --no-progress list.csv | tail -1
LEDGER="http://127.0.0.1:$SANDBOX_PORT/sandbox/ledger"

echo "Bare loop: $CALLS SDK create-call requests on $THREADS threads ..."
java -cp "$LIB/*" "$BENCH/src/BareDial.java" "$SANDBOX_PORT" "$CALLS" "$THREADS" 5000000 \
  "$API_URL" > bare.out
read -r _ bare_s bare_rate bare_cpu bare_failed < bare.out
read -r bare_n bare_span bare_ledger_rate _ < <(curl -fsS "$LEDGER" | python3 "$BENCH/ledger_stats.py" 0)
echo "  $bare_n calls, $bare_rate calls/s in the loop, $bare_failed failed"

echo "Start-up cost: a dial run with nothing due ..."
/usr/bin/time -f "%U %S %e" -o empty.time java -Ddialer.dial.horizon=PT0S -jar "$CLI_JAR" run --campaign empty > /dev/null 2>&1
echo "Dial job: $CALLS contacts ..."
/usr/bin/time -f "%U %S %e" -o dial.time java ${BENCH_DIAL_JAVA_OPTS:-} -Ddialer.dial.horizon=PT0S -jar "$CLI_JAR" run --campaign dial > dial.out 2> dial.err
tail -3 dial.out
read -r job_n job_span job_rate _ < <(curl -fsS "$LEDGER" | python3 "$BENCH/ledger_stats.py" "$bare_n")
read -r eu es ee < empty.time; read -r du ds de < dial.time
job_cpu=$(echo "($du + $ds - $eu - $es) * 1000" | bc -l)

TABLE="$WORK/table.md"
{
  echo "Sandbox API latency 0 ms, sandbox CPS $LIMIT; account, caller-ID and campaign limits $LIMIT calls/s;"
  echo "$THREADS threads on both sides; database $DB; the sandbox and the webhook receiver run as their own processes."
  echo "calls/s from the sandbox ledger (first to last request received)."
  echo
  echo "| side | calls | calls/s | CPU ms per call (dialing process) |"
  echo "|---|---|---|---|"
  printf '| bare SDK loop | %d | %s | %.2f |\n' "$bare_n" "$bare_ledger_rate" "$(echo "$bare_cpu / $bare_n" | bc -l)"
  printf '| dial job | %d | %s | %.2f |\n' "$job_n" "$job_rate" "$(echo "$job_cpu / $job_n" | bc -l)"
  echo
  printf 'Ratio dial job / bare: **%.3f** (target >= 0.5). Dial job process wall time %s s (start-up alone %s s).\n' \
    "$(echo "$job_rate / $bare_ledger_rate" | bc -l)" "$de" "$ee"
  echo "Bare CPU is the loop's own process CPU (JVM start excluded); dial job CPU is user+sys of the run minus a run with nothing due."
} > "$TABLE"
write_result "dial-$DB" "$TABLE"
