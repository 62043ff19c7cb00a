package io.sluice.policy;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A condition, filter or action whose fields fit its kind (a REJECT has a sensible code, a HEADER
 * filter a field name and a valid regular expression, ...). Each problem is reported on the field
 * that has it.
 */
@Documented
@Constraint(validatedBy = {MatchSpecValidator.class, FilterSpecValidator.class, ActionSpecValidator.class})
@Target({ElementType.TYPE, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Consistent {

    String message() default "is inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
