package io.sluice.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The WHERE clause of a search, built from the filters that were given; values are always bound as
 * parameters, never put into the SQL text.
 */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** {@code column = value}, if a value is given. */
    public Where equal(String column, Object value) {
        if (value != null && !"".equals(value)) {
            conditions.add(column + " = ?");
            values.add(value instanceof Instant i ? Jdbc.timestamp(i) : value);
        }
        return this;
    }

    /** {@code column} contains {@code text}, ignoring case, if a text is given. */
    public Where contains(String column, String text) {
        if (text != null && !text.isBlank()) {
            conditions.add("LOWER(" + column + ") LIKE ? ESCAPE '!'");
            values.add("%" + escape(text.trim().toLowerCase(Locale.ROOT)) + "%");
        }
        return this;
    }

    /** {@code column >= from}, if given. */
    public Where atOrAfter(String column, Instant from) {
        if (from != null) {
            conditions.add(column + " >= ?");
            values.add(Jdbc.timestamp(from));
        }
        return this;
    }

    /** {@code column < until}, if given. */
    public Where before(String column, Instant until) {
        if (until != null) {
            conditions.add(column + " < ?");
            values.add(Jdbc.timestamp(until));
        }
        return this;
    }

    /** A condition with one {@code ?}, e.g. {@code queue_id IN (SELECT queue_id FROM r WHERE address = ?)}. */
    public Where condition(String sql, Object value) {
        if (value != null && !"".equals(value)) {
            conditions.add(sql);
            values.add(value);
        }
        return this;
    }

    /** A condition with a {@code ?} per value, if a condition is given (null: no condition). */
    public Where condition(String sql, List<Object> given) {
        if (sql != null) {
            conditions.add(sql);
            values.addAll(given);
        }
        return this;
    }

    /** " WHERE a AND b", or "" when there is no condition. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the values from parameter {@code first} on; returns the next free index. */
    public int bind(PreparedStatement s, int first) throws SQLException {
        int i = first;
        for (Object v : values) {
            s.setObject(i++, v);
        }
        return i;
    }

    private static String escape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
