package io.sluice.policy;

/** What a rule looks at. Which parameters each needs is checked by {@code PolicyValidation}. */
public enum FilterType {
    /** Every message. */
    ALWAYS,
    /** A virus engine found something. */
    VIRUS,
    /** The spam score is at least {@code threshold}. */
    SPAM_SCORE,
    /**
     * An attachment, or an entry of an archive (zip, 7z, tar, gzip, bzip2, xz; encrypted entries and
     * names only a zip's local headers give included), has a file name matching the glob {@code pattern}.
     */
    ATTACHMENT_NAME,
    /** An attachment has a declared or detected MIME type matching the glob {@code pattern}. */
    ATTACHMENT_TYPE,
    /** The message is larger than {@code threshold} octets. */
    SIZE_OVER,
    /** The header {@code header} has a value matching {@code pattern}. */
    HEADER,
    /** The decoded subject contains (or, with {@code regex}, matches) {@code pattern}. */
    SUBJECT,
    /** A decoded text part contains (or, with {@code regex}, matches) {@code pattern}. */
    BODY,
    /** The client authenticated (SMTP AUTH). */
    SENDER_AUTHENTICATED,
    /** The client's IP address is in one of the comma-separated CIDR blocks of {@code pattern}. */
    CLIENT_IP,
    /**
     * The content is not known completely: the analysis stopped at one of its limits (a zip bomb,
     * nesting too deep), an archive is damaged or has an entry that cannot be read, or a zip's local
     * headers and central directory disagree.
     */
    UNSCANNABLE,
    /**
     * An archive has an encrypted entry (or encrypted names): its content could not be scanned. The
     * names, where readable, are still checked by {@link #ATTACHMENT_NAME}, and every other entry is scanned.
     */
    ENCRYPTED_ARCHIVE,
    /**
     * The SPF result of MAIL FROM is one of the comma-separated results of {@code pattern}
     * ("fail,softfail"; RFC 7208: pass, fail, softfail, neutral, none, temperror, permerror). Never
     * matches while SPF is off.
     */
    SPF,
    /**
     * A DNS block list listed the client, its HELO name, the sender's domain or a host of a URL in
     * the text: one of the comma-separated zones of {@code pattern}, or any list when it is empty.
     */
    DNSBL,
    /**
     * A DKIM signature's result is one of the comma-separated results of {@code pattern}
     * ("fail,permerror"; RFC 8601 §2.7.1: pass, fail, neutral, temperror, permerror, policy; "none"
     * for a message without a signature). Never matches while DKIM is not verified.
     */
    DKIM,
    /**
     * The DMARC result of the author's domain is one of the comma-separated words of {@code pattern}:
     * a result (RFC 8601 §2.7.4: pass, fail, none, temperror, permerror), or "reject" / "quarantine"
     * for a failure whose domain asks for that (its p= or sp=, after pct=). Never matches while
     * DMARC is off.
     */
    DMARC,
    /**
     * Greylisting's result for the message's recipients is one of the comma-separated words of
     * {@code pattern}: "passed" (the message comes on a retry that passed after the delay), "known"
     * (a triplet that passed before, or a client network on the automatic allow list), "exempt".
     * Never matches while greylisting is off.
     */
    GREYLISTED
}
