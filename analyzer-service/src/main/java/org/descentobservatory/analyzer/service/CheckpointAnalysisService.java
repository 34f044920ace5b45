package org.descentobservatory.analyzer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.descentobservatory.analyzer.compute.AnalysedNetwork;
import org.descentobservatory.analyzer.compute.AsymptoticDistance;
import org.descentobservatory.analyzer.compute.PhaseLabel;
import org.descentobservatory.analyzer.compute.ProbeInputs;
import org.descentobservatory.analyzer.compute.ProbeLyapunovSpectrum;
import org.descentobservatory.analyzer.compute.SeriesProbes;
import org.descentobservatory.analyzer.compute.TokenProbes;
import org.descentobservatory.analyzer.compute.lyapunov.LyapunovSpectrum;
import org.descentobservatory.analyzer.config.AnalyzerConfig;
import org.descentobservatory.analyzer.config.Channels;
import org.descentobservatory.schemas.AnalysisEvent;
import org.descentobservatory.schemas.CheckpointEvent;
import org.descentobservatory.schemas.ProbeSet;
import org.descentobservatory.schemas.Quantiles;
import org.descentobservatory.schemas.Sha256;
import org.descentobservatory.store.RetryingObjectStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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

    private final RetryingObjectStore store;
    private final ProbeSetCache probeSets;
    private final AnalyzerConfig.Analysis settings;
    private final MutinyEmitter<AnalysisEvent> analyses;
    private final String analyzerVersion;
    private final Timer duration;
    private final Counter published;

    public CheckpointAnalysisService(RetryingObjectStore store, ProbeSetCache probeSets, AnalyzerConfig config,
                                     @Channel(Channels.ANALYSES) MutinyEmitter<AnalysisEvent> analyses,
                                     @ConfigProperty(name = "quarkus.application.version") String analyzerVersion,
                                     MeterRegistry registry) {
        this.store = store;
        this.probeSets = probeSets;
        this.settings = config.analysis();
        this.analyses = analyses;
        this.analyzerVersion = analyzerVersion;
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
            LOG.infof("Run %s epoch %d: %s, D~ = %.4f, chaotic fraction %.3f (%d probes), lambda1 = %.5f +- %s"
                            + " per step (%d probes, %s), %d ms", event.runId(), event.epoch(), analysis.phase(),
                    analysis.asymptoticDistance(), analysis.chaoticFraction(), analysis.probeCount(),
                    analysis.largestLyapunovExponent(), analysis.lyapunovStandardError(), analysis.lyapunovProbes(),
                    analysis.dynamics(), analysis.durationMs());
            return analysis;
        } catch (RuntimeException e) {
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
        AnalysedNetwork network = network(event, restore(event, checkpoint));
        ProbeSet probeSet = probeSets.forRun(event.runId());
        AsymptoticDistance.Protocol protocol = protocol(settings);
        LyapunovSpectrum.Settings lyapunov = lyapunovSettings(settings, network);
        AsymptoticDistance.Result result;
        ProbeLyapunovSpectrum.Result spectrum;
        try {
            ProbeInputs probes = probes(probeSet, network, settings);
            result = AsymptoticDistance.measure(network, probes, protocol, settings.threads());
            spectrum = ProbeLyapunovSpectrum.measure(network, probes.first(settings.lyapunovProbes()), lyapunov,
                    settings.threads());
        } catch (IllegalArgumentException e) {
            throw new CheckpointRejectedException("Run " + event.runId() + " epoch " + event.epoch()
                    + ": probe set does not fit the network: " + e.getMessage(), e);
        }
        double[] q = result.logDQuantiles();
        double standardError = spectrum.standardError()[0];
        PhaseLabel.Phase phase = PhaseLabel.of(result.chaoticFraction(), spectrum.mean()[0], standardError,
                settings.phase().thresholds());
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return new AnalysisEvent(AnalysisEvent.SCHEMA_VERSION, event.runId(), event.epoch(), result.dTilde(),
                result.chaoticFraction(), result.probeCount(), result.drivenSteps(), result.totalSteps(),
                protocol.epsilon(), protocol.floorLog(), spectrum.mean()[0],
                Double.isNaN(standardError) ? null : standardError, spectrum.probeCount(),
                lyapunov.transientSteps(), lyapunov.steps(), EventNames.perturbationTarget(protocol.target()),
                EventNames.dynamics(network.dynamics()), new Quantiles(q[0], q[1], q[2], q[3], q[4], q[5], q[6]),
                boxed(result.readouts()), boxed(spectrum.mean()),
                Double.isNaN(standardError) ? null : boxed(spectrum.standardError()), EventNames.phase(phase),
                analyzerVersion, durationMs, Instant.now());
    }

    /** The distance protocol with the configured T, ε, floor, seed and perturbation target. */
    public static AsymptoticDistance.Protocol protocol(AnalyzerConfig.Analysis settings) {
        return new AsymptoticDistance.Protocol(settings.totalSteps(), settings.perturbation(), settings.floorLog(),
                settings.seed(), settings.perturbationTarget());
    }

    /**
     * The settings of the Lyapunov measurement: k = the configured number of exponents, cut to the dimension of the
     * network's autonomous map, the configured transient and steps, the analysis seed. Public so that tests
     * recompute the spectrum with exactly the service's settings.
     */
    public static LyapunovSpectrum.Settings lyapunovSettings(AnalyzerConfig.Analysis settings,
                                                             AnalysedNetwork network) {
        int dimension = network.autonomous().zeroInputMap().dimension();
        return new LyapunovSpectrum.Settings(Math.min(settings.lyapunovExponents(), dimension),
                settings.lyapunovTransientSteps(), settings.lyapunovSteps(), settings.seed());
    }

    /**
     * The probes the service measures with: the run's token probes for a classifier or its series for a forecaster
     * (any other pairing is refused), the first {@code max-probes} of them, cut to {@code driven-steps} if set.
     *
     * @throws IllegalArgumentException if the probe set does not suit the network or the settings
     */
    public static ProbeInputs probes(ProbeSet probeSet, AnalysedNetwork network, AnalyzerConfig.Analysis settings) {
        boolean series = probeSet.tokens() == null;
        if (series != (network.dynamics() == AnalysedNetwork.Dynamics.CLOSED_LOOP)) {
            throw new IllegalArgumentException("a probe set of " + (series ? "series" : "tokens")
                    + " cannot drive a network analysed " + EventNames.dynamics(network.dynamics()));
        }
        ProbeInputs probes = series ? new SeriesProbes(probeSet.series()) : new TokenProbes(probeSet.tokens());
        probes = probes.first(settings.maxProbes());
        return settings.drivenSteps().map(probes::prefix).orElse(probes);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static AnalysedNetwork network(CheckpointEvent event, MultiLayerNetwork net) {
        try {
            return AnalysedNetwork.from(net);
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
}
