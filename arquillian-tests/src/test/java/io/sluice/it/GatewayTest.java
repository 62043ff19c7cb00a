package io.sluice.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;

/**
 * Base of the end-to-end tests: {@code sluice.ear} deployed as built, the test acting as a client
 * from outside the server, and a fresh recording mail server behind the gateway for every test.
 * The gateway's pooled sessions with the previous test's mail server are dead by then, which the
 * gateway must (and does) shrug off.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class GatewayTest {

    TestDownstream downstream;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Gateway.ear();
    }

    @BeforeEach
    void startDownstream() throws IOException {
        downstream = new TestDownstream(Gateway.DOWNSTREAM_PORT).start();
    }

    @AfterEach
    void stopDownstream() throws IOException {
        downstream.close();
    }
}
