package io.sluice.policy;

/**
 * Fired (as a CDI event) by every change the admin API makes to policies, groups, internal
 * domains or settings; once the transaction commits, the policy snapshot is rebuilt.
 */
public record ConfigurationChanged(String what) {
}
