#!/usr/bin/env bash
# Chaos: the dial job killed with SIGKILL at random points, again and again, on default settings.
# One campaign of CONTACTS contacts with one attempt each (all inside their calling window) is run with
# `run --campaign chaos`; each run is killed (kill -9) at a random point (after 0-80 attempts of its own,
# or 1-40 s), KILLS times, then one last
# run goes to completion. The sandbox (its account CPS below the campaign's, so calls wait in its queue)
# and the webhook receiver run as their own processes, on 127.0.0.1 only, on MariaDB (schema chaos_dial).
# Checks, from the sandbox's ledger and the database:
#   - numbers dialed twice                              (must be 0)
#   - eligible contacts never dialed                     (must be 0)
#   - calls that reached the sandbox without their SID on an attempt (must be 0)
# Bounded: every wait has a limit, and everything it started is stopped when it ends.
#
#   ops/chaos/dial-crash.sh [CONTACTS] [KILLS] [SEED]    defaults 2000 20 $RANDOM
#   CHAOS_KILL_WITHIN=s (40): the latest a run is killed when it has not reached its attempt count (CI uses less)
set -euo pipefail
source "$(dirname "$0")/../bench/lib.sh"

CONTACTS="${1:-2000}"; KILLS="${2:-20}"; SEED="${3:-$RANDOM}"
[[ "$CONTACTS" =~ ^[0-9]+$ ]] && (( CONTACTS >= 10 && CONTACTS <= 10000 )) && [[ "$KILLS" =~ ^[0-9]+$ ]] \
  && (( KILLS <= 200 )) || { echo "usage: $0 [CONTACTS 10..10000] [KILLS 0..200] [SEED]" >&2; exit 2; }
