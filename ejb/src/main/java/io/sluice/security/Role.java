package io.sluice.security;

/** Roles of the admin API, as the security realm reports them (the names are the role names). */
public enum Role {
    /** May read and change everything. */
    admin,
    /** May read everything and change nothing. */
    auditor
}
