package io.sluice.smtp;

import io.sluice.smtp.server.SmtpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Binding, refusing a busy port, closing every connection, and binding again. */
class ServerLifecycleTest {

    @Test
    void aPortInUseFailsBindWithTheAddressInTheMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            SmtpServer server = new SmtpServer(SmtpSettings.builder().bindAddress("127.0.0.1").port(port)
                    .tlsMode(TlsMode.OFF).build(),
                    new RecordingListener(), (n, t) -> new Thread(t).start());
            BindException e = assertThrows(BindException.class, server::bind);
            assertEquals("cannot listen for SMTP on 127.0.0.1:" + port + ": Address already in use", e.getMessage());
        }
    }

    @Test
    void closeTellsIdleClientsAndClosesEveryConnection() throws IOException {
        TestServer server = new TestServer();
        try (Conversation idle = server.ehlo(); Conversation fresh = server.connect()) {
            fresh.expect("220 mx.test.example ESMTP Sluice");
            server.close();
            idle.expect("421 4.3.2 mx.test.example Service shutting down, try again later").expectClosed();
            fresh.expect("421 4.3.2 mx.test.example Service shutting down, try again later").expectClosed();
            assertEquals(0, server.server.activeSessions());
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", server.port()).close());
        }
    }

    @Test
    void theSamePortCanBeBoundAgainAfterClose() throws IOException {
        TestServer first = new TestServer();
        int port = first.port();
        try (Conversation c = first.ehlo()) {
            c.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            first.close();
        }
        try (TestServer second = new TestServer(b -> b.port(port)); Conversation c = second.connect()) {
            c.expect("220 mx.test.example ESMTP Sluice");
        }
    }
}
