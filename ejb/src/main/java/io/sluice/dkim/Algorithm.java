package io.sluice.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The signing algorithms (the {@code a=} tag). One code path for both key types, on the JDK's own
 * providers: the header data is hashed the same way, and only the last step differs. RSA signs the
 * header data with PKCS#1 v1.5 over SHA-256 (RFC 6376 §3.3.1); Ed25519 signs the SHA-256 hash of
 * the same data with PureEdDSA (RFC 8463 §3). Apache jDKIM (0.5) was not used: it does RSA only
 * and reads the message with a header/body pipeline of its own, so Ed25519 would need a second
 * verifier and the body would be hashed once per library.
 */
public enum Algorithm {

    RSA_SHA256("rsa-sha256", "rsa", "sha256", "SHA-256"),
    ED25519_SHA256("ed25519-sha256", "ed25519", "sha256", "SHA-256"),
    /** Known so that it is refused by name: RFC 8301 §3.1 says verifiers must not accept it. */
    RSA_SHA1("rsa-sha1", "rsa", "sha1", "SHA-1");

    private final String tag;
    private final String keyType;
    private final String hashName;
    private final String digest;

    Algorithm(String tag, String keyType, String hashName, String digest) {
        this.tag = tag;
        this.keyType = keyType;
        this.hashName = hashName;
        this.digest = digest;
    }

    /** The algorithm named by an {@code a=} value, or null when it is none of these. */
    public static Algorithm of(String tag) {
        for (Algorithm a : values()) {
            if (a.tag.equals(tag)) {
                return a;
            }
        }
        return null;
    }

    public String tag() {
        return tag;
    }

    /** The key record's {@code k=} value this algorithm needs. */
    public String keyType() {
        return keyType;
    }

    /** The name a key record's {@code h=} lists. */
    public String hashName() {
        return hashName;
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is part of every JDK", e);
        }
    }

    public byte[] sign(PrivateKey key, byte[] headerData) throws GeneralSecurityException {
        Signature s = signature();
        s.initSign(key);
        s.update(input(headerData));
        return s.sign();
    }

    public boolean verify(PublicKey key, byte[] headerData, byte[] signature) throws GeneralSecurityException {
        Signature s = signature();
        s.initVerify(key);
        s.update(input(headerData));
        try {
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a signature of the wrong length or encoding is simply not a match
        }
    }

    private byte[] input(byte[] headerData) {
        return this == ED25519_SHA256 ? newDigest().digest(headerData) : headerData;
    }

    private Signature signature() throws NoSuchAlgorithmException {
        return Signature.getInstance(switch (this) {
            case RSA_SHA256 -> "SHA256withRSA";
            case ED25519_SHA256 -> "Ed25519";
            case RSA_SHA1 -> "SHA1withRSA";
        });
    }
}
