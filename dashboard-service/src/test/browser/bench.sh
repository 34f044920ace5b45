#!/usr/bin/env bash
# Scale benchmark of the dashboard (docs/dashboard.md): a real Kafka broker and the packaged dashboard on free
# loopback ports, a synthetic run of EPOCHS epochs with PROBES per-probe readouts each published to the topics, then
#   1. how long the timeline (and summary, bifurcation, CSV) takes to be served: curl, REPEATS times each, median/p95
#   2. how long the page takes to be usable in headless Chromium, and the page checks of the browser test, in
#      "bench" mode (dashboard-check.mjs).
# Usage: dashboard-service/src/test/browser/bench.sh [EPOCHS] [PROBES]   (defaults 10000 500)
# Needs: the project built once (it runs `mvn package -DskipTests` for the dashboard and its upstream modules),
# /usr/bin/chromium and `npm ci` in this folder. Prints `uptime` next to the figures: the machine is shared.
set -euo pipefail
EPOCHS=${1:-10000}
PROBES=${2:-500}
REPEATS=${REPEATS:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(cd "$HERE/../../.." && pwd)
ROOT=$(cd "$MODULE/.." && pwd)
WORK=$(mktemp -d /tmp/dashboard-bench.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "== build"
(cd "$ROOT" && mvn -B -q -ntp -pl dashboard-service -am package -DskipTests \
  && mvn -B -q -ntp -pl dashboard-service dependency:build-classpath -Dmdep.includeScope=test \
     -Dmdep.outputFile="$WORK/classpath.txt")
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$WORK/classpath.txt")"

echo "== Kafka broker"
KAFKA_LIB="$ROOT/local-infra/kafka-dist/target/lib"
KPORT=$(free_port); CPORT=$(free_port); HPORT=$(free_port)
cat > "$WORK/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$KPORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KPORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$WORK/kafka-data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=8388608
EOF
java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format -c "$WORK/server.properties" \
  -t "$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid)" > "$WORK/format.log" 2>&1
java -Xmx512m -Dlog4j2.configurationFile="$ROOT/local-infra/kafka-dist/target/config/log4j2.properties" \
  -cp "$KAFKA_LIB/*" kafka.Kafka "$WORK/server.properties" > "$WORK/kafka.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q "Kafka Server started" "$WORK/kafka.log" && break; sleep 0.5; done

echo "== dashboard on :$HPORT"
java -Xmx2g -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$HPORT" -Dkafka.bootstrap.servers="127.0.0.1:$KPORT" \
  -jar "$MODULE/target/quarkus-app/quarkus-run.jar" > "$WORK/dashboard.log" 2>&1 &
PIDS+=($!)
BASE="http://127.0.0.1:$HPORT"
for _ in $(seq 1 120); do curl -sf -o /dev/null "$BASE/q/health/ready" && break; sleep 0.5; done

RUN="bench-$EPOCHS-$PROBES"
echo "== publishing $EPOCHS epochs x $PROBES probes as $RUN"
START=$(date +%s)
java -cp "$CP" org.descentobservatory.dashboard.SyntheticRunPublisher "127.0.0.1:$KPORT" "$RUN" 1 "$EPOCHS" \
  "$((EPOCHS + 10))" "$PROBES" 2>/dev/null | tail -1
until curl -sf "$BASE/api/runs/$RUN" | grep -q "\"epochsAnalysed\":$EPOCHS,"; do sleep 1; done
echo "published and consumed in $(( $(date +%s) - START )) s"

echo "== served (curl, $REPEATS requests each after one warm-up; seconds)"
measure() {
  curl -s -o /dev/null "$BASE$1"
  for _ in $(seq 1 "$REPEATS"); do curl -s -o /dev/null -w "%{time_total} %{size_download}\n" "$BASE$1"; done \
    | sort -n | awk -v path="$1" '{t[NR]=$1; b=$2} END {printf "%-60s median %.4f  p95 %.4f  bytes %d\n", path, t[int((NR+1)/2)], t[int(NR*0.95+0.5)], b}'
}
measure "/api/runs/$RUN/timeline"
measure "/api/runs/$RUN/timeline?maxPoints=2680"
measure "/api/runs/$RUN/summary"
measure "/api/runs/$RUN/bifurcation?bins=100&columns=1340"
measure "/api/runs/$RUN/timeline?format=csv"
echo "first request after a new epoch (cache invalidated), 5 times:"
for i in 1 2 3 4 5; do
  java -cp "$CP" org.descentobservatory.dashboard.SyntheticRunPublisher "127.0.0.1:$KPORT" "$RUN" $((EPOCHS + i)) \
    $((EPOCHS + i)) "$((EPOCHS + 10))" "$PROBES" > /dev/null 2>&1
  until curl -sf "$BASE/api/runs/$RUN" | grep -q "\"epochsAnalysed\":$((EPOCHS + i)),"; do sleep 0.2; done
  curl -s -o /dev/null -w "  timeline after epoch $((EPOCHS + i)): %{time_total} s\n" "$BASE/api/runs/$RUN/timeline"
done
uptime

echo "== page in headless Chromium"
NEXT=$((EPOCHS + 6))
cd "$HERE"
coproc NODE { BASE_URL="$BASE" RUN_ID="$RUN" OUT_DIR="$MODULE/target/bench" MODE=bench node dashboard-check.mjs 2>&1; }
CHECK_PID=$NODE_PID  # bash unsets NODE_PID once the coprocess ends
while IFS= read -r line <&"${NODE[0]}"; do
  echo "$line"
  if [ "$line" = "PUBLISH-LIVE" ]; then
    java -cp "$CP" org.descentobservatory.dashboard.SyntheticRunPublisher "127.0.0.1:$KPORT" "$RUN" $NEXT $NEXT \
      "$((EPOCHS + 10))" "$PROBES" > /dev/null 2>&1
    echo "$NEXT" >&"${NODE[1]}"
  fi
done
wait "$CHECK_PID"
uptime
echo "logs in $WORK"
