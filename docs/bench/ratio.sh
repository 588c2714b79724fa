#!/bin/bash
# CPU per status push of the gateway in dev mode (embedded broker in the same JVM, acks=all), against the
# CPU per request of a bare Vert.x HTTP server (BareHttp.java beside this script) on the same requests, in one run.
#   docs/bench/ratio.sh GATEWAY_JAR [CONNS]        (default 64)
# Prints: "ratio R: gateway G us/push (T/s, p50, p99), bare B us/req (T/s)"; exit 0.
# Needs wrk (Debian package wrk) and curl.
# Ports 38080/38081 (gateway), 38090 (bare); dev-mode broker 9092 and simulator 8090 must be free.
set -u
JAR=$(readlink -f "$1"); C=${2:-64}; DUR=${DUR:-20}
HERE=$(cd "$(dirname "$0")" && pwd); export BENCH_DIR=$HERE
W=$(mktemp -d /tmp/ratio.XXXXXX)
APP=9216BC2CE463C6633FA0EA1EFB4E7FBF
wait_http() { for _ in $(seq 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; return 1; }
cpu_ticks() { awk '{print $14+$15}' /proc/$1/stat; }   # utime+stime in clock ticks
HZ=$(getconf CLK_TCK)
measure() { # PID URL -> "us_per_req rps p50 p99"
  APP=$APP wrk -t1 -c$C -d${WARM:-15}s -s $HERE/gateway-status.lua $2 >/dev/null 2>&1   # warm-up (JIT, broker)
  local t0; t0=$(cpu_ticks $1)
  APP=$APP wrk -t1 -c$C -d${DUR}s -s $HERE/gateway-status.lua $2 > $W/wrk.out 2>&1
  local t1; t1=$(cpu_ticks $1)
  awk -v d=$((t1 - t0)) -v hz=$HZ '/^SUMMARY/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%.1f %.0f %.2f %.2f %d\n", d / hz * 1e6 / v["requests"], v["rps"], v["p50_ms"], v["p99_ms"], v["non2xx"] }' $W/wrk.out
}
pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null; done; sleep 2; rm -rf $W' EXIT

java -Xms1g -Xmx1g -cp "$JAR" $HERE/BareHttp.java 38090 > $W/bare.log 2>&1 & pids+=($!)
wait_port() { for _ in $(seq 120); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.5; done; return 1; }
wait_port 38090 || { echo "bare server did not start"; exit 1; }
read -r B BT _ _ _ < <(measure ${pids[0]} http://127.0.0.1:38090)
kill ${pids[0]}; sleep 1

( cd $W && PLATFORM_APP_ID=$APP PLATFORM_APP_KEY=bench-app-key GATEWAY_HTTP_PORT=38080 GATEWAY_MANAGEMENT_PORT=38081 \
  exec java -Xms1g -Xmx1g -jar "$JAR" > $W/gateway.log 2>&1 ) & pids+=($!)
wait_http http://127.0.0.1:38081/health/ready || { echo "gateway not ready"; tail -5 $W/gateway.log; exit 1; }
read -r G GT G50 G99 GERR < <(measure ${pids[1]} http://127.0.0.1:38080)
echo "ratio $(awk -v g=$G -v b=$B 'BEGIN{printf "%.2f", g/b}'): gateway $G us/push ($GT/s, p50 $G50 ms, p99 $G99 ms, non-2xx $GERR, c$C, dev mode incl. broker), bare $B us/req ($BT/s)"
