package io.sluice.action;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.Reply;
import io.sluice.api.ReplyCode;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import io.sluice.policy.CompiledRule;
import io.sluice.policy.MessageFacts;

import java.util.ArrayList;
import java.util.List;

/**
 * What happens to one message under its policy. The rules are tried in order and every rule whose
 * filter matches contributes all its actions. A rule with REJECT, DROP or QUARANTINE decides the
 * message (the first such rule wins) and ends the evaluation after its own actions, so "reject +
 * notify the admin" works in one rule; DELIVER ends it likewise (put an allow-list rule first).
 * Everything else accumulates: header changes, disclaimers and stripped attachments apply to what
 * is delivered; archive copies and notifications go out in addition.
 *
 * @param outcome       deliver, reject, drop or quarantine
 * @param reply         for REJECT: the policy's reply
 * @param edits         header changes, in order (TAG_SUBJECT, ADD_HEADER, REMOVE_HEADER)
 * @param redirect      the address that replaces all recipients, or {@code null}
 * @param strips        file name globs of attachments to replace with a notice (STRIP_ATTACHMENT)
 * @param disclaimers   texts to append to the text parts (DISCLAIMER)
 * @param archives      addresses that get a copy of the message as received (ARCHIVE)
 * @param notifications NOTIFY actions
 * @param rules         names of the rules that matched, for the log
 * @param actions       the actions that matched, in order, for the tracking log
 */
public record Disposition(Outcome outcome, Reply reply, List<ActionSpec> edits, String redirect, List<String> strips,
                          List<String> disclaimers, List<String> archives, List<ActionSpec> notifications,
                          List<String> rules, List<ActionType> actions) {

    public enum Outcome { DELIVER, REJECT, DROP, QUARANTINE }

    static final Reply DEFAULT_REJECT = Reply.of(ReplyCode.MAILBOX_UNAVAILABLE, EnhancedStatus.POLICY_REFUSED,
            "Message refused by policy");

    public static Disposition decide(List<CompiledRule> rules, MessageFacts facts) {
        Outcome outcome = Outcome.DELIVER;
        Reply reply = null;
        List<ActionSpec> edits = new ArrayList<>();
        List<String> strips = new ArrayList<>();
        List<String> disclaimers = new ArrayList<>();
        List<String> archives = new ArrayList<>();
        List<ActionSpec> notifications = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<ActionType> actions = new ArrayList<>();
        String redirect = null;
        for (CompiledRule rule : rules) {
            if (!rule.matches(facts)) {
                continue;
            }
            matched.add(rule.spec().name() == null ? rule.spec().filter().type().name() : rule.spec().name());
            boolean last = false;
            for (ActionSpec a : rule.spec().actions()) {
                actions.add(a.type());
                switch (a.type()) {
                    case REJECT -> {
                        outcome = Outcome.REJECT;
                        reply = rejectReply(a);
                        last = true;
                    }
                    case DROP -> {
                        outcome = Outcome.DROP;
                        last = true;
                    }
                    case QUARANTINE -> {
                        outcome = Outcome.QUARANTINE;
                        last = true;
                    }
                    case DELIVER -> last = true;
                    case TAG_SUBJECT, ADD_HEADER, REMOVE_HEADER -> edits.add(a);
                    case STRIP_ATTACHMENT -> strips.add(a.value());
                    case DISCLAIMER -> disclaimers.add(a.text());
                    case ARCHIVE -> archives.add(a.address());
                    case REDIRECT -> redirect = a.address();
                    case NOTIFY -> notifications.add(a);
                }
            }
            if (last) {
                break;
            }
        }
        return new Disposition(outcome, reply, edits, redirect, strips, disclaimers, archives, notifications, matched,
                actions);
    }

    /** Whether the delivered message must be rewritten below its header (attachments, disclaimers). */
    public boolean rewritesBody() {
        return !strips.isEmpty() || !disclaimers.isEmpty();
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
