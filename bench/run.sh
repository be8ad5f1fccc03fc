#!/usr/bin/env bash
# Builds the benchmark and the server in Release, then runs every network
# scenario against the two reference peers and Debrief, alternately (relay,
# durable, debrief in each pair), measures the disk's floor (append +
# fdatasync) in each pair, and prints one table with the ratios against both
# peers. See bench/README.md.
#
#   bench/run.sh                 the long version (2 pairs, PD day 60 s)
#   bench/run.sh --smoke         seconds and tens of connections (scripts/test.sh)
#   bench/run.sh --pd-seconds 600 --pairs 3
#   bench/run.sh --scenarios load,burst   (load saturate idle burst host storage disk)
#   bench/run.sh --scenarios host   (the PD day through an event, with 0, 1 and 3 host consoles)
#   bench/run.sh --no-threads-2  (saturation without its Debrief --threads 2 run)
#   bench/run.sh --server-threads N   (Debrief's --threads in its runs; default 1)
#   bench/run.sh --keep-results FILE  (keep the runs' JSON lines: node bench/table.mjs FILE)
#   DEBRIEF_SERVER=path/to/debrief-server bench/run.sh   (use that binary, build no server)
#
# Everything runs on loopback; every server is started on a free port with a
# database in a temporary folder, and stopped, and the folder removed, on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

SMOKE=0
PAIRS=2
PD_SECONDS=60
SERVER_THREADS=1
THREADS_2=1
KEEP_RESULTS=""
SCENARIOS="load,saturate,idle,burst,host,storage"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --pairs) PAIRS="$2"; shift ;;
    --pd-seconds) PD_SECONDS="$2"; shift ;;
    --server-threads) SERVER_THREADS="$2"; shift ;;
    --scenarios) SCENARIOS="$2"; shift ;;
    --no-threads-2) THREADS_2=0 ;;
    --keep-results) KEEP_RESULTS="$2"; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
  shift
