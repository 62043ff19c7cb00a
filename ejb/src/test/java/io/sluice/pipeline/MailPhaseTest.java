package io.sluice.pipeline;

import io.sluice.config.DnsList;
import io.sluice.config.RuntimeSettings;
import io.sluice.config.SenderChecks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When MAIL has anything to check, so that the engine calls the bean there. */
class MailPhaseTest {

    private static RuntimeSettings spf(boolean on) {
        SenderChecks d = SenderChecks.DEFAULT;
        return RuntimeSettings.DEFAULT.with(new SenderChecks(d.dnsServers(), d.dnsTimeout(), on, d.greylisting(),
                d.greylistDelay(), d.greylistWindow(), d.greylistAllowFor(), d.greylistExempt(),
                d.greylistExemptSpfPass(), d.dkim(), d.dmarc(), d.arcSeal(), d.arcSealDomain()));
    }

    @Test
    void onlySpfOrADomainListThatRefusesNeedsMail() {
        assertFalse(MailPhase.decides(RuntimeSettings.DEFAULT));
        assertTrue(MailPhase.decides(spf(true)));
        assertFalse(MailPhase.decides(spf(false).withDnsLists(List.of(
                new DnsList("zen.test", DnsList.Kind.IP, "", true, 0), // refused at connect
                new DnsList("dbl.test", DnsList.Kind.DOMAIN, "", false, 2))))); // a score at the end of data
        assertTrue(MailPhase.decides(spf(false).withDnsLists(List.of(
                new DnsList("dbl.test", DnsList.Kind.DOMAIN, "", true, 0)))));
    }
}
