package io.sluice.notify;

import io.sluice.config.General;
import io.sluice.config.Notifications;
import io.sluice.config.RuntimeSettings;
import io.sluice.policy.ActionSpec;
import io.sluice.policy.ActionType;
import io.sluice.policy.NotifyTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Who a NOTIFY action writes to: above all, a sender only when the action asks and it is safe (no backscatter). */
class NotifierTest {

    static final List<String> VIRUS = List.of("Eicar-Test-Signature");

    static Notice notice(String sender, List<String> viruses) {
        return new Notice("Q1", sender, List.of("bob@example.com"), "Invoice", viruses, Double.NaN, "Default",
                "rejected", "virus", "gateway.test");
    }

    static RuntimeSettings settings(boolean senderOnVirus) {
        return RuntimeSettings.DEFAULT.with(new General("security@example.com", "X-"))
                .with(new Notifications(senderOnVirus, true, Duration.ofDays(1), null));
    }

    @ParameterizedTest(name = "{0}, virus {1}, senderOnVirus {2}: told {3}")
    @CsvSource(delimiter = '|', value = {
            // sender                            | virus | senderOnVirus | told
            "ann@example.org                     | false | false         | true",
            "ann@example.org                     | true  | false         | false",
            "ann@example.org                     | true  | true          | true",
            // never the null sender or a non-mailbox
            "''                                  | false | true          | false",
            "<>                                  | false | true          | false",
            "postmaster                          | false | true          | false",
            // never a postmaster or a mailer daemon, in any spelling
            "postmaster@example.org              | false | true          | false",
            "Postmaster@Example.ORG              | false | true          | false",
            "\"postmaster\"@example.org          | false | true          | false",
            "\"post\\master\"@example.org        | false | true          | false",
            "\"Postmaster\"@Example.ORG.         | true  | true          | false",
            "MAILER-DAEMON@example.org           | false | true          | false",
            "\"mailer-daemon\"@ｅｘａｍｐｌｅ．ｏｒｇ | false | true          | false",
            "Mailer-Daemon@bücher.example        | false | true          | false",
            // ... but other mailboxes are other mailboxes
            "\"post master\"@example.org         | false | false         | true",
            "postmaster2@example.org             | false | false         | true",
    })
    void theSenderIsToldOnlyWhenItIsSafe(String sender, boolean virus, boolean senderOnVirus, boolean told) {
        Notice n = notice(sender, virus ? VIRUS : List.of());
        assertEquals(told, Notifier.senderMayBeTold(n, senderOnVirus));
        assertEquals(told ? List.of(sender) : List.of(),
                Notifier.addresses(NotifyTarget.SENDER, n, settings(senderOnVirus)));
    }

    @Test
    void onlyASenderTargetWritesToTheSenderWhateverTheSettings() {
        for (boolean senderOnVirus : new boolean[] {false, true}) {
            for (List<String> viruses : List.of(List.<String>of(), VIRUS)) {
                Notice n = notice("ann@example.org", viruses);
                assertEquals(List.of("security@example.com"),
                        Notifier.addresses(NotifyTarget.ADMIN, n, settings(senderOnVirus)));
                assertEquals(List.of("bob@example.com"),
                        Notifier.addresses(NotifyTarget.RECIPIENTS, n, settings(senderOnVirus)));
            }
        }
    }

    @Test
    void theBuiltInTemplatesForAdminAndRecipientsAreNeverTheSendersOnes() {
        for (NotifyTarget target : List.of(NotifyTarget.ADMIN, NotifyTarget.RECIPIENTS)) {
            ActionSpec a = new ActionSpec(ActionType.NOTIFY, null, null, null, null, null, null, target, null);
            for (List<String> viruses : List.of(List.<String>of(), VIRUS)) {
                for (boolean quarantined : new boolean[] {false, true}) {
                    String t = Notifier.templateFor(a, notice("ann@example.org", viruses), quarantined);
                    assertFalse(t.equals("sender") || t.equals("virus-sender"), target + " got " + t);
                }
            }
        }
    }
}
