package io.sluice.it;

import io.sluice.smtp.Conversation;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deployment binds the port (or fails clearly), undeployment closes every socket, redeployment binds again. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LifecycleIT {

    private static final String NAME = "lifecycle";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = NAME, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Gateway.ear();
    }

    @Test
    void aPortInUseFailsTheDeploymentThenUndeployClosesEverythingAndRedeployRebinds() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", Gateway.SMTP_PORT));
            Exception failure = assertThrows(Exception.class, () -> deployer.deploy(NAME));
            assertTrue(causes(failure).contains("cannot listen for SMTP on 0.0.0.0:" + Gateway.SMTP_PORT
                    + ": Address already in use"), causes(failure));
        }
        try {
            deployer.undeploy(NAME);
        } catch (RuntimeException e) {
            // the failed deployment may or may not be registered; either way it is gone now
        }

        deployer.deploy(NAME);
        try (Conversation idle = Gateway.ehlo(); Conversation fresh = new Conversation(Gateway.SMTP_PORT)) {
            fresh.expect("220 gateway.test ESMTP Sluice");
            idle.exchange("MAIL FROM:<a@example.org>", "250 2.1.0 Ok");
            deployer.undeploy(NAME);
            idle.expect("421 4.3.2 gateway.test Service shutting down, try again later").expectClosed();
            fresh.expect("421 4.3.2 gateway.test Service shutting down, try again later").expectClosed();
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", Gateway.SMTP_PORT).close());

        deployer.deploy(NAME);
        try (Conversation again = new Conversation(Gateway.SMTP_PORT)) {
            again.expect("220 gateway.test ESMTP Sluice").exchange("QUIT", "221 2.0.0 Bye");
        } finally {
            deployer.undeploy(NAME);
        }
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }
}
