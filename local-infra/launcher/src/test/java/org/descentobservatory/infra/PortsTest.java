package org.descentobservatory.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void namesTheUserOfAPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.resolve(port, "trainer-service"))
                    .hasMessageContaining("Port " + port + " for the trainer-service is already in use");
            assertThat(Ports.accepts(port)).isTrue();
        }
    }

    @Test
    void picksAFreePortForZero() {
        int port = Ports.resolve(0, "test");

        assertThat(port).isPositive();
        assertThat(Ports.accepts(port)).isFalse();
    }
}
