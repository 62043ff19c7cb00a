package io.sluice.admin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The console's session cookie: only the server reads it ({@code HttpOnly}), a browser never sends
 * it with a request another site starts ({@code SameSite=Strict}), and over HTTPS it never travels
 * in the clear ({@code Secure}); it lives until the browser closes.
 */
final class SessionCookie {

    static final String NAME = "SLUICE_SESSION";

    private SessionCookie() {
    }

    /** The session identifier the request carries, or null. */
    static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (NAME.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** The {@code Set-Cookie} value that gives the browser {@code id}. */
    static String set(String id, boolean secure) {
        return NAME + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that removes it. */
    static String expire(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
