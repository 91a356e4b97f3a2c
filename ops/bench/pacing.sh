#!/usr/bin/env bash
# Pacing fidelity: the dial job against the sandbox (300 ms API latency, sandbox account CPS 200) with 50
# calls/s configured everywhere (account, caller ID, campaign), on MariaDB (schema bench_pacing, dropped
# at the end). Phase 0: the shared limiter alone (src/LimiterAlone.java: grants, no calls), one process and
# then two. Phase 1: one worker process. Phase 2: two worker processes (lanes 1 and 2 of one run) sharing
# the database-backed limit. Phase 3: one worker with every limit at 1000 calls/s, i.e. as fast as this
# machine can place calls with the sandbox, the receiver and MariaDB on the same cores (the ceiling the
# dial phases cannot pass). Measured on the sandbox's ledger (phase 0: on the grants): calls/s from the
# first to the last request, and the most requests received in any one-second sliding window. The
# baseline is the configured rate itself (the target: >= 0.99 x 50 calls/s, never more than 50 in one
# second). BENCH_CPS changes the rate (default 50), BENCH_LIMITER_SECONDS phase 0's length (30);
# BENCH_PHASES runs only the named phases (e.g. "pacing-1w ceiling-1w"), BENCH_KEEP=1 keeps the work
# directory (the workers' logs) and prints its path. After its workers exit, a dial phase waits for its calls to end
# and their callbacks to be applied (BENCH_DRAIN_SECONDS, 240, at most), then reads the receiver's store-to-applied
# histogram; BENCH_TIME_SCALE (1) plays the sandbox's calls faster.
#
# A phase is stopped (SIGTERM to its workers) after MAX_SECONDS; the rates are then over what was placed.
#
#   ops/bench/pacing.sh [CONTACTS_PER_PHASE] [MAX_SECONDS]   (defaults 3000: 60 s at 50 calls/s; 120)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CONTACTS="${1:-3000}"; MAX_SECONDS="${2:-120}"
[[ "$CONTACTS" =~ ^[0-9]+$ && "$MAX_SECONDS" =~ ^[0-9]+$ ]] && (( CONTACTS >= 100 && CONTACTS <= 20000 && MAX_SECONDS >= 10 && MAX_SECONDS <= 600 )) \
  || { echo "usage: $0 [CONTACTS_PER_PHASE 100..20000] [MAX_SECONDS 10..600]" >&2; exit 2; }
