package io.sluice.downstream;

import io.sluice.api.RelayConnection;
import io.sluice.api.RelayConnectionFactory;
import io.sluice.api.RelayException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;

import java.util.logging.Logger;

/**
 * Borrows a pooled SMTP session with the downstream for one operation. A session that turns out to
 * have been closed by the downstream while it sat in the pool (nothing answered, no timeout) is
 * dropped and the operation tried again on another one; the pool's flush strategy has discarded the
 * other idle sessions by then, so the retry opens a fresh connection.
 */
@ApplicationScoped
public class Downstream {

    private static final Logger LOG = Logger.getLogger(Downstream.class.getName());
    private static final int ATTEMPTS = 3;

    @Resource(lookup = "java:/eis/sluice/Relay")
    RelayConnectionFactory connections;

    /** One operation on a downstream session. */
    @FunctionalInterface
    public interface Operation<T> {
        T run(RelayConnection connection) throws RelayException;
    }

    /**
     * @throws ResourceException no session could be had (downstream unreachable, pool exhausted)
     * @throws RelayException    the session failed in a way that is not safe or useful to retry
     */
    public <T> T call(String what, Operation<T> operation) throws ResourceException, RelayException {
        for (int attempt = 1; ; attempt++) {
            try (RelayConnection connection = connections.getConnection()) {
                return operation.run(connection);
            } catch (RelayException e) {
                if (!e.isRetryable() || attempt >= ATTEMPTS) {
                    throw e;
                }
                int n = attempt;
                LOG.fine(() -> what + ": stale downstream session (" + e.getMessage() + "), attempt " + (n + 1));
            }
        }
    }
}
