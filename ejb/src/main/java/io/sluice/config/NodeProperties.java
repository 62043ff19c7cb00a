package io.sluice.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What this node is told at start by system properties (README, Configuration), read in one
 * place, with their defaults, and checked once: a wrong value stops the deployment with the
 * property's name instead of surfacing later as a stray exception. The SMTP listener's and the
 * relay's own properties are read by the resource adapter from its descriptors.
 *
 * @param hostname             sluice.smtp.hostname, else this machine's name
 * @param verifyRecipients     sluice.verify-recipients
 * @param verifyCache          sluice.verify-cache-seconds
 * @param downstreamExtensions sluice.downstream.extensions-seconds
 * @param maintenanceTick      sluice.maintenance.tick-seconds
 * @param staleRelease         sluice.quarantine.stale-release-seconds
 * @param signatures           sluice.signatures.dir, else signatures in the server's data directory
 * @param initialPassword      sluice.admin.initial-password, or null
 */
public record NodeProperties(String hostname, boolean verifyRecipients, Duration verifyCache,
                             Duration downstreamExtensions, Duration maintenanceTick, Duration staleRelease,
                             Path signatures, String initialPassword) {

    public static NodeProperties fromSystem() {
        return from(System::getProperty);
    }

    /** @param property a property's value by name, or null */
    public static NodeProperties from(UnaryOperator<String> property) {
        String host = blankToNull(property.apply("sluice.smtp.hostname"));
        String signatures = blankToNull(property.apply("sluice.signatures.dir"));
        String dataDir = property.apply("jboss.server.data.dir");
        return new NodeProperties(host != null ? host : localName(),
                flag(property, "sluice.verify-recipients", true),
                seconds(property, "sluice.verify-cache-seconds", 60, 0),
                seconds(property, "sluice.downstream.extensions-seconds", 60, 0),
                seconds(property, "sluice.maintenance.tick-seconds", 60, 1),
                seconds(property, "sluice.quarantine.stale-release-seconds", 3600, 1),
                signatures != null ? Path.of(signatures)
                        : Path.of(dataDir != null ? dataDir : property.apply("java.io.tmpdir"), "sluice", "signatures"),
                blankToNull(property.apply("sluice.admin.initial-password")));
    }

    private static boolean flag(UnaryOperator<String> property, String name, boolean byDefault) {
        String v = blankToNull(property.apply(name));
        if (v == null) {
            return byDefault;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + " must be true or false, not " + v);
        }
        return Boolean.parseBoolean(v);
    }

    private static Duration seconds(UnaryOperator<String> property, String name, long byDefault, long least) {
        String v = blankToNull(property.apply(name));
        if (v == null) {
            return Duration.ofSeconds(byDefault);
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s >= least) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException(name + " must be a whole number of seconds, at least " + least + ", not " + v);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
