package org.descentobservatory.infra;

import java.util.List;

/**
 * A stand-in child process for {@link ChildProcessTest}: {@code exit} prints {@link #FAREWELL} and exits with code 3;
 * {@code spawn} starts one more Sleeper as its own child, prints {@link #GREETING} and sleeps until stopped.
 */
public final class Sleeper {

    static final String GREETING = "sleeper is up";
    static final String FAREWELL = "sleeper gives up";

    private Sleeper() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "sleep";
        if (mode.equals("exit")) {
            System.out.println(FAREWELL);
            System.exit(3);
        }
        if (mode.equals("spawn")) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Sleeper.class.getName()))
                    .inheritIO().start();
        }
        System.out.println(GREETING);
        Thread.sleep(Long.MAX_VALUE);
    }
}
