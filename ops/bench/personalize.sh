#!/usr/bin/env bash
# ElevenLabs' personalisation webhook: while the customer hears ringing, the agent's platform asks the receiver what
# the agent should know. Each request finds the session connect handed to the agent's number for that caller, records
# the arriving leg and answers the contact's variables. Target: p99 <= 50 ms at 100 requests/s.
#
# The receiver runs on MariaDB (schema bench_personalize, dropped at the end) with SESSIONS sessions already connected
# (one per caller, each with a contact of four CSV variables), as connect leaves them; every request is a different
# caller's arriving leg, so each one reads its session and contact and writes the leg. Load: ops/bench/src/FixedRate.java
# from its own process over 32 persistent connections, latency from each request's scheduled time: RATE req/s for
# WARMUP s (not measured), then for SECONDS s.
#
#   ops/bench/personalize.sh [SECONDS]      (default 20)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SECONDS_MEASURED="${1:-20}"
[[ "$SECONDS_MEASURED" =~ ^[0-9]+$ ]] && (( SECONDS_MEASURED >= 5 && SECONDS_MEASURED <= 120 )) \
  || { echo "usage: $0 [SECONDS 5..120]" >&2; exit 2; }
RATE=100; WARMUP=10; SCHEMA=bench_personalize; AGENT_NUMBER=+19385550100; SECRET=sandbox-personalization-secret
SESSIONS=$((RATE * (WARMUP + SECONDS_MEASURED)))
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-personalize.XXXXXX")"
cleanup() {
  stop_all; mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true
  if [[ "${BENCH_KEEP:-}" == 1 ]]; then echo "Kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
cd "$WORK"

mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA; CREATE DATABASE $SCHEMA"
RECEIVER_PORT=$(free_port)
export DIALER_DATA_DIR="$WORK/data" DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA" DIALER_DB_USER=root DIALER_DB_PASSWORD=
export DIALER_PORT=$RECEIVER_PORT API_URL="http://127.0.0.1:$RECEIVER_PORT" DIALER_WEBHOOK_RATE_PER_SOURCE=1000000
# Several of our processes on this host (and other scripts beside it): no fixed console or management ports.
export DIALER_METRICS_PORT=0 DIALER_RECEIVER_METRICS_PORT=0 DIALER_CONSOLE_PORT=$(free_port)
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN DIALER_AGENTS
java -jar "$CLI_JAR" migrate > /dev/null 2>&1

echo "Connecting $SESSIONS sessions and writing their personalisation requests ..."
python3 - "$SESSIONS" "$AGENT_NUMBER" "$SECRET" > seed.sql <<'PY'
import sys, json
n, agent, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
print("START TRANSACTION;")
print("INSERT INTO campaigns (id, name, status, agent_name, caller_id, default_region, allowed_countries, time_zone,"
      " window_start, window_end, allowed_days, requires_consent, max_attempts, retry_backoff_minutes, min_gap_minutes,"
      " machine_detection, calls_per_second, max_live_calls, created_at, updated_at) VALUES (1, 'bench', 'active',"
      " 'support', '+19383362295', 'US', 'US', 'UTC', '08:00', '21:00', 'MON,TUE,WED,THU,FRI,SAT,SUN', TRUE, 3, '60',"
      " 60, 'Enable', 1, 10, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));")
with open("requests.tsv", "w") as requests:
    for i in range(n):
        phone = "+1212%07d" % (2000000 + i)
        variables = json.dumps({"plan": "Gold", "Renewal Date": "2027-01-31", "balance": str(i), "region": "NY"})
        print("INSERT INTO contacts (id, campaign_id, phone_e164, customer_id, name, consent, variables, status, attempts_made,"
              " created_at, updated_at) VALUES (%d, 1, '%s', 'C%d', 'Person %d', TRUE, '%s', 'dialing', 1,"
              " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));" % (i + 1, phone, i, i, variables))
        print("INSERT INTO voice_sessions (id, status, agent_name, customer_phone, created_at, campaign_id, contact_id,"
              " call_sid, agent_number, connected_at, updated_at) VALUES ('vs_bench%07d', 'in-progress', 'support', '%s',"
              " UTC_TIMESTAMP(3), 1, %d, 'CAparent%07d', '%s', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));"
              % (i, phone, i + 1, i, agent))
        body = json.dumps({"caller_id": phone, "agent_id": "agent_sandbox", "called_number": agent,
                           "call_sid": "CAleg%07d" % i})
        requests.write("/api/elevenlabs/personalization\t%s\t%s\n" % (secret, body))
print("COMMIT;")
PY

start receiver "$WORK/receiver.log" java ${BENCH_RECEIVER_JAVA_OPTS:-} -Xmx512m -jar "$RECEIVER_JAR"; RECEIVER_PID=$!
wait_http "http://127.0.0.1:$RECEIVER_PORT/healthz" 90
# connected_at is "moments ago" for the receiver: the sessions are written right before they are asked about
mysql_root "$SCHEMA" < seed.sql

export FIXED_RATE_HEADER=X-Dialer-Secret FIXED_RATE_CONTENT_TYPE=application/json
echo "Warming up: $RATE req/s for $WARMUP s ..."
java "$BENCH/src/FixedRate.java" "$API_URL" requests.tsv 0 $RATE $WARMUP > warmup.txt
echo "Measuring: $RATE req/s for $SECONDS_MEASURED s ..."
cpu0=$(cpu_ms $RECEIVER_PID); db_cpu0=$(mariadb_cpu_ms)
read -r sent p50 p99 max statuses < <(java "$BENCH/src/FixedRate.java" "$API_URL" requests.tsv $((RATE * WARMUP)) $RATE "$SECONDS_MEASURED")
rcv_cpu=$(( $(cpu_ms $RECEIVER_PID) - cpu0 )); db_cpu=$(( $(mariadb_cpu_ms) - db_cpu0 ))
legs=$(mysql_root -N -e "SELECT COUNT(*) FROM $SCHEMA.voice_sessions WHERE agent_call_sid LIKE 'CAleg%'")
told=$(mysql_root -N -e "SELECT COUNT(*) FROM $SCHEMA.voice_sessions
  WHERE agent_call_sid = CONCAT('CAleg', SUBSTRING(id, 9)) AND agent_context LIKE CONCAT('%\"session_id\":\"', id, '\"%')")

TABLE="$WORK/table.md"
{
  echo "Receiver (Micronaut, -Xmx512m) on MariaDB 127.0.0.1:3306, pool ${DIALER_DB_POOL_SIZE:-40}; $SESSIONS sessions connected to"
  echo "the agent's number, one per caller, each with a contact of four CSV variables. Every request is another caller's arriving leg."
  echo "Load: ops/bench/src/FixedRate.java, 32 persistent connections, latency from each request's scheduled time;"
  echo "$RATE req/s for $WARMUP s to warm up (not measured), then $RATE req/s for $SECONDS_MEASURED s."
  echo
  echo "| load | requests | p50 | p99 | max | statuses |"
  echo "|---|---|---|---|---|---|"
  echo "| $RATE req/s for $SECONDS_MEASURED s | $sent | ${p50} ms | ${p99} ms | ${max} ms | $statuses |"
  echo
  printf 'p99 at %d req/s: **%s ms** (target <= 50 ms). Server CPU per request: receiver %.2f ms, MariaDB %.2f ms.\n' \
    "$RATE" "$p99" "$(echo "$rcv_cpu / $sent" | bc -l)" "$(echo "$db_cpu / $sent" | bc -l)"
  echo "Arriving legs recorded: $legs of $SESSIONS; sessions whose recorded context names their own session id: $told."
} > "$TABLE"
write_result personalize "$TABLE"
(( legs == SESSIONS && told == SESSIONS )) || { echo "Not every leg was tied to its own session; see $WORK/receiver.log" >&2; exit 1; }
