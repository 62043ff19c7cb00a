package io.sluice.mailbox;

import io.sluice.persistence.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sender list lookups in a real database (H2, and PostgreSQL when configured): which entry wins,
 * and that a mailbox without entries costs no query once the owners are known.
 */
class SenderListsTest {

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** Counts the connections taken: one per query here. */
    private static final class Counting implements DataSource {
        final DataSource target;
        final AtomicInteger taken = new AtomicInteger();

        Counting(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            taken.incrementAndGet();
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            taken.incrementAndGet();
            return target.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAddressEntryWinsAndAMailboxWithoutEntriesCostsNoQuery(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            Counting counting = new Counting(db.dataSource());
            AtomicLong now = new AtomicLong();
            SenderLists lists = new SenderLists();
            lists.dataSource = counting;
            lists.owners = new ListOwners(lists::readOwners, now::get);
            lists.put("Bob@Example.com", "@spam.example", SenderLists.Kind.BLOCK);
            lists.put("bob@example.com", "friend@spam.example", SenderLists.Kind.ALLOW);
            counting.taken.set(0);

            assertEquals(Optional.of(SenderLists.Kind.ALLOW), lists.lookup("bob@example.com", "Friend@spam.example"));
            assertEquals(Optional.of(SenderLists.Kind.BLOCK), lists.lookup("BOB@example.com", "other@spam.example"));
            assertEquals(Optional.empty(), lists.lookup("bob@example.com", "other@example.org"));
            assertEquals(Optional.empty(), lists.lookup("bob@example.com", "<>"));
            assertEquals(4, counting.taken.get()); // the owners once, then bob's three lookups

            for (int i = 0; i < 10; i++) {
                assertEquals(Optional.empty(), lists.lookup("carol@example.com", "other@spam.example"));
            }
            assertEquals(4, counting.taken.get());

            // another node's entry for carol counts once the owners are a second old
            db.update("INSERT INTO mailbox_sender (owner, sender, kind, created_at) VALUES (?, ?, ?, ?)",
                    "carol@example.com", "@spam.example", "BLOCK", java.sql.Timestamp.from(Instant.EPOCH));
            assertEquals(Optional.empty(), lists.lookup("carol@example.com", "other@spam.example"));
            now.addAndGet(ListOwners.FRESH_NANOS);
            assertEquals(Optional.of(SenderLists.Kind.BLOCK), lists.lookup("carol@example.com", "other@spam.example"));

            // this node's entry for dave at once
            lists.put("dave@example.com", "other@spam.example", SenderLists.Kind.BLOCK);
            assertEquals(Optional.of(SenderLists.Kind.BLOCK), lists.lookup("dave@example.com", "other@spam.example"));
        }
    }
}
