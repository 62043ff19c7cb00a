package io.sluice.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security headers for the console's pages and files. The Content-Security-Policy allows scripts
 * from this server only: the one inline element is the import map, which is allowed by its hash
 * (computed here from the page itself, so it cannot drift), and it maps module names, nothing runs.
 * No inline style attributes, no plugins, no framing by other sites, forms only to this server.
 * (The console's files are under {@code /assets}: WildFly answers {@code /console} itself, with a
 * redirect to its management console.)
 */
@WebFilter("/*")
public class ConsolePageHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private String policy;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        try (InputStream page = config.getServletContext().getResourceAsStream("/index.html")) {
            if (page == null) {
                throw new ServletException("the console page /index.html is missing");
            }
            policy = policy(new String(page.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ServletException("reading the console page", e);
        }
    }

    /** The policy for the given console page: its import map allowed by hash, nothing else inline. */
    static String policy(String page) {
        Matcher m = IMPORT_MAP.matcher(page);
        String importMap = m.find() ? " 'sha256-" + sha256(m.group(1)) + "'" : "";
        return "default-src 'none'; script-src 'self'" + importMap + "; style-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        // the page itself names the module versions: always ask for it again; the versioned files may be kept
        response.setHeader("Cache-Control", path.startsWith("/webjars/")
                ? "max-age=86400" : "no-cache");
        chain.doFilter(request, response);
    }
}
