package io.sluice.smtp.client;

import java.util.Locale;

/**
 * STARTTLS towards the downstream: used when offered (the default), required (a downstream that
 * does not offer it is not used), or never. The defaults of the relay's TLS settings live here
 * and nowhere else: the adapter's configuration passes on only what the administrator set.
 */
public enum DownstreamTls {
    OFF, OPPORTUNISTIC, REQUIRED;

    /** The configured mode ({@code sluice.relay.tls}); none configured means {@link #OPPORTUNISTIC}. */
    public static DownstreamTls parse(String configured) {
        return configured == null || configured.isBlank() ? OPPORTUNISTIC
                : valueOf(configured.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * Whether the mail server's certificate must chain to a trusted root and name the host
     * ({@code sluice.relay.tls.verify}). Unless set explicitly: yes when TLS is required, since
     * the administrator counts on it (and AUTH passwords go over it); no when it is opportunistic,
     * which means encryption without authentication (RFC 7435 §1.3), never worse than plain text.
     *
     * @throws IllegalArgumentException neither empty, {@code true} nor {@code false}
     */
    public boolean verify(String configured) {
        if (configured == null || configured.isBlank()) {
            return this == REQUIRED;
        }
        return switch (configured.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("sluice.relay.tls.verify must be true or false, not "
                    + configured);
        };
    }
}
