package io.sluice.text;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The one way regular expressions that meet message content are compiled: RE2J, whose matching time
 * is linear in the text for every expression, so no subject, header or body can make a rule
 * backtrack (java.util.regex takes minutes on {@code ^[^a-z]*[A-Z]{3,}[^a-z]*[A-Z]{3,}[^a-z]*$}
 * against a few hundred capitals). The price is RE2's syntax: no back-references and no
 * look-around; such expressions are refused when they are configured, not when mail arrives. So are
 * case-insensitive ones with the few characters RE2J would loop on ({@link CaseFoldTrap}).
 */
public final class LinearRegex {

    private LinearRegex() {
    }

    /**
     * @param flags {@link Pattern#CASE_INSENSITIVE}, {@link Pattern#DOTALL}, ... (RE2J's)
     * @throws IllegalArgumentException with a description fit for an administrator
     */
    public static Pattern compile(String regex, int flags) {
        String trap = CaseFoldTrap.problem(regex, (flags & Pattern.CASE_INSENSITIVE) != 0);
        if (trap != null) {
            throw new IllegalArgumentException(trap);
        }
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /** Why RE2 refuses the expression, in words an administrator can act on. */
    static String describe(PatternSyntaxException e) {
        String fragment = e.getPattern() == null ? "" : e.getPattern();
        boolean lookAround = fragment.startsWith("(?=") || fragment.startsWith("(?!") || fragment.startsWith("(?<=")
                || fragment.startsWith("(?<!");
        boolean backReference = fragment.length() >= 2 && fragment.charAt(0) == '\\' && Character.isDigit(fragment.charAt(1));
        return e.getDescription() + (fragment.isEmpty() ? "" : " `" + fragment + "`")
                + (lookAround || backReference ? " (look-around and back-references cannot run in linear time)" : "");
    }

    /** The description of what is wrong with {@code regex}, or {@code null} when it compiles. */
    public static String problem(String regex, boolean caseInsensitive) {
        String trap = CaseFoldTrap.problem(regex, caseInsensitive);
        if (trap != null) {
            return trap;
        }
        try {
            Pattern.compile(regex, caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
            return null;
        } catch (PatternSyntaxException e) {
            return describe(e);
        }
    }
}
