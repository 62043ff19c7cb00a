package io.sluice.dmarc.report;

import java.time.Instant;

/** How many messages a row stands for, and when the first and the last of them came. */
public record ReportTally(long count, Instant firstSeen, Instant lastSeen) {

    static ReportTally one(Instant at) {
        return new ReportTally(1, at, at);
    }

    ReportTally plus(ReportTally other) {
        return new ReportTally(count + other.count, firstSeen.isBefore(other.firstSeen) ? firstSeen : other.firstSeen,
                lastSeen.isAfter(other.lastSeen) ? lastSeen : other.lastSeen);
    }
}
