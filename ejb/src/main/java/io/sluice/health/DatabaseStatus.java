package io.sluice.health;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Whether the database could be opened at start. When it could not because its file is damaged,
 * the application still deploys (so the SMTP port answers with a temporary failure instead of
 * nothing), and everything that would read or write the database asks here first.
 */
@ApplicationScoped
public class DatabaseStatus {

    private volatile DamagedDatabase damage;

    public void damaged(DamagedDatabase found) {
        damage = found;
    }

    /** The damage found at start; empty while the database is in use. */
    public Optional<DamagedDatabase> damage() {
        return Optional.ofNullable(damage);
    }

    public boolean usable() {
        return damage == null;
    }
}
