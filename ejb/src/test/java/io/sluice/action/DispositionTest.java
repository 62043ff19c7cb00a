package io.sluice.action;

import io.sluice.api.Reply;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import io.sluice.policy.CompiledRule;
import io.sluice.policy.FilterSpec;
import io.sluice.policy.FilterType;
import io.sluice.policy.MessageFacts;
import io.sluice.policy.NotifyTarget;
import io.sluice.policy.RuleSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How matching rules combine into one disposition. */
class DispositionTest {

    /** A message of 2,000 octets from 192.0.2.1 with the given header fields. */
    static MessageFacts facts(Map<String, List<String>> headers) {
        return new MessageFacts() {
            public long size() {
                return 2000;
            }

            public String clientAddress() {
                return "192.0.2.1";
            }

            public boolean authenticated() {
                return false;
            }

            public List<String> headerValues(String name) {
                return headers.getOrDefault(name, List.of());
            }

            public String subject() {
                return headerValues("Subject").isEmpty() ? "" : headerValues("Subject").get(0);
            }
        };
    }

    static CompiledRule rule(String name, FilterSpec filter, ActionSpec... actions) {
        return CompiledRule.compile(new RuleSpec(name, filter, List.of(actions)));
    }

    static FilterSpec sizeOver(double n) {
        return new FilterSpec(FilterType.SIZE_OVER, null, null, n, false, false);
    }

    static ActionSpec action(ActionType type) {
        return new ActionSpec(type, null, null, null, null, null, null, null, null);
    }

    static ActionSpec addHeader(String name, String value) {
        return new ActionSpec(ActionType.ADD_HEADER, null, null, null, name, value, null, null, null);
    }

    static ActionSpec reject(Integer code, String status, String text) {
        return new ActionSpec(ActionType.REJECT, code, status, text, null, null, null, null, null);
    }

    @Test
    void noMatchingRuleMeansDeliverUnchanged() {
        Disposition d = Disposition.decide(List.of(rule("big", sizeOver(5000), reject(null, null, null))),
                facts(Map.of()));
        assertEquals(Disposition.Outcome.DELIVER, d.outcome());
        assertEquals(List.of(), d.edits());
        assertEquals(List.of(), d.rules());
    }

    @Test
    void everyMatchingRuleContributesItsChangesInOrder() {
        Disposition d = Disposition.decide(List.of(
                rule("one", FilterSpec.ALWAYS, addHeader("X-A", "1")),
                rule("skipped", sizeOver(5000), addHeader("X-B", "2")),
                rule("two", sizeOver(1000), addHeader("X-C", "3"),
                        new ActionSpec(ActionType.REDIRECT, null, null, null, null, null, "audit@example.com", null, null))),
                facts(Map.of()));
        assertEquals(Disposition.Outcome.DELIVER, d.outcome());
        assertEquals(List.of(addHeader("X-A", "1"), addHeader("X-C", "3")), d.edits());
        assertEquals("audit@example.com", d.redirect());
        assertEquals(List.of("one", "two"), d.rules());
    }

    @Test
    void rejectEndsEvaluationWithThePolicysReply() {
        Disposition d = Disposition.decide(List.of(
                rule("tag", FilterSpec.ALWAYS, addHeader("X-A", "1")),
                rule("block", sizeOver(1000), reject(554, "5.7.0", "Too big for this policy")),
                rule("never", FilterSpec.ALWAYS, action(ActionType.DROP))), facts(Map.of()));
        assertEquals(Disposition.Outcome.REJECT, d.outcome());
        assertEquals(Reply.of(554, "5.7.0", "Too big for this policy"), d.reply());
        assertEquals(List.of("tag", "block"), d.rules());
    }

    @Test
    void aRejectWithoutDetailsGetsTheDefaultReply() {
        Disposition d = Disposition.decide(List.of(rule("r", FilterSpec.ALWAYS, reject(null, null, null))),
                facts(Map.of()));
        assertEquals(Reply.of(550, "5.7.1", "Message refused by policy"), d.reply());
        Disposition temp = Disposition.decide(List.of(rule("r", FilterSpec.ALWAYS, reject(451, null, "later"))),
                facts(Map.of()));
        assertEquals(Reply.of(451, "4.0.0", "later"), temp.reply());
    }

    @Test
    void deliverStopsLaterRules() {
        FilterSpec trusted = new FilterSpec(FilterType.HEADER, "X-Trusted", "^yes$", null, true, false);
        Disposition d = Disposition.decide(List.of(
                rule("allow", trusted, action(ActionType.DELIVER)),
                rule("block", FilterSpec.ALWAYS, reject(null, null, null))),
                facts(Map.of("X-Trusted", List.of("yes"))));
        assertEquals(Disposition.Outcome.DELIVER, d.outcome());
        assertEquals(List.of("allow"), d.rules());
    }

