package org.descentobservatory.dashboard.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.descentobservatory.dashboard.config.Channels;
import org.descentobservatory.dashboard.domain.RunRegistry;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.RunEndedEvent;
import org.descentobservatory.schemas.RunStartedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Feeds every run event into the {@link RunRegistry}. The channels read their topics from the beginning with a
 * consumer group of their own per start (see {@code application.properties}), so the registry is rebuilt on every
 * start. A record whose value could not be deserialized arrives here with a null value (the connector runs with
 * {@code fail-on-deserialization-failure=false} and has logged the cause): it is logged, counted and skipped, so
 * one bad record cannot stop the timeline.
 */
@ApplicationScoped
public class RunEventsListener {

    private static final Logger LOG = Logger.getLogger(RunEventsListener.class);

    /** Counter of events consumed, tagged with the event type. */
    public static final String EVENTS_CONSUMED = "observatory.dashboard.events.consumed";

    /** Counter of records skipped because their value was missing or malformed, tagged with the topic. */
    public static final String RECORDS_SKIPPED = "observatory.dashboard.records.skipped";

    private final RunRegistry registry;
    private final MeterRegistry meters;
    private final Counter runsStarted;
    private final Counter checkpoints;
    private final Counter analyses;
    private final Counter runsEnded;

    public RunEventsListener(RunRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.meters = meters;
        this.runsStarted = consumedCounter("run-started");
        this.checkpoints = consumedCounter("checkpoint");
        this.analyses = consumedCounter("analysis");
        this.runsEnded = consumedCounter("run-ended");
    }

    @Incoming(Channels.RUNS_STARTED)
    public void onRunStarted(ConsumerRecord<String, RunStartedEvent> record) {
        consume(record, runsStarted, registry::apply);
    }

    @Incoming(Channels.CHECKPOINTS)
    public void onCheckpoint(ConsumerRecord<String, CheckpointEvent> record) {
        consume(record, checkpoints, registry::apply);
    }

    @Incoming(Channels.ANALYSES)
    public void onAnalysis(ConsumerRecord<String, AnalysisEvent> record) {
        consume(record, analyses, registry::apply);
    }

    @Incoming(Channels.RUNS_ENDED)
    public void onRunEnded(ConsumerRecord<String, RunEndedEvent> record) {
        consume(record, runsEnded, registry::apply);
    }

    private <T> void consume(ConsumerRecord<String, T> record, Counter consumed, Consumer<T> sink) {
        if (record.value() == null) {
            LOG.warnf("Skipping record %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                    record.key(), failureReason(record));
            meters.counter(RECORDS_SKIPPED, "topic", record.topic()).increment();
            return;
        }
        sink.accept(record.value());
        consumed.increment();
    }

    private static String failureReason(ConsumerRecord<?, ?> record) {
        Header reason = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        return reason == null ? "no value" : new String(reason.value(), StandardCharsets.UTF_8);
    }

    private Counter consumedCounter(String type) {
        return Counter.builder(EVENTS_CONSUMED).tag("type", type)
                .description("Run events the dashboard consumed, by type").register(meters);
    }
}
