package io.sluice.manage;

import jakarta.ejb.ApplicationException;

import java.util.List;

/**
 * Why a management operation was refused. Application exceptions: the transaction rolls back and
 * the caller (the admin API) gets them as they are, to turn into the matching problem response.
 */
@ApplicationException(rollback = true)
public abstract class ManageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ManageException(String message) {
        super(message);
    }

    /** The thing asked for does not exist. */
    public static final class NotFound extends ManageException {
        private static final long serialVersionUID = 1L;

        public NotFound(String what) {
            super(what + " does not exist");
        }
    }

    /** The change contradicts the current state (duplicate name, still referenced, the default policy ...). */
    public static final class Conflict extends ManageException {
        private static final long serialVersionUID = 1L;

        public Conflict(String message) {
            super(message);
        }
    }

    /** Someone else changed the thing since the caller read it. */
    public static final class StaleVersion extends ManageException {
        private static final long serialVersionUID = 1L;
        private final long current;

        public StaleVersion(String what, long expected, long current) {
            super(what + " is at version " + current + ", not " + expected + ": read it again and redo the change");
            this.current = current;
        }

        public long current() {
            return current;
        }
    }

    /** The input is invalid; every problem is named with its field. */
    public static final class InvalidInput extends ManageException {
        private static final long serialVersionUID = 1L;
        private final List<Violation> violations;

        public InvalidInput(List<Violation> violations) {
            super(violations.size() == 1 ? "1 field is invalid" : violations.size() + " fields are invalid");
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** The caller may use this operation, but not on this or not in this way (outside their scope). */
    public static final class Forbidden extends ManageException {
        private static final long serialVersionUID = 1L;

        public Forbidden(String message) {
            super(message);
        }
    }

    /** Something the operation needs (the downstream mail server) refused or could not be reached. */
    public static final class Unavailable extends ManageException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
