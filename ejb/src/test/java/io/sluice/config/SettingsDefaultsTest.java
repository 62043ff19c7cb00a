package io.sluice.config;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Id;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The settings row as the migrations made it against the concern records that map it: every column
 * is mapped exactly once, and the value each migration gave a new column is the record's default
 * ({@link RuntimeSettings#DEFAULT}), so that a new installation and the code agree.
 */
class SettingsDefaultsTest {

    private static final Path MIGRATIONS = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/resources/db/migration");
    private static final Pattern CREATE = Pattern.compile("CREATE TABLE gateway_settings \\((.*?)\\);", Pattern.DOTALL);
    private static final Pattern INSERT = Pattern.compile(
            "INSERT INTO gateway_settings \\(([^)]*)\\) VALUES \\(([^)]*)\\);");
    private static final Pattern ADD = Pattern.compile(
            "ALTER TABLE gateway_settings ADD COLUMN (\\w+)\\s+\\w+(?:\\(\\d+\\))?\\s+DEFAULT\\s+('[^']*'|[^\\s;]+)");

    @Test
    void everyColumnIsMappedOnceAndStartsWithTheRecordsDefault() throws Exception {
        Map<String, String> created = migrations();
        Map<String, String> mapped = new TreeMap<>();
        for (Field f : GatewaySettings.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (f.isAnnotationPresent(Embedded.class)) {
                Object byDefault = componentOfType(f.getType());
                for (Field c : f.getType().getDeclaredFields()) {
                    if (!Modifier.isStatic(c.getModifiers())) {
                        c.setAccessible(true);
                        put(mapped, c.getAnnotation(Column.class).name(), literal(c, c.get(byDefault)));
                    }
                }
            } else if (f.isAnnotationPresent(jakarta.persistence.ElementCollection.class)) {
                continue; // rows of a table of their own, none in a new installation
            } else if (f.isAnnotationPresent(Id.class)) {
                put(mapped, "id", "1");
            } else {
                put(mapped, f.getAnnotation(Column.class).name(), switch (f.getName()) {
                    case "internalNetworks" -> "'" + String.join(",", RuntimeSettings.DEFAULT.internalNetworks().texts())
                            + "'";
                    case "version" -> "0";
                    default -> throw new AssertionError("unexpected field " + f);
                });
            }
        }
        assertEquals(created, mapped, "the migrations' settings row and the records' defaults");
    }

    /** Column name to the value a new installation's row gets (the row's insert, or the column's DEFAULT). */
    private static Map<String, String> migrations() throws IOException {
        Map<String, String> columns = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(MIGRATIONS)) {
            files = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList());
        }
        for (Path p : files) {
            String sql = Files.readString(p);
            Matcher create = CREATE.matcher(sql);
            if (create.find()) {
                for (String line : create.group(1).split(",")) {
                    columns.put(line.trim().split("\\s+")[0], "");
                }
            }
            Matcher insert = INSERT.matcher(sql);
            if (insert.find()) {
                String[] names = insert.group(1).split(",\\s*");
                String[] values = insert.group(2).split(",\\s*");
                for (int i = 0; i < names.length; i++) {
                    columns.put(names[i], values[i].toUpperCase().equals("NULL") ? "NULL" : values[i]);
                }
            }
            Matcher add = ADD.matcher(sql);
            while (add.find()) {
                String v = add.group(2);
                columns.put(add.group(1), v.startsWith("'") ? v : v.toUpperCase());
            }
        }
        return columns;
    }

    private static Object componentOfType(Class<?> type) throws ReflectiveOperationException {
        for (RecordComponent c : RuntimeSettings.class.getRecordComponents()) {
            if (c.getType() == type) {
                return c.getAccessor().invoke(RuntimeSettings.DEFAULT);
            }
        }
        throw new AssertionError("RuntimeSettings has no " + type.getSimpleName());
    }

    /** The value as an SQL literal, through the column's converter if it has one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String literal(Field f, Object value) throws ReflectiveOperationException {
        Convert convert = f.getAnnotation(Convert.class);
        if (convert != null) {
            value = ((AttributeConverter) convert.converter().getDeclaredConstructor().newInstance())
                    .convertToDatabaseColumn(value);
        }
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String || value instanceof Enum<?>) {
            return "'" + value + "'";
        }
        return value instanceof Boolean b ? (b ? "TRUE" : "FALSE") : value.toString();
    }

    private static void put(Map<String, String> mapped, String column, String value) {
        if (mapped.put(column, value) != null) {
            throw new AssertionError(column + " is mapped twice");
        }
    }
}
