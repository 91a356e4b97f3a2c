#!/usr/bin/env bash
# Chaos: a whole worker host dies in the middle of a scheduled dial run (issue 17, item 6).
# MariaDB, two workers, the sandbox carrier and the webhook receiver each run in a network namespace of
# their own ("hosts"), joined by a bridge in a further namespace, on 10.77.0.0/24: addresses that exist
# only inside these namespaces (none has a default route, so nothing can leave them). MariaDB is a private
# instance (its own data directory, socket and namespace), not the machine's shared one.
# A campaign is scheduled (`schedule --cron`, firing about 30 s later); one worker's Quartz fires it. Once
# that run has placed KILL_AT calls, its host dies: its link goes down, then every process in its namespace
# gets SIGKILL (nothing it had open is closed cleanly: its database connections and their locks stay).
# Checks, from the sandbox's ledger (GET /sandbox/ledger) and the database:
#   - the other worker took the run over (Quartz recovery, then Spring Batch restart) within TAKEOVER_LIMIT s,
#     and how long it took (to the recovery firing, to its first call at the carrier)
#   - numbers dialed twice                 (must be 0)
#   - eligible contacts never dialed       (must be 0)
#   - calls without their SID on an attempt, attempts left in flight (must be 0)
# Needs root (ip netns). Bounded: every wait has a limit; on exit it kills every process in its namespaces
# and deletes the namespaces (their links go with them) and its work directory.
#
#   ops/chaos/multi-host.sh [CONTACTS] [KILL_AT]     defaults 300 and a third of CONTACTS
#   CHAOS_RESULTS=file appends the result table; CHAOS_KEEP=dir keeps the logs and the ledger.
set -euo pipefail
source "$(dirname "$0")/../bench/lib.sh"

CONTACTS="${1:-300}"; KILL_AT="${2:-$((CONTACTS / 3))}"
[[ "$CONTACTS" =~ ^[0-9]+$ ]] && (( CONTACTS >= 30 && CONTACTS <= 5000 )) && [[ "$KILL_AT" =~ ^[0-9]+$ ]] \
  && (( KILL_AT >= 1 && KILL_AT < CONTACTS )) || { echo "usage: $0 [CONTACTS 30..5000] [KILL_AT 1..CONTACTS-1]" >&2; exit 2; }
CPS=10; SANDBOX_CPS=20; STARTUP_LIMIT=180; FIRE_LIMIT=150; KILL_LIMIT=180; TAKEOVER_LIMIT=180; STALL_LIMIT=${CHAOS_STALL_LIMIT:-90}
FINISH_LIMIT=$((STALL_LIMIT + 120 + CONTACTS / CPS * 3))
# CHAOS_DB_KEEPALIVE=S: the database host drops a dead peer's connections, so that MariaDB ends its sessions and rolls
# back their transactions: TCP keepalive after S s idle (then every 2 s, 3 probes), and unacknowledged data given up
# after about 13 s (net.ipv4.tcp_retries2=5 in the database's namespace; a reply the dead host never acknowledged
# otherwise keeps its connection for about 15 min). Unset: the defaults (no keepalive before 2 h, retries 15 min).
KEEPALIVE="${CHAOS_DB_KEEPALIVE:-}"
[[ -z "$KEEPALIVE" || "$KEEPALIVE" =~ ^[0-9]+$ ]] || { echo "CHAOS_DB_KEEPALIVE must be a number of seconds; got \"$KEEPALIVE\"." >&2; exit 2; }

