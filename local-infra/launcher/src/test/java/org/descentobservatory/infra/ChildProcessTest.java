package org.descentobservatory.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Readiness failures are reported with the child's log, and stopping reaches the child's own children. */
class ChildProcessTest {

    private static final Path LOGS = Path.of("target", "test-infra", "child-process");
    private static final String CLASSPATH = System.getProperty("java.class.path");

    @Test
    void reportsAChildThatExitsBeforeItIsReadyWithTheTailOfItsLog() {
        ChildProcess child = ChildProcess.start("early-exit",
                List.of("-cp", CLASSPATH, Sleeper.class.getName(), "exit"), Map.of(), LOGS.resolve("exit.log"));

        assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(30), () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("early-exit")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining(Sleeper.FAREWELL);
    }

    @Test
    void reportsAChildThatIsNotReadyInTimeAndStopsItWithItsDescendants() {
        ChildProcess child = ChildProcess.start("slow",
                List.of("-cp", CLASSPATH, Sleeper.class.getName(), "spawn"), Map.of(), LOGS.resolve("slow.log"));
        child.awaitReady(Duration.ofSeconds(30), () -> child.handle().descendants().findAny().isPresent());
        List<ProcessHandle> descendants = child.handle().descendants().toList();

        assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("still warming up");
        }))
                .hasMessageContaining("was not ready within 1 s")
                .hasMessageContaining("still warming up")
                .hasMessageContaining(Sleeper.GREETING);

        child.stop();
        assertThat(child.isAlive()).isFalse();
        assertThat(descendants).isNotEmpty().allSatisfy(process -> assertThat(process.isAlive()).isFalse());
    }
}
