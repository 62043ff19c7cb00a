package io.sluice.admin;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error the admin API returns.
 *
 * @param type   a URI naming the kind of problem ("about:blank" when the status says it all)
 * @param title  short summary of the kind
 * @param status the HTTP status code
 * @param detail what went wrong this time
 * @param errors for invalid input: each field that was wrong and why
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errors"})
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);

    /** One invalid field: its path in the request body ("rules[0].filter.pattern") or the parameter name. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    public static Problem of(String type, Response.StatusType status, String title, String detail,
                             List<FieldError> errors) {
        return new Problem(type, title, status.getStatusCode(), detail, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(TYPE).entity(this).build();
    }
}
