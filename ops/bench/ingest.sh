#!/usr/bin/env bash
# Webhook ingest: signed Twilio status callbacks into the receiver's durable inbox on MariaDB (schema
# bench_ingest, dropped at the end), loaded from separate processes on loopback, versus a bare endpoint
# answering 204 (BENCH_BARE=micronaut, the default: bare-micronaut/, the receiver's Micronaut and Netty with
# one controller and nothing else, built on first use; BENCH_BARE=jdk: src/Bare204.java, the JDK's
# HttpServer, which does less), in one run with the same load:
#   0. warm-up: wrk as below for WARMUP s against each server, on requests not used afterwards, so that both are
#      measured after the JIT compiled their hot paths (as a receiver that has been running for a while);
#   1. max throughput: wrk (2 threads, 32 connections, DURATION s) with pre-signed requests, each with its
#      own CallSid/CallStatus/SequenceNumber, i.e. its own dedupe key (repeats only if wrk wraps around);
#   2. fixed rate: ops/bench/src/FixedRate.java sends 500 req/s for 20 s of requests not sent before over 32
#      persistent connections, and reports p50/p99 from each request's scheduled time.
#
#   ops/bench/ingest.sh [DURATION_SECONDS]      (default 15)
# BENCH_KEEP=1 keeps the work directory (logs, wrk output); BENCH_RECEIVER_JAVA_OPTS adds JVM options (e.g. JFR).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION="${1:-15}"
[[ "$DURATION" =~ ^[0-9]+$ ]] && (( DURATION >= 5 && DURATION <= 60 )) || { echo "usage: $0 [DURATION_SECONDS 5..60]" >&2; exit 2; }
BARE="${BENCH_BARE:-micronaut}"
[[ "$BARE" == micronaut || "$BARE" == jdk ]] || { echo "BENCH_BARE is micronaut or jdk, not $BARE" >&2; exit 2; }
RATE=500; RATE_SECONDS=20; SCHEMA=bench_ingest; POOL=200000; WARMUP=10; WARMUP_REQUESTS=60000; THREADS=2; CONNECTIONS=32
ensure_built
ensure_wrk
if [[ "$BARE" == micronaut ]]; then
  BARE_LABEL="bare Micronaut 204"; BARE_DESCRIPTION="a Micronaut controller answering 204 (bare-micronaut/, the receiver's Micronaut version)"
  if [[ ! -d "$BENCH/bare-micronaut/target/lib" ]]; then
    echo "Building the bare Micronaut endpoint (mvn -B -q -f ops/bench/bare-micronaut/pom.xml package) ..." >&2
    mvn -B -q -f "$BENCH/bare-micronaut/pom.xml" -DskipTests package
  fi
  BARE_COMMAND=(java -Xmx512m -cp "$BENCH/bare-micronaut/target/classes:$BENCH/bare-micronaut/target/lib/*" bench.BareMicronaut)
