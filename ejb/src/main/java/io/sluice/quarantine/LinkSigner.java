package io.sluice.quarantine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token of a digest's one-click link: which held message, for which recipient, until when,
 * signed with HMAC-SHA256 under the gateway's link key. Whoever has the token may preview the
 * message and release it to that one recipient, so a token names exactly one recipient and can be
 * neither widened nor prolonged without the key. Releasing it twice is refused by the quarantine,
 * which releases to a recipient once.
 *
 * <p>Form: {@code base64url(queueId NL recipient NL expiry-seconds) "." base64url(mac)}.
 */
public final class LinkSigner {

    /** What a valid token grants. */
    public record Link(String queueId, String recipient, Instant expires) {
    }

    private static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** A token longer than this is not one of ours (the longest address is 320 octets). */
    static final int MAX_TOKEN = 600;

    private final byte[] key;
    private final Clock clock;

    public LinkSigner(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a link key has at least 256 bits");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    public String sign(String queueId, String recipient, Instant expires) {
        if (!QUEUE_ID.matcher(queueId).matches() || recipient.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a queue id and recipient: " + queueId);
        }
        byte[] payload = (queueId + "\n" + recipient + "\n" + expires.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The link the token grants, if it is ours, whole and not expired. */
    public Optional<Link> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] given;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), given)) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 3 || !QUEUE_ID.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return clock.instant().isBefore(expires) ? Optional.of(new Link(parts[0], parts[1], expires)) : Optional.empty();
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
