package io.sluice.downstream;

import io.sluice.api.RelayConnection;
import io.sluice.api.RelayConnectionFactory;
import io.sluice.api.RelayException;
import jakarta.resource.ResourceException;
import org.junit.jupiter.api.Test;

import javax.naming.Reference;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Borrowing a session ahead and the retries around it, against a pool that records what is lent. */
class DownstreamTest {

    private final List<String> events = new ArrayList<>();

    private final class Session extends UnexpectedRelayConnection {
        final String name;

        Session(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            events.add("close " + name);
        }
    }

    private final class Pool implements RelayConnectionFactory {
        int lent;
        boolean idle = true;

        @Override
        public RelayConnection getConnection() {
            lent++;
            events.add("lend fresh" + lent);
            return new Session("fresh" + lent);
        }

        @Override
        public RelayConnection idleConnection() throws ResourceException {
            if (!idle) {
                return null;
            }
            events.add("lend idle");
            return new Session("idle");
        }

        @Override
        public void setReference(Reference reference) {
        }

        @Override
        public Reference getReference() {
            return null;
        }
    }

    private Downstream downstream(Pool pool) {
        Downstream d = new Downstream();
        d.connections = pool;
        return d;
    }

    @Test
    void theSessionBorrowedAheadCarriesTheFirstAttemptAndIsClosedAfterIt() throws Exception {
        Downstream d = downstream(new Pool());
        RelayConnection ahead = d.borrow();
        String used = d.call("q1", ahead, c -> ((Session) c).name);
        assertEquals("idle", used);
        assertEquals(List.of("lend idle", "close idle"), events);
    }

    @Test
    void aStaleSessionBorrowedAheadGivesWayToFreshOnes() throws Exception {
        Downstream d = downstream(new Pool());
        RelayConnection ahead = d.borrow();
        List<String> tried = new ArrayList<>();
        String used = d.call("q1", ahead, c -> {
            tried.add(((Session) c).name);
            if (tried.size() < 3) {
                throw new RelayException("closed while idle", true, null);
            }
            return ((Session) c).name;
        });
        assertEquals("fresh2", used);
        assertEquals(List.of("idle", "fresh1", "fresh2"), tried);
        assertEquals(List.of("lend idle", "close idle", "lend fresh1", "close fresh1", "lend fresh2", "close fresh2"),
                events);
    }

    @Test
    void aFailureThatIsNotRetryableStillClosesTheSessionBorrowedAhead() {
        Downstream d = downstream(new Pool());
        RelayConnection ahead = d.borrow();
        RelayException e = new RelayException("timeout", false, null);
        assertSame(e, assertThrows(RelayException.class, () -> d.call("q1", ahead, c -> {
            throw e;
        })));
        assertEquals(List.of("lend idle", "close idle"), events);
    }

    @Test
    void nothingIsBorrowedAheadWhenThePoolHasNoIdleSession() throws Exception {
        Pool pool = new Pool();
        pool.idle = false;
        Downstream d = downstream(pool);
        assertNull(d.borrow());
        assertEquals("fresh1", d.call("q1", null, c -> ((Session) c).name));
        assertEquals(List.of("lend fresh1", "close fresh1"), events);
    }
}