else
  BARE_LABEL="bare JDK 204"; BARE_DESCRIPTION="the JDK's HttpServer answering 204 on 32 threads"
  BARE_COMMAND=(java -Xmx512m "$BENCH/src/Bare204.java")
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-ingest.XXXXXX")"
cleanup() {
  stop_all; mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true
  if [[ "${BENCH_KEEP:-}" == 1 ]]; then echo "Kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
cd "$WORK"

mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA; CREATE DATABASE $SCHEMA"
RECEIVER_PORT=$(free_port); BARE_PORT=$(free_port)
export DIALER_DATA_DIR="$WORK/data" DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA" DIALER_DB_USER=root DIALER_DB_PASSWORD=
export DIALER_PORT=$RECEIVER_PORT API_URL="http://127.0.0.1:$RECEIVER_PORT" DIALER_WEBHOOK_RATE_PER_SOURCE=1000000
# Several of our processes on this host (and other scripts beside it): no fixed console or management ports.
export DIALER_METRICS_PORT=0 DIALER_RECEIVER_METRICS_PORT=0 DIALER_CONSOLE_PORT=$(free_port)
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN
java -jar "$CLI_JAR" migrate > /dev/null 2>&1

echo "Signing $POOL status callbacks ..."
java "$BENCH/src/SignedRequests.java" "$API_URL" sandbox-auth-token "$POOL" requests.tsv
export REQUESTS_FILE="$WORK/requests.tsv" REQUESTS_LIMIT=$((POOL - RATE * RATE_SECONDS * 2))
# lines [0, WARMUP_REQUESTS) warm up, [WARMUP_REQUESTS, REQUESTS_LIMIT) are measured under wrk, the rest at a fixed rate

start receiver "$WORK/receiver.log" java ${BENCH_RECEIVER_JAVA_OPTS:-} -Xmx512m -jar "$RECEIVER_JAR"; RECEIVER_PID=$!
start bare "$WORK/bare.log" "${BARE_COMMAND[@]}" "$BARE_PORT"; BARE_PID=$!
wait_http "http://127.0.0.1:$RECEIVER_PORT/healthz" 90
for ((i = 0; i < 120; i++)); do grep -Eq 'ready|Startup completed' bare.log && break; sleep 0.5; done

IFS=$'\t' read -r p s b < <(sed -n "$((POOL))p" requests.tsv)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Twilio-Signature: $s" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "$b" "$API_URL$p")
[[ "$code" == 204 ]] || { echo "A signed request was answered $code, not 204; see $WORK/receiver.log" >&2; tail -20 receiver.log >&2; exit 1; }

warm_up() {  # warm_up URL
  REQUESTS_FIRST=0 REQUESTS_LIMIT=$WARMUP_REQUESTS wrk -t$THREADS -c$CONNECTIONS -d"${WARMUP}s" -s "$BENCH/signed.lua" "$1" -- $THREADS > /dev/null
}
wrk_run() {  # wrk_run NAME URL
  REQUESTS_FIRST=$WARMUP_REQUESTS wrk -t$THREADS -c$CONNECTIONS -d"${DURATION}s" --latency -s "$BENCH/signed.lua" "$2" -- $THREADS > "wrk-$1.txt"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ { print $2 }' "wrk-$1.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "wrk-$1.txt"); p99=$(awk '$1 == "99%" { print $2 }' "wrk-$1.txt")
  non2xx=$(awk '/Non-2xx/ { print $NF }' "wrk-$1.txt"); echo "$rps $p50 $p99 ${non2xx:-0}"
}
settle() {  # waits until the receiver has applied every stored callback (none pending); prints the seconds it took
  local t0=$SECONDS
  for ((i = 0; i < 600; i++)); do
    [[ $(mysql_root -N -e "SELECT COUNT(*) FROM $SCHEMA.webhook_inbox WHERE status = 'pending'") == 0 ]] && break
    sleep 0.2
  done
  echo $((SECONDS - t0))
}
echo "Warming up both servers (wrk, $WARMUP s each) ..."
warm_up "http://127.0.0.1:$BARE_PORT"
warm_up "$API_URL"
settle > /dev/null
echo "wrk against the $BARE_LABEL server ..."
cpu0=$(cpu_ms $BARE_PID)
read -r bare_rps bare_p50 bare_p99 bare_err < <(wrk_run bare "http://127.0.0.1:$BARE_PORT")
bare_cpu=$(( $(cpu_ms $BARE_PID) - cpu0 )); bare_sent=$(awk '/requests in/ { print $1 }' wrk-bare.txt)
echo "wrk against the receiver ..."
rows_before=$(mysql_root -N -e "SELECT COUNT(*) FROM $SCHEMA.webhook_inbox")
cpu0=$(cpu_ms $RECEIVER_PID); db_cpu0=$(mariadb_cpu_ms)
read -r rcv_rps rcv_p50 rcv_p99 rcv_err < <(wrk_run receiver "$API_URL")
rcv_cpu_answer=$(( $(cpu_ms $RECEIVER_PID) - cpu0 ))
applied_after=$(settle)  # the callbacks are applied after the answer: their CPU counts too
rcv_cpu=$(( $(cpu_ms $RECEIVER_PID) - cpu0 )); db_cpu=$(( $(mariadb_cpu_ms) - db_cpu0 ))
rows_after=$(mysql_root -N -e "SELECT COUNT(*) FROM $SCHEMA.webhook_inbox")
sent=$(awk '/requests in/ { print $1 }' wrk-receiver.txt)
echo "$RATE req/s for $RATE_SECONDS s against the receiver, then the bare server ..."
read -r fr_sent fr_p50 fr_p99 fr_max fr_status < <(java "$BENCH/src/FixedRate.java" "$API_URL" requests.tsv "$REQUESTS_LIMIT" $RATE $RATE_SECONDS)
read -r fb_sent fb_p50 fb_p99 fb_max fb_status < <(java "$BENCH/src/FixedRate.java" "http://127.0.0.1:$BARE_PORT" requests.tsv "$((REQUESTS_LIMIT + RATE * RATE_SECONDS))" $RATE $RATE_SECONDS)
by_status=$(mysql_root -N -e "SELECT GROUP_CONCAT(CONCAT(status, '=', n)) FROM (SELECT status, COUNT(*) n FROM $SCHEMA.webhook_inbox GROUP BY status) s")

TABLE="$WORK/table.md"
{
  echo "Receiver (Micronaut, -Xmx512m) on MariaDB 127.0.0.1:3306, pool ${DIALER_DB_POOL_SIZE:-40}; bare: $BARE_DESCRIPTION."
  echo "Both warmed up first by wrk for $WARMUP s on other requests. wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s with pre-signed status callbacks, each with its own dedupe key;"
  echo "$((REQUESTS_LIMIT - WARMUP_REQUESTS)) distinct requests for wrk (a faster run than that wraps around and repeats are acknowledged as duplicates)."
  echo "Fixed rate: ops/bench/src/FixedRate.java, $CONNECTIONS persistent connections, latency from each request's scheduled time."
  echo "The sessions do not exist, so stored callbacks end 'unmatched' (stored, applied, marked), as for a late or foreign callback."
  echo
  echo "| load | target | req/s | p50 | p99 | max | non-2xx / statuses |"
  echo "|---|---|---|---|---|---|---|"
  echo "| wrk max throughput | $BARE_LABEL | $bare_rps | $bare_p50 | $bare_p99 | | $bare_err |"
  echo "| wrk max throughput | receiver | $rcv_rps | $rcv_p50 | $rcv_p99 | | $rcv_err |"
  echo "| $RATE req/s for $RATE_SECONDS s | $BARE_LABEL | $RATE | ${fb_p50}ms | ${fb_p99}ms | ${fb_max}ms | $fb_status |"
  echo "| $RATE req/s for $RATE_SECONDS s | receiver | $RATE | ${fr_p50}ms | ${fr_p99}ms | ${fr_max}ms | $fr_status |"
  echo
  printf 'Throughput ratio receiver / bare: **%.3f** (target >= 0.3). p99 at %d req/s: **%s ms** (target <= 25 ms).\n' \
    "$(echo "$rcv_rps / $bare_rps" | bc -l)" "$RATE" "$fr_p99"
  printf 'Server CPU per request under wrk (user+sys from /proc): receiver %.2f ms (%.2f ms until wrk ended, the rest applying the last callbacks, all applied %d s after), MariaDB %.2f ms over the same time; bare %.3f ms.\n' \
    "$(echo "$rcv_cpu / $sent" | bc -l)" "$(echo "$rcv_cpu_answer / $sent" | bc -l)" "$applied_after" "$(echo "$db_cpu / $sent" | bc -l)" "$(echo "$bare_cpu / $bare_sent" | bc -l)"
  echo "wrk sent $sent requests to the receiver; inbox rows added: $((rows_after - rows_before)) (the rest: duplicates or refused). Inbox at the end: $by_status."
} > "$TABLE"
write_result ingest "$TABLE"
