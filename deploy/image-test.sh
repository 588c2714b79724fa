#!/usr/bin/env bash
# Builds the gateway's image and runs it the way the manifests do: as uid 10001, read-only root filesystem,
# /tmp and the data directory on disk-backed volumes (not tmpfs, which counts against the memory limit),
# under the manifests' memory limits. Works with Docker or Podman; no registry needed.
#
#   deploy/image-test.sh                 functional check of the Dockerfile's image and of Jib's
#   LOAD_MINUTES=10 deploy/image-test.sh also the memory check: the two workloads under their limits with the
#                                        heap committed up front, through LOAD_MINUTES of pushes at 5,000/s
#                                        (LOAD_RATE=...: less where the machine cannot keep up) with the fold
#                                        on, then a crash and a full restore of the fold's store
#
# Where no registry is reachable (these machines), the base image is built from Debian's packages:
# mmdebstrap with openjdk-17-jre-headless, imported as localhost/conference-gateway-base:17. Give another
# with BASE_IMAGE=... (e.g. eclipse-temurin:17.0.15_6-jre-jammy where a registry is reachable).
# Needs: java 17 and maven (for the jar and the load), curl; podman + runc + mmdebstrap, or docker.
set -uo pipefail
cd "$(dirname "$0")/.."
LOAD_MINUTES=${LOAD_MINUTES:-0}
LOAD_RATE=${LOAD_RATE:-5000}
IMAGE=localhost/conference-gateway:image-test
JIB_IMAGE=localhost/conference-gateway:image-test-jib
BASE_IMAGE=${BASE_IMAGE:-localhost/conference-gateway-base:17}
W=$(mktemp -d /tmp/image-test.XXXXXX)
FAILED=0
say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { say "FAIL: $*"; FAILED=1; }

if docker info > /dev/null 2>&1; then
  ENGINE=(docker)
elif command -v podman > /dev/null; then
  # crun cannot set rlimits on these machines: runc, and no default ulimits.
  printf '[containers]\ndefault_ulimits = []\n' > $W/containers.conf
  export CONTAINERS_CONF=$W/containers.conf
  ENGINE=(podman --runtime runc)
else
  say "no container engine: install podman, runc and mmdebstrap (Debian), or run a Docker engine"; exit 1
fi
say "engine: ${ENGINE[*]}"
# One name at a time: Podman 4.3 removes none of several names when one of them does not exist.
cleanup() { for c in cg-test cg-ingress cg-sessions; do "${ENGINE[@]}" rm -f $c > /dev/null 2>&1; done; [ -n "${BROKER:-}" ] && kill $BROKER 2>/dev/null; rm -rf $W; }
trap cleanup EXIT

if ! "${ENGINE[@]}" image exists "$BASE_IMAGE" 2>/dev/null && ! "${ENGINE[@]}" image inspect "$BASE_IMAGE" > /dev/null 2>&1; then
  [ "$BASE_IMAGE" = localhost/conference-gateway-base:17 ] || { say "base image $BASE_IMAGE not found"; exit 1; }
  say "building the base image from Debian's packages (mmdebstrap, openjdk-17-jre-headless)"
  mmdebstrap --quiet --variant=apt --include=openjdk-17-jre-headless,ca-certificates bookworm $W/jre.tar \
    || { say "mmdebstrap failed"; exit 1; }
  "${ENGINE[@]}" import --change 'CMD ["/bin/bash"]' $W/jre.tar "$BASE_IMAGE" > /dev/null || exit 1
  rm -f $W/jre.tar
fi
[ -f target/conference-gateway.jar ] || mvn -B -q -DskipTests package || exit 1

say "building $IMAGE (deploy/Dockerfile, target prebuilt, on $BASE_IMAGE)"
"${ENGINE[@]}" build -q -f deploy/Dockerfile --target prebuilt --build-arg RUNTIME_IMAGE="$BASE_IMAGE" \
  -t "$IMAGE" . > /dev/null || exit 1

volumes() { # NAME -> "-v tmp -v data" on disk, owned by 10001
  mkdir -p $W/$1/tmp $W/$1/data && chown -R 10001:10001 $W/$1 2>/dev/null
  echo "-v $W/$1/tmp:/tmp -v $W/$1/data:/app/data"
}
ready() { for _ in $(seq ${2:-240}); do curl -sf -o /dev/null "http://127.0.0.1:$1/health/ready" && return 0; sleep 0.5; done; return 1; }

