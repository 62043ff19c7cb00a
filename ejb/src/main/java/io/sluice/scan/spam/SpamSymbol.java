package io.sluice.scan.spam;

/**
 * One test that fired, as SpamAssassin reports them: a name and the points it added.
 *
 * @param name  e.g. "GTUBE", "BAYES_99"
 * @param score the points (may be negative)
 */
public record SpamSymbol(String name, double score) {
}
