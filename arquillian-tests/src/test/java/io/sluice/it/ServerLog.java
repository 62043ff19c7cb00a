package io.sluice.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test server's server.log: what was logged during a test, and what the shipped fail2ban filter finds in it. */
final class ServerLog {

    private ServerLog() {
    }

    /** Where the log ends now: pass it to {@link #since} after the test's actions. */
    static long size() throws java.io.IOException {
        return Files.size(FILE);
    }

    private static final Path FILE = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");

    /** The server log's lines from this offset on (the file is appended to; it is renamed only at midnight). */
    static List<String> since(long offset) throws Exception {
        try (var in = Files.newInputStream(FILE)) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * The client addresses the shipped fail2ban filter finds in these log lines, its failregex
     * applied as fail2ban does: to what follows the time stamp, with {@code <ADDR>} an IP address.
     */
    static List<String> fail2banMatches(List<String> lines) throws Exception {
        String filter = Files.readString(Path.of(System.getProperty("sluice.fail2ban.filter")));
        Matcher m = Pattern.compile("(?m)^failregex = (.+)$").matcher(filter);
        assertTrue(m.find(), filter);
        Pattern failregex = Pattern.compile(m.group(1).replace("<ADDR>", "(?<addr>[0-9A-Fa-f:.]+)"));
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            Matcher stamp = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}").matcher(line);
            if (stamp.find()) {
                Matcher f = failregex.matcher(line.substring(stamp.end()));
                if (f.find()) {
                    found.add(f.group("addr"));
                }
            }
        }
        return found;
    }
}
