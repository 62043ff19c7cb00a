package io.sluice.smtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;

/** Base of conversation tests that need a server with the default settings, fresh for every test. */
abstract class EngineTest {

    TestServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
