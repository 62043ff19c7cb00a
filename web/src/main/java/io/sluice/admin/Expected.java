package io.sluice.admin;

import io.sluice.manage.ManageException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/**
 * The version a change is based on, from {@code If-Match} (an ETag the API handed out) or from the
 * body's {@code version}. A change based on a stale version fails with 412 when it came by
 * If-Match and with 409 when it came in the body; a change based on nothing fails with 428.
 */
record Expected(long version, boolean fromIfMatch) {

    static Expected of(HttpHeaders headers, Long bodyVersion) {
        Long tag = ifMatch(headers);
        if (tag != null) {
            return new Expected(tag, true);
        }
        if (bodyVersion != null) {
            return new Expected(bodyVersion, false);
        }
        throw new WebApplicationException(Problem.of("urn:sluice:problem:precondition-required",
                Response.Status.fromStatusCode(428), "Precondition Required",
                "send If-Match with the ETag you read, or the version in the body, so that concurrent "
                        + "changes cannot overwrite each other", null).toResponse());
    }

    /** For deletes, where a precondition is optional. */
    static Long optional(HttpHeaders headers) {
        return ifMatch(headers);
    }

    private static Long ifMatch(HttpHeaders headers) {
        String h = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (h == null || h.isBlank()) {
            return null;
        }
        String v = h.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new WebApplicationException(Problem.of(Response.Status.PRECONDITION_FAILED,
                    "If-Match " + h + " is not an ETag of this API").toResponse());
        }
    }

    /** Runs the change, turning a stale version from If-Match into 412. */
    <T> T apply(Supplier<T> change) {
        try {
            return change.get();
        } catch (ManageException.StaleVersion e) {
            if (fromIfMatch) {
                throw new WebApplicationException(Problem.of("urn:sluice:problem:stale-version",
                        Response.Status.PRECONDITION_FAILED, "Stale version", e.getMessage(), null).toResponse());
            }
            throw e;
        }
    }
}
