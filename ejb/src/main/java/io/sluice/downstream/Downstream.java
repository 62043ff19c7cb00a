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
     * A session borrowed ahead of an operation, to be readied for it ({@link RelayConnection#readyFor})
     * and handed to {@link #call(String, RelayConnection, Operation)}, or closed. Only an idle
     * one: {@code null} rather than connecting or waiting for one (the operation will).
     */
    public RelayConnection borrow() {
        try {
            return connections.idleConnection();
        } catch (ResourceException e) {
            LOG.fine(() -> "no downstream session to ready ahead: " + e.getMessage());
            return null;
        }
    }

    /**
     * @throws ResourceException no session could be had (downstream unreachable, pool exhausted)
     * @throws RelayException    the session failed in a way that is not safe or useful to retry
     */
    public <T> T call(String what, Operation<T> operation) throws ResourceException, RelayException {
        return call(what, null, operation);
    }

    /**
     * As {@link #call(String, Operation)}, with a session already borrowed (see {@link #borrow}) for
     * the first attempt; it is closed here whatever happens.
     */
    public <T> T call(String what, RelayConnection first, Operation<T> operation) throws ResourceException,
            RelayException {
        RelayConnection held = first;
        for (int attempt = 1; ; attempt++) {
            RelayConnection next = held;
            held = null;
            try (RelayConnection connection = next != null ? next : connections.getConnection()) {
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