    @Test
    void dropEndsEvaluation() {
        Disposition d = Disposition.decide(List.of(rule("drop", FilterSpec.ALWAYS, action(ActionType.DROP)),
                rule("x", FilterSpec.ALWAYS, addHeader("X-A", "1"))), facts(Map.of()));
        assertEquals(Disposition.Outcome.DROP, d.outcome());
        assertNull(d.reply());
    }

    @Test
    void quarantineDecidesButTheRulesRemainingActionsStillCount() {
        ActionSpec notifyAdmin = new ActionSpec(ActionType.NOTIFY, null, null, null, null, null, null,
                NotifyTarget.ADMIN, "virus-admin");
        ActionSpec archive = new ActionSpec(ActionType.ARCHIVE, null, null, null, null, null, "archive@example.com",
                null, null);
        Disposition d = Disposition.decide(List.of(
                rule("q", FilterSpec.ALWAYS, action(ActionType.QUARANTINE), notifyAdmin, archive),
                rule("later", FilterSpec.ALWAYS, action(ActionType.DROP))), facts(Map.of()));
        assertEquals(Disposition.Outcome.QUARANTINE, d.outcome());
        assertEquals(List.of(notifyAdmin), d.notifications());
        assertEquals(List.of("archive@example.com"), d.archives());
        assertEquals(List.of(ActionType.QUARANTINE, ActionType.NOTIFY, ActionType.ARCHIVE), d.actions());
        assertEquals(List.of("q"), d.rules());
    }

    @Test
    void strippingAndDisclaimersRewriteTheBodyTagsOnlyTheHeader() {
        ActionSpec strip = new ActionSpec(ActionType.STRIP_ATTACHMENT, null, null, null, null, "*.exe", null, null, null);
        ActionSpec disclaimer = new ActionSpec(ActionType.DISCLAIMER, null, null, "Sent through Example Corp.", null,
                null, null, null, null);
        ActionSpec tag = new ActionSpec(ActionType.TAG_SUBJECT, null, null, null, null, "[SPAM]", null, null, null);
        Disposition onlyTag = Disposition.decide(List.of(rule("t", FilterSpec.ALWAYS, tag)), facts(Map.of()));
        assertFalse(onlyTag.rewritesBody());
        Disposition d = Disposition.decide(List.of(rule("t", FilterSpec.ALWAYS, tag, strip, disclaimer)),
                facts(Map.of()));
        assertTrue(d.rewritesBody());
        assertEquals(List.of("*.exe"), d.strips());
        assertEquals(List.of("Sent through Example Corp."), d.disclaimers());
        assertEquals(List.of(tag), d.edits());
    }

    @Test
    void subjectKeywordAndRegexFilters() {
        MessageFacts f = facts(Map.of("Subject", List.of("Your INVOICE 2026-11")));
        assertEquals(Disposition.Outcome.REJECT, Disposition.decide(List.of(rule("kw",
                new FilterSpec(FilterType.SUBJECT, null, "invoice", null, false, true), reject(null, null, null))), f)
                .outcome());
        assertEquals(Disposition.Outcome.DELIVER, Disposition.decide(List.of(rule("kw-case",
                new FilterSpec(FilterType.SUBJECT, null, "invoice", null, false, false), reject(null, null, null))), f)
                .outcome());
        assertEquals(Disposition.Outcome.REJECT, Disposition.decide(List.of(rule("re",
                new FilterSpec(FilterType.SUBJECT, null, "\\d{4}-\\d{2}$", null, true, false),
                reject(null, null, null))), f).outcome());
    }

    @Test
    void clientIpFilter() {
        FilterSpec inNet = new FilterSpec(FilterType.CLIENT_IP, null, "198.51.100.0/24, 192.0.2.0/28", null, false, false);
        FilterSpec outNet = new FilterSpec(FilterType.CLIENT_IP, null, "198.51.100.0/24", null, false, false);
        assertEquals(List.of("in"), Disposition.decide(List.of(rule("in", inNet, addHeader("X", "1")),
                rule("out", outNet, addHeader("Y", "2"))), facts(Map.of())).rules());
    }

    @Test
    void spfFilterMatchesTheListedResultsOnly() {
        FilterSpec failing = new FilterSpec(FilterType.SPF, null, "fail, SoftFail", null, false, false);
        for (String result : List.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror")) {
            MessageFacts f = spf(result);
            List<String> expected = result.equals("fail") || result.equals("softfail") ? List.of("spf") : List.of();
            assertEquals(expected, Disposition.decide(List.of(rule("spf", failing, addHeader("X", "1"))), f).rules(), result);
        }
        assertEquals(List.of(), Disposition.decide(List.of(rule("spf", failing, addHeader("X", "1"))), spf(null)).rules(),
                "SPF off");
    }

