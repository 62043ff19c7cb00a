package io.sluice.ra.outbound;

import io.sluice.api.ClientOrigin;
import io.sluice.api.MessageSource;
import io.sluice.api.RelayConnection;
import io.sluice.api.RelayEnvelope;
import io.sluice.api.Reply;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression test for the open relay a real Postfix showed, at the pool's level: one pooled
 * connection used by client after client must put each transaction under its own client's identity,
 * replacing the downstream session whenever the old one can no longer act for the next client, and
 * the gateway's own mail goes on a session that never acted for anyone.
 */
class PooledIdentityTest {

    static final ClientOrigin INSIDE = new ClientOrigin("127.0.0.3", 40000, "inside.example", "ESMTP", null);
    static final ClientOrigin OUTSIDE = new ClientOrigin("127.0.0.5", 40001, "outside.example", "ESMTP", "bob");

    /**
     * Acts like Postfix with {@code smtpd_authorized_xclient_hosts = 127.0.0.1}: XCLIENT is offered
     * while the session acts for the gateway, and gone once it acts for a client. Records, per
     * transaction, who it was for and to whom.
     */
    static final class PostfixLike implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<String> transactions = new CopyOnWriteArrayList<>();
        final List<Integer> connections = new CopyOnWriteArrayList<>();

        PostfixLike() throws IOException {
            Thread t = new Thread(this::accept, "postfix-like");
            t.setDaemon(true);
            t.start();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = server.accept();
                    connections.add(s.getPort());
                    Thread t = new Thread(() -> serve(s), "postfix-like-session");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // done
            }
        }

        private void serve(Socket s) {
            try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                 OutputStream out = s.getOutputStream()) {
                String client = "gateway";
                String rcpt = null;
                send(out, "220 postfix-like ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("EHLO")) {
                        send(out, client.equals("gateway") ? "250-postfix-like\r\n250-XCLIENT NAME ADDR PORT PROTO HELO LOGIN\r\n250 8BITMIME"
                                : "250-postfix-like\r\n250 8BITMIME");
                    } else if (line.startsWith("XCLIENT")) {
                        if (!client.equals("gateway")) {
                            send(out, "550 5.7.0 Error: insufficient authorization");
                            continue;
                        }
                        client = line.replaceAll(".* ADDR=(\\S+).* LOGIN=(\\S+).*", "$1/$2");
                        send(out, "220 postfix-like ESMTP");
                    } else if (line.startsWith("RCPT")) {
                        rcpt = line.substring(9, line.length() - 1);
                        send(out, "250 2.1.5 Ok");
                    } else if (line.equals("DATA")) {
                        send(out, "354 go");
                        while (!".".equals(in.readLine())) {
                            // the content does not matter here
                        }
                        transactions.add(client + " -> " + rcpt);
                        send(out, "250 2.0.0 Ok: queued");
                    } else if (line.equals("QUIT")) {
                        send(out, "221 2.0.0 Bye");
                        return;
                    } else {
                        send(out, "250 2.0.0 Ok");
                    }
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        private static void send(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static RelayEnvelope to(String recipient, ClientOrigin origin) {
        return new RelayEnvelope("a@example.org", List.of(recipient), Map.of(), origin);
    }

    @Test
    void onePooledConnectionServesClientAfterClientEachUnderItsOwnIdentity() throws Exception {
        try (PostfixLike postfix = new PostfixLike()) {
            RelayManagedConnectionFactory factory = new RelayManagedConnectionFactory();
            factory.setPort(postfix.server.getLocalPort());
            factory.setHeloName("gw.test");
            factory.setTls("OFF");
            RelayManagedConnection mc = (RelayManagedConnection) factory.createManagedConnection(null, null);
            List<ClientOrigin> sequence = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sequence.add(INSIDE);
                sequence.add(INSIDE);
                sequence.add(OUTSIDE);
                sequence.add(null);
            }
            List<String> expected = new ArrayList<>();
            int n = 0;
            for (ClientOrigin origin : sequence) {
                String rcpt = "r" + (n++) + "@dest.test";
                RelayConnection handle = (RelayConnection) mc.getConnection(null, null);
                try (handle) {
                    assertTrue(handle.send(to(rcpt, origin), MessageSource.of("x\r\n".getBytes(StandardCharsets.US_ASCII)))
                            .delivered(), rcpt);
                    if (origin != null) {
                        assertEquals(Reply.of(250, "2.1.5", "Ok"),
                                handle.verifyRecipient(to("v" + n + "@dest.test", origin)));
                    }
                }
                expected.add((origin == null ? "gateway" : origin.address() + "/"
                        + (origin.login() == null ? "[UNAVAILABLE]" : origin.login())) + " -> " + rcpt);
            }
            mc.destroy();
            assertEquals(expected, postfix.transactions);
            // a new session when the client changes and for each of the gateway's own messages, none for a
            // repeat; a session that only ever carried the gateway's mail can still take on a client
            assertEquals(7, postfix.connections.size());
        }
    }
}
