package io.sluice.policy;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * Which policy applies to one (sender, recipient) pair, and, when asked for, why: one step per
 * policy looked at, in order, up to the one that matched.
 *
 * @param policy   the policy that applies (the default one if nothing else matched)
 * @param outbound whether the mail counted as outbound
 * @param steps    the explanation, empty unless requested
 */
public record Resolution(PolicyRules policy, boolean outbound, List<Step> steps) {

    /** Why a policy did or did not apply. */
    public enum Outcome { MATCHED, DISABLED, WRONG_DIRECTION, SENDER_NOT_MATCHED, RECIPIENT_NOT_MATCHED,
        SENDER_EXCEPTED, RECIPIENT_EXCEPTED }

    /** One policy looked at. */
    @JsonbPropertyOrder({"policyId", "policyName", "outcome"})
    public record Step(long policyId, String policyName, Outcome outcome) {
    }
}
