package org.descentobservatory.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {

    @Test
    void findsTheProjectRootAboveTheWorkingDirectory() {
        Path root = ProjectLayout.locate().root();

        assertThat(root.resolve("local-infra/kafka-dist/pom.xml")).isRegularFile();
        assertThat(Path.of("").toAbsolutePath()).startsWith(root);
    }

    @Test
    void namesTheMissingPathAndTheBuildCommand(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("local-infra/kafka-dist"));
        ProjectLayout layout = withHome(root);

        assertThatThrownBy(layout::kafkaLib)
                .hasMessageContaining(root.resolve("local-infra/kafka-dist/target/lib").toString())
                .hasMessageContaining("mvn -B install -DskipTests");
        assertThatThrownBy(() -> layout.serviceJar(ObservatoryService.ANALYZER))
                .hasMessageContaining(root.resolve("analyzer-service/target/quarkus-app/quarkus-run.jar").toString());
    }

    @Test
    void rejectsAHomeThatIsNotTheProject(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> withHome(elsewhere))
                .hasMessageContaining(ProjectLayout.HOME_PROPERTY)
                .hasMessageContaining("local-infra/kafka-dist");
    }

    private static ProjectLayout withHome(Path root) {
        System.setProperty(ProjectLayout.HOME_PROPERTY, root.toString());
        try {
            return ProjectLayout.locate();
        } finally {
            System.clearProperty(ProjectLayout.HOME_PROPERTY);
        }
    }
}
