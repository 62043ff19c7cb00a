package io.sluice.dkim;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A DKIM key record (RFC 6376 §3.6.1), the TXT record at {@code selector._domainkey.domain}.
 * Ed25519 keys are the bare 32 octets of the public key (RFC 8463 §4); RSA keys are a
 * SubjectPublicKeyInfo, and the bare PKCS#1 RSAPublicKey some publishers use is accepted too.
 *
 * @param keyType  {@code k=} (default rsa)
 * @param hashes   {@code h=}, or null for any
 * @param services {@code s=} (default *)
 * @param flags    {@code t=}
 * @param key      the decoded key, or null when {@code p=} is empty (revoked)
 */
public record KeyRecord(String keyType, List<String> hashes, List<String> services, List<String> flags, PublicKey key) {

    /** The record is not a usable key record. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** SubjectPublicKeyInfo for an Ed25519 key, before the 32 key octets (RFC 8410). */
    static final byte[] ED25519_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    public static KeyRecord parse(String text) throws Invalid {
        TagList tags;
        try {
            tags = TagList.parse(text);
        } catch (TagList.SyntaxException e) {
            throw new Invalid("key record syntax: " + e.getMessage());
        }
        if (tags.has("v") && (!"v".equals(tags.firstName()) || !"DKIM1".equals(tags.get("v")))) {
            throw new Invalid("key record version is not DKIM1 in first place");
        }
        String p = tags.get("p");
        if (p == null) {
            throw new Invalid("key record has no p=");
        }
        String k = tags.has("k") ? tags.get("k") : "rsa";
        List<String> hashes = tags.has("h") ? list(tags.get("h")) : null;
        List<String> services = tags.has("s") ? list(tags.get("s")) : List.of("*");
        List<String> flags = tags.has("t") ? list(tags.get("t")) : List.of();
        String b64 = TagList.compact(p);
        if (b64.isEmpty()) {
            return new KeyRecord(k, hashes, services, flags, null);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new Invalid("key record p= is not base64");
        }
        return new KeyRecord(k, hashes, services, flags, decode(k, der));
    }

    public boolean revoked() {
        return key == null;
    }

    public boolean testing() {
        return flags.contains("y");
    }

    /** {@code t=s}: the i= domain must be d= itself, not a subdomain. */
    public boolean strict() {
        return flags.contains("s");
    }

    public boolean allowsEmail() {
        return services.contains("*") || services.contains("email");
    }

    /** The RSA modulus length in bits, or 0 for other keys. */
    public int rsaBits() {
        return key instanceof RSAPublicKey r ? r.getModulus().bitLength() : 0;
    }

    private static PublicKey decode(String k, byte[] der) throws Invalid {
        try {
            return switch (k) {
                case "rsa" -> rsa(der);
                case "ed25519" -> {
                    if (der.length != 32) {
                        throw new Invalid("an ed25519 key is 32 octets, not " + der.length);
                    }
                    byte[] spki = Arrays.copyOf(ED25519_PREFIX, ED25519_PREFIX.length + 32);
                    System.arraycopy(der, 0, spki, ED25519_PREFIX.length, 32);
                    yield KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                }
                default -> throw new Invalid("unknown key type k=" + k);
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Invalid("key record p= is not a " + k + " key");
        }
    }

    private static PublicKey rsa(byte[] der) throws GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance("RSA");
        try {
            return f.generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            // a bare RSAPublicKey: wrap it in a SubjectPublicKeyInfo with the rsaEncryption identifier
            byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
            byte[] bits = new byte[der.length + 1];
            System.arraycopy(der, 0, bits, 1, der.length);
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            inner.writeBytes(algorithm);
            inner.writeBytes(tlv(0x03, bits));
            return f.generatePublic(new X509EncodedKeySpec(tlv(0x30, inner.toByteArray())));
        }
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(value.length + 6);
        b.write(tag);
        int n = value.length;
        if (n < 0x80) {
            b.write(n);
        } else if (n < 0x100) {
            b.write(0x81);
            b.write(n);
        } else if (n < 0x10000) {
            b.write(0x82);
            b.write(n >> 8);
            b.write(n);
        } else {
            b.write(0x83);
            b.write(n >> 16);
            b.write(n >> 8);
            b.write(n);
        }
        b.writeBytes(value);
        return b.toByteArray();
    }

    private static List<String> list(String value) {
        return Arrays.stream(TagList.compact(value).split(":")).filter(s -> !s.isEmpty()).toList();
    }
}
