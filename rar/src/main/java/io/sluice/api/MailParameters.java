package io.sluice.api;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The MAIL FROM parameters of one transaction, typed: each belongs to the ESMTP extension that
 * defines it, which checked it when the client sent it and decides how the relay passes it on.
 * Immutable; the {@code with...} methods return a changed copy.
 *
 * @param size        RFC 1870 SIZE: the octets the client declared, or {@link #NO_SIZE}
 * @param body        RFC 6152 / RFC 3030 BODY, or {@code null} when not given
 * @param smtpUtf8    RFC 6531 SMTPUTF8: addresses and header fields may be UTF-8
 * @param ret         RFC 3461 RET, or {@code null} when not given
 * @param envelopeId  RFC 3461 ENVID (xtext, as sent), or {@code null} when not given
 * @param requireTls  RFC 8689 REQUIRETLS: the message may only travel over TLS to servers that honour it
 */
public record MailParameters(long size, Body body, boolean smtpUtf8, Ret ret, String envelopeId, boolean requireTls)
        implements Serializable {

    public static final long NO_SIZE = -1;
    public static final MailParameters NONE = new MailParameters(NO_SIZE, null, false, null, null, false);

    /** The BODY values (RFC 6152 §2, RFC 3030 §3). */
    public enum Body {
        SEVEN_BIT("7BIT"), EIGHT_BIT_MIME("8BITMIME"), BINARY_MIME("BINARYMIME");

        private final String keyword;

        Body(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        /** The value for a keyword in any letter case, or {@code null}. */
        public static Body of(String keyword) {
            for (Body b : values()) {
                if (b.keyword.equalsIgnoreCase(keyword)) {
                    return b;
                }
            }
            return null;
        }
    }

    /** RFC 3461 §4.3: how much of the message a notification returns. */
    public enum Ret { FULL, HDRS }

    public MailParameters withSize(long octets) {
        return new MailParameters(octets, body, smtpUtf8, ret, envelopeId, requireTls);
    }

    public MailParameters withBody(Body value) {
        return new MailParameters(size, value, smtpUtf8, ret, envelopeId, requireTls);
    }

    public MailParameters withSmtpUtf8() {
        return new MailParameters(size, body, true, ret, envelopeId, requireTls);
    }

    public MailParameters withRet(Ret value) {
        return new MailParameters(size, body, smtpUtf8, value, envelopeId, requireTls);
    }

    public MailParameters withEnvelopeId(String xtext) {
        return new MailParameters(size, body, smtpUtf8, ret, xtext, requireTls);
    }

    public MailParameters withRequireTls() {
        return new MailParameters(size, body, smtpUtf8, ret, envelopeId, true);
    }

    public boolean isBinary() {
        return body == Body.BINARY_MIME;
    }

    /**
     * The parameters as keyword to value (a keyword without a value maps to {@code null}), for logs
     * and for what is stored as text.
     */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (size != NO_SIZE) {
            map.put("SIZE", Long.toString(size));
        }
        if (body != null) {
            map.put("BODY", body.keyword());
        }
        if (smtpUtf8) {
            map.put("SMTPUTF8", null);
        }
        if (ret != null) {
            map.put("RET", ret.name());
        }
        if (envelopeId != null) {
            map.put("ENVID", envelopeId);
        }
        if (requireTls) {
            map.put("REQUIRETLS", null);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The parameters from keyword-to-value text the gateway itself stored or wrote (not from a
     * client: the engine checks those); an unknown keyword or value is a programming error.
     */
    public static MailParameters fromMap(Map<String, String> map) {
        MailParameters p = NONE;
        for (Map.Entry<String, String> e : map.entrySet()) {
            String value = e.getValue();
            p = switch (e.getKey().toUpperCase(Locale.ROOT)) {
                case "SIZE" -> p.withSize(Long.parseLong(value));
                case "BODY" -> p.withBody(known(Body.of(value), e));
                case "SMTPUTF8" -> p.withSmtpUtf8();
                case "RET" -> p.withRet(Ret.valueOf(value.toUpperCase(Locale.ROOT)));
                case "ENVID" -> p.withEnvelopeId(value);
                case "REQUIRETLS" -> p.withRequireTls();
                default -> throw new IllegalArgumentException("unknown MAIL parameter " + e);
            };
        }
        return p;
    }

    private static <T> T known(T value, Map.Entry<String, String> e) {
        if (value == null) {
            throw new IllegalArgumentException("unknown MAIL parameter value " + e);
        }
        return value;
    }
}
