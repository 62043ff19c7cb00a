package io.sluice.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses the state changes a browser can be made to send from another site with an
 * administrator's cached credentials (cross-site request forgery). A page elsewhere can make a
 * browser POST a form ({@code application/x-www-form-urlencoded}, {@code multipart/form-data},
 * {@code text/plain}) or a body-less request without asking this server first; it cannot send a
 * JSON or {@code message/rfc822} content type, a PUT, PATCH or DELETE without a CORS preflight,
 * which this API never grants. So every POST, PUT and PATCH must carry a JSON content type
 * ({@code message/rfc822} for teaching Bayes), and any request whose {@code Origin} (or
 * {@code Sec-Fetch-Site}) says it comes from another site is refused whatever its method.
 */
@Provider
@PreMatching
public class CrossSiteRequestGuard implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    static final MediaType MESSAGE = MediaType.valueOf("message/rfc822");

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (READS.contains(method)) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        if (foreign(request.getHeaderString("Origin"), uri) || "cross-site".equals(request.getHeaderString("Sec-Fetch-Site"))) {
            request.abortWith(Problem.of("urn:sluice:problem:cross-site-request", Response.Status.FORBIDDEN,
                    "Cross-site request", "changes are only accepted from this server's own origin "
                            + uri.getScheme() + "://" + uri.getAuthority(), null).toResponse());
            return;
        }
        if (WITH_BODY.contains(method) && !acceptable(request.getMediaType(), uri.getPath())) {
            request.abortWith(Problem.of("urn:sluice:problem:content-type-required",
                    Response.Status.UNSUPPORTED_MEDIA_TYPE, "Content type required",
                    "a " + method + " must say Content-Type: application/json"
                            + (learning(uri.getPath()) ? " or message/rfc822" : "") + ", even without a body", null)
                    .toResponse());
        }
    }

    /** An Origin that is not this server's scheme, host and port ("null" included: sandboxed pages). */
    static boolean foreign(String origin, URI request) {
        if (origin == null) {
            return false;
        }
        try {
            URI o = URI.create(origin.trim());
            return o.getScheme() == null || o.getHost() == null
                    || !o.getScheme().equalsIgnoreCase(request.getScheme())
                    || !o.getHost().equalsIgnoreCase(request.getHost())
                    || port(o) != port(request);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    static boolean acceptable(MediaType type, String path) {
        if (type == null) {
            return false;
        }
        boolean json = type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
        return json || learning(path) && type.isCompatible(MESSAGE) && !type.isWildcardType() && !type.isWildcardSubtype();
    }

    private static boolean learning(String path) {
        return path.endsWith("/scanning/spam/learn");
    }
}
