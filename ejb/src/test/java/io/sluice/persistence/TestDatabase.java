package io.sluice.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database for the persistence unit tests, with the application's own migrations: H2 in memory
 * (as WildFly's default datasource), and PostgreSQL too when {@code SLUICE_IT_POSTGRES} names one,
 * in a schema of its own that is dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String POSTGRES = System.getenv("SLUICE_IT_POSTGRES");

    private final String kind;
    private final DataSource dataSource;
    private final String schema;

    private TestDatabase(String kind, DataSource dataSource, String schema) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** "h2", and "postgresql" when SLUICE_IT_POSTGRES is set: the argument source of parameterized tests. */
    public static List<String> kinds() {
        return POSTGRES == null || POSTGRES.isBlank() ? List.of("h2") : List.of("h2", "postgresql");
    }

    /** An empty database of that kind, migrated up to {@code target} (a version such as "4"), or all the way. */
    public static TestDatabase open(String kind, String target) throws SQLException {
        TestDatabase db = switch (kind) {
            case "h2" -> {
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL("jdbc:h2:mem:sluice" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
                ds.setUser("sa");
                ds.setPassword("sa");
                yield new TestDatabase(kind, ds, null);
            }
            case "postgresql" -> {
                String schema = "unit_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(POSTGRES);
                ds.setUser("sluice");
                ds.setPassword("sluice");
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                }
                ds.setCurrentSchema(schema);
                yield new TestDatabase(kind, ds, schema);
            }
            default -> throw new IllegalArgumentException(kind);
        };
        db.migrate(target);
        return db;
    }

    /** Applies the migrations up to {@code target}, or all when null. */
    public void migrate(String target) {
        FluentConfiguration config = Flyway.configure(getClass().getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration").placeholderReplacement(false);
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema).createSchemas(false);
        }
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String kind() {
        return kind;
    }

    /** One statement with parameters; the number of rows changed. */
    public int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    /** The rows of a query, each as a list of its values. */
    public List<List<Object>> rows(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(schema == null ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    public String toString() {
        return kind;
    }
}
