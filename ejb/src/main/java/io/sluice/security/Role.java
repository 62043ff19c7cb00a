package io.sluice.security;

/** Roles of the admin API, as the security realm reports them (the names are the role names). */
public enum Role {
    /** May read and change everything. */
    admin,
    /** May read everything and change nothing. */
    auditor,
    /** May read and act on the quarantine and the tracking log of the domains given to them, nothing else. */
    domainadmin,
    /**
     * The owner of one mailbox, logged in with the mail server's own credentials: sees and acts on
     * what is held for that address, keeps personal sender lists. Never stored as a user.
     */
    mailbox
}
