package io.sluice.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;

/**
 * A stored password: PBKDF2-HMAC-SHA256 over the password with a random salt, one 32-octet block.
 * That is exactly SCRAM-SHA-256's SaltedPassword (RFC 5802 Hi()), which is how WildFly's JDBC
 * security realm ({@code scram-mapper}) reads these columns to check HTTP Basic credentials.
 *
 * @param digest     base64 of the derived key
 * @param salt       base64 of the salt
 * @param iterations PBKDF2 iteration count
 */
public record PasswordHash(String digest, String salt, int iterations) {

    /**
     * OWASP's figure for PBKDF2-HMAC-SHA256 (2023): about a third of a second per check on one
     * core here. Digests made with fewer are replaced at the next successful login.
     */
    public static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    public static PasswordHash of(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new PasswordHash(Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS)),
                Base64.getEncoder().encodeToString(salt), ITERATIONS);
    }

    public boolean matches(String password) {
        byte[] expected = Base64.getDecoder().decode(digest);
        byte[] actual = derive(password, Base64.getDecoder().decode(salt), iterations);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether this digest was made with fewer iterations than new ones are. */
    public boolean outdated() {
        return iterations < ITERATIONS;
    }

    /** A random password of 20 characters from an alphabet without look-alikes (about 116 bits). */
    public static String randomPassword() {
        char[] p = new char[20];
        for (int i = 0; i < p.length; i++) {
            p[i] = PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)];
        }
        return new String(p);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        // SCRAM normalizes passwords with SASLprep; NFKC is its core and is what matters in practice
        char[] chars = Normalizer.normalize(password, Normalizer.Form.NFKC).toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }
}
