package io.sluice.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodePropertiesTest {

    @Test
    void unsetPropertiesTakeTheDefaultsReadmeNames() {
        NodeProperties p = NodeProperties.from(Map.of("sluice.smtp.hostname", "gateway.example.org",
                "jboss.server.data.dir", "/srv/wildfly/data")::get);
        assertEquals(new NodeProperties("gateway.example.org", true, Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofSeconds(3600), Path.of("/srv/wildfly/data/sluice/signatures"), null), p);
    }

    @Test
    void setPropertiesAreTakenAsGiven() {
        NodeProperties p = NodeProperties.from(Map.of("sluice.smtp.hostname", " mx.example.org ",
                "sluice.verify-recipients", "FALSE", "sluice.verify-cache-seconds", "0",
                "sluice.downstream.extensions-seconds", "5", "sluice.maintenance.tick-seconds", "1",
                "sluice.quarantine.stale-release-seconds", "3", "sluice.signatures.dir", "/etc/sluice/signatures",
                "sluice.admin.initial-password", "first-admin")::get);
        assertEquals(new NodeProperties("mx.example.org", false, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(3), Path.of("/etc/sluice/signatures"), "first-admin"), p);
    }

    @Test
    void aWrongValueIsRefusedNamingItsProperty() {
        assertEquals("sluice.verify-recipients must be true or false, not yes", assertThrows(IllegalArgumentException.class,
                () -> NodeProperties.from(Map.of("sluice.verify-recipients", "yes")::get)).getMessage());
        assertEquals("sluice.maintenance.tick-seconds must be a whole number of seconds, at least 1, not 0",
                assertThrows(IllegalArgumentException.class,
                        () -> NodeProperties.from(Map.of("sluice.maintenance.tick-seconds", "0")::get)).getMessage());
        assertEquals("sluice.verify-cache-seconds must be a whole number of seconds, at least 0, not 1m",
                assertThrows(IllegalArgumentException.class,
                        () -> NodeProperties.from(Map.of("sluice.verify-cache-seconds", "1m")::get)).getMessage());
    }
}
