package io.sluice.api;

import java.io.Serializable;
import java.util.Map;

/**
 * A forward-path accepted or offered in RCPT TO, with its ESMTP parameters (upper-cased keys).
 *
 * @param address    the mailbox without angle brackets, exactly as the client spelled it
 * @param parameters RCPT parameters, e.g. NOTIFY or ORCPT (RFC 3461); empty when none
 */
public record Recipient(String address, Map<String, String> parameters) implements Serializable {

    public Recipient {
        parameters = Map.copyOf(parameters);
    }

    public static Recipient of(String address) {
        return new Recipient(address, Map.of());
    }
}