RANDOM=$SEED
CPS=30; SANDBOX_CPS=20; SCHEMA=chaos_dial; FINAL_LIMIT=900
KILL_WITHIN="${CHAOS_KILL_WITHIN:-40}"   # a run with no attempts yet is killed within 1..KILL_WITHIN s
ensure_built
WORK="$(mktemp -d "${TMPDIR:-/tmp}/chaos-dial.XXXXXX")"
RUN_PID=""
cleanup() {
  [[ -n "$RUN_PID" ]] && kill -9 "$RUN_PID" 2>/dev/null || true
  stop_all
  [[ -n "${CHAOS_KEEP:-}" ]] && cp -r "$WORK" "$CHAOS_KEEP"
  mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

SANDBOX_PORT=$(free_port); RECEIVER_PORT=$(free_port)
export DIALER_DATA_DIR="$WORK/data"
mysql_root -e "DROP DATABASE IF EXISTS $SCHEMA; CREATE DATABASE $SCHEMA"
export DIALER_DB_URL="jdbc:mysql://127.0.0.1:3306/$SCHEMA" DIALER_DB_USER=root DIALER_DB_PASSWORD=
export DIALER_SANDBOX_PORT=$SANDBOX_PORT DIALER_SANDBOX_API_LATENCY_MS=50 DIALER_SANDBOX_CPS=$SANDBOX_CPS DIALER_SANDBOX_TIME_SCALE=100
export DIALER_ACCOUNT_CPS=$CPS DIALER_NUMBER_CPS=$CPS
# No agent leg fails: each one a person answered would be an abandoned call, and past 2.5 % the campaign pauses itself
# (issue 19), leaving contacts undialed for a reason that has nothing to do with the kills this run is about.
export DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE=0
export DIALER_PORT=$RECEIVER_PORT API_URL="http://127.0.0.1:$RECEIVER_PORT" DIALER_WEBHOOK_RATE_PER_SOURCE=100000
# Several of our processes on this host (and other scripts beside it): no fixed console or management ports.
export DIALER_METRICS_PORT=0 DIALER_RECEIVER_METRICS_PORT=0 DIALER_CONSOLE_PORT=$(free_port)
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN
cli() { java ${DIALER_JAVA_OPTS:-} -jar "$CLI_JAR" "$@"; }
cd "$WORK"

hour=$((10#$(date -u +%H))); offset=$((13 - hour)); ((offset > 14)) && offset=$((offset - 24)); ((offset < -12)) && offset=$((offset + 24))
if ((offset == 0)); then zone="Etc/GMT"; elif ((offset > 0)); then zone="Etc/GMT-$offset"; else zone="Etc/GMT+$((-offset))"; fi
awk -v rows="$CONTACTS" -v zone="$zone" 'BEGIN { print "phone,customer_id,name,timezone,consent";
  for (i = 0; i < rows; i++) printf "+1212%07d,C%07d,Person %d,%s,yes\n", 4000000 + i, i, i, zone; }' > list.csv

cli migrate > /dev/null
start sandbox "$WORK/sandbox.log" java -Xmx1g -cp "$LIB/*" sa.navaia.dialer.sandbox.SandboxMain
start receiver "$WORK/receiver.log" java -Xmx512m -jar "$RECEIVER_JAR"
wait_http "http://127.0.0.1:$SANDBOX_PORT/sandbox/health" 60
wait_http "http://127.0.0.1:$RECEIVER_PORT/healthz" 90
cli campaign create --name chaos --agent support --countries US --window 08:00-21:00 --days MON-SUN \
  --consent-required false --attempts 1 --cps $CPS --live-calls 100000 > /dev/null
cli campaign resume chaos > /dev/null
cli import --campaign chaos --no-progress list.csv | tail -1
LEDGER="http://127.0.0.1:$SANDBOX_PORT/sandbox/ledger"
opened() { mysql_root -N -e "SELECT COUNT(*) FROM $SCHEMA.call_attempts WHERE decision = 'dial'"; }
ledger_size() { curl -fsS "$LEDGER" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d if isinstance(d,list) else next(v for v in d.values() if isinstance(v,list))))'; }

started=$(date +%s); kills=0; completed_early=0
echo "Seed $SEED: $CONTACTS contacts, one attempt each; $KILLS runs killed with SIGKILL at random points ..."
for ((k = 1; k <= KILLS; k++)); do
  java ${DIALER_JAVA_OPTS:-} -Ddialer.dial.horizon=PT0S -jar "$CLI_JAR" run --campaign chaos > "run-$k.out" 2> "run-$k.err" &
  RUN_PID=$!
  # Killed after a random number (0-80) of attempts opened by this run, or a random 1-40 s without any:
  # at start-up, while waiting to take over, while resolving, or in the middle of dialing.
  from=$(opened); after=$((RANDOM % 81)); limit=$((4 + RANDOM % (4 * KILL_WITHIN - 3)))
  for ((t = 0; t < limit; t++)); do
    kill -0 "$RUN_PID" 2>/dev/null || break
    (( after > 0 && $(opened) - from >= after )) && break
    sleep 0.25
  done
  if kill -0 "$RUN_PID" 2>/dev/null; then
    kill -9 "$RUN_PID"; wait "$RUN_PID" 2>/dev/null || true; kills=$((kills + 1))
    echo "  run $k killed after $(( t / 4 )) s and $(( $(opened) - from )) attempts; $(ledger_size) calls so far"
  else
    wait "$RUN_PID" 2>/dev/null || true
    echo "  run $k ended by itself: $(grep -h -o 'ended [A-Z_]*\|already dialed to completion' "run-$k.out" | tail -1)"
    if grep -q 'ended COMPLETED\|already dialed to completion' "run-$k.out"; then completed_early=1; RUN_PID=""; break; fi
  fi
  RUN_PID=""
done

echo "Last run, to completion (at most $FINAL_LIMIT s) ..."
java ${DIALER_JAVA_OPTS:-} -Ddialer.dial.horizon=PT0S -jar "$CLI_JAR" run --campaign chaos > final.out 2> final.err &
RUN_PID=$!
for ((t = 0; t < FINAL_LIMIT; t++)); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 1; done
if kill -0 "$RUN_PID" 2>/dev/null; then echo "The last run did not end within $FINAL_LIMIT s." >&2; exit 1; fi
wait "$RUN_PID" || true; RUN_PID=""
tail -2 final.out
elapsed=$(( $(date +%s) - started ))
takeovers=$(cat run-*.err final.err 2>/dev/null | grep -c 'taken as crashed' || true)
returned=$(mysql_root -N -e "SELECT COUNT(*) FROM $SCHEMA.call_attempts WHERE status = 'not_placed' AND reason_detail LIKE '%returned to the contact%'")
sleep 5   # callbacks of the last calls reach the receiver

curl -fsS "$LEDGER" > ledger.json
mysql_root -N -e "SELECT call_sid FROM $SCHEMA.call_attempts WHERE call_sid IS NOT NULL" > sids.txt
mysql_root -N -e "SELECT phone_e164 FROM $SCHEMA.contacts" > contacts.txt
read -r calls twice undialed nosid < <(python3 - ledger.json sids.txt contacts.txt <<'PY'
import json, sys, collections
data = json.load(open(sys.argv[1]))
entries = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
recorded = set(line.strip() for line in open(sys.argv[2]) if line.strip())
contacts = set(line.strip() for line in open(sys.argv[3]) if line.strip())
per_number = collections.Counter(e["to"] for e in entries)
twice = sum(1 for n in per_number.values() if n > 1)
undialed = len(contacts - set(per_number))
nosid = sum(1 for e in entries if e["call_sid"] not in recorded)
print(len(entries), twice, undialed, nosid)
PY
)
inflight=$(mysql_root -N -e "SELECT COUNT(*) FROM $SCHEMA.call_attempts WHERE status IN ('dialing', 'unknown')")

TABLE="$WORK/table.md"
{
  echo "Seed $SEED; $CONTACTS contacts, 1 attempt each; campaign $CPS calls/s, sandbox account CPS $SANDBOX_CPS (calls queue),"
  echo "API latency 50 ms, time scale 100; MariaDB; default dial settings (stale-after 10 s, resolve grace 60 s)."
  echo
  echo "| runs killed (kill -9) | takeovers logged | attempts returned | wall time s | calls at the carrier | numbers dialed twice | eligible never dialed | calls without their SID | attempts left in flight |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "| $kills | $takeovers | $returned | $elapsed | $calls | **$twice** | **$undialed** | **$nosid** | $inflight |"
} > "$TABLE"
echo; cat "$TABLE"
[[ -n "${CHAOS_RESULTS:-}" ]] && { echo; echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"; echo; cat "$TABLE"; } >> "$CHAOS_RESULTS"
guard=$(mysql_root -N -e "SELECT detail FROM $SCHEMA.campaign_events WHERE reason_code = 'abandonment_rate'")
if [[ -n "$guard" ]]; then
  echo "The campaign paused itself, so contacts were left undialed: $guard" >&2
  echo "The calls it counted as abandoned (answered, and nothing says they reached the agent):" >&2
  mysql_root -t -e "SELECT a.call_sid, a.outcome, a.answered_by, vs.dial_call_status, vs.agent_call_sid, vs.conversation_id,
      a.decided_at, a.ended_at FROM $SCHEMA.call_attempts a LEFT JOIN $SCHEMA.voice_sessions vs ON vs.id = a.session_id
      WHERE a.outcome IN ('completed', 'agent-unavailable') AND (a.answered_by IS NULL OR a.answered_by NOT LIKE 'machine%')
        AND vs.conversation_id IS NULL" >&2 || true
  for sid in $(mysql_root -N -e "SELECT a.call_sid FROM $SCHEMA.call_attempts a LEFT JOIN $SCHEMA.voice_sessions vs
      ON vs.id = a.session_id WHERE a.outcome IN ('completed', 'agent-unavailable') AND vs.conversation_id IS NULL
      AND (a.answered_by IS NULL OR a.answered_by NOT LIKE 'machine%')" | head -5); do
    echo "-- $sid in the receiver's and the sandbox's logs:" >&2
    grep -h "$sid" receiver.log sandbox.log | head -12 >&2 || true
  done
fi
if (( KILLS > 0 && kills == 0 )); then
  echo "No run was killed: every run ended before its kill point, so this proved nothing; use more contacts." >&2
  exit 1
fi
(( twice == 0 && undialed == 0 && nosid == 0 ))
