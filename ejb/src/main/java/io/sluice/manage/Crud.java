package io.sluice.manage;

import io.sluice.persistence.Versioned;

/**
 * The operations every managed collection offers (policies, groups, internal domains); the admin
 * API serves them all through one resource shape.
 */
public interface Crud<T extends Versioned> {

    Page<T> list(int page, int size);

    T get(long id);

    T create(T in);

    /** Changes the thing if it is still at {@code expectedVersion}. */
    T update(long id, T in, long expectedVersion);

    /** Deletes the thing; if {@code expectedVersion} is given, only if it is still at that version. */
    void delete(long id, Long expectedVersion);
}
