package io.sluice.action;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.CompiledRule;
import io.sluice.policy.MessageFacts;

import java.util.ArrayList;
import java.util.List;

/**
 * What happens to one message under its policy: the rules are tried in order and every rule whose
 * filter matches contributes its actions. REJECT and DROP end the evaluation at once; DELIVER ends
 * it after its rule (so an allow-list rule placed first skips the rest). Header changes and a
 * redirect accumulate and apply to the delivered message.
 *
 * @param outcome    deliver, reject, drop, or unavailable (an action this build cannot carry out
 *                   but must not skip, so the message is deferred rather than let through)
 * @param reply      for REJECT: the policy's reply
 * @param edits      header changes, in order (TAG_SUBJECT, ADD_HEADER, REMOVE_HEADER)
 * @param redirect   the address that replaces all recipients, or {@code null}
 * @param rules      names of the rules that matched, for the log
 * @param notCarried actions that matched but are not carried out by this build (logged)
 */
public record Disposition(Outcome outcome, Reply reply, List<ActionSpec> edits, String redirect, List<String> rules,
                          List<ActionSpec> notCarried) {

    public enum Outcome { DELIVER, REJECT, DROP, UNAVAILABLE }

    static final Reply DEFAULT_REJECT = Reply.of(ReplyCode.MAILBOX_UNAVAILABLE, EnhancedStatus.POLICY_REFUSED,
            "Message refused by policy");

    public static Disposition decide(List<CompiledRule> rules, MessageFacts facts) {
        List<ActionSpec> edits = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<ActionSpec> notCarried = new ArrayList<>();
        String redirect = null;
        for (CompiledRule rule : rules) {
            if (!rule.matches(facts)) {
                continue;
            }
            matched.add(rule.spec().name() == null ? rule.spec().filter().type().name() : rule.spec().name());
            boolean last = false;
            for (ActionSpec a : rule.spec().actions()) {
                switch (a.type()) {
                    case REJECT:
                        return new Disposition(Outcome.REJECT, rejectReply(a), List.of(), null, matched, notCarried);
                    case DROP:
                        return new Disposition(Outcome.DROP, null, List.of(), null, matched, notCarried);
                    case DELIVER:
                        last = true;
                        break;
                    case TAG_SUBJECT, ADD_HEADER, REMOVE_HEADER:
                        edits.add(a);
                        break;
                    case REDIRECT:
                        redirect = a.address();
                        break;
                    case QUARANTINE, STRIP_ATTACHMENT:
                        // letting the message through untouched would do the opposite of what was asked
                        notCarried.add(a);
                        return new Disposition(Outcome.UNAVAILABLE, null, List.of(), null, matched, notCarried);
                    case ARCHIVE, NOTIFY:
                        notCarried.add(a);
                        break;
                    default:
                        throw new IllegalStateException("action " + a.type());
                }
            }
            if (last) {
                break;
            }
        }
        return new Disposition(Outcome.DELIVER, null, edits, redirect, matched, notCarried);
    }

    private static Reply rejectReply(ActionSpec a) {
        int code = a.code() != null ? a.code() : DEFAULT_REJECT.code();
        String status = a.status() != null ? a.status() : EnhancedStatus.genericFor(code);
        if (a.code() == null && a.status() == null) {
            status = DEFAULT_REJECT.status();
        }
        return Reply.of(code, status, a.text() != null && !a.text().isBlank() ? a.text() : DEFAULT_REJECT.text());
    }
}