CPS="${BENCH_CPS:-50}"
[[ "$CPS" =~ ^[0-9]+$ ]] && (( CPS >= 1 && CPS <= 1000 )) || { echo "BENCH_CPS is a whole number of calls/s, 1..1000; got $CPS" >&2; exit 2; }
SCHEMA=bench_pacing
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-pacing.XXXXXX")"
PHASES=" ${BENCH_PHASES:-limiter-1p limiter-2p pacing-1w pacing-2w ceiling-1w} "
wants() { [[ "$PHASES" == *" $1 "* ]]; }
cleanup() {
  stop_all; mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true
  if [[ "${BENCH_KEEP:-}" == 1 ]]; then echo "Kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA; CREATE DATABASE $SCHEMA"
SANDBOX_PORT=$(free_port); RECEIVER_PORT=$(free_port)
export DIALER_DATA_DIR="$WORK/data" DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA" DIALER_DB_USER=root DIALER_DB_PASSWORD=
export DIALER_SANDBOX_PORT=$SANDBOX_PORT DIALER_SANDBOX_API_LATENCY_MS=300 DIALER_SANDBOX_CPS=200 DIALER_SANDBOX_TIME_SCALE="${BENCH_TIME_SCALE:-1}"
export DIALER_ACCOUNT_CPS=$CPS DIALER_NUMBER_CPS=$CPS DIALER_PLACER_THREADS=32
# No agent leg fails: two would pause the campaign (the abandonment guard), ending the phase early.
export DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE=0
export DIALER_PORT=$RECEIVER_PORT API_URL="http://127.0.0.1:$RECEIVER_PORT" DIALER_WEBHOOK_RATE_PER_SOURCE=100000
# Several of our processes on this host (and other scripts beside it): no fixed console or management ports.
# The receiver's management port is read for the inbox's store-to-applied histogram.
RECEIVER_METRICS_PORT=$(free_port)
export DIALER_METRICS_PORT=0 DIALER_RECEIVER_METRICS_PORT=$RECEIVER_METRICS_PORT DIALER_CONSOLE_PORT=$(free_port)
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN
cli() { java ${DIALER_JAVA_OPTS:-} -jar "$CLI_JAR" "$@"; }
cd "$WORK"

# Recipient zones where it is about 13:00 now, so every contact is inside the 08:00-21:00 window.
hour=$((10#$(date -u +%H))); offset=$((13 - hour)); ((offset > 14)) && offset=$((offset - 24)); ((offset < -12)) && offset=$((offset + 24))
if ((offset == 0)); then zone="Etc/GMT"; elif ((offset > 0)); then zone="Etc/GMT-$offset"; else zone="Etc/GMT+$((-offset))"; fi
echo "Recipients in $zone (local time about 13:00)"
list() {  # list FILE FIRST_NUMBER
  awk -v rows="$CONTACTS" -v first="$2" -v zone="$zone" 'BEGIN {
    print "phone,customer_id,name,timezone,consent";
    for (i = 0; i < rows; i++) printf "+1212%07d,C%07d,Person %d,%s,yes\n", first + i, first + i, i, zone;
  }' > "$1"
}

cli migrate > /dev/null
start sandbox "$WORK/sandbox.log" java ${BENCH_SANDBOX_JAVA_OPTS:-} -Xmx512m -cp "$LIB/*" sa.navaia.dialer.sandbox.SandboxMain
SANDBOX_PID=${PIDS[-1]}
start receiver "$WORK/receiver.log" java ${BENCH_RECEIVER_JAVA_OPTS:-} -Xmx512m -jar "$RECEIVER_JAR"
RECEIVER_PID=${PIDS[-1]}
wait_http "http://127.0.0.1:$SANDBOX_PORT/sandbox/health" 60
wait_http "http://127.0.0.1:$RECEIVER_PORT/healthz" 90

campaign() {  # campaign NAME FIRST_NUMBER [CPS]
  cli campaign create --name "$1" --agent support --countries US --window 08:00-21:00 --days MON-SUN \
    --consent-required false --attempts 1 --cps "${3:-$CPS}" --live-calls 100000 > /dev/null
  cli campaign resume "$1" > /dev/null
  list "$WORK/$1.csv" "$2"
  cli import --campaign "$1" --no-progress "$WORK/$1.csv" | tail -1
}
ledger_size() { curl -fsS "http://127.0.0.1:$SANDBOX_PORT/sandbox/ledger" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d if isinstance(d,list) else next(v for v in d.values() if isinstance(v,list))))'; }

TABLE="$WORK/table.md"
{
  echo "Configured: account, caller-ID and campaign $CPS calls/s; sandbox API latency 300 ms, sandbox CPS 200;"
  echo "$DIALER_PLACER_THREADS placer threads per worker; $CONTACTS contacts per phase, a phase stopped after $MAX_SECONDS s; MariaDB 127.0.0.1:3306."
  echo
  echo "| phase | calls | seconds | calls/s | ratio to $CPS (target >= 0.99) | max in any 1 s window (target <= $CPS) | dial job wall s |"
  echo "|---|---|---|---|---|---|---|"
} > "$TABLE"

table_row() {  # table_row LABEL CALLS SPAN RATE BEST START_S END_S
  printf '| %s | %d | %s | %s | %.3f | %s | %.1f |\n' "$1" "$2" "$3" "$4" "$(echo "$4 / $CPS" | bc -l)" "$5" \
    "$(echo "$7 - $6" | bc -l)" >> "$TABLE"
}

phase() {  # phase NAME WORKERS FIRST_NUMBER [CPS: every limit at this rate instead]
  local name="$1" workers="$2" phase_cps="${4:-$CPS}" before pids=() start_s end_s lane
  campaign "$name" "$3" "$phase_cps"
  before=$(ledger_size)
  local cpu_before=($(cpu_ms "$SANDBOX_PID") $(cpu_ms "$RECEIVER_PID") $(mariadb_cpu_ms))
  scrape_receiver > "$WORK/$name.before.prom"
  start_s=$(date +%s.%N)
  for ((lane = 1; lane <= workers; lane++)); do
    DIALER_ACCOUNT_CPS=$phase_cps DIALER_NUMBER_CPS=$phase_cps /usr/bin/time -f "%U %S" -o "$WORK/$name-$lane.cpu" timeout --signal=TERM --kill-after=20 "$MAX_SECONDS" java ${BENCH_WORKER_JAVA_OPTS:-} -Ddialer.dial.horizon=PT0S -jar "$CLI_JAR" run --campaign "$name" --lane "$lane" \
      > "$WORK/$name-$lane.out" 2> "$WORK/$name-$lane.err" &
    pids+=("$!"); PIDS+=("$!")
  done
  for pid in "${pids[@]}"; do wait "$pid" || echo "  worker $pid exited with $? (124: stopped after $MAX_SECONDS s)" >&2; done
  end_s=$(date +%s.%N)
  for ((lane = 1; lane <= workers; lane++)); do echo "  lane $lane: $(tail -3 "$WORK/$name-$lane.out" | tr '\n' ' ')"; done
  drain "$name"
  scrape_receiver > "$WORK/$name.after.prom"
  curl -fsS "http://127.0.0.1:$SANDBOX_PORT/sandbox/ledger" > "$WORK/$name.ledger.json"
  read -r n span rate best < <(python3 "$BENCH/ledger_stats.py" "$before" < "$WORK/$name.ledger.json")
  table_row "$name ($workers worker(s)$( ((phase_cps != CPS)) && echo ", limits at $phase_cps"))" "$n" "$span" "$rate" "$best" "$start_s" "$end_s"
  local workers_ms sandbox_ms receiver_ms mariadb_ms
  workers_ms=$(cat "$WORK/$name"-*.cpu | awk '/^[0-9.]+ [0-9.]+$/ { s += ($1 + $2) * 1000 } END { print int(s) }')
  sandbox_ms=$(( $(cpu_ms "$SANDBOX_PID") - cpu_before[0] )); receiver_ms=$(( $(cpu_ms "$RECEIVER_PID") - cpu_before[1] ))
  mariadb_ms=$(( $(mariadb_cpu_ms) - cpu_before[2] ))
  CPU_ROWS+=("| $name | $n | $(per_call "$workers_ms" "$n") | $(per_call "$sandbox_ms" "$n") | $(per_call "$receiver_ms" "$n") | $(per_call "$mariadb_ms" "$n") | $(per_call $((workers_ms + sandbox_ms + receiver_ms + mariadb_ms)) "$n") |")
  local applied p50 p99 over
  read -r applied p50 p99 over < <(python3 "$BENCH/apply_latency.py" "$WORK/$name.before.prom" "$WORK/$name.after.prom")
  INBOX_ROWS+=("| $name | $n | $applied | $(per_call "$applied" "$n") | $p50 | $p99 | $over |")
}

limiter_phase() {  # limiter_phase NAME PROCESSES: the shared limiter alone (LimiterAlone), no calls placed
  local name="$1" processes="$2" pids=() start_s end_s p
  start_s=$(date +%s.%N)
  for ((p = 1; p <= processes; p++)); do
    java -cp "$LIB/*" "$BENCH/src/LimiterAlone.java" "$DIALER_DB_URL" "$LIMITER_SECONDS" "$DIALER_PLACER_THREADS" "$CPS" \
      "$WORK/$name-$p.grants" > "$WORK/$name-$p.err" 2>&1 &
    pids+=("$!"); PIDS+=("$!")
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "  limiter process $p failed:" >&2; cat "$WORK/$name"-*.err >&2; return 1; }; done
  end_s=$(date +%s.%N)
  read -r n span rate best < <(cat "$WORK/$name"-*.grants | python3 "$BENCH/ledger_stats.py" --lines)
  table_row "$name ($processes process(es), grants)" "$n" "$span" "$rate" "$best" "$start_s" "$end_s"
}

