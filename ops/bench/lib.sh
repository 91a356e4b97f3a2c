#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced, not run): build what is missing, start and stop processes on
# 127.0.0.1 only, describe the machine, and write a result table to ops/bench/results/<date>-<name>.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/ops/bench"
LIB="$ROOT/campaigns/target/lib"
PIDS=()

ensure_built() {
  if ! ls "$ROOT"/campaigns/target/dialer-campaigns-*.jar >/dev/null 2>&1 \
     || ! ls "$ROOT"/webhook-receiver/target/dialer-webhook-receiver-*.jar >/dev/null 2>&1; then
    echo "Building the jars (mvn -B -q -DskipTests package) ..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package)
  fi
  CLI_JAR="$(ls "$ROOT"/campaigns/target/dialer-campaigns-*.jar | grep -v -- '-tests\.jar$' | head -1)"
  RECEIVER_JAR="$(ls "$ROOT"/webhook-receiver/target/dialer-webhook-receiver-*.jar | grep -v -- '-tests\.jar$' | head -1)"
  # Another build of the receiver (a copy of its jar beside its lib/), to compare two versions on the same machine.
  RECEIVER_JAR="${BENCH_RECEIVER_JAR:-$RECEIVER_JAR}"
}

ensure_wrk() {
  command -v wrk >/dev/null && return 0
  echo "Installing wrk from Debian's packages ..." >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start NAME LOGFILE command... : runs in the background, remembered for cleanup
start() {
  local name="$1" log="$2"; shift 2
  "$@" >"$log" 2>&1 &
  PIDS+=("$!")
  echo "started $name (pid $!, log $log)" >&2
}

stop_all() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}

# wait_http URL SECONDS
wait_http() {
  local url="$1" limit="$2" i
  for ((i = 0; i < limit * 4; i++)); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.25
  done
  echo "Nothing answered at $url within $limit s." >&2
  return 1
}

mysql_root() { mariadb -h 127.0.0.1 -P 3306 -u root "$@"; }

machine() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- nproc: $(nproc)"
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- java: $(java -version 2>&1 | head -1)"
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "- load average (1, 5, 15 min) when written: $(cut -d' ' -f1-3 /proc/loadavg) (other sessions share this machine)"
}

# cpu_ms PID : user+system CPU time of a live process, in ms (from /proc/PID/stat)
cpu_ms() {
  local hz; hz=$(getconf CLK_TCK)
  awk -v hz="$hz" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"
}

# mariadb_cpu_ms : CPU ms of the local MariaDB server so far (0 when it is not a local process)
MARIADB_PID=$(pgrep -o -x mariadbd || pgrep -o -x mysqld || echo "")
mariadb_cpu_ms() { if [[ -n "$MARIADB_PID" ]]; then cpu_ms "$MARIADB_PID"; else echo 0; fi; }

# write_result NAME FILE_WITH_TABLE : prints it and writes results/<date>-NAME.md
write_result() {
  local name="$1" table="$2" out
  out="$BENCH/results/$(date -u +%Y-%m-%d)-$name.md"
  mkdir -p "$BENCH/results"
  { echo "# Benchmark: $name"; echo; machine; echo; cat "$table"; } > "$out"
  echo; cat "$out"; echo; echo "Written to ${out#"$ROOT"/}"
}
