package io.sluice.policy;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The current {@link PolicySnapshot}. SMTP transactions read it with one volatile read and never
 * touch the database; {@link PolicyLoader} replaces it whenever the configuration changes.
 */
@ApplicationScoped
public class PolicyCache {

    private volatile PolicySnapshot snapshot;

    /** The current snapshot; fails (and the client gets a 451) until the first one is loaded. */
    public PolicySnapshot snapshot() {
        PolicySnapshot s = snapshot;
        if (s == null) {
            throw new IllegalStateException("policies are not loaded yet");
        }
        return s;
    }

    void replace(PolicySnapshot next) {
        snapshot = next;
    }
}
