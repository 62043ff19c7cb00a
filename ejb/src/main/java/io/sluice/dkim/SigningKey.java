package io.sluice.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * A key that signs for one domain under one selector: RSA-2048 or Ed25519. Keys are stored as
 * PKCS#8 (private) and SubjectPublicKeyInfo (public) in base64; {@link #txtRecord()} is what the
 * domain publishes at {@link #recordName()}.
 */
public record SigningKey(String domain, String selector, Algorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {

    public SigningKey {
        if (algorithm == Algorithm.RSA_SHA1) {
            throw new IllegalArgumentException("rsa-sha1 is not used for signing (RFC 8301)");
        }
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** A new key pair: RSA of 2048 bits (RFC 8301 asks for at least 1024, 2048 recommended) or Ed25519. */
    public static SigningKey generate(String domain, String selector, Algorithm algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm == Algorithm.ED25519_SHA256 ? "Ed25519" : "RSA");
            if (algorithm != Algorithm.ED25519_SHA256) {
                g.initialize(2048);
            }
            KeyPair pair = g.generateKeyPair();
            return new SigningKey(domain, selector, algorithm, pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA and Ed25519 are part of every JDK", e);
        }
    }

    /** A stored key back from its base64 PKCS#8 and SubjectPublicKeyInfo. */
    public static SigningKey of(String domain, String selector, Algorithm algorithm, String privatePkcs8, String publicSpki)
            throws GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance(algorithm == Algorithm.ED25519_SHA256 ? "Ed25519" : "RSA");
        return new SigningKey(domain, selector, algorithm,
                f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privatePkcs8))),
                f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicSpki))));
    }

    public String privatePkcs8() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    public String publicSpki() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** Where the key record goes: {@code selector._domainkey.domain}. */
    public String recordName() {
        return selector + "._domainkey." + domain;
    }

    /** The key record to publish (RFC 6376 §3.6.1; an Ed25519 key is its bare 32 octets, RFC 8463 §4). */
    public String txtRecord() {
        byte[] spki = publicKey.getEncoded();
        byte[] p = algorithm == Algorithm.ED25519_SHA256
                ? Arrays.copyOfRange(spki, KeyRecord.ED25519_PREFIX.length, spki.length)
                : spki;
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(p);
    }
}
