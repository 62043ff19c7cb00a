package io.sluice.policy;

import io.sluice.api.EnhancedStatus;
import io.sluice.api.MailboxSyntax;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link Consistent} for actions: each type has the parameters it needs, and they are valid. */
public class ActionSpecValidator implements ConstraintValidator<Consistent, ActionSpec> {

    @Override
    public boolean isValid(ActionSpec a, ConstraintValidatorContext context) {
        if (a == null) {
            return true;
        }
        Problems p = new Problems(context);
        if (a.type() == null) {
            p.add("type", "is required");
            return false;
        }
        String what = a.type().name();
        switch (a.type()) {
            case DELIVER, DROP, QUARANTINE -> {
            }
            case REJECT -> {
                if (a.code() != null && (a.code() < 450 || a.code() > 554 || (a.code() >= 500 && a.code() < 550)
                        || (a.code() > 452 && a.code() < 500))) {
                    p.add("code", "must be a reply code for a refused message: 450, 451, 452, 550, 551, 552, 553 or 554");
                }
                if (a.status() != null && !EnhancedStatus.isWellFormed(a.status())) {
                    p.add("status", "must be an enhanced status code such as 5.7.1");
                } else if (a.status() != null && a.code() != null && a.status().charAt(0) != '0' + a.code() / 100) {
                    p.add("status", "must be of the same class as the code (" + a.code() / 100 + ".x.x)");
                }
                p.singleLine("text", a.text(), 400);
            }
            case TAG_SUBJECT -> {
                p.required("text", a.text(), what);
                p.singleLine("text", a.text(), 100);
            }
            case ADD_HEADER -> {
                p.required("header", a.header(), what);
                p.headerName("header", a.header());
                p.required("value", a.value(), what);
                p.singleLine("value", a.value(), 900);
            }
            case REMOVE_HEADER -> {
                p.required("header", a.header(), what);
                p.headerName("header", a.header());
            }
            case STRIP_ATTACHMENT -> p.required("value", a.value(), what + " (file name glob, e.g. *.exe)");
            case DISCLAIMER -> {
                p.required("text", a.text(), what);
                if (a.text() != null && a.text().length() > 4000) {
                    p.add("text", "must be at most 4000 characters");
                }
            }
            case ARCHIVE, REDIRECT -> {
                p.required("address", a.address(), what);
                if (a.address() != null && !a.address().isBlank() && !MailboxSyntax.isValid(a.address())) {
                    p.add("address", "is not an e-mail address");
                }
            }
            case NOTIFY -> p.required("target", a.target(), what); // no template: the built-in one for the target
        }
        return p.valid();
    }
}
