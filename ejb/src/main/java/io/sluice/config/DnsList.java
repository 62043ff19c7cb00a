package io.sluice.config;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.Arrays;
import java.util.List;

/**
 * One DNS block list: an IP list (zen style: the client's address reversed under the zone) or a
 * domain list (DBL/URIBL style: the sender's domain, the HELO name and the hosts of the body's
 * URLs under the zone). A name is listed when the list answers with an A record among
 * {@code returnCodes} (any address in 127.0.0.0/8 but 127.255.255.0/24, the lists' error answers,
 * when none are given). A listing either refuses at once ({@code reject}: at connect for an IP
 * list, at MAIL for the sender's domain and HELO) or adds {@code weight} to the spam score.
 *
 * @param zone        the list's DNS zone, e.g. "zen.spamhaus.org"
 * @param kind        IP or DOMAIN
 * @param returnCodes comma-separated answers that count, e.g. "127.0.0.2,127.0.0.3"; empty: any
 * @param reject      refuse at once instead of scoring
 * @param weight      the points a listing adds to the spam score
 */
@Embeddable
public record DnsList(
        @Column(name = "zone", nullable = false, length = 253) String zone,
        @Enumerated(EnumType.STRING) @Column(name = "kind", nullable = false, length = 8) Kind kind,
        @Column(name = "return_codes", nullable = false, length = 1000) String returnCodes,
        @Column(name = "reject_listed", nullable = false) boolean reject,
        @Column(name = "weight", nullable = false) double weight) {

    public enum Kind { IP, DOMAIN }

    /** Whether an answer of the list says "listed". */
    public boolean counts(String answer) {
        if (returnCodes == null || returnCodes.isBlank()) {
            return answer.startsWith("127.") && !answer.startsWith("127.255.255.");
        }
        return codes().contains(answer);
    }

    public List<String> codes() {
        return Arrays.stream(returnCodes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
