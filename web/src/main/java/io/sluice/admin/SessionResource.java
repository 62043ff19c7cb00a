package io.sluice.admin;

import io.sluice.security.AdminLogin;
import io.sluice.security.AdminSession;
import io.sluice.security.AdminSessions;
import io.sluice.security.LoginOutcome;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/session}: the console's login. POST with a user name and password opens a session
 * (cookie {@value SessionCookie#NAME}) and answers the token the console must send with every
 * change; GET tells who is logged in; DELETE logs out. Scripts need none of this: they send HTTP
 * Basic credentials with each request. This path is open without credentials (web.xml).
 */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** The login form's fields. */
    public record Login(String username, String password) {
    }

    /** Who is logged in, and the token for changes. */
    public record Current(String username, String role, String csrfToken) {
        static Current of(AdminSession s) {
            return new Current(s.username(), s.role().name(), s.csrfToken());
        }
    }

    @Inject
    AdminLogin login;

    @Inject
    AdminSessions sessions;

    @Context
    HttpServletRequest request;

    @POST
    public Response login(Login in) {
        LoginOutcome outcome = in == null ? new LoginOutcome.Refused()
                : login.login(in.username(), in.password(), request.getRemoteAddr());
        if (outcome instanceof LoginOutcome.Admitted a) {
            // a new identifier at every login: one planted in the browser beforehand is worth nothing
            sessions.close(SessionCookie.read(request));
            AdminSession s = sessions.open(a.username(), a.role());
            return Response.ok(Current.of(s))
                    .header(HttpHeaders.SET_COOKIE, SessionCookie.set(s.id(), request.isSecure()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        if (outcome instanceof LoginOutcome.Limited l) {
            return Response.fromResponse(AdminAuthentication.tooManyFailures(l).toResponse())
                    .header("Retry-After", l.retryAfter().toSeconds()).build();
        }
        if (outcome instanceof LoginOutcome.Unavailable) {
            return Problem.of("urn:sluice:problem:login-unavailable", Response.Status.SERVICE_UNAVAILABLE,
                    "Login not possible now", "the mail server, which checks mailbox passwords, cannot be asked "
                            + "right now; try again later", null).toResponse();
        }
        return Problem.of("urn:sluice:problem:login-failed", Response.Status.UNAUTHORIZED, "Login failed",
                "unknown user name or wrong password", null).toResponse();
    }

    @GET
    public Response current() {
        return sessions.find(SessionCookie.read(request))
                .map(s -> Response.ok(Current.of(s)).header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                .orElseGet(() -> Problem.of("urn:sluice:problem:not-logged-in", Response.Status.UNAUTHORIZED,
                        "Not logged in", "no console session; log in with POST /api/v1/session", null).toResponse());
    }

    @DELETE
    public Response logout() {
        sessions.close(SessionCookie.read(request));
        return Response.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.expire(request.isSecure())).build();
    }
}
