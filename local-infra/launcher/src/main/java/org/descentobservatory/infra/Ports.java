package org.descentobservatory.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Chooses the 127.0.0.1 ports child processes listen on: a requested port is checked to be free so that a clash
 * fails here with a message naming its user, rather than deep in a child's log; port 0 picks a free port.
 */
final class Ports {

    private Ports() {
    }

    /**
     * Returns {@code requested} if it is free on 127.0.0.1, or a free port if {@code requested} is 0.
     *
     * @param purpose what will listen there, for the error message ("Kafka broker")
     * @throws IllegalStateException if the requested port is in use
     */
    static int resolve(int requested, String purpose) {
        if (requested < 0 || requested > 65535) {
            throw new IllegalArgumentException("Port for " + purpose + " must be 0..65535, got " + requested);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requested));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Port " + requested + " for the " + purpose + " is already in use on "
                    + "127.0.0.1 (" + e.getMessage() + "); stop whatever listens there and try again", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