# The functional check: dev mode (embedded broker and simulator), as the dev overlay runs it.
functional() { # IMAGE LABEL
  "${ENGINE[@]}" rm -f cg-test > /dev/null 2>&1
  local t0; t0=$(date +%s)
  # shellcheck disable=SC2046
  "${ENGINE[@]}" run -d --name cg-test --network host --user 10001:10001 --read-only --memory 768m \
    $(volumes functional-$2) "$1" > /dev/null || { fail "$2: the container did not start"; return; }
  if ready 8081; then say "$2: ready in $(( $(date +%s) - t0 )) s, as uid $("${ENGINE[@]}" exec cg-test id -u)"; else
    fail "$2: /health/ready never answered 200"; "${ENGINE[@]}" logs --tail 20 cg-test; return; fi
  local session=90000000000000000000000000000$(printf '%03d' $((RANDOM % 1000)))
  local body='{"describe":"状态数据","data":{"session_id":"'$session'","caller":"8617001090107","callee":"018811033389","call_state":"RINGING","stateTime":"20150504141420069","appidentify":"0DE40A9911C3A5E1D7C1E5F5A1B2C3D4"}}'
  local answer; answer=$(curl -s -X POST -H 'content-type: application/json' --data "$body" http://127.0.0.1:8080/platform/status)
  case "$answer" in *'"result":"0"'*) say "$2: status push answered $answer";; *) fail "$2: status push answered $answer";; esac
  timeout 30 java -jar target/conference-gateway.jar watch conference.state --from-beginning --bootstrap localhost:9092 \
    > $W/watch.out 2>/dev/null
  if grep -q "$session" $W/watch.out; then say "$2: the push read back from conference.state"; else fail "$2: the push is not in conference.state"; fi
  "${ENGINE[@]}" stop -t 30 cg-test > /dev/null
  local code; code=$("${ENGINE[@]}" inspect --format '{{.State.ExitCode}}' cg-test)
  if [ "$code" = 0 ]; then say "$2: SIGTERM, exit 0"; else fail "$2: SIGTERM, exit $code"; fi
}
functional "$IMAGE" dockerfile

if [ "${SKIP_JIB:-0}" != 1 ]; then
  say "building $JIB_IMAGE (jib:buildTar, from $BASE_IMAGE as an image archive)"
  "${ENGINE[@]}" save -o $W/base.tar "$BASE_IMAGE" > $W/save.log 2>&1 || { cat $W/save.log; exit 1; }
  mvn -B -q -DskipTests jib:buildTar -Djib.from.image=tar://$W/base.tar -Djib.to.image=$JIB_IMAGE \
    -Djib.outputPaths.tar=$W/jib.tar > $W/jib.log 2>&1 || { tail -20 $W/jib.log; exit 1; }
  "${ENGINE[@]}" load -i $W/jib.tar > $W/load-image.log 2>&1 || { cat $W/load-image.log; exit 1; }
  functional "$JIB_IMAGE" jib
fi

