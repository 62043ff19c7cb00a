package io.sluice.policy;

/** What a rule does when its filter matches. */
public enum ActionType {
    DELIVER, REJECT, DROP, TAG_SUBJECT, ADD_HEADER, REMOVE_HEADER, STRIP_ATTACHMENT, DISCLAIMER, QUARANTINE, ARCHIVE,
    REDIRECT, NOTIFY
}
