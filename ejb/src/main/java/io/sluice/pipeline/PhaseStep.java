package io.sluice.pipeline;

import io.sluice.api.Decision;

import java.util.List;

/**
 * One step of a phase before the end of data (connect, RCPT): it looks at the phase's context and
 * either decides, which ends the phase, or answers {@code null} to let the next step look. A new
 * check (a DNS list at connect, greylisting at RCPT) is one more step in its phase's list.
 *
 * @param <C> the phase's context
 */
@FunctionalInterface
interface PhaseStep<C> {

    Decision apply(C context);

    /** The first decision of {@code steps} in order, or {@code null} when none decided. */
    static <C> Decision first(List<? extends PhaseStep<C>> steps, C context) {
        for (PhaseStep<C> step : steps) {
            Decision decision = step.apply(context);
            if (decision != null) {
                return decision;
            }
        }
        return null;
    }
}
