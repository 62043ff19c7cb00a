package io.sluice.health;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An embedded (H2) database file that cannot be opened because its content is damaged, as found at
 * start, and what an administrator does about it. H2 reports such a file with error code 90030
 * ({@code FILE_CORRUPTED_1}), whose message names the file; the MVStore's own reason (e.g.
 * {@code Double mark: 1b/2}) is in the cause.
 *
 * @param file the damaged file, as H2 names it (e.g. {@code .../standalone/data/sluice/sluice.mv.db})
 * @param reason H2's messages along the cause chain, joined, for the log
 */
public record DamagedDatabase(String file, String reason) {

    /** H2's ErrorCode.FILE_CORRUPTED_1. */
    static final int H2_FILE_CORRUPTED = 90030;

    private static final Pattern QUOTED_FILE = Pattern.compile("\"([^\"]+)\"");

    /** The damage a failure to open the database shows, if that is what it shows. */
    public static Optional<DamagedDatabase> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_FILE_CORRUPTED) {
                Matcher file = QUOTED_FILE.matcher(String.valueOf(sql.getMessage()));
                return Optional.of(new DamagedDatabase(file.find() ? file.group(1) : "the H2 database file",
                        reasons(sql)));
            }
        }
        return Optional.empty();
    }

    private static String reasons(Throwable first) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = first; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && all.indexOf(m) < 0) {
                all.append(all.isEmpty() ? "" : "; ").append(m.replaceAll("\\s+", " "));
            }
        }
        return all.toString();
    }

    /** One sentence: what is wrong, for the SMTP reply and the health check. */
    public String summary() {
        return "the gateway's database file " + file + " is damaged and cannot be opened";
    }

    /** What the log says at start: what happened, what Sluice does meanwhile, what to do. */
    public String instructions() {
        String aside = directory() + "/damaged";
        return "The embedded database cannot be opened: " + summary() + " (H2: " + reason + ")."
                + " Until it is repaired and the server restarted, Sluice keeps the SMTP port open but answers"
                + " every recipient with 451 4.3.0 (clients keep their mail and retry), the admin API has no data,"
                + " and the health check sluice-database reports DOWN."
                + " To repair: stop the server; move the damaged file aside (mkdir " + aside + " && mv " + file
                + " " + aside + "/); then either restore the latest backup of it to " + file + ", or start"
                + " without one: an empty database is created with the default policy and a new 'admin' password"
                + " printed in this log (the policies, users, settings, quarantine and tracking log of the damaged"
                + " file are then gone). Keep the damaged file (README \"Database\"). Then start the server.";
    }

    private String directory() {
        int slash = file.lastIndexOf('/');
        return slash > 0 ? file.substring(0, slash) : ".";
    }
}