CPU_ROWS=(); INBOX_ROWS=()
scrape_receiver() { curl -fsS "http://127.0.0.1:$RECEIVER_METRICS_PORT/prometheus"; }
applied_so_far() { scrape_receiver | awk '/^dialer_webhook_apply_seconds_count/ { s += $NF } END { printf "%d\n", s }'; }
# drain NAME: waits (at most BENCH_DRAIN_SECONDS, 240) until the phase's calls have ended and their callbacks were
# applied: no webhook applied for 10 s in a row. The CPU figures then include every callback of the phase.
drain() {
  local last=-1 quiet=0 now waited
  for ((waited = 0; waited < ${BENCH_DRAIN_SECONDS:-240}; waited++)); do
    now=$(applied_so_far)
    if [[ "$now" == "$last" ]]; then ((++quiet >= 10)) && return 0; else quiet=0; last=$now; fi
    sleep 1
  done
  echo "  $1: callbacks still arriving after ${BENCH_DRAIN_SECONDS:-240} s; measured what was applied" >&2
}
per_call() { awk -v ms="$1" -v n="$2" 'BEGIN { printf "%.1f", (n > 0 ? ms / n : 0) }'; }

LIMITER_SECONDS="${BENCH_LIMITER_SECONDS:-30}"
echo "Phase 0: the shared limiter alone, one process then two, $LIMITER_SECONDS s each ..."
if wants limiter-1p; then limiter_phase limiter-1p 1; fi
if wants limiter-2p; then limiter_phase limiter-2p 2; fi
echo "Phase 1: one worker ..."
if wants pacing-1w; then phase pacing-1w 1 2000000; fi
echo "Phase 2: two workers sharing the limit ..."
if wants pacing-2w; then phase pacing-2w 2 4000000; fi
echo "Phase 3: the machine's ceiling, one worker with every limit at 1000 calls/s ..."
if wants ceiling-1w; then phase ceiling-1w 1 6000000 1000; fi
if ((${#CPU_ROWS[@]} > 0)); then
  {
    echo
    echo "CPU ms per placed call in each dial phase, by process (the workers from start to exit, start-up included; the"
    echo "others over the phase; every process shares the same $(nproc) cores):"
    echo
    echo "| phase | calls | workers | sandbox | receiver | MariaDB | all |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${CPU_ROWS[@]}"
    echo
    echo "As issue 21 measured them (20,000 calls at 100-135 calls/s): worker 2.7, receiver 3-7, MariaDB 5-6 CPU ms per call."
    echo
    echo "The receiver's inbox in each dial phase, every callback of its calls (the phase waits until none is applied for"
    echo "10 s): webhooks applied, per call, and the time from being stored to being applied (each percentile is the upper"
    echo "bound of its histogram bucket; target p99 <= 1000 ms at 50 calls/s):"
    echo
    echo "| phase | calls | webhooks applied | per call | p50 ms | p99 ms | over 1 s |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${INBOX_ROWS[@]}"
  } >> "$TABLE"
fi
write_result pacing "$TABLE"
