package io.sluice.policy;

import io.sluice.api.CanonicalAddress;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * {@link Consistent} for conditions: the value fits the kind, and an address or domain has the
 * canonical form policies compare with ({@link CanonicalAddress}). Whether a group exists is the
 * service's check.
 */
public class MatchSpecValidator implements ConstraintValidator<Consistent, MatchSpec> {

    @Override
    public boolean isValid(MatchSpec m, ConstraintValidatorContext context) {
        if (m == null) {
            return true;
        }
        Problems p = new Problems(context);
        if (m.kind() == null) {
            p.add("kind", "is required (ANY, ADDRESS, DOMAIN, SUBDOMAINS or GROUP)");
            return false;
        }
        String v = m.normalizedValue();
        switch (m.kind()) {
            case ANY -> p.absent("value", v, "ANY");
            case ADDRESS -> {
                p.required("value", v, "ADDRESS");
                if (v != null && !v.isBlank() && !CanonicalAddress.canonicalizes(CanonicalAddress::mailbox, v)) {
                    p.add("value", "is not an e-mail address");
                }
            }
            case DOMAIN, SUBDOMAINS -> {
                p.required("value", v, m.kind().name());
                if (v != null && !v.isBlank() && !CanonicalAddress.canonicalizes(CanonicalAddress::domain, v)) {
                    p.add("value", "is not a domain name");
                }
            }
            case GROUP -> p.required("value", v, "GROUP");
        }
        return p.valid();
    }
}
