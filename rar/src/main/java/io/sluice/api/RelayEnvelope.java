package io.sluice.api;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a relayed message is sent with: reverse-path, the recipients (all of which must be accepted
 * for the message to be sent) and the MAIL parameters the client gave. The relay recomputes SIZE
 * and drops parameters the downstream does not advertise.
 *
 * @param sender         reverse-path without brackets, empty for {@code <>}
 * @param recipients     forward-paths without brackets, at least one
 * @param mail           the client's MAIL parameters
 * @param origin         the client the message came from, or {@code null} for mail the gateway itself writes
 * @param recipientParameters the RCPT parameters per recipient (NOTIFY, ORCPT), by address; absent when none
 */
public record RelayEnvelope(String sender, List<String> recipients, MailParameters mail,
                            ClientOrigin origin, Map<String, Map<String, String>> recipientParameters)
        implements Serializable {

    public RelayEnvelope(String sender, List<String> recipients, MailParameters mail, ClientOrigin origin) {
        this(sender, recipients, mail, origin, Map.of());
    }

    /** With the MAIL parameters as keyword-to-value text (see {@link MailParameters#fromMap}). */
    public RelayEnvelope(String sender, List<String> recipients, Map<String, String> mailParameters,
                         ClientOrigin origin, Map<String, Map<String, String>> recipientParameters) {
        this(sender, recipients, MailParameters.fromMap(mailParameters), origin, recipientParameters);
    }

    public RelayEnvelope(String sender, List<String> recipients, Map<String, String> mailParameters) {
        this(sender, recipients, mailParameters, null, Map.of());
    }

    public RelayEnvelope(String sender, List<String> recipients, Map<String, String> mailParameters,
                         ClientOrigin origin) {
        this(sender, recipients, mailParameters, origin, Map.of());
    }

    public RelayEnvelope {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a relayed message needs a recipient");
        }
        java.util.Objects.requireNonNull(mail, "mail");
        recipientParameters = Map.copyOf(recipientParameters);
    }
}
