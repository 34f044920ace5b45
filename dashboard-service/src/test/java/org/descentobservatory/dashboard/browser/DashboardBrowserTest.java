package org.descentobservatory.dashboard.browser;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.descentobservatory.dashboard.SyntheticRun;
import org.descentobservatory.infra.quarkus.LocalInfraTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in real headless Chromium against the running dashboard fed by real events on a real broker: the chart
 * draws the points the API serves, bands and markers where the summary says, a live epoch without reload, the zoom
 * kept, PNG and CSV exports. Leaves a screenshot in {@code target/browser/dashboard.png}. Runs in the
 * {@code browser-tests} profile (active once {@code src/test/browser/node_modules} exists; bin/test installs
 * Chromium and runs {@code npm ci} first).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class DashboardBrowserTest {

    private static final int EPOCHS = 240;
    private static final int PROBES = 60;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void thePageShowsTheRunAsTheApiDescribesItAndFollowsItLive() throws Exception {
        String runId = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        BrowserHarness harness = new BrowserHarness(bootstrapServers, dashboard.toString(), runId,
                new SyntheticRun(runId, EPOCHS + 10, PROBES, 7));
        harness.publish(EPOCHS, PATIENCE);

        List<String> output = harness.runPageCheck("check", Path.of("target", "browser"), EPOCHS + 1,
                Duration.ofMinutes(2));

        assertThat(output).anyMatch(line -> line.startsWith("RESULT "));
        assertThat(output).noneMatch(line -> line.startsWith("CHECK FAILED"));
        assertThat(Path.of("target", "browser", "dashboard.png")).exists();
    }
}
