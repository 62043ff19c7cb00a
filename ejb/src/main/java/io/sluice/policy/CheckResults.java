package io.sluice.policy;

import java.util.List;

/**
 * The words the sender checks' results are written in, as the policy filters, the tracking log and
 * its search take them.
 */
public final class CheckResults {

    /** RFC 7208 §2.6. */
    public static final List<String> SPF = List.of("pass", "fail", "softfail", "neutral", "none", "temperror",
            "permerror");

    /** RFC 8601 §2.7.1, and "none" for a message without a signature. */
    public static final List<String> DKIM = List.of("pass", "fail", "neutral", "temperror", "permerror", "policy", "none");

    /** RFC 8601 §2.7.4, and the dispositions a failing domain asks for (RFC 7489 §6.3 p=). */
    public static final List<String> DMARC = List.of("pass", "fail", "none", "temperror", "permerror", "reject",
            "quarantine");

    /** Greylisting's results, {@link FilterType#GREYLISTED}. */
    public static final List<String> GREYLIST = List.of("passed", "known", "exempt");

    private CheckResults() {
    }
}
