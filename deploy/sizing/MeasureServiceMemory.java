import org.descentobservatory.infra.ChildProcess;
import org.descentobservatory.infra.LocalInfrastructure;
import org.descentobservatory.infra.TrainerClient;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures the services' peak resident memory with the JVM flags docker-compose.yml and k8s/ give them, to size
 * memory requests and limits (docs/deployment.md, "Sizing"). Starts the local broker and store, the three packaged
 * services with those flags, one default (cpu-small) run of the given number of epochs, and samples every service's
 * VmRSS every 2 s until the run should be over. Needs the services packaged (mvn package -DskipTests); run from the
 * project root:
 *
 * <pre>
 * java -Dobservatory.home=. -cp "local-infra/launcher/target/local-infra-launcher-0.1.0-SNAPSHOT.jar:local-infra/launcher/target/lib/*" \
 *   deploy/sizing/MeasureServiceMemory.java 8 target/sizing
 * </pre>
 */
public class MeasureServiceMemory {

    /** JAVA_OPTS of docker-compose.yml and k8s/base (the JavaCPP cache goes under the work directory here). */
    private static final String ND4J_FLAGS = "-Xmx1g -Dorg.bytedeco.javacpp.maxphysicalbytes=1536m";
    private static final String DASHBOARD_FLAGS = "-Xmx256m";
    /** Bound on the run: an epoch of cpu-small takes 10-35 s on 2 shared cores, plus the last analysis. */
    private static final long MILLIS_PER_EPOCH = 35_000;

    public static void main(String[] args) throws Exception {
        int epochs = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        String cache = " -Dorg.bytedeco.javacpp.cachedir=" + work.resolve("javacpp-cache");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("trainer-service", ND4J_FLAGS + cache);
        flags.put("analyzer-service", ND4J_FLAGS + cache);
        flags.put("dashboard-service", DASHBOARD_FLAGS);
        List<ChildProcess> services = new ArrayList<>();
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(work)) {
            int trainerPort = 0;
            for (Map.Entry<String, String> service : flags.entrySet()) {
                int port = freePort();
                trainerPort = service.getKey().equals("trainer-service") ? port : trainerPort;
                List<String> command = new ArrayList<>(List.of(service.getValue().split(" ")));
                command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                        "-Dkafka.bootstrap.servers=" + infrastructure.kafkaBootstrapServers(),
                        "-Dobservatory.store.endpoint=" + infrastructure.storeEndpoint(),
                        "-Dobservatory.store.access-key=" + infrastructure.storeAccessKey(),
                        "-Dobservatory.store.secret-key=" + infrastructure.storeSecretKey(),
                        "-jar", Path.of(service.getKey(), "target", "quarkus-app", "quarkus-run.jar")
                                .toAbsolutePath().toString()));
                services.add(ChildProcess.start(service.getKey(), command, Map.of("OMP_NUM_THREADS", "1"),
                        work.resolve(service.getKey() + ".log")));
            }
            String trainerUrl = "http://127.0.0.1:" + trainerPort;
            Map<String, Long> idle = awaitTrainerThenSample(services, trainerUrl);
            System.out.println("idle RSS MB " + idle);
            String runId = new TrainerClient(trainerUrl).startRun(Map.of("epochs", epochs));
            System.out.println("run " + runId + ", " + epochs + " epochs");
            Map<String, Long> peak = new TreeMap<>();
            long end = System.currentTimeMillis() + epochs * MILLIS_PER_EPOCH;
            while (System.currentTimeMillis() < end) {
                rssMegabytes(services).forEach((name, mb) -> peak.merge(name, mb, Math::max));
                Thread.sleep(2000);
            }
            System.out.println("peak RSS MB " + peak);
        } finally {
            services.forEach(ChildProcess::stop);
        }
    }

    /** Waits (up to 3 minutes) until the trainer accepts connections, then samples once. */
    private static Map<String, Long> awaitTrainerThenSample(List<ChildProcess> services, String trainerUrl)
            throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var ready = java.net.http.HttpRequest.newBuilder(java.net.URI.create(trainerUrl + "/q/health/ready")).build();
        long deadline = System.currentTimeMillis() + 180_000;
        while (true) {
            try {
                if (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return rssMegabytes(services);
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("trainer not ready after 3 minutes");
            }
            Thread.sleep(1000);
        }
    }

    private static Map<String, Long> rssMegabytes(List<ChildProcess> services) throws Exception {
        Map<String, Long> rss = new TreeMap<>();
        for (ChildProcess service : services) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(service.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss.put(service.name(), Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        }
        return rss;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
