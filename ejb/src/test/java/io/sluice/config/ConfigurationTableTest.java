package io.sluice.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's configuration table against what the code reads: every {@code sluice.*} system
 * property the deployment descriptors, the server script or the code takes is documented, nothing
 * documented is gone, and where a descriptor gives a plain default the table shows that default.
 */
class ConfigurationTableTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final List<String> DESCRIPTORS = List.of("ejb/src/main/resources/META-INF/jboss-ejb3.xml",
            "rar/src/main/rar/META-INF/ra.xml", "rar/src/main/rar/META-INF/ironjacamar.xml",
            "ear/src/main/wildfly/sluice.cli", "ear/src/main/wildfly/sluice-postgresql.cli");
    /** Where a descriptor uses a sluice property; a default, if any, follows a colon and may hold expressions itself. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(sluice\\.[a-z0-9.-]+)");
    /** A system property read in Java code. */
    private static final Pattern READ = Pattern.compile(
            "(?:getProperty|getInteger|getLong|getBoolean)\\(\\s*\"(sluice\\.[a-z0-9.-]+)\"");

    @Test
    void everyPropertyTheGatewayReadsIsInTheTableAndEveryOneThereIsRead() throws IOException {
        Map<String, String> read = new TreeMap<>();
        for (String descriptor : DESCRIPTORS) {
            String text = Files.readString(ROOT.resolve(descriptor));
            Matcher m = EXPRESSION.matcher(text);
            while (m.find()) {
                read.merge(m.group(1), defaultAfter(text, m.end()), (a, b) -> a.isEmpty() ? b : a);
            }
        }
        for (String module : List.of("rar", "ejb", "web")) {
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    Matcher m = READ.matcher(read(p));
                    while (m.find()) {
                        read.putIfAbsent(m.group(1), "");
                    }
                });
            }
        }
        Map<String, String> documented = table();

        assertEquals(new TreeSet<>(read.keySet()), new TreeSet<>(documented.keySet()),
                "README's configuration table and the properties the code reads");
        List<String> wrong = new ArrayList<>();
        read.forEach((name, byDefault) -> {
            String shown = documented.get(name);
            if (!byDefault.isEmpty() && shown != null && !shown.isEmpty() && !shown.equals(byDefault)) {
                wrong.add(name + ": README says " + shown + ", the code " + byDefault);
            }
        });
        assertEquals(List.of(), wrong);
    }

    /** The default of an expression whose name ends at {@code at}: up to its own closing brace. */
    private static String defaultAfter(String text, int at) {
        if (at >= text.length() || text.charAt(at) != ':') {
            return "";
        }
        int depth = 1;
        for (int i = at + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return text.substring(at + 1, i);
            }
        }
        return "";
    }

    /**
     * The table's property names with the default it shows when the row is about one property and
     * its default is one literal; a row such as {@code `sluice.relay.host` / `sluice.relay.port`}
     * or {@code `sluice.smtp.max-command-line` / `max-text-line`} names several.
     */
    private static Map<String, String> table() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Configuration");
        assertTrue(start > 0, "README has a Configuration section");
        Map<String, String> rows = new TreeMap<>();
        for (String line : readme.substring(start, readme.indexOf("\n## ", start + 1)).lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !cells[1].trim().startsWith("`sluice.")) {
                continue;
            }
            List<String> names = new ArrayList<>();
            String parent = "";
            for (String part : cells[1].split("/")) {
                String name = part.trim().replace("`", "");
                if (name.startsWith("sluice.")) {
                    parent = name.substring(0, name.lastIndexOf('.') + 1);
                } else {
                    name = parent + name;
                }
                names.add(name);
            }
            Matcher single = Pattern.compile("^`([^`]*)`$").matcher(cells[2].trim());
            String byDefault = names.size() == 1 && single.matches() ? single.group(1) : "";
            names.forEach(n -> rows.put(n, byDefault));
        }
        return rows;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
