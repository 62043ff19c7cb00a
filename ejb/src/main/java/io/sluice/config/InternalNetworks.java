package io.sluice.config;

import io.sluice.api.Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The organisation's own client networks (CIDR blocks): mail from a client whose real address lies
 * in one of them is outbound. An address the client claims in the envelope never counts, only the
 * address it connects from (or the one a trusted balancer names with the PROXY protocol).
 */
public final class InternalNetworks {

    private static final Logger LOG = Logger.getLogger(InternalNetworks.class.getName());

    public static final InternalNetworks NONE = new InternalNetworks(List.of(), List.of());

    private final List<String> texts;
    private final List<Cidr> blocks;

    private InternalNetworks(List<String> texts, List<Cidr> blocks) {
        this.texts = List.copyOf(texts);
        this.blocks = List.copyOf(blocks);
    }

    /**
     * The blocks as stored. The admin API lets only valid ones in; one that is not (written with
     * SQL, say) is left out with a warning rather than stopping every other setting from loading.
     */
    public static InternalNetworks of(List<String> texts) {
        List<Cidr> blocks = new ArrayList<>();
        for (String t : texts) {
            try {
                blocks.add(Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "internal network left out: " + e.getMessage());
            }
        }
        return new InternalNetworks(texts, blocks);
    }

    /** The blocks as written, including any left out (so that the admin API shows what is stored). */
    public List<String> texts() {
        return texts;
    }

    /** Whether the client address (an IP literal; {@code null} or empty: unknown) lies in one of the networks. */
    public boolean contains(String address) {
        // an empty name would resolve to the loopback address
        return address != null && !address.isEmpty() && Cidr.anyContains(blocks, address);
    }
}
