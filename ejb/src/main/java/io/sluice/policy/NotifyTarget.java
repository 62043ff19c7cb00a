package io.sluice.policy;

/** Who a NOTIFY action writes to. */
public enum NotifyTarget {
    ADMIN, SENDER, RECIPIENTS
}
