package io.sluice.dmarc;

import io.sluice.api.Cidr;
import io.sluice.arc.ArcResult;
import io.sluice.config.DmarcSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The receiver's local policy over a domain's (RFC 7489 §6.7): a failure the domain asks to
 * quarantine or reject is let through (disposition none, status still fail) when the author's
 * domain is one whose policy the administrator does not carry out ({@code local_policy}), when the
 * client is a forwarder the administrator trusts ({@code trusted_forwarder}), or when the message
 * arrived with a passing ARC chain whose newest sealer is trusted (RFC 8617 §7.2: the sealer's
 * results stand for the authentication the forwarding broke; reported as {@code local_policy} with
 * the comment "arc=pass as=N d=sealer", the way large receivers report it). Checked in that order.
 */
public final class DmarcOverrides {

    private static final Logger LOG = Logger.getLogger(DmarcOverrides.class.getName());

    public static final DmarcOverrides NONE = new DmarcOverrides(List.of(), List.of(), List.of());

    private final List<String> localPolicyDomains;
    private final List<Cidr> forwarders;
    private final List<String> arcSealers;

    private DmarcOverrides(List<String> localPolicyDomains, List<Cidr> forwarders, List<String> arcSealers) {
        this.localPolicyDomains = List.copyOf(localPolicyDomains);
        this.forwarders = List.copyOf(forwarders);
        this.arcSealers = List.copyOf(arcSealers);
    }

    /** The settings' lists; a network that does not parse (written with SQL, say) is left out with a warning. */
    public static DmarcOverrides of(DmarcSettings s) {
        List<Cidr> networks = new ArrayList<>();
        for (String t : s.trustedForwarderList()) {
            try {
                networks.add(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "trusted forwarder left out: " + e.getMessage());
            }
        }
        return new DmarcOverrides(lower(s.localPolicyDomainList()), networks, lower(s.trustedArcSealerList()));
    }

    private static List<String> lower(List<String> domains) {
        return domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * @param result        what DMARC came to
     * @param clientAddress the client's real address
     * @param arc           the arriving ARC chain's validation
     * @return the result, overridden when a failing domain's policy would act on the message and a local rule says not to
     */
    public DmarcResult apply(DmarcResult result, String clientAddress, ArcResult arc) {
        if (result.status() != DmarcResult.Status.FAIL || result.disposition() == DmarcRecord.Policy.NONE) {
            return result;
        }
        if (within(result.fromDomain(), localPolicyDomains)) {
            return result.overriddenBy(new DmarcResult.Override(DmarcResult.OverrideReason.LOCAL_POLICY, null));
        }
        if (clientAddress != null && !clientAddress.isEmpty() && Cidr.anyContains(forwarders, clientAddress)) {
            return result.overriddenBy(new DmarcResult.Override(DmarcResult.OverrideReason.TRUSTED_FORWARDER, null));
        }
        if (arc.status() == ArcResult.Status.PASS && within(arc.sealer(), arcSealers)) {
            return result.overriddenBy(new DmarcResult.Override(DmarcResult.OverrideReason.LOCAL_POLICY,
                    "arc=pass as=" + arc.instances() + " d=" + arc.sealer()));
        }
        return result;
    }

    /** Whether {@code domain} is one of {@code listed} or below one. */
    private static boolean within(String domain, List<String> listed) {
        if (domain == null) {
            return false;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        return listed.stream().anyMatch(l -> d.equals(l) || d.endsWith("." + l));
    }
}
