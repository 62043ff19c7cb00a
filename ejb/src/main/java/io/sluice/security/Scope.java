package io.sluice.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whose mail a caller may see and act on: everything (administrators and auditors), the
 * recipients in some domains (domain administrators) or one address (a mailbox owner). The
 * services apply it to every search and every single message, so a page that asks for more gets
 * nothing more.
 */
public sealed interface Scope {

    Scope EVERYTHING = new Everything();

    /** Whether mail to {@code address} is within the scope. */
    boolean covers(String address);

    /**
     * An SQL condition that a column of lower-case addresses lies within the scope, with one
     * {@code ?} per {@link #values()} value; null for everything.
     */
    String condition(String column);

    /** The values of {@link #condition}'s parameters, in order. */
    List<Object> values();

    default boolean everything() {
        return this instanceof Everything;
    }

    /** The scope of a caller with this role and name ({@code domains} only for a domain administrator). */
    static Scope of(Role role, String username, Set<String> domains) {
        return switch (role) {
            case admin, auditor -> EVERYTHING;
            case domainadmin -> new Domains(domains);
            case mailbox -> new Mailbox(username);
        };
    }

    record Everything() implements Scope {
        @Override
        public boolean covers(String address) {
            return true;
        }

        @Override
        public String condition(String column) {
            return null;
        }

        @Override
        public List<Object> values() {
            return List.of();
        }
    }

    /** The recipients whose domain is one of these (exactly: a subdomain is another domain). */
    record Domains(Set<String> domains) implements Scope {
        public Domains {
            Set<String> lower = new TreeSet<>();
            domains.forEach(d -> lower.add(d.toLowerCase(Locale.ROOT)));
            domains = Set.copyOf(lower);
        }

        @Override
        public boolean covers(String address) {
            int at = address.lastIndexOf('@');
            return at >= 0 && domains.contains(address.substring(at + 1).toLowerCase(Locale.ROOT));
        }

        @Override
        public String condition(String column) {
            if (domains.isEmpty()) {
                return "1 = 0";
            }
            List<String> each = new ArrayList<>();
            for (int i = 0; i < domains.size(); i++) {
                each.add(column + " LIKE ? ESCAPE '!'");
            }
            return "(" + String.join(" OR ", each) + ")";
        }

        @Override
        public List<Object> values() {
            // '!' escapes LIKE's own characters, so "_" in a domain cannot match any character
            return new TreeSet<>(domains).stream().<Object>map(d -> "%@" + d.replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_")).toList();
        }
    }

    /** Mail to one address (compared ignoring case). */
    record Mailbox(String address) implements Scope {
        public Mailbox {
            address = address.toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean covers(String other) {
            return address.equals(other.toLowerCase(Locale.ROOT));
        }

        @Override
        public String condition(String column) {
            return column + " = ?";
        }

        @Override
        public List<Object> values() {
            return List.of(address);
        }
    }
}
