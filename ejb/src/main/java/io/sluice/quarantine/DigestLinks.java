package io.sluice.quarantine;

import io.sluice.config.SettingsCache;
import io.sluice.manage.ManageException;
import io.sluice.persistence.Jdbc;
import io.sluice.security.Scope;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The one-click links of quarantine digests: a signed token per held message and recipient that
 * lets that recipient preview the message and release it to themselves, without a password, until
 * the message would be purged anyway. The key is made once, stored in the database so that every
 * node signs and checks alike, and never leaves the gateway.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DigestLinks {

    private static final Logger LOG = Logger.getLogger(DigestLinks.class.getName());
    private static final int KEY_ID = 1;
    /** A link lives as long as the message is kept, but at least this long. */
    static final Duration SHORTEST = Duration.ofDays(1);

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    DataSource dataSource;

    @Inject
    SettingsCache settings;

    @Inject
    QuarantineService quarantine;

    Clock clock = Clock.systemUTC();

    /** The key once read: it never changes while the gateway runs. */
    private static volatile String cachedKey;

    /** The address of the link for this recipient of this message, or null when no console address is set. */
    public String linkFor(QuarantinedMessage m, String recipient) {
        String console = settings.current().notifications().consoleUrl();
        if (console == null) {
            return null;
        }
        Duration kept = Duration.ofDays(settings.current().retention().quarantineDays());
        Instant expires = m.receivedAt().plus(kept.compareTo(SHORTEST) < 0 ? SHORTEST : kept);
        return console + "#/held/" + signer().sign(m.queueId(), recipient, expires);
    }

    /** The message the token grants, as its recipient sees it. */
    public QuarantineView view(String token) throws IOException {
        LinkSigner.Link link = open(token);
        return quarantine.view(link.queueId(), new Scope.Mailbox(link.recipient()));
    }

    /** Releases the message to the token's recipient; a second time it is refused as released already. */
    public QuarantineService.Released release(String token) {
        LinkSigner.Link link = open(token);
        return quarantine.release(link.queueId(), false, "digest link of " + link.recipient(), false,
                new Scope.Mailbox(link.recipient()));
    }

    private LinkSigner.Link open(String token) {
        // a forged, altered or expired token gets the same answer as a purged message: nothing to see
        return signer().verify(token).orElseThrow(() -> new ManageException.NotFound("this link's message (the "
                + "link may have expired)"));
    }

    private LinkSigner signer() {
        return new LinkSigner(Base64.getDecoder().decode(key()), clock);
    }

    /** The stored key; the first caller on any node makes it, and a node that lost the race reads the winner's. */
    private String key() {
        String known = cachedKey;
        if (known != null) {
            return known;
        }
        cachedKey = stored();
        return cachedKey;
    }

    private String stored() {
        try (Connection c = dataSource.getConnection()) {
            String stored = read(c);
            if (stored != null) {
                return stored;
            }
            byte[] k = new byte[32];
            new java.security.SecureRandom().nextBytes(k);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO link_key (id, secret, created_at) VALUES (?, ?, ?)")) {
                s.setInt(1, KEY_ID);
                s.setString(2, Base64.getEncoder().encodeToString(k));
                s.setObject(3, Jdbc.timestamp(clock.instant()));
                s.executeUpdate();
                LOG.info("digest links: made the link key");
            } catch (SQLException duplicate) {
                LOG.fine(() -> "digest links: another node made the link key first: " + duplicate.getMessage());
            }
            return read(c);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the link key: " + e.getMessage(), e);
        }
    }

    private static String read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT secret FROM link_key WHERE id = ?")) {
            s.setInt(1, KEY_ID);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
