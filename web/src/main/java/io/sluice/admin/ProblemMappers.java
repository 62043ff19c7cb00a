package io.sluice.admin;

import io.sluice.manage.ManageException;
import io.sluice.manage.Violation;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error of the admin API becomes an RFC 9457 problem (application/problem+json). */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Refusals of the management services. */
    @Provider
    public static class Manage implements ExceptionMapper<ManageException> {
        @Override
        public Response toResponse(ManageException e) {
            if (e instanceof ManageException.InvalidInput invalid) {
                List<Problem.FieldError> errors = invalid.violations().stream()
                        .map((Violation v) -> new Problem.FieldError(v.field(), v.message())).toList();
                return Problem.of("urn:sluice:problem:invalid-request", Response.Status.BAD_REQUEST, "Invalid request",
                        e.getMessage(), errors).toResponse();
            }
            if (e instanceof ManageException.NotFound) {
                return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
            }
            if (e instanceof ManageException.Forbidden) {
                return Problem.of("urn:sluice:problem:forbidden", Response.Status.FORBIDDEN, "Forbidden",
                        e.getMessage(), null).toResponse();
            }
            if (e instanceof ManageException.Unavailable) {
                return Problem.of("urn:sluice:problem:downstream-unavailable", Response.Status.SERVICE_UNAVAILABLE,
                        "Downstream unavailable", e.getMessage(), null).toResponse();
            }
            if (e instanceof ManageException.StaleVersion) {
                return Problem.of("urn:sluice:problem:stale-version", Response.Status.CONFLICT, "Stale version",
                        e.getMessage(), null).toResponse();
            }
            return Problem.of("urn:sluice:problem:conflict", Response.Status.CONFLICT, "Conflict", e.getMessage(), null)
                    .toResponse();
        }
    }

    /** JAX-RS's own refusals (unknown path, method, media type) keep their status, get a problem body. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response r = e.getResponse();
            if (r.hasEntity() && Problem.TYPE.isCompatible(r.getMediaType())) {
                return r;
            }
            if (e.getCause() instanceof JsonbException || e.getCause() instanceof ProcessingException) {
                return unreadable(e.getCause());
            }
            Response.StatusType status = r.getStatusInfo();
            Response.ResponseBuilder b = Response.fromResponse(r).type(Problem.TYPE)
                    .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                            e.getMessage(), null));
            return b.build();
        }
    }

    /** A body that is not the JSON the operation takes. */
    @Provider
    public static class Body implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return unreadable(e);
        }
    }

    /** A body that is not the JSON the operation takes, as JSON-B reports it. */
    @Provider
    public static class Json implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return unreadable(e);
        }
    }

    /** Anything else is a bug or an outage: logged, and reported without internals. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ManageException m) {
                return new Manage().toResponse(m);
            }
            LOG.log(Level.SEVERE, "admin API request failed", e);
            return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "the request failed; the server log says why")
                    .toResponse();
        }
    }

    static Response unreadable(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Problem.of("urn:sluice:problem:unreadable-body", Response.Status.BAD_REQUEST, "Unreadable body",
                "the body is not valid JSON for this operation: " + root.getMessage(), null).toResponse();
    }
}
