package io.sluice.persistence;

import javax.sql.DataSource;
import java.util.List;
import java.util.ArrayList;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Times in the database are UTC wall-clock values (TIMESTAMP without zone, the same in H2 and
 * PostgreSQL), whatever the JVM's time zone is.
 */
public final class Jdbc {

    private Jdbc() {
    }

    public static LocalDateTime timestamp(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** A nullable DOUBLE column. */
    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Runs one INSERT, UPDATE or DELETE on a connection of its own (autocommit, or the caller's
     * JTA transaction); {@code what} names the data in the error.
     */
    public static int update(DataSource dataSource, String what, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("changing " + what + ": " + e.getMessage(), e);
        }
    }

    /** Reads one row of a result as a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** One page of a search's rows, and how many rows match in all. */
    public record Rows<T>(List<T> items, long total) {
    }

    /** {@code SELECT columns FROM table WHERE ... ORDER BY order}: page {@code page} of {@code size} rows, and the count. */
    public static <T> Rows<T> page(Connection c, String columns, String table, Where where, String order, int page,
                                   int size, Row<T> row) throws SQLException {
        List<T> items = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + columns + " FROM " + table + where.sql()
                + " ORDER BY " + order + " LIMIT ? OFFSET ?")) {
            int i = where.bind(s, 1);
            s.setInt(i, size);
            s.setLong(i + 1, (long) page * size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(row.read(rs));
                }
            }
        }
        return new Rows<>(items, count(c, "SELECT COUNT(*) FROM " + table + where.sql(), where));
    }

    /** {@code SELECT COUNT(*) ...} with the search's values bound. */
    public static long count(Connection c, String sql, Where where) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            where.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Cuts a text to the column's length. */
    public static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
