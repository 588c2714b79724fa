#!/bin/bash
# The query API in a fleet, measured: a broker, one ingress-only process taking status pushes at PUSH_RATE
# (10,000/s), and two sessions processes. The topics have one partition, folded by A; B keeps its standby and
# folds nothing, so every GET /conferences/{id} asked of B (QUERY_RATE, 1,000/s) is forwarded to A: the
# non-owner's latency. Also prints A's CPU per folded event under that load.
#   docs/bench/fleet-queries.sh GATEWAY_JAR
# Ports 39092-39093 (broker), 38080-38081 (ingress), 38181-38182 (A), 38281-38282 (B) must be free.
# KEEP=1 keeps the processes' logs and the benchmarks' output in the printed directory.
set -u
JAR=$(readlink -f "$1"); PUSH_RATE=${PUSH_RATE:-10000}; QUERY_RATE=${QUERY_RATE:-1000}
W=$(mktemp -d /tmp/fleet.XXXXXX); echo "working directory: $W"
APP=9216BC2CE463C6633FA0EA1EFB4E7FBF; TOKEN=bench-query-token
pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null; done; sleep 3; [ "${KEEP:-0}" = 1 ] || rm -rf $W' EXIT
wait_http() { for _ in $(seq 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; return 1; }
cpu_ticks() { awk '{print $14+$15}' /proc/$1/stat; }
metric() { curl -sf "$1" | awk -v m="$2" '$1 == m {print $2}'; }
HZ=$(getconf CLK_TCK)
export KAFKA_BOOTSTRAP_SERVERS=localhost:39092 GATEWAY_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
  PLATFORM_BASE_URL=http://127.0.0.1:9/httpIntf PLATFORM_APP_ID=$APP PLATFORM_APP_KEY=unused \
  KAFKA_TOPICS_PARTITIONS=1 GATEWAY_QUERY_TOKENS=$TOKEN GATEWAY_QUERY_ADVERTISED_HOST=127.0.0.1

java -jar "$JAR" broker --port 39092 --controller-port 39093 --data-dir $W/broker > $W/broker.log 2>&1 & pids+=($!)
for _ in $(seq 120); do (echo > /dev/tcp/127.0.0.1/39092) 2>/dev/null && break; sleep 0.5; done
start() { # NAME ROLES MANAGEMENT QUERY PUSH
  ( cd $W && GATEWAY_ROLES=$2 GATEWAY_MANAGEMENT_PORT=$3 GATEWAY_QUERY_PORT=$4 GATEWAY_HTTP_PORT=$5 \
    SESSIONS_STATE_DIR=$W/$1 exec java -Xmx512m -jar "$JAR" > $W/$1.log 2>&1 ) & pids+=($!)
}
start a sessions 38181 38182 38180; A=${pids[-1]}
wait_http http://127.0.0.1:38181/health/ready || { echo "A not ready"; tail $W/a.log; exit 1; }
start b sessions 38281 38282 38280
start ingress ingress 38081 38082 38080
wait_http http://127.0.0.1:38281/health/ready && wait_http http://127.0.0.1:38081/health/ready \
  || { echo "B or the ingress process not ready"; exit 1; }

java -jar "$JAR" bench push --url http://127.0.0.1:38080 --rate $PUSH_RATE --duration 60 --warmup 20 \
  --app $APP --bootstrap localhost:39092 --metrics-url http://127.0.0.1:38081/metrics > $W/push.out 2>$W/push.err &
PUSH=$!
sleep 25
t0=$(cpu_ticks $A); f0=$(metric http://127.0.0.1:38181/metrics gateway_sessions_folded_total)
u0=$(metric http://127.0.0.1:38181/metrics gateway_sessions_unchanged_total)
java -jar "$JAR" bench query --url http://127.0.0.1:38282 --token $TOKEN --rate $QUERY_RATE --duration 30 \
  --warmup 10 --metrics-url http://127.0.0.1:38281/metrics > $W/query.out 2>$W/query.err
t1=$(cpu_ticks $A); f1=$(metric http://127.0.0.1:38181/metrics gateway_sessions_folded_total)
u1=$(metric http://127.0.0.1:38181/metrics gateway_sessions_unchanged_total)
wait $PUSH
echo "== pushes (ingress-only process)"; grep -E "benchmark|latency|read back|CPU" $W/push.out
echo "== GET /conferences/{id} through B (non-owner: every query forwarded to A)"
grep -E "benchmark|latency|answered 200|CPU" $W/query.out || { echo "bench query failed:"; tail -5 $W/query.err; }
awk -v t=$((t1 - t0)) -v hz=$HZ -v f=$(awk -v a=$f0 -v b=$f1 -v c=$u0 -v d=$u1 'BEGIN{print (b-a)+(d-c)}') \
  'BEGIN { printf "== fold (A): %.0f events folded in the window, %.1f us of A'"'"'s CPU per folded event (queries forwarded to it included)\n", f, t / hz * 1e6 / f }'
