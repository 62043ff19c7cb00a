package io.sluice.mailbox;

import io.sluice.api.MailboxSyntax;
import io.sluice.manage.ManageException;
import io.sluice.manage.Violation;
import io.sluice.persistence.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Mailbox owners' own sender lists: mail from a BLOCK entry to the owner is refused at RCPT; mail
 * from an ALLOW entry skips the spam checks (never the virus checks). An entry is an address or
 * {@code @domain}; an address entry wins over its domain's. Read from the database at each
 * recipient whose mailbox has any entries; which mailboxes have them is read at most once a second
 * ({@link ListOwners}), so an entry applies at once on the node it was made on and within a second
 * on the others.
 */
@ApplicationScoped
public class SenderLists {

    private static final Logger LOG = Logger.getLogger(SenderLists.class.getName());
    /** At most this many entries per mailbox. */
    public static final int LIMIT = 1000;

    public enum Kind { ALLOW, BLOCK }

    @JsonbPropertyOrder({"sender", "kind", "createdAt"})
    public record Entry(String sender, Kind kind, Instant createdAt) {
    }

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    Clock clock = Clock.systemUTC();

    ListOwners owners = new ListOwners(this::readOwners, System::nanoTime);

    public List<Entry> list(String owner) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT sender, kind, created_at FROM mailbox_sender "
                     + "WHERE owner = ? ORDER BY kind, sender")) {
            s.setString(1, normal(owner));
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), Kind.valueOf(rs.getString(2)), Jdbc.instant(rs, "created_at")));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("reading sender lists: " + e.getMessage(), e);
        }
    }

    /** Adds or replaces the owner's entry for this sender. */
    @Transactional
    public Entry put(String owner, String sender, Kind kind) {
        String entry = sender == null ? "" : sender.trim().toLowerCase(Locale.ROOT);
        List<Violation> wrong = new ArrayList<>();
        if (!(entry.startsWith("@") ? MailboxSyntax.isDomain(entry.substring(1)) : MailboxSyntax.isValid(entry))) {
            wrong.add(new Violation("sender", "must be an address (someone@example.com) or a domain (@example.com)"));
        }
        if (kind == null) {
            wrong.add(new Violation("kind", "must be ALLOW or BLOCK"));
        }
        if (!wrong.isEmpty()) {
            throw new ManageException.InvalidInput(wrong);
        }
        String me = normal(owner);
        if (list(me).stream().noneMatch(e -> e.sender().equals(entry)) && list(me).size() >= LIMIT) {
            throw new ManageException.Conflict("a mailbox keeps at most " + LIMIT + " sender entries");
        }
        Instant now = clock.instant();
        Jdbc.update(dataSource, "sender lists", "DELETE FROM mailbox_sender WHERE owner = ? AND sender = ?", me, entry);
        Jdbc.update(dataSource, "sender lists", "INSERT INTO mailbox_sender (owner, sender, kind, created_at) "
                + "VALUES (?, ?, ?, ?)", me, entry, kind.name(), Jdbc.timestamp(now));
        LOG.info(() -> "sender lists: " + me + " " + kind + " " + entry);
        ownersChangeOnCommit();
        return new Entry(entry, kind, now);
    }

    /** Lookups here see the new owner once it is committed (a removal needs nothing: it only costs a query). */
    private void ownersChangeOnCommit() {
        owners.changed();
        if (transactions != null && transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    owners.changed();
                }
            });
        }
    }

    Set<String> readOwners(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT owner FROM mailbox_sender LIMIT ?")) {
            s.setInt(1, limit);
            Set<String> result = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
            return result;
        }
    }

    public void remove(String owner, String sender) {
        int n = Jdbc.update(dataSource, "sender lists", "DELETE FROM mailbox_sender WHERE owner = ? AND sender = ?",
                normal(owner), sender.trim().toLowerCase(Locale.ROOT));
        if (n == 0) {
            throw new ManageException.NotFound("sender entry " + sender);
        }
    }

    /** What {@code recipient}'s lists say about mail from {@code sender}: the address's entry, else its domain's. */
    public Optional<Kind> lookup(String recipient, String sender) {
        int at = sender.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty(); // the null sender (bounces) is never listed
        }
        String owner = normal(recipient);
        if (!owners.mayHaveEntries(owner)) {
            return Optional.empty();
        }
        String address = sender.toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT sender, kind FROM mailbox_sender WHERE owner = ? "
                     + "AND sender IN (?, ?)")) {
            s.setString(1, owner);
            s.setString(2, address);
            s.setString(3, address.substring(at));
            Kind byDomain = null;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Kind k = Kind.valueOf(rs.getString(2));
                    if (rs.getString(1).equals(address)) {
                        return Optional.of(k);
                    }
                    byDomain = k;
                }
            }
            return Optional.ofNullable(byDomain);
        } catch (SQLException e) {
            throw new IllegalStateException("reading sender lists: " + e.getMessage(), e);
        }
    }

    private static String normal(String owner) {
        return owner.toLowerCase(Locale.ROOT);
    }
}
