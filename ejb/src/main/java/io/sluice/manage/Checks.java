package io.sluice.manage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** What every management service does: Bean Validation, version checks, paging arguments. */
@ApplicationScoped
public class Checks {

    @Inject
    Validator validator;

    /** Validates {@code input}; {@code more} may add checks that need the database. */
    public <T> void valid(T input, Consumer<List<Violation>> more) {
        List<Violation> violations = new ArrayList<>();
        if (input == null) {
            violations.add(new Violation("", "a request body is required"));
        } else {
            Set<ConstraintViolation<T>> found = validator.validate(input);
            for (ConstraintViolation<T> v : found) {
                violations.add(new Violation(path(v), v.getMessage()));
            }
            more.accept(violations);
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw new ManageException.InvalidInput(violations);
        }
    }

    public <T> void valid(T input) {
        valid(input, v -> { });
    }

    /** "senders[0].<list element>" reads better as "senders[0]". */
    private static String path(ConstraintViolation<?> v) {
        return v.getPropertyPath().toString().replace(".<list element>", "").replace("<list element>", "")
                .replace(".<iterable element>", "");
    }

    public void version(String what, long current, long expected) {
        if (current != expected) {
            throw new ManageException.StaleVersion(what, expected, current);
        }
    }

    /**
     * Flushes so that a concurrent change shows up here, as a stale version or a conflict (say, two
     * creations of the same name at once), not later as a failed commit.
     */
    public void flush(EntityManager em, String what, long expected) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ManageException.StaleVersion(what, expected, -1);
        } catch (PersistenceException e) {
            throw new ManageException.Conflict(what + " conflicts with a concurrent change: try again");
        }
    }

    /** As {@link #flush(EntityManager, String, long)}, for something new. */
    public void flushNew(EntityManager em, String what) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new ManageException.Conflict(what + " conflicts with a concurrent change: try again");
        }
    }

    public static int page(int page) {
        if (page < 0) {
            throw new ManageException.InvalidInput(List.of(new Violation("page", "must be zero or more")));
        }
        return page;
    }

    public static int size(int size) {
        if (size < 1 || size > Page.MAX_SIZE) {
            throw new ManageException.InvalidInput(List.of(new Violation("size", "must be from 1 to " + Page.MAX_SIZE)));
        }
        return size;
    }

    /**
     * One page of every {@code entity} in {@code order} (JPQL over the alias {@code e}, e.g.
     * "e.name"), as the API shows each, with the count of all.
     */
    public static <E, T> Page<T> paged(EntityManager em, Class<E> entity, String order, Function<E, T> shown, int page,
                                       int size) {
        String name = entity.getSimpleName();
        List<T> items = em.createQuery("select e from " + name + " e order by " + order, entity)
                .setFirstResult(page(page) * size(size)).setMaxResults(size)
                .getResultList().stream().map(shown).toList();
        long total = em.createQuery("select count(e) from " + name + " e", Long.class).getSingleResult();
        return new Page<>(items, page, size, total);
    }
}
