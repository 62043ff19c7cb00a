package io.sluice.admin;

import io.sluice.manage.ManageException;
import io.sluice.manage.Violation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A time in a query parameter: an ISO-8601 instant ("2026-11-29T08:00:00Z") or a date (UTC midnight). */
final class TimeParam {

    private TimeParam() {
    }

    static Instant parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ManageException.InvalidInput(List.of(new Violation(name,
                    "must be an ISO-8601 time like 2026-11-29T08:00:00Z or a date like 2026-11-29")));
        }
    }
}
