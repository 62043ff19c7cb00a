package io.sluice.persistence;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Migration V17: ARC sealing is off, with no domain, on a new installation and on one that existed before. */
class ArcSealingMigrationTest {

    private static final String SEALING = "SELECT arc_seal, arc_seal_domain FROM gateway_settings";

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sealingStartsOffWithNoDomain(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind, null)) {
            assertEquals(List.of(List.of("OFF", "")), db.rows(SEALING));
        }
        try (TestDatabase db = TestDatabase.open(kind, "15")) {
            db.update("UPDATE gateway_settings SET dkim_enabled = TRUE");
            db.migrate(null);
            assertEquals(List.of(List.of("OFF", "")), db.rows(SEALING));
        }
    }
}
