package io.sluice.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test keys and a DNS of TXT records held in a map. */
public final class Keys {

    /** The RFC 8463 Appendix A Ed25519 key (RFC 8032 §7.1 test 1): its seed and public key. */
    static final String RFC8463_SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    public static final String RFC8463_PUBLIC = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    /** The RFC 8463 Appendix A RSA key record (1024 bits). */
    static final String RFC8463_RSA_RECORD = "v=DKIM1; g=*; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

    private static final byte[] ED25519_PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
            0x70, 0x04, 0x22, 0x04, 0x20};

    private Keys() {
    }

    /** A TXT "DNS" from name → records. */
    static final class Dns implements TxtRecords {
        final Map<String, List<String>> records = new HashMap<>();
        final java.util.Set<String> failing = new java.util.HashSet<>();
        final List<String> asked = new java.util.ArrayList<>();

        Dns put(String name, String... txt) {
            records.put(name, List.of(txt));
            return this;
        }

        Dns put(SigningKey key) {
            return put(key.recordName(), key.txtRecord());
        }

        @Override
        public List<String> txt(String name) throws DnsTemporaryFailure {
            asked.add(name);
            if (failing.contains(name)) {
                throw new DnsTemporaryFailure("SERVFAIL");
            }
            return records.getOrDefault(name, List.of());
        }
    }

    /** The RFC 8463 Ed25519 key as a signing key. */
    public static SigningKey rfc8463Ed25519(String domain, String selector) throws GeneralSecurityException {
        byte[] seed = Base64.getDecoder().decode(RFC8463_SEED);
        byte[] pkcs8 = Arrays.copyOf(ED25519_PKCS8_PREFIX, ED25519_PKCS8_PREFIX.length + 32);
        System.arraycopy(seed, 0, pkcs8, ED25519_PKCS8_PREFIX.length, 32);
        byte[] spki = Arrays.copyOf(KeyRecord.ED25519_PREFIX, KeyRecord.ED25519_PREFIX.length + 32);
        System.arraycopy(Base64.getDecoder().decode(RFC8463_PUBLIC), 0, spki, KeyRecord.ED25519_PREFIX.length, 32);
        KeyFactory f = KeyFactory.getInstance("Ed25519");
        return new SigningKey(domain, selector, Algorithm.ED25519_SHA256, f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                f.generatePublic(new X509EncodedKeySpec(spki)));
    }

}
