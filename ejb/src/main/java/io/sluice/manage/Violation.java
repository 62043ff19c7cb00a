package io.sluice.manage;

/**
 * One invalid field of a request.
 *
 * @param field   its path in the request body, e.g. {@code rules[0].filter.pattern}
 * @param message what is wrong with it
 */
public record Violation(String field, String message) {
}
