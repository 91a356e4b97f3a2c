#!/usr/bin/env bash
# Chaos: every call accounted for (issue 16) while the receiver is killed, the database restarts and the carrier
# drops status callbacks. One campaign of CONTACTS contacts (one attempt each, all inside their calling window) is
# dialed by `run --campaign chaos` (restarted whenever it dies, until it ends COMPLETED, or STOPPED_CAMPAIGN_PAUSED
# because the campaign paused itself on its abandonment rate: see below) beside one `worker`, whose
# sweeper runs on its DEFAULT settings (every 60 s; calls quiet 3 min; transcripts quiet 5 min). Meanwhile:
#   - the webhook receiver is killed with SIGKILL KILLS times, each time left down 3-5 s, then started again;
#   - a PRIVATE MariaDB (its own datadir, port and socket under the work folder; never the shared one at :3306) is
#     stopped with SIGTERM once, mid-run, left down 8 s, and started again;
#   - the sandbox drops 10% of status callbacks outright (DIALER_SANDBOX_CALLBACK_DROP_RATE=0.1).
# A person who answers while the receiver is down gets no agent (Twilio cannot fetch the TwiML that hands the call
# over): an abandoned call, and the campaign's abandonment guard (issue 19) rightly pauses it once they pass 2.5 %.
# The script then stops dialing and checks that no contact was lost: each one was dialed once or is still due, its
# attempt intact, for when a person resumes the campaign. The sandbox's own agent-leg failures are off
# (DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE=0), so the only abandoned calls are the ones the chaos made.
# Then it waits for the sweeper (at most SETTLE_LIMIT s after the run ends), one more sweeper interval, and checks:
#   - contacts lost: never dialed and no longer due        (must be 0)
#   - sessions left non-terminal                             (must be 0)
#   - attempts placed that never ended                       (must be 0)
#   - transcripts missing for calls that reached the agent   (must be 0; the sandbox's ledger is the truth)
#   - sweeper repairs logged = repairs in the inbox           (status-poll rows; transcripts fetched from ElevenLabs)
#   - journal segments left unreplayed, inbox payloads failed (must be 0)
# Bounded: every wait has a limit, and everything it started is stopped when it ends, on 127.0.0.1 only.
#
#   ops/chaos/calls-accounted.sh [CONTACTS] [KILLS] [SEED]    defaults 2000 5 $RANDOM
#   CHAOS_RESULTS=file appends the table; CHAOS_KEEP=dir keeps the work folder (logs, ledger);
#   CHAOS_SWEEP_OPTS="-Ddialer.sweep.every=20 ..." tunes the worker's sweeper (the table then says so).
set -euo pipefail
source "$(dirname "$0")/../bench/lib.sh"

CONTACTS="${1:-2000}"; KILLS="${2:-5}"; SEED="${3:-$RANDOM}"
[[ "$CONTACTS" =~ ^[0-9]+$ ]] && (( CONTACTS >= 10 && CONTACTS <= 10000 )) && [[ "$KILLS" =~ ^[0-9]+$ ]] \
  && (( KILLS >= 1 && KILLS <= 20 )) || { echo "usage: $0 [CONTACTS 10..10000] [KILLS 1..20] [SEED]" >&2; exit 2; }