done
[[ "$PAIRS" =~ ^[1-9][0-9]*$ ]] || die "--pairs needs a positive number"
[[ "$PD_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "--pd-seconds needs a positive number"

if [ "$SMOKE" = 1 ]; then
  PAIRS=1
  # Short steps: three targets a scenario, and the smoke run stays under a minute.
  LOAD=(--scenario load --rooms 20 --clients 5 --rate 0.5 --duration 2 --drain 5)
  SATURATE=(--scenario saturate --rooms 40 --clients 5 --sat-start 100 --sat-factor 2 --sat-step 0.5
            --sat-max-steps 3 --drain 5)
  IDLE=(--scenario idle --rooms 40 --clients 5 --settle 0.5)
  BURST=(--scenario burst --rooms 20 --clients 5 --bursts 1 --drain 5)
  HOST=(--scenario host --rooms 10 --clients 5 --rate 0.5 --duration 3 --drain 5)
  STORAGE=(--seconds 0.5)
  DISK=(--count 500 --seconds 1)
  THREADS_2=0
  RUN_LIMIT=60
else
  LOAD=(--scenario load --rooms 1000 --clients 5 --rate 0.5 --duration "$PD_SECONDS" --drain 15)
  # 1,000 rooms: the server allows 20 messages a second per connection, so
  # the load grows with rooms; the generator stops stepping before any
  # facilitator would pass 16 a second (then the held rate is a lower bound).
  SATURATE=(--scenario saturate --rooms 1000 --clients 5 --sat-start 250 --sat-factor 1.5 --sat-step 5
            --sat-max-steps 12 --drain 15)
  # 10,000 connections: spread over four loopback source addresses so the
  # ephemeral ports of one address are never the limit.
  IDLE=(--scenario idle --rooms 2000 --clients 5 --settle 5 --source-addrs 4)
  BURST=(--scenario burst --rooms 1000 --clients 5 --bursts 3 --drain 15)
  # The PD day as one event: --pd-seconds with each of 0, 1 and 3 host
  # consoles, in two rounds of half that each (0 1 3 0 1 3).
  HOST=(--scenario host --rooms 1000 --clients 5 --rate 0.5 --duration "$PD_SECONDS" --host-rounds 2 --drain 15)
  STORAGE=(--seconds 5)
  DISK=(--count 2000 --seconds 20)
  RUN_LIMIT=$((PD_SECONDS + 600))
fi

# Thousands of sockets: raise the descriptor limit for the servers and the
# generator (children inherit it).
hard="$(ulimit -Hn)"
[ "$hard" = unlimited ] && hard=65536
ulimit -n "$hard" || true

TMP="$(mktemp -d "${TMPDIR:-/tmp}/debrief-bench.XXXXXX")"
RESULTS="$TMP/results.jsonl"
TARGET_PID=""
TARGET_DIR=""
PORT=""

stop_target() {
  if [ -n "$TARGET_PID" ]; then
    kill -TERM "$TARGET_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$TARGET_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$TARGET_PID" 2>/dev/null || true
    wait "$TARGET_PID" 2>/dev/null || true
    TARGET_PID=""
  fi
  if [ -n "$TARGET_DIR" ]; then rm -rf "$TARGET_DIR"; TARGET_DIR=""; fi
}
cleanup() {
  stop_target
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE  # run the cleanup even when our reader goes away

# ---- build -------------------------------------------------------------------
command -v node >/dev/null || die "node is needed for the reference peers (scripts/test.sh installs it)"
log "building the benchmark (Release)"
if [ ! -f "$BENCH/build/build.ninja" ]; then
  cmake -S "$BENCH" -B "$BENCH/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BENCH/build" -- -j"$(nproc)" >"$TMP/build-bench.log" 2>&1 || { cat "$TMP/build-bench.log"; die "bench build failed"; }

SERVER_BIN="${DEBRIEF_SERVER:-}"  # a server binary to use as it is
if [ -n "$SERVER_BIN" ]; then
  [ -x "$SERVER_BIN" ] || die "DEBRIEF_SERVER=$SERVER_BIN is not an executable"
elif [ "$SMOKE" = 1 ] && [ -x "${DEBRIEF_BUILD_DIR:-$ROOT/build}/debrief-server" ]; then
  # The smoke run only checks that the harness works: the server that
  # scripts/test.sh has just built will do, and saves a second full build.
  SERVER_BIN="${DEBRIEF_BUILD_DIR:-$ROOT/build}/debrief-server"
else
  log "building the server (Release, build-release/)"
  if [ ! -f "$ROOT/build-release/build.ninja" ]; then
    cmake -S "$ROOT" -B "$ROOT/build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  fi
  cmake --build "$ROOT/build-release" --target debrief-server -- -j"$(nproc)" >"$TMP/build-server.log" 2>&1 ||
    { cat "$TMP/build-server.log"; die "server build failed"; }
  SERVER_BIN="$ROOT/build-release/debrief-server"
fi

if [ ! -f "$BENCH/peer/node_modules/.package-lock.json" ] ||
   [ "$BENCH/peer/package-lock.json" -nt "$BENCH/peer/node_modules/.package-lock.json" ]; then
  log "installing the peers' packages (npm ci)"
  (cd "$BENCH/peer" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Every client of a run comes from 127.0.0.x: lift the per-client limits on
# creating sessions and on messages before joining, which would otherwise
# throttle the setup, and on WebSockets per address, which 5,000 clients from
# one machine would pass. (A binary older than those limits has no such flags.)
SERVER_LIMITS=()
SERVER_HELP="$("$SERVER_BIN" --help)"
if grep -q -- '--create-burst' <<<"$SERVER_HELP"; then
  SERVER_LIMITS=(--create-burst 1000000 --create-per-minute 1000000
                 --unjoined-burst 1000000 --unjoined-per-second 1000000)
fi
if grep -q -- '--websockets-per-address' <<<"$SERVER_HELP"; then
  SERVER_LIMITS+=(--websockets-per-address 1000000)
fi

# ---- one run -----------------------------------------------------------------
start_target() {  # relay | durable | debrief | debrief-2t
  TARGET_DIR="$(mktemp -d "$TMP/run.XXXXXX")"
  : >"$TARGET_DIR/log"  # exists before the background job opens it
  local threads="$SERVER_THREADS"
  case "$1" in
    relay) node "$BENCH/peer/relay.mjs" --port 0 --bind 127.0.0.1 2>"$TARGET_DIR/log" & ;;
    durable)
      node "$BENCH/peer/durable-relay.mjs" --port 0 --bind 127.0.0.1 --log "$TARGET_DIR/relay.log" \
        2>"$TARGET_DIR/log" & ;;
    debrief|debrief-2t)
      if [ "$1" = debrief-2t ]; then threads=2; fi
      "$SERVER_BIN" --port 0 --bind 127.0.0.1 --db "$TARGET_DIR/db/debrief.db" --static-dir "$TARGET_DIR" \
        --threads "$threads" "${SERVER_LIMITS[@]}" 2>"$TARGET_DIR/log" & ;;
  esac
  TARGET_PID=$!
  PORT=""
  for _ in $(seq 100); do
    PORT="$(sed -n 's|.*listening on http://[0-9.]*:\([0-9]*\).*|\1|p' "$TARGET_DIR/log" | head -n1 || true)"
    [ -n "$PORT" ] && return 0
    kill -0 "$TARGET_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$TARGET_DIR/log" >&2
  die "$1 did not start"
}

FAILED=0
run_scenario() {  # relay|durable|debrief|debrief-2t, generator arguments...
  local kind="$1"; shift
  local limit="$RUN_LIMIT"
  if [[ " $* " == *" --scenario host "* ]]; then limit=$((3 * RUN_LIMIT)); fi  # three variants in one run
  start_target "$kind"
  if ! timeout --kill-after=10 "$limit" "$BENCH/build/debrief-load" --target "$kind" --port "$PORT" \
       --server-pid "$TARGET_PID" --json-out "$RESULTS" "$@"; then
    FAILED=$((FAILED + 1))
    printf 'bench: %s %s failed; its server log:\n' "$kind" "$*" >&2
    tail -n 20 "$TARGET_DIR/log" >&2 || true
  fi
  # Its warnings and errors (the server logs every session it creates as
  # info). sed, not head: an early exit would break the pipe under pipefail.
  if grep -v 'listening on' "$TARGET_DIR/log" | grep -v '"level":"info"' | grep -q .; then
    printf '   %s log:\n' "$kind"
    grep -v 'listening on' "$TARGET_DIR/log" | grep -v '"level":"info"' | sed -n '1,10s/^/     /p'
  fi
  stop_target
}

wants() { [[ ",$SCENARIOS," == *",$1,"* ]]; }

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(date -u +%FT%TZ)"
log "server: $SERVER_BIN; peers: node $(node --version) + ws; $PAIRS pair(s); relay, durable, debrief in turn"
for pair in $(seq "$PAIRS"); do
  # The disk's floor, measured where the databases and the durable peer's log
  # live, just before the PD day it is compared with.
  if wants disk || wants load; then
    log "pair $pair: disk floor (append + fdatasync)"
    "$BENCH/build/debrief-disk-floor" --dir "$TMP" --json-out "$RESULTS" "${DISK[@]}" || FAILED=$((FAILED + 1))
  fi
  for scenario in load saturate idle burst; do
    wants "$scenario" || continue
    case "$scenario" in
      load) args=("${LOAD[@]}") ;;
      saturate) args=("${SATURATE[@]}") ;;
      idle) args=("${IDLE[@]}") ;;
      burst) args=("${BURST[@]}") ;;
    esac
    kinds=(relay durable debrief)
    # Does a second network thread buy capacity on two cores?
    if [ "$scenario" = saturate ] && [ "$THREADS_2" = 1 ] && [ "$SERVER_THREADS" != 2 ]; then kinds+=(debrief-2t); fi
    for kind in "${kinds[@]}"; do
      log "pair $pair: $scenario, $kind"
      run_scenario "$kind" "${args[@]}"
    done
  done
  # Events and host consoles are Debrief's own: no peer run, the variants
  # (0, 1, 3 hosts) are compared with each other in the same run.
  if wants host; then
    log "pair $pair: host, debrief"
    run_scenario debrief "${HOST[@]}"
  fi
  if wants storage; then
    log "pair $pair: storage alone"
    mkdir -p "$TMP/storage"
    "$BENCH/build/debrief-storage-bench" --dir "$TMP/storage" --json-out "$RESULTS" "${STORAGE[@]}" ||
      FAILED=$((FAILED + 1))
    rm -rf "$TMP/storage"
  fi
done

echo
if [ "$SMOKE" = 1 ]; then echo "Benchmark (smoke: tiny load for seconds; the numbers say nothing about performance)"
else echo "Benchmark ($PAIRS pairs, PD day ${PD_SECONDS} s)"; fi
[ -s "$RESULTS" ] && node "$BENCH/table.mjs" "$RESULTS"
if [ -n "$KEEP_RESULTS" ] && [ -s "$RESULTS" ]; then cp "$RESULTS" "$KEEP_RESULTS"; fi
if [ "$FAILED" -gt 0 ]; then
  echo "bench: $FAILED run(s) lost events, were refused or broke; see above" >&2
  exit 1
fi
