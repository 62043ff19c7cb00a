package io.sluice.policy;

import io.sluice.text.LinearRegex;
import jakarta.validation.ConstraintValidatorContext;

import java.util.regex.Pattern;

/** Collects field problems for the validators of {@link Consistent}. */
final class Problems {

    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,76}"); // RFC 5322 §3.6.8 ftext

    private final ConstraintValidatorContext context;
    private boolean valid = true;

    Problems(ConstraintValidatorContext context) {
        this.context = context;
        context.disableDefaultConstraintViolation();
    }

    void add(String field, String message) {
        valid = false;
        context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(field).addConstraintViolation();
    }

    boolean valid() {
        return valid;
    }

    void required(String field, Object value, String what) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field, "is required for " + what);
        }
    }

    void absent(String field, Object value, String what) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            add(field, "must be empty for " + what);
        }
    }

    void regex(String field, String value, boolean caseInsensitive) {
        if (value == null) {
            return;
        }
        String problem = LinearRegex.problem(value, caseInsensitive);
        if (problem != null) {
            add(field, "is not a valid regular expression: " + problem);
        }
    }

    void headerName(String field, String value) {
        if (value != null && !FIELD_NAME.matcher(value).matches()) {
            add(field, "is not a header field name");
        }
    }

    void singleLine(String field, String value, int max) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            add(field, "must be a single line");
        } else if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
        }
    }

    /** Messages go through message interpolation: keep user text from being read as expressions. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
