package io.sluice.tracking;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a database that failed to answer from one that refused what it was given. Only the first
 * kind is worth trying again unchanged; when neither is clear the caller asks the database whether
 * it is there at all.
 */
final class DatabaseFailures {

    /**
     * SQLSTATE classes (ISO/IEC 9075, used by PostgreSQL) that say nothing about the rows: connection
     * exception, transaction rollback (deadlock, serialization), insufficient resources, operator
     * intervention (shutdown, cancelled statement), system error.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");

    private DatabaseFailures() {
    }

    /** Whether the failure, or anything it was caused by or chained to, says the database could not answer. */
    static boolean isTransient(SQLException failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        return isTransient(failure, seen);
    }

    private static boolean isTransient(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return false;
        }
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException e) {
            String state = e.getSQLState();
            if (state != null && state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
                return true;
            }
            if (isTransient(e.getNextException(), seen)) {
                return true;
            }
        }
        return isTransient(t.getCause(), seen);
    }
}
