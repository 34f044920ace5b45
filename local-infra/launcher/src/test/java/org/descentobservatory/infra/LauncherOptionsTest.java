package org.descentobservatory.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void defaultsToADefaultRunInTheProjectWorkDir() {
        assertThat(LauncherOptions.parse())
                .isEqualTo(new LauncherOptions(Optional.empty(), true, OptionalInt.empty(), false));
    }

    @Test
    void readsEveryOption() {
        assertThat(LauncherOptions.parse("--work-dir", "/tmp/obs", "--epochs", "12"))
                .isEqualTo(new LauncherOptions(Optional.of(Path.of("/tmp/obs")), true, OptionalInt.of(12), false));
        assertThat(LauncherOptions.parse("--no-default-run").defaultRun()).isFalse();
        assertThat(LauncherOptions.parse("-h").help()).isTrue();
    }

    @Test
    void namesWhatIsWrongWithAnArgument() {
        assertThatThrownBy(() -> LauncherOptions.parse("--epochs", "zero")).hasMessageContaining("'zero'");
        assertThatThrownBy(() -> LauncherOptions.parse("--epochs", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> LauncherOptions.parse("--work-dir")).hasMessageContaining("--work-dir needs a value");
        assertThatThrownBy(() -> LauncherOptions.parse("--epoch", "3")).hasMessageContaining("Unknown option: --epoch");
        assertThatThrownBy(() -> LauncherOptions.parse("--no-default-run", "--epochs", "3"))
                .hasMessageContaining("contradicts");
    }
}
