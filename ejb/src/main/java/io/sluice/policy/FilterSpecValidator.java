package io.sluice.policy;

import com.google.re2j.Pattern;
import io.sluice.api.Cidr;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link Consistent} for filters: each type has the parameters it needs, and they are valid. */
public class FilterSpecValidator implements ConstraintValidator<Consistent, FilterSpec> {

    @Override
    public boolean isValid(FilterSpec f, ConstraintValidatorContext context) {
        if (f == null) {
            return true;
        }
        Problems p = new Problems(context);
        if (f.type() == null) {
            p.add("type", "is required");
            return false;
        }
        String what = f.type().name();
        switch (f.type()) {
            case ALWAYS, VIRUS, SENDER_AUTHENTICATED, UNSCANNABLE, ENCRYPTED_ARCHIVE, DNSBL -> {
            }
            case SPAM_SCORE, SIZE_OVER -> {
                p.required("threshold", f.threshold(), what);
                if (f.threshold() != null && (f.threshold() < 0 || f.threshold().isNaN())) {
                    p.add("threshold", "must be zero or more");
                }
            }
            case HEADER -> {
                p.required("header", f.header(), what);
                p.headerName("header", f.header());
                p.required("pattern", f.pattern(), what);
                p.regex("pattern", f.pattern(), f.caseInsensitive());
            }
            case SUBJECT, BODY -> {
                p.required("pattern", f.pattern(), what);
                if (f.regex()) {
                    p.regex("pattern", f.pattern(), f.caseInsensitive());
                }
            }
            case ATTACHMENT_NAME, ATTACHMENT_TYPE -> {
                p.required("pattern", f.pattern(), what);
                // a glob is matched ignoring case: each of its characters must fold
                p.regex("pattern", f.pattern() == null ? null : Pattern.quote(f.pattern()), true);
            }
            case SPF -> words(p, f, what, "SPF result", "fail,softfail", CheckResults.SPF);
            case DKIM -> words(p, f, what, "DKIM result", "fail,permerror", CheckResults.DKIM);
            case DMARC -> words(p, f, what, "DMARC result or disposition", "reject,quarantine", CheckResults.DMARC);
            case GREYLISTED -> words(p, f, what, "greylisting result", "passed", CheckResults.GREYLIST);
            case CLIENT_IP -> {
                p.required("pattern", f.pattern(), what);
                if (f.pattern() != null) {
                    for (String block : f.pattern().split("[,\\s]+")) {
                        if (block.isBlank()) {
                            continue;
                        }
                        try {
                            Cidr.parse(block);
                        } catch (IllegalArgumentException e) {
                            p.add("pattern", e.getMessage());
                        }
                    }
                }
            }
        }
        return p.valid();
    }

    /** A pattern that lists words, each one of {@code allowed}. */
    private static void words(Problems p, FilterSpec f, String what, String noun, String example, java.util.List<String> allowed) {
        p.required("pattern", f.pattern(), what);
        if (f.pattern() != null) {
            if (CompiledRule.words(f.pattern()).isEmpty()) {
                p.add("pattern", "must list " + noun.replace(" or disposition", "") + "s, e.g. " + example);
            }
            for (String r : CompiledRule.words(f.pattern())) {
                if (!allowed.contains(r)) {
                    p.add("pattern", "'" + r + "' is no " + noun + " (" + String.join(", ", allowed) + ")");
                }
            }
        }
    }
}
