#!/bin/bash
# How long a fold replica takes to be ready again, with N conferences (1,000,000) in its store, each folded
# STATES times (3: RINGING, ANSWERED, DISCONNECTED): after a clean restart (SIGTERM; its store and checkpoint
# kept: it restores only what it missed) and after a crash while it folds (SIGKILL; exactly-once processing
# wipes the stores of the tasks that had work in flight, which restore their whole changelog). One process,
# six partitions, no standby.
#   docs/bench/restore.sh GATEWAY_JAR
# Ports 39192-39193 (broker), 38381-38382 (the fold process) must be free.
set -u
JAR=$(readlink -f "$1"); N=${N:-1000000}; STATES=${STATES:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/restore.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill -9 $p 2>/dev/null; done; sleep 2; rm -rf $W' EXIT
metric() { curl -sf "$1" | awk -v m="$2" '$1 == m {s += $2} END {printf "%.0f", s}'; }
export KAFKA_BOOTSTRAP_SERVERS=localhost:39192 GATEWAY_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
  PLATFORM_BASE_URL=http://127.0.0.1:9/httpIntf PLATFORM_APP_ID=9216BC2CE463C6633FA0EA1EFB4E7FBF \
  PLATFORM_APP_KEY=unused GATEWAY_ROLES=sessions GATEWAY_MANAGEMENT_PORT=38381 GATEWAY_QUERY_PORT=38382 \
  GATEWAY_QUERY_ADVERTISED_HOST=127.0.0.1 SESSIONS_STATE_DIR=$W/store SESSIONS_STANDBY_REPLICAS=0
java -jar "$JAR" broker --port 39192 --controller-port 39193 --data-dir $W/broker > $W/broker.log 2>&1 & pids+=($!)
for _ in $(seq 120); do (echo > /dev/tcp/127.0.0.1/39192) 2>/dev/null && break; sleep 0.5; done
start() { ( cd $W && exec java -Xmx512m -jar "$JAR" >> $W/fold.log 2>&1 ) & FOLD=$!; pids+=($FOLD); }
ready_after() { # seconds from now until /health/ready answers 200
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 3600); do curl -sf -o /dev/null http://127.0.0.1:38381/health/ready && break; sleep 0.2; done
  awk -v a=$t0 -v b=$(date +%s.%N) 'BEGIN{printf "%.1f", b - a}'
}
restored() { grep -h "Restored conference-sessions-store" $W/fold.log | awk '{for (i = 1; i <= NF; i++) if ($i == "records") s += $(i-1)} END {print s + 0}'; }
start; echo "fold process ready in $(ready_after) s (empty store)"
java -cp "$JAR" $HERE/FillStates.java localhost:39192 conference.state $N $STATES 2>/dev/null
want=$((N * STATES)); t0=$(date +%s)
until [ "$(metric http://127.0.0.1:38381/metrics gateway_sessions_folded_total)" -ge $want ] 2>/dev/null; do
  sleep 1
  [ $(( $(date +%s) - t0 )) -lt 1800 ] || { echo "the fold did not fold $want changes within 30 min"; tail -5 $W/fold.log; exit 1; }
done
echo "folded $want changes of $N conferences in $(( $(date +%s) - t0 )) s"
sleep 5   # the last transaction committed
kill -TERM $FOLD; wait $FOLD 2>/dev/null; : > $W/fold.log
start; echo "clean restart: ready in $(ready_after) s, $(restored) changelog records restored"
# A crash while the fold writes: more conferences arrive, and the process is killed halfway through them.
java -cp "$JAR" $HERE/FillStates.java localhost:39192 conference.state 200000 1 9 > /dev/null 2>&1 & FILL=$!
before=$(metric http://127.0.0.1:38381/metrics gateway_sessions_folded_total)
until [ "$(metric http://127.0.0.1:38381/metrics gateway_sessions_folded_total)" -ge $((before + 100000)) ] 2>/dev/null; do sleep 0.2; done
kill -KILL $FOLD; wait $FOLD 2>/dev/null; : > $W/fold.log; wait $FILL   # not a bare wait: the broker runs on
start; echo "after a crash (SIGKILL while folding): ready in $(ready_after) s, $(restored) changelog records restored"
du -sh $W/store | awk '{print "store on disk: " $1}'