if [ "$LOAD_MINUTES" -gt 0 ]; then
  # The two workloads of deploy/base, each under its own limit, heap committed up front (as a heap grown under
  # a burst would be), against a broker outside the containers.
  INGRESS_LIMIT=$(awk '/memory:/ {m = $2} END {print m}' deploy/base/deployment.yaml)
  SESSIONS_LIMIT=$(awk '/memory:/ {m = $2} END {print m}' deploy/base/sessions-statefulset.yaml)
  # The image's own JVM options, with the whole heap committed and touched at start.
  IMAGE_JVM_OPTIONS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' deploy/Dockerfile)
  HEAP_PERCENT=$(grep -o 'MaxRAMPercentage=[0-9.]*' <<< "$IMAGE_JVM_OPTIONS" | cut -d= -f2)
  java -jar target/conference-gateway.jar broker --port 39292 --controller-port 39293 --data-dir $W/broker \
    > $W/broker.log 2>&1 & BROKER=$!
  for _ in $(seq 120); do (echo > /dev/tcp/127.0.0.1/39292) 2>/dev/null && break; sleep 0.5; done
  ENVS=(-e KAFKA_BOOTSTRAP_SERVERS=localhost:39292 -e GATEWAY_SECRET_KEY="$(head -c 32 /dev/urandom | base64)"
    -e PLATFORM_BASE_URL=http://127.0.0.1:9/httpIntf -e PLATFORM_APP_ID=0DE40A9911C3A5E1D7C1E5F5A1B2C3D4
    -e PLATFORM_APP_KEY=unused -e GATEWAY_QUERY_ADVERTISED_HOST=127.0.0.1
    -e JAVA_TOOL_OPTIONS="$IMAGE_JVM_OPTIONS -XX:InitialRAMPercentage=$HEAP_PERCENT -XX:+AlwaysPreTouch")
  memory() { # CONTAINER -> its JVM's resident set: peak, and anonymous memory (heap, native) at its largest
    # sampled; the file-backed rest (the jar, libraries, RocksDB's files) is reclaimable under the limit.
    local pid; pid=$("${ENGINE[@]}" inspect --format '{{.State.Pid}}' $1)
    awk -v anon="$(sort -n $W/anon-$1 2>/dev/null | tail -1)" '/^VmHWM/ {p = $2} /^RssAnon/ {a = $2}
      END {if (anon > a) a = anon; printf "resident set peak %d MiB, anonymous at most %d MiB", p / 1024, a / 1024}' \
      /proc/$pid/status 2>/dev/null
  }
  sample_memory() { # PID CONTAINER...: every 2 s while PID runs, each container's anonymous resident set (KiB)
    local watched=$1 c; shift
    while kill -0 $watched 2>/dev/null; do
      for c in "$@"; do
        awk '/^RssAnon/ {print $2}' /proc/"$("${ENGINE[@]}" inspect --format '{{.State.Pid}}' $c)"/status \
          >> $W/anon-$c 2>/dev/null
      done
      sleep 2
    done
  }
  sessions_run() {
    # shellcheck disable=SC2046
    "${ENGINE[@]}" run -d --name cg-sessions --network host --user 10001:10001 --read-only --memory "$SESSIONS_LIMIT" \
      $(volumes sessions) "${ENVS[@]}" -e GATEWAY_ROLES=sessions -e GATEWAY_MANAGEMENT_PORT=38481 \
      -e GATEWAY_QUERY_PORT=38482 "$IMAGE" > /dev/null
  }
  # The host network: each container on ports of its own.
  # shellcheck disable=SC2046
  "${ENGINE[@]}" run -d --name cg-ingress --network host --user 10001:10001 --read-only --memory "$INGRESS_LIMIT" \
    $(volumes ingress) "${ENVS[@]}" -e GATEWAY_ROLES=ingress,commands -e GATEWAY_HTTP_PORT=38480 \
    -e GATEWAY_MANAGEMENT_PORT=38491 "$IMAGE" > /dev/null
  sessions_run
  ready 38491 && ready 38481 || { fail "the containers are not ready"; exit 1; }
  say "load: ${LOAD_MINUTES} min of status and CDR pushes at ${LOAD_RATE}/s; ingress,commands under $INGRESS_LIMIT, sessions under $SESSIONS_LIMIT, heap $HEAP_PERCENT% of each, committed up front"
  java -jar target/conference-gateway.jar bench push --url http://127.0.0.1:38480 --rate $LOAD_RATE --mix both \
    --duration $((LOAD_MINUTES * 60)) --warmup 20 --app 0DE40A9911C3A5E1D7C1E5F5A1B2C3D4 --bootstrap localhost:39292 \
    --metrics-url http://127.0.0.1:38491/metrics > $W/load.out 2> $W/load.err & LOAD=$!
  sample_memory $LOAD cg-ingress cg-sessions & SAMPLER=$!
  if wait $LOAD; then grep -E "benchmark|read back|heap|CPU" $W/load.out; else fail "the push load failed"; tail -5 $W/load.err; fi
  wait $SAMPLER
  for c in cg-ingress cg-sessions; do
    state=$("${ENGINE[@]}" inspect --format '{{.State.Status}} oom={{.State.OOMKilled}} exit={{.State.ExitCode}}' $c)
    case "$state" in "running oom=false"*) say "$c: $state; $(memory $c)";; *) fail "$c: $state";; esac
  done
  say "crash: the sessions container is killed; exactly-once processing wipes its store: a full restore under $SESSIONS_LIMIT"
  "${ENGINE[@]}" kill -s KILL cg-sessions > /dev/null; "${ENGINE[@]}" rm -f cg-sessions > /dev/null
  rm -f $W/anon-cg-sessions
  t0=$(date +%s); sessions_run
  ready 38481 1200 & READY=$!
  sample_memory $READY cg-sessions & SAMPLER=$!
  if wait $READY; then say "sessions: ready again in $(( $(date +%s) - t0 )) s"; else fail "sessions: not ready after the crash"; fi
  wait $SAMPLER
  "${ENGINE[@]}" logs cg-sessions 2>&1 | grep -h "Restored conference-sessions-store" \
    | awk '{for (i = 1; i <= NF; i++) if ($i == "records") s += $(i-1)} END {printf "%d changelog records restored\n", s}'
  state=$("${ENGINE[@]}" inspect --format '{{.State.Status}} oom={{.State.OOMKilled}}' cg-sessions)
  case "$state" in "running oom=false") say "cg-sessions after the restore: $state; $(memory cg-sessions)";;
    *) fail "cg-sessions after the restore: $state";; esac
fi
if [ $FAILED = 0 ]; then say "image test passed"; else say "image test FAILED"; fi
exit $FAILED
