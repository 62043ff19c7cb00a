package io.sluice.smtp;

import io.sluice.smtp.server.SmtpServer;
import io.sluice.smtp.server.TaskRunner;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * An engine on an ephemeral loopback port, sessions on plain threads, its time the test's: the
 * clock stands still unless moved, and the engine's pauses pass at once unless held.
 */
final class TestServer implements AutoCloseable {

    static final String HOST = "mx.test.example";

    final RecordingListener listener = new RecordingListener();
    final TestClock clock = new TestClock();
    final TestPauser pauser = new TestPauser(clock);
    final SmtpServer server;

    TestServer() throws IOException {
        this(b -> { });
    }

    TestServer(Consumer<SmtpSettings.Builder> customize) throws IOException {
        this(customize, TestServer::platformThread);
    }

    /** Sessions on {@code sessions}, the accept loop on a plain thread. */
    TestServer(Consumer<SmtpSettings.Builder> customize, TaskRunner sessions) throws IOException {
        // no key unless a test gives one, so no STARTTLS
        SmtpSettings.Builder b = SmtpSettings.builder().bindAddress("127.0.0.1").port(0).hostname(HOST)
                .time(clock, pauser).tlsMode(TlsMode.OFF);
        customize.accept(b);
        server = new SmtpServer(b.build(), listener, TestServer::platformThread, sessions);
        server.bind();
        server.start();
    }

    static void platformThread(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.boundAddress().getPort();
    }

    Conversation connect() throws IOException {
        return new Conversation(port());
    }

    /** Connected, greeted and past EHLO. */
    Conversation ehlo() throws IOException {
        return connect().greetAndEhlo(HOST);
    }

    @Override
    public void close() {
        server.close(2000);
    }
}