(( EUID == 0 )) || { echo "$0 needs root: it creates network namespaces (ip netns)." >&2; exit 2; }
command -v ip >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq iproute2 >/dev/null; }
command -v socat >/dev/null || { echo "Installing socat from Debian's packages ..." >&2; apt-get update -qq >/dev/null && apt-get install -y -qq socat >/dev/null; }
for tool in mariadbd mariadb-install-db mariadb; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (Debian's mariadb-server and mariadb-client)." >&2; exit 2; }
done
ensure_built

# The hosts: name, address. The switch namespace holds only the bridge.
P="dmh$(( $$ % 100000 ))"
declare -A IP=([db]=10.77.0.1 [w1]=10.77.0.11 [w2]=10.77.0.12 [sbx]=10.77.0.20 [rcv]=10.77.0.30 [ctl]=10.77.0.40)
HOSTS=(db w1 w2 sbx rcv ctl)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/chaos-multihost.XXXXXX")"
CREATED=()

in_ns() { local h="$1"; shift; ip netns exec "$P-$h" "$@"; }
kill_ns() {   # every process in a namespace, SIGKILL; waits (bounded) until none is left
  local ns="$1" i pids
  for ((i = 0; i < 40; i++)); do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [[ -z "$pids" ]] && return 0
    kill -9 $pids 2>/dev/null || true
    sleep 0.25
  done
  echo "Processes still in $ns after SIGKILL: $pids" >&2
}
cleanup() {
  local rc=$? ns
  trap - EXIT INT TERM
  for ns in "${CREATED[@]:-}"; do [[ -n "$ns" ]] && kill_ns "$ns"; done
  PIDS=(); wait 2>/dev/null || true
  for ns in "${CREATED[@]:-}"; do [[ -n "$ns" ]] && { ip netns del "$ns" 2>/dev/null || echo "Could not delete namespace $ns" >&2; }; done
  [[ -n "${CHAOS_KEEP:-}" ]] && { mkdir -p "$CHAOS_KEEP"; cp -r "$WORK"/*.log "$WORK"/*.json "$WORK"/*.txt "$CHAOS_KEEP"/ 2>/dev/null || true; }
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Network: namespaces $P-{sw,${HOSTS[*]// /,}} on a bridge, 10.77.0.0/24 (inside them only) ..."
ip netns add "$P-sw"; CREATED+=("$P-sw")
ip -n "$P-sw" link add br0 type bridge
ip -n "$P-sw" link set dev br0 up
for h in "${HOSTS[@]}"; do
  ip netns add "$P-$h"; CREATED+=("$P-$h")
  ip -n "$P-$h" link add eth0 type veth peer name "p-$h" netns "$P-sw"
  ip -n "$P-sw" link set dev "p-$h" master br0 up
  ip -n "$P-$h" addr add "${IP[$h]}/24" dev eth0
  ip -n "$P-$h" link set dev eth0 up
  ip -n "$P-$h" link set dev lo up
done

# MariaDB, private: its own data directory and socket, listening on its namespace's address only.
echo "MariaDB in $P-db at ${IP[db]}:3306 ..."
[[ -n "$KEEPALIVE" ]] && ip netns exec "$P-db" sysctl -q -w net.ipv4.tcp_retries2=5
mariadb-install-db --no-defaults --user=root --datadir="$WORK/db" --auth-root-authentication-method=socket \
  --skip-test-db > "$WORK/db-install.log" 2>&1 || { tail -20 "$WORK/db-install.log" >&2; exit 1; }
start mariadb "$WORK/db.log" ip netns exec "$P-db" mariadbd --no-defaults --user=root --datadir="$WORK/db" \
  --bind-address="${IP[db]}" --port=3306 --socket="$WORK/db.sock" --pid-file="$WORK/db.pid" --skip-name-resolve \
  --max-connections=400 --innodb-buffer-pool-size=256M \
  ${KEEPALIVE:+--tcp-keepalive-time=$KEEPALIVE --tcp-keepalive-interval=2 --tcp-keepalive-probes=3}
sql() { mariadb --no-defaults --socket="$WORK/db.sock" -u root "$@"; }
for ((i = 0; i < 120; i++)); do sql -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
sql -e 'SELECT 1' >/dev/null || { echo "MariaDB did not start within 60 s:" >&2; tail -20 "$WORK/db.log" >&2; exit 1; }
sql -e "CREATE DATABASE dialer; CREATE USER dialer@'10.77.0.%' IDENTIFIED BY 'chaos-only';
        GRANT ALL ON dialer.* TO dialer@'10.77.0.%'"
q() { sql -N dialer -e "$1"; }

export DIALER_DB_URL="jdbc:mysql://${IP[db]}:3306/dialer" DIALER_DB_USER=dialer DIALER_DB_PASSWORD=chaos-only
export DIALER_DB_POOL_SIZE=20
export DIALER_SANDBOX_PORT=8010 DIALER_SANDBOX_API_LATENCY_MS=50 DIALER_SANDBOX_CPS=$SANDBOX_CPS DIALER_SANDBOX_TIME_SCALE=100
# No agent leg fails: past 2.5 % abandoned the campaign pauses itself (issue 19), which is not what this run is about.
export DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE=0
export DIALER_ACCOUNT_CPS=$CPS DIALER_NUMBER_CPS=$CPS
export DIALER_PORT=8000 API_URL="http://${IP[rcv]}:8000" DIALER_WEBHOOK_RATE_PER_SOURCE=100000
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN
cd "$WORK"

# In sandbox mode the dialer reaches Twilio and ElevenLabs at 127.0.0.1:DIALER_SANDBOX_PORT (no setting moves it),
# and the sandbox listens on its loopback only: a forwarder on each host carries that port to the sandbox host.
forward_to_sandbox() {
  start "forwarder-$1" "$WORK/fwd-$1.log" ip netns exec "$P-$1" \
    socat TCP-LISTEN:8010,bind=127.0.0.1,fork,reuseaddr "TCP:${IP[sbx]}:8010,connect-timeout=5"
}
start sandbox "$WORK/sandbox.log" env DIALER_DATA_DIR="$WORK/sbx" ip netns exec "$P-sbx" \
  java -Xmx768m -cp "$LIB/*" sa.navaia.dialer.sandbox.SandboxMain
start forwarder-sbx "$WORK/fwd-sbx.log" ip netns exec "$P-sbx" \
  socat "TCP-LISTEN:8010,bind=${IP[sbx]},fork,reuseaddr" TCP:127.0.0.1:8010,connect-timeout=5
for h in ctl rcv w1 w2; do forward_to_sandbox "$h"; done

cli() { in_ns ctl env DIALER_DATA_DIR="$WORK/ctl" java -jar "$CLI_JAR" "$@"; }
cli migrate > "$WORK/migrate.log"
start receiver "$WORK/receiver.log" env DIALER_DATA_DIR="$WORK/rcv" ip netns exec "$P-rcv" java -Xmx512m -jar "$RECEIVER_JAR"
W1_PID=""; W2_PID=""
start_worker() {
  start "worker-$1" "$WORK/$1.log" env DIALER_DATA_DIR="$WORK/$1" ip netns exec "$P-$1" \
    java -Xmx512m -Ddialer.dial.horizon=PT0S -jar "$CLI_JAR" worker
}
start_worker w1; W1_PID=${PIDS[-1]}
start_worker w2; W2_PID=${PIDS[-1]}
in_ns ctl bash -c "$(declare -f wait_http); wait_http http://${IP[sbx]}:8010/sandbox/health $STARTUP_LIMIT" \
  || { tail -20 "$WORK/sandbox.log" >&2; exit 1; }
in_ns ctl bash -c "$(declare -f wait_http); wait_http http://${IP[rcv]}:8000/healthz $STARTUP_LIMIT" \
  || { tail -20 "$WORK/receiver.log" >&2; exit 1; }
for w in w1 w2; do
  for ((i = 0; i < STARTUP_LIMIT * 2; i++)); do grep -q 'Worker .* started' "$WORK/$w.log" && break; sleep 0.5; done
  grep -q 'Worker .* started' "$WORK/$w.log" || { echo "Worker $w did not start within $STARTUP_LIMIT s:" >&2; tail -20 "$WORK/$w.log" >&2; exit 1; }
done
echo "Both workers up: $(grep -ho 'Worker [^ ]* started' "$WORK/w1.log" "$WORK/w2.log" | tr '\n' ' ')"

# Contacts: every one inside its calling window now (13:00 in its zone), one attempt each.
hour=$((10#$(date -u +%H))); offset=$((13 - hour)); ((offset > 14)) && offset=$((offset - 24)); ((offset < -12)) && offset=$((offset + 24))
if ((offset == 0)); then zone="Etc/GMT"; elif ((offset > 0)); then zone="Etc/GMT-$offset"; else zone="Etc/GMT+$((-offset))"; fi
awk -v rows="$CONTACTS" -v zone="$zone" 'BEGIN { print "phone,customer_id,name,timezone,consent";
  for (i = 0; i < rows; i++) printf "+1212%07d,C%07d,Person %d,%s,yes\n", 5000000 + i, i, i, zone; }' > "$WORK/list.csv"
cli campaign create --name multihost --agent support --countries US --zone UTC --window 08:00-21:00 --days MON-SUN \
  --consent-required false --attempts 1 --cps $CPS --live-calls 100000 > /dev/null
cli campaign resume multihost > /dev/null
cli import --campaign multihost --no-progress "$WORK/list.csv" | tail -1
CAMPAIGN_ID=$(q "SELECT id FROM campaigns WHERE name = 'multihost'")

# A cron firing once, about 30 s from now (UTC, the campaign's zone), on whichever worker's Quartz takes it.
fire=$(( $(date +%s) + 30 ))
(( 10#$(date -u -d "@$fire" +%H%M) >= 2358 )) && { echo "Too close to midnight UTC (the run date would change); try after 00:01." >&2; exit 2; }
cron="$(date -u -d "@$fire" '+%-S %-M %-H') * * ?"
cli schedule --campaign multihost --cron "$cron"
LEDGER="http://${IP[sbx]}:8010/sandbox/ledger"
ledger() { in_ns ctl curl -fsS --max-time 10 "$LEDGER"; }
ledger_size() { ledger | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d if isinstance(d,list) else next(v for v in d.values() if isinstance(v,list))))'; }

# The run starts on one worker: its heartbeat names the process (pid@host; pids are the machine's).
for ((i = 0; i < FIRE_LIMIT * 2; i++)); do
  owner=$(q "SELECT worker FROM dial_run_heartbeats LIMIT 1" 2>/dev/null || true)
  [[ -n "$owner" ]] && break; sleep 0.5
done
[[ -n "$owner" ]] || { echo "No dial run started within $FIRE_LIMIT s of scheduling:" >&2; tail -5 "$WORK"/w?.log >&2; exit 1; }
case "${owner%%@*}" in
  "$W1_PID") VICTIM=w1; SURVIVOR=w2;;
  "$W2_PID") VICTIM=w2; SURVIVOR=w1;;
  *) echo "The run's heartbeat names $owner, neither worker (w1 pid $W1_PID, w2 pid $W2_PID)." >&2; exit 1;;
esac
FIRST_EXEC=$(q "SELECT job_execution_id FROM dial_run_heartbeats LIMIT 1")
echo "$(date -u +%T) The schedule fired on $VICTIM ($owner, job execution $FIRST_EXEC); killing its host after $KILL_AT calls ..."

for ((i = 0; i < KILL_LIMIT * 4; i++)); do
  calls=$(q "SELECT COUNT(*) FROM call_attempts WHERE call_sid IS NOT NULL"); (( calls >= KILL_AT )) && break; sleep 0.2
done
(( calls >= KILL_AT )) || { echo "The run recorded only $calls calls within $KILL_LIMIT s." >&2; exit 1; }
# The host dies: its link first (no FIN or RST leaves it), then every process in it (the worker, its forwarder).
ip -n "$P-sw" link set dev "p-$VICTIM" down
ip -n "$P-$VICTIM" link set dev eth0 down
KILLED_AT_MS=$(date +%s%3N)
kill_ns "$P-$VICTIM"
calls_at_kill=$(ledger_size || echo '?')
opened_at_kill=$(q "SELECT COUNT(*) FROM call_attempts WHERE decision = 'dial'")
echo "  $VICTIM's host died at $(date -u -d "@$((KILLED_AT_MS / 1000))" +%T) with $calls_at_kill calls at the carrier, $opened_at_kill attempts opened."

# What holds the survivor up: its threads (SIGQUIT prints them to its log), open transactions, lock waits, sessions.
diagnose() {
  local pid; pid=$([[ $SURVIVOR == w1 ]] && echo "$W1_PID" || echo "$W2_PID")
  kill -3 "$pid" 2>/dev/null || true; sleep 1
  ( set +e
    echo "--- $SURVIVOR log (last 30 lines before the thread dump)"; grep -v '^\s*at \|^\s*\.\.\. ' "$WORK/$SURVIVOR.log" | grep -v '^"\|^   java.lang.Thread.State\|^$' | tail -30
    echo "--- open transactions (trx_mysql_thread_id: the session)"
    q "SELECT trx_id, trx_state, trx_started, trx_mysql_thread_id, trx_rows_locked, trx_lock_structs, LEFT(IFNULL(trx_query,''),100) FROM information_schema.INNODB_TRX"
    echo "--- lock waits (requesting trx, blocking trx)"
    q "SELECT requesting_trx_id, blocking_trx_id FROM information_schema.INNODB_LOCK_WAITS"
    echo "--- locks"
    q "SELECT lock_trx_id, lock_mode, lock_type, lock_table, lock_index, lock_data FROM information_schema.INNODB_LOCKS"
    echo "--- sessions not idle, or of the dead host ${IP[$VICTIM]}"
    q "SELECT ID, HOST, COMMAND, TIME, STATE, LEFT(IFNULL(INFO,''),100) FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' OR HOST LIKE '${IP[$VICTIM]}:%'"
    echo "--- the database host's connections to the dead host (kernel timers)"; ip netns exec "$P-db" ss -tno dst "${IP[$VICTIM]}"
    echo "--- Quartz scheduler state"; q "SELECT INSTANCE_NAME, LAST_CHECKIN_TIME FROM QRTZ_SCHEDULER_STATE"
    echo "--- call attempts by status"; q "SELECT status, COUNT(*) FROM call_attempts GROUP BY status"
  ) > "$WORK/diagnosis.txt" 2>&1
  cat "$WORK/diagnosis.txt" >&2
  echo "--- $SURVIVOR threads in the dial job (full dump in its log)" >&2
  awk '/^"/{name=$0} /sa\.navaia\.dialer/{print name; print; getline; print}' "$WORK/$SURVIVOR.log" | head -60 >&2 || true
}

# The takeover: Quartz on the survivor fires the recovering job; the dial run restarts as a new execution.
recovered_ms=""; restarted_ms=""
for ((i = 0; i < TAKEOVER_LIMIT * 4; i++)); do
  now=$(date +%s%3N)
  [[ -z "$recovered_ms" ]] && grep -q 'is gone; this worker takes the run over' "$WORK/$SURVIVOR.log" && recovered_ms=$now
  [[ -z "$restarted_ms" ]] && [[ "$(q "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID > $FIRST_EXEC")" != 0 ]] && restarted_ms=$now
  [[ -n "$recovered_ms" && -n "$restarted_ms" ]] && break
  sleep 0.25
done
if [[ -z "$restarted_ms" ]]; then
  echo "No takeover within $TAKEOVER_LIMIT s of the kill (Quartz recovery seen: ${recovered_ms:+yes}${recovered_ms:-no})." >&2
  diagnose
  exit 1
fi
echo "$(date -u +%T) takeover: Quartz recovery fired on $SURVIVOR after $(( ${recovered_ms:-0} - KILLED_AT_MS )) ms (0: not logged), the run restarted after $((restarted_ms - KILLED_AT_MS)) ms"

# The run to its end on the survivor; a run that makes no progress (no attempt opened or ended) for
# STALL_LIMIT s is a stall: diagnosed, and the checks still run on what was dialed.
progress() { q "SELECT CONCAT(COUNT(*), '/', SUM(status IN ('dialing', 'unknown'))) FROM call_attempts"; }
last_progress=$(progress); still=0; stalled=""
for ((i = 0; i < FINISH_LIMIT; i++)); do
  status=$(q "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")
  [[ "$status" == COMPLETED ]] && break
  now_progress=$(progress)
  if [[ "$now_progress" == "$last_progress" ]]; then still=$((still + 1)); else still=0; last_progress=$now_progress; fi
  if (( still >= STALL_LIMIT )); then
    stalled="stalled"
    echo "The run made no progress for $STALL_LIMIT s (attempts/in flight: $now_progress); diagnosis:" >&2
    diagnose; break
  fi
  sleep 1
done
finished_ms=$(date +%s%3N)
executions=$(q "SELECT GROUP_CONCAT(CONCAT(JOB_EXECUTION_ID, ':', STATUS, '/', EXIT_CODE) ORDER BY JOB_EXECUTION_ID SEPARATOR ' ') FROM BATCH_JOB_EXECUTION")
echo "  job executions: $executions"
[[ "$status" == COMPLETED ]] || echo "The run did not end COMPLETED within $FINISH_LIMIT s of the takeover." >&2
sleep 5   # callbacks of the last calls reach the receiver

ledger > "$WORK/ledger.json"
q "SELECT call_sid FROM call_attempts WHERE call_sid IS NOT NULL" > "$WORK/sids.txt"
q "SELECT phone_e164 FROM contacts" > "$WORK/contacts.txt"
read -r calls twice undialed nosid first_after gap < <(python3 - "$WORK/ledger.json" "$WORK/sids.txt" "$WORK/contacts.txt" "$KILLED_AT_MS" <<'PY'
import json, sys, collections, datetime
data = json.load(open(sys.argv[1]))
entries = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
recorded = set(line.strip() for line in open(sys.argv[2]) if line.strip())
contacts = set(line.strip() for line in open(sys.argv[3]) if line.strip())
killed = int(sys.argv[4]) / 1000
per_number = collections.Counter(e["to"] for e in entries)
twice = sum(1 for n in per_number.values() if n > 1)
undialed = len(contacts - set(per_number))
nosid = sum(1 for e in entries if e["call_sid"] not in recorded)
def at(e):   # Instant.toString: up to 9 fraction digits, which fromisoformat may refuse
    text = e["received_at"].rstrip("Z"); whole, _, frac = text.partition(".")
    return datetime.datetime.fromisoformat(whole).replace(tzinfo=datetime.timezone.utc).timestamp() + float("0." + (frac or "0"))
times = sorted(at(e) for e in entries)
before = [t for t in times if t <= killed]; after = [t for t in times if t > killed]
first_after = round(after[0] - killed, 1) if after else -1
gap = round(after[0] - before[-1], 1) if after and before else -1
print(len(entries), twice, undialed, nosid, first_after, gap)
PY
)
inflight=$(q "SELECT COUNT(*) FROM call_attempts WHERE status IN ('dialing', 'unknown')")
returned=$(q "SELECT COUNT(*) FROM call_attempts WHERE status = 'not_placed' AND reason_detail LIKE '%returned to the contact%'")
by_run=$(q "SELECT GROUP_CONCAT(CONCAT(run_id, '=', n) SEPARATOR ' ') FROM (SELECT run_id, COUNT(*) n FROM call_attempts WHERE status = 'placed' OR call_sid IS NOT NULL GROUP BY run_id) r")
echo "  placed attempts by run: $by_run"

TABLE="$WORK/table.md"
{
  db="default settings: no keepalive of its own, so the kernel's 2 h"
  [[ -n "$KEEPALIVE" ]] && db="dead peers dropped: TCP keepalive after $KEEPALIVE s idle, every 2 s, 3 probes; tcp_retries2=5"
  echo "$CONTACTS contacts, 1 attempt each; campaign $CPS calls/s, sandbox account CPS $SANDBOX_CPS, API latency 50 ms, time"
  echo "scale 100; private MariaDB in its own namespace ($db); two workers (default settings but horizon"
  echo "PT0S: stale-after 10 s, Quartz cluster check-in 5 s); the host of the worker running the scheduled run killed"
  echo "after $calls_at_kill calls."
  echo
  echo "| Quartz recovery fired s | new execution s | first call after the kill s | calls' gap s | attempts returned | calls at the carrier | numbers dialed twice | eligible never dialed | calls without their SID | attempts left in flight | last execution |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '| %s | %s | %s | %s | %s | %s | **%s** | **%s** | **%s** | %s | %s |\n' \
    "$( [[ -n "$recovered_ms" ]] && awk -v d=$((recovered_ms - KILLED_AT_MS)) 'BEGIN{printf "%.1f", d/1000}' || echo '-')" \
    "$(awk -v d=$((restarted_ms - KILLED_AT_MS)) 'BEGIN{printf "%.1f", d/1000}')" \
    "$first_after" "$gap" "$returned" "$calls" "$twice" "$undialed" "$nosid" "$inflight" "$status${stalled:+ ($stalled $STALL_LIMIT s)}"
} > "$TABLE"
echo; cat "$TABLE"
[[ -n "${CHAOS_RESULTS:-}" ]] && { echo; echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"; echo; cat "$TABLE"; } >> "$CHAOS_RESULTS"
cp "$TABLE" "$WORK/table.txt"
(( twice == 0 && undialed == 0 && nosid == 0 && inflight == 0 )) && [[ "$status" == COMPLETED ]]
