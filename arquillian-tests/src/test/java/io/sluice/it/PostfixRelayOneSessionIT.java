package io.sluice.it;

import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.setup.SystemPropertyServerSetupTask;

import java.util.Map;

/**
 * {@link PostfixRelayIT} once more with a relay pool of one session: every verification, relay and
 * release of every client must then go over the same session or a new one in its place, so a
 * session carrying one client's identity into the next client's transaction cannot hide.
 */
@ServerSetup(PostfixRelayOneSessionIT.OneRelaySession.class)
class PostfixRelayOneSessionIT extends PostfixRelayIT {

    /** {@code sluice.relay.pool.max=1} while this class's deployment is up, read by the adapter's ironjacamar.xml. */
    public static class OneRelaySession extends SystemPropertyServerSetupTask {
        public OneRelaySession() {
            super(Map.of("sluice.relay.pool.max", "1"));
        }
    }

    @Override
    int expectedPoolSize() {
        return 1;
    }
}
