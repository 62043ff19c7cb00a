package io.sluice.persistence;

/** Something the admin API manages: it has an id and a version that guards against lost updates. */
public interface Versioned {

    Long id();

    Long version();
}
