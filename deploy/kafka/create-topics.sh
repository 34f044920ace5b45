#!/bin/sh
# Creates every topic listed in deploy/kafka/topics (mounted at /topics) on the compose broker, idempotently, with
# its partition count and retention. Runs once in the kafka-init container (the apache/kafka image) before the
# services start.
set -eu
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
grep -v '^[[:space:]]*#' /topics | grep -v '^[[:space:]]*$' | while read -r topic partitions retention; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 --config "retention.ms=$retention"
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --list
