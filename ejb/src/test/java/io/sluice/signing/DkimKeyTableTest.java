package io.sluice.signing;

import io.sluice.dkim.Algorithm;
import io.sluice.dkim.SigningKey;
import io.sluice.persistence.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Migration V12 in a real database (H2, and PostgreSQL when configured): an RSA-2048 key, the
 * longest kind, fits its columns, comes back as the same key, and a selector is unique per domain.
 */
class DkimKeyTableTest {

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void keysFitTheirColumnsAndASelectorIsUniquePerDomain(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null); Connection c = db.dataSource().getConnection()) {
            SigningKey rsa = SigningKey.generate("example.org", "s1", Algorithm.RSA_SHA256);
            insert(c, rsa);
            insert(c, SigningKey.generate("example.net", "s1", Algorithm.ED25519_SHA256));
            List<List<Object>> rows = db.rows("SELECT domain, selector, algorithm, private_key, public_key, active, version"
                    + " FROM dkim_key ORDER BY domain");
            assertEquals(List.of("example.net", "s1", "ed25519-sha256"), rows.get(0).subList(0, 3));
            SigningKey back = SigningKey.of("example.org", "s1", Algorithm.RSA_SHA256, (String) rows.get(1).get(3),
                    (String) rows.get(1).get(4));
            assertEquals(rsa.txtRecord(), back.txtRecord());
            assertEquals(rsa.privateKey(), back.privateKey());
            assertThrows(SQLException.class, () -> insert(c, SigningKey.generate("example.org", "s1", Algorithm.ED25519_SHA256)));
        }
    }

    private static void insert(Connection c, SigningKey k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dkim_key (domain, selector, algorithm, private_key, public_key,"
                + " active, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
            s.setString(1, k.domain());
            s.setString(2, k.selector());
            s.setString(3, k.algorithm().tag());
            s.setString(4, k.privatePkcs8());
            s.setString(5, k.publicSpki());
            s.setBoolean(6, true);
            s.setTimestamp(7, Timestamp.from(java.time.Instant.parse("2026-11-30T10:00:00Z")));
            s.executeUpdate();
        }
    }
}
