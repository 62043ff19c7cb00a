package io.sluice.admin;

import io.sluice.security.AdminLogin;
import io.sluice.security.AdminSession;
import io.sluice.security.AdminSessions;
import io.sluice.security.LoginOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Who is calling the admin API: a script with HTTP Basic on every request, or the console with the
 * session cookie its login gave it. Passwords are checked by {@link AdminLogin} (PBKDF2, the same
 * work for unknown users, failures limited per address).
 *
 * <p>A change made with the session cookie must repeat the session's token in
 * {@value #TOKEN_HEADER}: the browser sends the cookie with any request to this server, but only
 * the console's own pages can read the token. Basic credentials need no token; the cross-site
 * rules of {@link CrossSiteRequestGuard} cover them.
 *
 * <p>A 401 asks for Basic credentials ({@code WWW-Authenticate}) unless the request is a script's
 * fetch in a page ({@code Sec-Fetch-Mode: cors} or {@code same-origin}), where the browser would
 * otherwise pop up its own password dialog over the console.
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {

    static final String REALM = "Sluice admin API";
    static final String TOKEN_HEADER = "X-CSRF-Token";
    /** The digest links' path, open to anyone holding a signed token (web.xml). */
    static final String LINKS = "/api/v1/links/";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    AdminLogin login;

    @Inject
    AdminSessions sessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // the decoded, normalised path (not the raw URI, in which "links/../quarantine" would pass for a link)
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith(LINKS)) {
            return context.doNothing(); // a digest link carries its own signed grant and never a login
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim(), request, response, context);
        }
        AdminSession session = sessions.find(SessionCookie.read(request)).orElse(null);
        if (session != null) {
            if (!READS.contains(request.getMethod().toUpperCase(Locale.ROOT))
                    && !AdminSessions.tokenMatches(session, request.getHeader(TOKEN_HEADER))) {
                ServletProblems.refuse(request, response, Problem.of("urn:sluice:problem:csrf-token-required",
                        Response.Status.FORBIDDEN, "Cross-site request token required", "a change made with the "
                                + "console's session must carry its token in the " + TOKEN_HEADER + " header", null));
                return AuthenticationStatus.SEND_FAILURE;
            }
            return context.notifyContainerAboutLogin(session.username(), Set.of(session.role().name()));
        }
        return context.isProtected() ? unauthorized(request, response, context) : context.doNothing();
    }

    private AuthenticationStatus basic(String encoded, HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return unauthorized(request, response, context);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return unauthorized(request, response, context);
        }
        LoginOutcome outcome = login.login(decoded.substring(0, colon), decoded.substring(colon + 1),
                request.getRemoteAddr());
        if (outcome instanceof LoginOutcome.Admitted a) {
            return context.notifyContainerAboutLogin(a.username(), Set.of(a.role().name()));
        }
        if (outcome instanceof LoginOutcome.Limited l) {
            response.setHeader("Retry-After", Long.toString(l.retryAfter().toSeconds()));
            ServletProblems.refuse(request, response, tooManyFailures(l));
            return AuthenticationStatus.SEND_FAILURE;
        }
        return unauthorized(request, response, context);
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response,
                                                     HttpMessageContext context) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (!"cors".equalsIgnoreCase(mode) && !"same-origin".equalsIgnoreCase(mode)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        return context.responseUnauthorized();
    }

    /** 429, with the seconds to wait in Retry-After; the console's login answers the same way. */
    static Problem tooManyFailures(LoginOutcome.Limited limited) {
        return Problem.of("urn:sluice:problem:too-many-login-failures", Response.Status.TOO_MANY_REQUESTS,
                "Too many failed logins", "logins from this address failed too often; try again in "
                        + limited.retryAfter().toSeconds() + " s", null);
    }
}
