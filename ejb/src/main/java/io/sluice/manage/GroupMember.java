package io.sluice.manage;

import io.sluice.api.CanonicalAddress;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An address group member: an address, a domain, or "*." and a domain, each with a canonical form
 * ({@link CanonicalAddress}), which is what policies compare.
 */
@Documented
@Constraint(validatedBy = GroupMember.Validator.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface GroupMember {

    String message() default "must be an address, a domain, or *. and a domain";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check itself. */
    class Validator implements ConstraintValidator<GroupMember, String> {
        @Override
        public boolean isValid(String v, ConstraintValidatorContext context) {
            if (v == null || v.isBlank()) {
                return true; // @NotBlank reports it
            }
            String m = v.trim();
            if (m.contains("@")) {
                return CanonicalAddress.canonicalizes(CanonicalAddress::mailbox, m);
            }
            return CanonicalAddress.canonicalizes(CanonicalAddress::domain, m.startsWith("*.") ? m.substring(2) : m);
        }
    }
}
