package org.descentobservatory.e2e;

import org.descentobservatory.infra.ObservatoryStack;
import org.descentobservatory.infra.StackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's start, cancel and overlay controls in real headless Chromium, against the whole observatory as
 * {@code bin/run} starts it (the dashboard linked to a real trainer, real broker and store): the page check
 * {@code dashboard-service/src/test/browser/control-check.mjs} checks that a wrong token is refused, starts a run
 * from the page with the trainer's token, cancels it from its row,
 * starts another and overlays it. Runs in the {@code browser-tests} profile (active once that folder's node_modules
 * exists; bin/test installs Chromium and runs {@code npm ci} first).
 */
class DashboardControlBrowserTest {

    private static final Path SCRIPT_DIR = Path.of("..", "dashboard-service", "src", "test", "browser");
    private static final long PATIENCE_MINUTES = 8;
    private static final String TOKEN = "e2e-" + UUID.randomUUID();

    private static ObservatoryStack stack;

    @BeforeAll
    static void startStack() {
        stack = ObservatoryStack.start(StackOptions.freePorts(Path.of("target", "e2e-controls").toAbsolutePath())
                .withServiceConfig(Map.of("observatory.trainer.api-token", TOKEN)));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void runsAreStartedCancelledAndOverlaidFromThePage() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "control-check.mjs")
                .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true);
        builder.environment().put("BASE_URL", stack.dashboardUrl());
        builder.environment().put("TOKEN", TOKEN);
        builder.environment().put("OUT_DIR", Path.of("target", "browser").toAbsolutePath().toString());
        Process node = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("[browser] " + line);
                output.add(line);
            }
        }
        assertThat(node.waitFor(PATIENCE_MINUTES, TimeUnit.MINUTES)).as("page check finished").isTrue();
        assertThat(node.exitValue()).as(String.join("\n", output)).isZero();
        assertThat(output).contains("ok - the page shows the run CANCELLED")
                .anyMatch(line -> line.startsWith("ok - the chart of "));
        assertThat(Path.of("target", "browser", "dashboard-controls.png")).exists();
    }
}
