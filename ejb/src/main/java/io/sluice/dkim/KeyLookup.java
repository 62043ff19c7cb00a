package io.sluice.dkim;

import java.util.List;

/**
 * Fetches and checks the key for a signature (RFC 6376 §6.1.2, RFC 8301): the first record at
 * the selector's name that parses is used; a key that is revoked, of another type, restricted to
 * other hash algorithms or services, or an RSA key under 1024 bits is not.
 */
public final class KeyLookup {

    /** A key, or why there is none: then {@code status} and {@code reason} say what the signature's result is. */
    public record Outcome(KeyRecord key, DkimResult.Status status, String reason) {
        static Outcome failed(DkimResult.Status status, String reason) {
            return new Outcome(null, status, reason);
        }
    }

    private final TxtRecords dns;

    public KeyLookup(TxtRecords dns) {
        this.dns = dns;
    }

    public Outcome find(String selector, String domain, Algorithm algorithm) {
        String name = selector + "._domainkey." + domain;
        List<String> records;
        try {
            records = dns.txt(name);
        } catch (DnsTemporaryFailure e) {
            return Outcome.failed(DkimResult.Status.TEMPERROR, "key lookup " + name + ": " + e.getMessage());
        }
        if (records.isEmpty()) {
            return Outcome.failed(DkimResult.Status.PERMERROR, "no key record at " + name);
        }
        KeyRecord key = null;
        String problem = null;
        for (String r : records) {
            try {
                key = KeyRecord.parse(r);
                break;
            } catch (KeyRecord.Invalid e) {
                problem = e.getMessage();
            }
        }
        if (key == null) {
            return Outcome.failed(DkimResult.Status.PERMERROR, problem + " (" + name + ")");
        }
        if (key.revoked()) {
            return Outcome.failed(DkimResult.Status.PERMERROR, "key revoked (" + name + ")");
        }
        if (!key.keyType().equals(algorithm.keyType())) {
            return Outcome.failed(DkimResult.Status.PERMERROR, "key type " + key.keyType() + " does not fit " + algorithm.tag());
        }
        if (key.hashes() != null && !key.hashes().contains(algorithm.hashName())) {
            return Outcome.failed(DkimResult.Status.PERMERROR, "key does not allow " + algorithm.hashName() + " (h=)");
        }
        if (!key.allowsEmail()) {
            return Outcome.failed(DkimResult.Status.PERMERROR, "key is not for email (s=)");
        }
        if (key.keyType().equals("rsa") && key.rsaBits() < 1024) {
            return Outcome.failed(DkimResult.Status.POLICY, "RSA key of " + key.rsaBits() + " bits, under 1024 (RFC 8301)");
        }
        return new Outcome(key, null, null);
    }
}
