package org.descentobservatory.analyzer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.descentobservatory.analyzer.compute.AsymptoticDistance;
import org.descentobservatory.analyzer.compute.RecurrentParameters;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.analyzer.compute.ProbeLyapunovSpectrum;
import org.descentobservatory.analyzer.config.AnalyzerConfig;
import org.descentobservatory.analyzer.config.Channels;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.Sha256;
import org.descentobservatory.store.ObjectStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Analyses one checkpoint: fetches and verifies its object, restores the network, measures the asymptotic
 * distance on the run's probe set and the largest Lyapunov exponent of its zero-input map on the first
 * {@code lyapunov-probes} of those probes, and publishes the {@link AnalysisEvent}, keyed by run id, once the broker has
 * acknowledged it. Anything that makes the checkpoint unanalysable is thrown, for the caller's failure strategy.
 */
@ApplicationScoped
public class CheckpointAnalysisService {

    private static final Logger LOG = Logger.getLogger(CheckpointAnalysisService.class);

    private final ObjectStore store;
    private final ProbeSetCache probeSets;
    private final AnalyzerConfig.Analysis settings;
    private final MutinyEmitter<AnalysisEvent> analyses;
    private final String analyzerVersion;
    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter published;

    public CheckpointAnalysisService(ObjectStore store, ProbeSetCache probeSets, AnalyzerConfig config,
                                     @Channel(Channels.ANALYSES) MutinyEmitter<AnalysisEvent> analyses,
                                     @ConfigProperty(name = "quarkus.application.version") String analyzerVersion,
                                     MeterRegistry registry) {
        this.store = store;
        this.probeSets = probeSets;
        this.settings = config.analysis();
        this.analyses = analyses;
        this.analyzerVersion = analyzerVersion;
        this.registry = registry;
        this.duration = Timer.builder("observatory.analysis.duration")
                .description("Wall-clock time of one checkpoint analysis, fetch to publish").register(registry);
        this.published = Counter.builder("observatory.analyses")
                .description("Analysis events published").register(registry);
    }

    /**
     * Analyses {@code event}'s checkpoint and publishes the result.
     *
     * @throws CheckpointRejectedException if the object's SHA-256 differs from the event's, or it or the probe set
     *                                     is unusable
     * @throws org.descentobservatory.store.MissingObjectException if the checkpoint or probe set is not in the
     *                                     store
     */
    public AnalysisEvent analyse(CheckpointEvent event) {
        long start = System.nanoTime();
        try {
            AnalysisEvent analysis = measure(event, start);
            analyses.sendMessageAndAwait(KafkaRecord.of(event.runId(), analysis));
            published.increment();
            LOG.infof("Run %s epoch %d: D~ = %.4f, chaotic fraction %.3f (%d probes), lambda1 = %.5f +- %s"
                            + " per step (%d probes), %d ms", event.runId(), event.epoch(),
                    analysis.asymptoticDistance(), analysis.chaoticFraction(), analysis.probeCount(),
                    analysis.largestLyapunovExponent(), analysis.lyapunovStandardError(), analysis.lyapunovProbes(),
                    analysis.durationMs());
            return analysis;
        } catch (RuntimeException e) {
            registry.counter("observatory.analysis.failures", "reason", e.getClass().getSimpleName()).increment();
            LOG.errorf("Run %s epoch %d not analysed (%s): %s", event.runId(), event.epoch(),
                    e.getClass().getSimpleName(), e.getMessage());
            throw e;
        } finally {
            duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private AnalysisEvent measure(CheckpointEvent event, long start) {
        LOG.infof("Run %s epoch %d: analysing %s", event.runId(), event.epoch(), event.objectKey());
        byte[] checkpoint = store.get(event.objectKey());
        String actual = Sha256.hex(checkpoint);
        if (!actual.equals(event.sha256())) {
            throw new CheckpointRejectedException("Run " + event.runId() + " epoch " + event.epoch()
                    + ": SHA-256 mismatch for " + event.objectKey() + ": event says " + event.sha256()
                    + ", stored object (" + checkpoint.length + " bytes) has " + actual);
        }
        RecurrentParameters theta = parameters(event, restore(event, checkpoint));
        int[][] probes = probes(event, probeSets.forRun(event.runId()));
        AsymptoticDistance.Protocol protocol = new AsymptoticDistance.Protocol(settings.totalSteps(),
                settings.perturbation(), settings.floorLog(), settings.seed());
        LyapunovSpectrum.Settings lyapunov = lyapunovSettings(settings);
        int[][] lyapunovProbes = Arrays.copyOf(probes, Math.min(settings.lyapunovProbes(), probes.length));
        AsymptoticDistance.Result result;
        ProbeLyapunovSpectrum.Result spectrum;
        try {
            result = AsymptoticDistance.measure(theta.cell(), probes, protocol);
            spectrum = ProbeLyapunovSpectrum.measure(theta, lyapunovProbes, lyapunov);
        } catch (IllegalArgumentException e) {
            throw new CheckpointRejectedException("Run " + event.runId() + " epoch " + event.epoch()
                    + ": probe set does not fit the network: " + e.getMessage(), e);
        }
        double standardError = spectrum.standardError()[0];
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return new AnalysisEvent(AnalysisEvent.SCHEMA_VERSION, event.runId(), event.epoch(), result.dTilde(),
                result.chaoticFraction(), result.probeCount(), result.drivenSteps(), result.totalSteps(),
                protocol.epsilon(), protocol.floorLog(), spectrum.mean()[0],
                Double.isNaN(standardError) ? null : standardError, spectrum.probeCount(),
                lyapunov.transientSteps(), lyapunov.steps(), AnalysisEvent.PERTURB_INITIAL_HIDDEN,
                AnalysisEvent.DYNAMICS_ZERO_INPUT, null, null, null, null, null, analyzerVersion, durationMs, Instant.now());
    }

    /**
     * The settings of the λ₁ measurement: k = 1, the configured transient and steps, the analysis seed. Public so
     * that tests recompute λ₁ with exactly the service's settings.
     */
    public static LyapunovSpectrum.Settings lyapunovSettings(AnalyzerConfig.Analysis settings) {
        return new LyapunovSpectrum.Settings(1, settings.lyapunovTransientSteps(), settings.lyapunovSteps(),
                settings.seed());
    }

    private static RecurrentParameters parameters(CheckpointEvent event, MultiLayerNetwork net) {
        try {
            return RecurrentParameters.from(net);
        } catch (IllegalArgumentException e) {
            throw new CheckpointRejectedException("Run " + event.runId() + " epoch " + event.epoch()
                    + ": unsupported network: " + e.getMessage(), e);
        }
    }

    private static MultiLayerNetwork restore(CheckpointEvent event, byte[] checkpoint) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(checkpoint), false);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointRejectedException("Run " + event.runId() + " epoch " + event.epoch() + ": "
                    + event.objectKey() + " is not a DL4J MultiLayerNetwork zip: " + e.getMessage(), e);
        }
    }

    private int[][] probes(CheckpointEvent event, ProbeSet probeSet) {
        int count = Math.min(settings.maxProbes(), probeSet.probeCount());
        if (count < probeSet.probeCount()) {
            LOG.debugf("Run %s: using %d of %d probes", event.runId(), count, probeSet.probeCount());
        }
        return Arrays.copyOf(probeSet.tokens(), count);
    }
}