    private static MessageFacts spf(String result) {
        return checked(result, null, null, null, null);
    }

    @Test
    void dkimFilterMatchesWhenAnySignatureHasAListedResult() {
        FilterSpec failing = new FilterSpec(FilterType.DKIM, null, "fail,PermError", null, false, false);
        List<CompiledRule> rules = List.of(rule("dkim", failing, addHeader("X", "1")));
        assertEquals(List.of("dkim"), Disposition.decide(rules, authenticated(List.of("pass", "fail"), null, null)).rules());
        assertEquals(List.of("dkim"), Disposition.decide(rules, authenticated(List.of("permerror"), null, null)).rules());
        assertEquals(List.of(), Disposition.decide(rules, authenticated(List.of("pass", "neutral"), null, null)).rules());
        assertEquals(List.of(), Disposition.decide(rules, authenticated(List.of("none"), null, null)).rules(), "no signature");
        assertEquals(List.of(), Disposition.decide(rules, authenticated(null, null, null)).rules(), "DKIM off");
        FilterSpec unsigned = new FilterSpec(FilterType.DKIM, null, "none", null, false, false);
        assertEquals(List.of("u"), Disposition.decide(List.of(rule("u", unsigned, addHeader("X", "1"))),
                authenticated(List.of("none"), null, null)).rules());
    }

    @Test
    void dmarcFilterMatchesAResultOrTheDispositionAFailureAsksFor() {
        List<CompiledRule> rules = List.of(
                rule("reject", new FilterSpec(FilterType.DMARC, null, "reject", null, false, false), addHeader("X", "1")),
                rule("quarantine", new FilterSpec(FilterType.DMARC, null, "quarantine", null, false, false), addHeader("X", "2")),
                rule("fail", new FilterSpec(FilterType.DMARC, null, "fail", null, false, false), addHeader("X", "3")),
                rule("errors", new FilterSpec(FilterType.DMARC, null, "temperror, permerror", null, false, false),
                        addHeader("X", "4")));
        assertEquals(List.of("reject", "fail"), Disposition.decide(rules, authenticated(null, "fail", "reject")).rules());
        assertEquals(List.of("quarantine", "fail"), Disposition.decide(rules, authenticated(null, "fail", "quarantine")).rules());
        assertEquals(List.of("fail"), Disposition.decide(rules, authenticated(null, "fail", "none")).rules(), "p=none");
        assertEquals(List.of(), Disposition.decide(rules, authenticated(null, "pass", null)).rules());
        assertEquals(List.of(), Disposition.decide(rules, authenticated(null, "none", null)).rules());
        assertEquals(List.of("errors"), Disposition.decide(rules, authenticated(null, "temperror", null)).rules());
        assertEquals(List.of(), Disposition.decide(rules, authenticated(null, null, null)).rules(), "DMARC off");
    }

    @Test
    void greylistedFilterMatchesTheListedResults() {
        List<CompiledRule> rules = List.of(rule("delayed", new FilterSpec(FilterType.GREYLISTED, null, "Passed", null,
                false, false), addHeader("X", "1")), rule("not delayed", new FilterSpec(FilterType.GREYLISTED, null,
                "known, exempt", null, false, false), addHeader("X", "2")));
        assertEquals(List.of("delayed"), Disposition.decide(rules, checked(null, null, null, null, "passed")).rules());
        assertEquals(List.of("not delayed"), Disposition.decide(rules, checked(null, null, null, null, "known")).rules());
        assertEquals(List.of("not delayed"), Disposition.decide(rules, checked(null, null, null, null, "exempt")).rules());
        assertEquals(List.of(), Disposition.decide(rules, checked(null, null, null, null, null)).rules(), "greylisting off");
    }

    private static MessageFacts authenticated(List<String> dkim, String dmarc, String disposition) {
        return checked(null, dkim, dmarc, disposition, null);
    }

    /** A message whose sender checks had these results ({@code null}: not checked). */
    private static MessageFacts checked(String spf, List<String> dkim, String dmarc, String disposition, String greylist) {
        MessageFacts base = facts(Map.of());
        return new MessageFacts() {
            public long size() {
                return base.size();
            }

            public String clientAddress() {
                return base.clientAddress();
            }

            public boolean authenticated() {
                return false;
            }

            public List<String> headerValues(String name) {
                return List.of();
            }

            public String subject() {
                return "";
            }

            public String spf() {
                return spf;
            }

            public List<String> dkim() {
                return dkim;
            }

            public String dmarc() {
                return dmarc;
            }

            public String dmarcDisposition() {
                return disposition;
            }

            public String greylist() {
                return greylist;
            }
        };
    }
}
