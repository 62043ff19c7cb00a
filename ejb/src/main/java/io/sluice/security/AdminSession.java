package io.sluice.security;

/**
 * A console login: the random identifier its cookie carries, who logged in with which role, and
 * the token every change made through it must repeat in a header (a page on another site can
 * make the browser send the cookie, but cannot read the token).
 */
public record AdminSession(String id, String username, Role role, String csrfToken) {
}