RANDOM=$SEED
CPS=10; SANDBOX_CPS=10; TIME_SCALE=20; DROP_RATE=0.1; DB_DOWN=8
RUN_LIMIT=1200                                   # the dial run ends within this (restarts included)
SETTLE_LIMIT="${CHAOS_SETTLE_LIMIT:-900}"        # after it: 3 min + pass + 5 min + pass, batches of 100, margin
SWEEP_EVERY=60
SWEEP_OPTS="${CHAOS_SWEEP_OPTS:-}"
if [[ "$SWEEP_OPTS" =~ dialer\.sweep\.every=([0-9]+) ]]; then SWEEP_EVERY=${BASH_REMATCH[1]}; fi
ensure_built
command -v mariadbd >/dev/null && command -v mariadb-install-db >/dev/null \
  || { echo "mariadbd and mariadb-install-db are needed for the private database (apt-get install mariadb-server)." >&2; exit 2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/chaos-accounted.XXXXXX")"
RUN_PID=""; RECEIVER_PID=""; DB_PID=""

stop_pid() {   # stop_pid PID SECONDS : SIGTERM, then SIGKILL after SECONDS
  local pid="$1" limit="$2" i
  [[ -z "$pid" ]] && return 0
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < limit * 4; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  [[ -n "$RUN_PID" ]] && kill -9 "$RUN_PID" 2>/dev/null || true
  [[ -n "$RECEIVER_PID" ]] && kill -9 "$RECEIVER_PID" 2>/dev/null || true
  stop_all
  stop_pid "$DB_PID" 30
  [[ -n "${CHAOS_KEEP:-}" ]] && { rm -rf "$WORK/db"; cp -r "$WORK" "$CHAOS_KEEP"; }
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

# --- the private MariaDB --------------------------------------------------------------------------------------
DB_PORT=$(free_port)
db() { mariadb --no-defaults -h 127.0.0.1 -P "$DB_PORT" -u root "$@"; }
q() { db -N -e "$1" chaos; }
mariadb-install-db --no-defaults --user=root --datadir="$WORK/db" --auth-root-authentication-method=normal \
  --skip-test-db > db-install.log 2>&1 || { tail -20 db-install.log >&2; exit 1; }
db_start() {
  mariadbd --no-defaults --user=root --datadir="$WORK/db" --port="$DB_PORT" --socket="$WORK/db.sock" \
    --bind-address=127.0.0.1 --skip-grant-tables --skip-name-resolve --pid-file="$WORK/db.pid" \
    --innodb-buffer-pool-size=256M --max-connections=400 >> db.log 2>&1 &
  DB_PID=$!
  local i
  for ((i = 0; i < 240; i++)); do
    db -e 'SELECT 1' > /dev/null 2>&1 && return 0
    kill -0 "$DB_PID" 2>/dev/null || break
    sleep 0.25
  done
  echo "The private MariaDB did not answer within 60 s; db.log:" >&2; tail -20 db.log >&2; return 1
}
db_start
db -e "CREATE DATABASE chaos CHARACTER SET utf8mb4"

# --- settings, shared by every process --------------------------------------------------------------------------
SANDBOX_PORT=$(free_port); RECEIVER_PORT=$(free_port)
export DIALER_DATA_DIR="$WORK/data"                # the receiver's journal: $WORK/data/journal, across restarts
export DIALER_DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/chaos" DIALER_DB_USER=root DIALER_DB_PASSWORD=
export DIALER_SANDBOX_PORT=$SANDBOX_PORT DIALER_SANDBOX_SEED=$SEED DIALER_SANDBOX_API_LATENCY_MS=50
export DIALER_SANDBOX_CPS=$SANDBOX_CPS DIALER_SANDBOX_TIME_SCALE=$TIME_SCALE DIALER_SANDBOX_CALLBACK_DROP_RATE=$DROP_RATE
export DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE=0
export DIALER_ACCOUNT_CPS=$CPS DIALER_NUMBER_CPS=$CPS
export DIALER_PORT=$RECEIVER_PORT API_URL="http://127.0.0.1:$RECEIVER_PORT" DIALER_WEBHOOK_RATE_PER_SOURCE=100000
# Several of our processes on this host (and other scripts beside it): no fixed console or management ports.
export DIALER_METRICS_PORT=0 DIALER_RECEIVER_METRICS_PORT=0 DIALER_CONSOLE_PORT=$(free_port)
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN
cli() { java ${DIALER_JAVA_OPTS:-} -jar "$CLI_JAR" "$@"; }

hour=$((10#$(date -u +%H))); offset=$((13 - hour)); ((offset > 14)) && offset=$((offset - 24)); ((offset < -12)) && offset=$((offset + 24))
if ((offset == 0)); then zone="Etc/GMT"; elif ((offset > 0)); then zone="Etc/GMT-$offset"; else zone="Etc/GMT+$((-offset))"; fi
awk -v rows="$CONTACTS" -v zone="$zone" 'BEGIN { print "phone,customer_id,name,timezone,consent";
  for (i = 0; i < rows; i++) printf "+1212%07d,C%07d,Person %d,%s,yes\n", 5000000 + i, i, i, zone; }' > list.csv

receiver_start() {
  java -Xmx512m -jar "$RECEIVER_JAR" >> receiver.log 2>&1 &
  RECEIVER_PID=$!
  wait_http "http://127.0.0.1:$RECEIVER_PORT/api/twilio/health" 120
}

cli migrate > migrate.log 2>&1 || { tail -20 migrate.log >&2; exit 1; }
start sandbox "$WORK/sandbox.log" java -Xmx1g -cp "$LIB/*" sa.navaia.dialer.sandbox.SandboxMain
wait_http "http://127.0.0.1:$SANDBOX_PORT/sandbox/health" 60
receiver_start
start worker "$WORK/worker.log" java -Xmx768m $SWEEP_OPTS -jar "$CLI_JAR" worker
for ((i = 0; i < 360; i++)); do grep -q 'Worker .* started' worker.log && break; sleep 0.25; done
grep -q 'Worker .* started' worker.log || { echo "The worker did not start within 90 s; worker.log:" >&2; tail -20 worker.log >&2; exit 1; }
cli campaign create --name chaos --agent support --countries US --window 08:00-21:00 --days MON-SUN \
  --consent-required false --attempts 1 --cps $CPS --live-calls 100000 > /dev/null
cli campaign resume chaos > /dev/null
cli import --campaign chaos --no-progress list.csv | tail -1

# --- the dial run, restarted whenever it dies (a database outage may end it), until it ends COMPLETED -------------
RUNS=0; RUN_DONE=0; RUN_STUCK=0; RUN_PAUSED=0; LAST_RUN_START=0
paused_by_guard() {   # the campaign paused itself on its abandonment rate (false while the database is down)
  local n
  n=$(q "SELECT COUNT(*) FROM campaign_events WHERE event = 'paused' AND reason_code = 'abandonment_rate'" 2>/dev/null) || return 1
  (( n > 0 ))
}
tend_run() {
  if (( RUN_DONE )); then return 0; fi
  if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2>/dev/null; then return 0; fi
  if [[ -n "$RUN_PID" ]]; then
    wait "$RUN_PID" 2>/dev/null || true
    RUN_PID=""
    if grep -q 'ended COMPLETED\|already dialed to completion' "run-$RUNS.out"; then
      RUN_DONE=1; RUN_ENDED=$(date +%s)
      echo "  run $RUNS ended: $(grep -h -o 'ended [A-Z_]*\|already dialed to completion' "run-$RUNS.out" | tail -1)"
      return 0
    fi
    if grep -q 'ended STOPPED_CAMPAIGN_PAUSED' "run-$RUNS.out" && paused_by_guard; then
      RUN_DONE=1; RUN_PAUSED=1; RUN_ENDED=$(date +%s)
      echo "  run $RUNS ended: the campaign paused itself on its abandonment rate; no more runs"
      return 0
    fi
    if grep -q 'Cannot restart job from UNKNOWN status' "run-$RUNS.out" "run-$RUNS.err"; then
      # The product refuses every later run of the date (see README: a bug); dialing cannot go on, accounting can.
      RUN_DONE=1; RUN_STUCK=1; RUN_ENDED=$(date +%s)
      echo "  run $RUNS refused: $(grep -h -o 'Cannot restart job from UNKNOWN status[^.]*' "run-$RUNS.out" "run-$RUNS.err" | head -1); no more runs"
      return 0
    fi
    echo "  run $RUNS ended without completing: $(grep -h -o 'ended [A-Z_]*' "run-$RUNS.out" | tail -1 || true); started again"
  fi
  if (( $(date +%s) - LAST_RUN_START < 5 )); then return 0; fi
  if (( RUNS >= 40 )); then echo "The dial run was started 40 times without completing." >&2; exit 1; fi
  RUNS=$((RUNS + 1)); LAST_RUN_START=$(date +%s)
  java ${DIALER_JAVA_OPTS:-} -Ddialer.dial.horizon=PT0S -jar "$CLI_JAR" run --campaign chaos > "run-$RUNS.out" 2> "run-$RUNS.err" &
  RUN_PID=$!
}
pause() {   # pause SECONDS : sleeps, looking after the dial run
  local until=$(( $(date +%s) + $1 ))
  while (( $(date +%s) < until )); do tend_run; sleep 0.5; done
}
LEDGER="http://127.0.0.1:$SANDBOX_PORT/sandbox/ledger"
ledger_size() { curl -fsS "$LEDGER" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d if isinstance(d,list) else next(v for v in d.values() if isinstance(v,list))))'; }

started=$(date +%s)
echo "Seed $SEED: $CONTACTS contacts at $CPS calls/s; $KILLS receiver kills, one database restart, ${DROP_RATE} of status callbacks dropped ..."
tend_run
receiver_down=0; db_restarted=0; db_down_s=0
DB_AFTER=$(( (KILLS + 1) / 2 ))
for ((k = 1; k <= KILLS; k++)); do
  pause $((12 + RANDOM % 10))
  if (( RUN_DONE && ! RUN_PAUSED )); then echo "  the run ended before kill $k; the campaign is too small for the chaos" >&2; break; fi
  down=$((3 + RANDOM % 3)); t0=$(date +%s)
  kill -9 "$RECEIVER_PID"; wait "$RECEIVER_PID" 2>/dev/null || true; RECEIVER_PID=""
  pause "$down"
  receiver_start
  pause 0
  receiver_down=$((receiver_down + $(date +%s) - t0))
  echo "  receiver killed (kill -9) for $down s, back after $(( $(date +%s) - t0 )) s; $(ledger_size) calls so far"
  if (( k == DB_AFTER )); then
    pause 8
    t0=$(date +%s)
    stop_pid "$DB_PID" 60; DB_PID=""
    pause "$DB_DOWN"
    db_start
    db_down_s=$(( $(date +%s) - t0 )); db_restarted=1
    echo "  database stopped (SIGTERM) and started again: down $db_down_s s; $(ledger_size) calls so far"
  fi
done

echo "Waiting for the dial run to complete (at most $RUN_LIMIT s from the start) ..."
while (( ! RUN_DONE && $(date +%s) - started < RUN_LIMIT )); do pause 1; done
if (( ! RUN_DONE )); then echo "The dial run did not complete within $RUN_LIMIT s." >&2; exit 1; fi
dial_s=$(( RUN_ENDED - started ))

# --- the sweeper's work: poll the checks until they hold (at most SETTLE_LIMIT s), then one more sweeper interval -
NONTERMINAL="SELECT COUNT(*) FROM voice_sessions WHERE status IN ('created','queued','initiated','ringing','in-progress')"
UNENDED="SELECT COUNT(*) FROM call_attempts WHERE decision = 'dial' AND status IN ('dialing','placed','unknown')"
missing_transcripts() {
  curl -fsS "$LEDGER" > ledger.json
  q "SELECT conversation_id FROM voice_sessions WHERE transcript IS NOT NULL AND conversation_id IS NOT NULL" > transcribed.txt
  python3 - ledger.json transcribed.txt <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
entries = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
have = set(l.strip() for l in open(sys.argv[2]) if l.strip())
reached = [e for e in entries if e.get("reached_agent") and e.get("conversation_id")]
missing = [e for e in reached if e["conversation_id"] not in have]
with open("missing-transcripts.txt", "w") as out:
    for e in missing:
        out.write("%s %s %s %s\n" % (e["session_id"], e["call_sid"], e.get("agent_call_sid"), e["conversation_id"]))
print(len(missing))
PY
}
echo "Waiting for the sweeper (at most $SETTLE_LIMIT s) ..."
settle_start=$(date +%s); settled_s=""
while (( $(date +%s) - settle_start < SETTLE_LIMIT )); do
  if [[ "$(q "$NONTERMINAL") $(q "$UNENDED") $(missing_transcripts)" == "0 0 0" ]]; then
    settled_s=$(( $(date +%s) - RUN_ENDED )); break
  fi
  sleep 15
done
echo "  $( [[ -n "$settled_s" ]] && echo "every call accounted for $settled_s s after the run ended" || echo "not settled within $SETTLE_LIMIT s")"
echo "  one more sweeper interval ($((SWEEP_EVERY + 10)) s) ..."
sleep $((SWEEP_EVERY + 10))

# --- the figures -------------------------------------------------------------------------------------------------
nonterminal=$(q "$NONTERMINAL")
nonterminal_sid=$(q "$NONTERMINAL AND call_sid IS NOT NULL")
unended=$(q "$UNENDED")
missing=$(missing_transcripts)
read -r calls reached dropped lost_postcall < <(python3 - ledger.json <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
e = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
print(len(e), sum(1 for x in e if x.get("reached_agent")), sum(x.get("dropped_callbacks", 0) for x in e),
      sum(1 for x in e if x.get("reached_agent") and x.get("failed_agent_webhooks", 0) > 0))
PY
)
polled_rows=$(q "SELECT COUNT(*) FROM webhook_inbox WHERE event_type = 'status-poll'")
fetched_rows=$(q "SELECT COUNT(*) FROM webhook_inbox WHERE source = 'elevenlabs' AND request_path LIKE '/v1/convai/conversations/%'")
polled_logged=$(grep -c 'Sweeper: call .* ended .* applied from Twilio' worker.log || true)
fetched_logged=$(grep -c 'Sweeper: the transcript of session .* never came' worker.log || true)
sweeper_lines=$(grep -c 'Sweeper:' worker.log || true)
replay_lines=$(grep -c 'Journal replayed into the inbox' receiver.log || true)
replayed=$(grep -o 'Journal replayed into the inbox: [0-9]*' receiver.log | awk '{ s += $NF } END { print s + 0 }')
segments_left=$(find data/journal -type f 2>/dev/null | grep -vc '\.rejected$' || true)
rejected=$(find data/journal -name '*.rejected' 2>/dev/null | wc -l)
damaged=$(grep -c 'is damaged' receiver.log || true)
inbox_failed=$(q "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'failed'")
inbox_pending=$(q "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'")
unmatched=$(q "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'unmatched'")
weak=$(q "SELECT COUNT(*) FROM voice_sessions WHERE match_method = 'number_time'")
q "SELECT status, COUNT(*) FROM voice_sessions GROUP BY status ORDER BY 1" > sessions-by-status.txt
q "SELECT v.status, c.status, a.status, COUNT(*) FROM voice_sessions v JOIN calls c ON c.session_id = v.id
   JOIN call_attempts a ON a.session_id = v.id WHERE a.status IN ('dialing','placed','unknown') GROUP BY 1, 2, 3" > unended.txt
q "SELECT JOB_EXECUTION_ID, STATUS, EXIT_CODE FROM BATCH_JOB_EXECUTION ORDER BY 1" > batch-executions.txt
contacts_by_status=$(q "SELECT status, COUNT(*) FROM contacts GROUP BY status ORDER BY 1" | tr '\t\n' ' ,' | sed 's/,$//')
NEVER_DIALED="SELECT COUNT(*) FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM call_attempts a WHERE a.contact_id = c.id AND a.call_sid IS NOT NULL)"
never_dialed=$(q "$NEVER_DIALED")
still_due=$(q "$NEVER_DIALED AND c.status IN ('pending', 'retry') AND c.attempts_made = 0")
lost=$((never_dialed - still_due))
(( RUN_PAUSED == 0 )) && lost=$never_dialed     # a completed run leaves nobody due
guard_events=$(q "SELECT CONCAT(occurred_at, ' ', detail) FROM campaign_events WHERE reason_code = 'abandonment_rate'")
run_state=$( (( RUN_STUCK )) && echo "**stuck UNKNOWN**" || { (( RUN_PAUSED )) && echo "paused itself (abandonment)" || echo "COMPLETED"; })
logged_ok=$(( polled_logged == polled_rows && fetched_logged == fetched_rows ))
tuning="default sweeper settings (every 60 s, calls quiet 3 min, transcripts quiet 5 min)"
[[ -n "$SWEEP_OPTS" ]] && tuning="SHORTENED sweeper: $SWEEP_OPTS"

TABLE="$WORK/table.md"
{
  echo "Seed $SEED; $CONTACTS contacts, 1 attempt each; campaign $CPS calls/s, sandbox CPS $SANDBOX_CPS, time scale $TIME_SCALE,"
  echo "API latency 50 ms; private MariaDB 10.11; $tuning; ${DROP_RATE} of status callbacks dropped;"
  echo "receiver killed (kill -9) $KILLS times, down $receiver_down s in all (restart included); database restarted $db_restarted time(s), down $db_down_s s; dial runs started $RUNS."
  echo "Sessions by status: $(tr '\t\n' ' ,' < sessions-by-status.txt | sed 's/,$//'). Contacts by status: $contacts_by_status."
  echo "Dial job executions (id, status, exit code): $(tr '\t\n' ' ,' < batch-executions.txt | sed 's/,$//')."
  echo
  [[ -n "$guard_events" ]] && echo "The campaign paused itself: $guard_events" && echo
  echo "| dial run | contacts never dialed (lost / still due) | wall time s (dial / after it) | calls at the carrier | reached the agent | callbacks dropped | post-call webhooks lost | sweeper: calls ended from Twilio (log / status-poll rows) | sweeper: transcripts fetched (log / inbox rows) | \`Sweeper:\` lines | journal replays (lines / webhooks) | sessions non-terminal | attempts never ended | transcripts missing | journal segments left | inbox failed / pending / unmatched |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  echo "| $run_state | $never_dialed (**$lost** / $still_due) | $dial_s / $(( $(date +%s) - RUN_ENDED )) | $calls | $reached | $dropped | $lost_postcall | $polled_logged / $polled_rows | $fetched_logged / $fetched_rows | $sweeper_lines | $replay_lines / $replayed | **$nonterminal** ($nonterminal_sid with a SID) | **$unended** | **$missing** | **$segments_left** | **$inbox_failed** / $inbox_pending / $unmatched |"
} > "$TABLE"
echo; cat "$TABLE"
if [[ -s unended.txt ]]; then echo; echo "Attempts never ended, by session / call row / attempt status:"; cat unended.txt; fi
(( damaged + rejected > 0 )) && echo "Journal: $damaged damaged line(s) skipped, $rejected segment(s) set aside (.rejected)."
(( weak > 0 )) && echo "Weak (number_time) transcript matches: $weak."
[[ -n "${CHAOS_RESULTS:-}" ]] && { echo; echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"; echo; cat "$TABLE"; } >> "$CHAOS_RESULTS"
(( RUN_STUCK == 0 && lost == 0 && nonterminal == 0 && unended == 0 && missing == 0 && segments_left == 0 && inbox_failed == 0 && logged_ok == 1 \
   && db_restarted == 1 && (polled_rows > 0 || dropped == 0) ))
