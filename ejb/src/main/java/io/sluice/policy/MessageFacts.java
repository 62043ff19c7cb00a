package io.sluice.policy;

import java.util.List;

/**
 * What rule filters look at in one message. Implementations read the message lazily: a filter that
 * needs no headers costs no parsing.
 */
public interface MessageFacts {

    /** Size of the message as received, in octets. */
    long size();

    /** The client's IP address as text. */
    String clientAddress();

    /** Whether the client authenticated with SMTP AUTH. */
    boolean authenticated();

    /** The values of every field called {@code name} in the top-level header, unfolded, undecoded. */
    List<String> headerValues(String name);

    /** The Subject, decoded from RFC 2047 encoded words; empty when there is none. */
    String subject();

    /** Names of the viruses the engines found; empty for a clean (or unscanned) message. */
    default List<String> viruses() {
        return List.of();
    }

    /** The spam score, or NaN when no engine scored the message. */
    default double spamScore() {
        return Double.NaN;
    }

    /**
     * File names of the attachments and archive members ("" where there is none), encrypted ones
     * and those only a zip's local headers give included.
     */
    default List<String> attachmentNames() {
        return List.of();
    }

    /** Declared and detected MIME types of the attachments and archive members. */
    default List<String> attachmentTypes() {
        return List.of();
    }

    /** The decoded text parts. */
    default List<String> texts() {
        return List.of();
    }

    /** Why the content could not be analysed completely, or {@code null}. */
    default String unscannable() {
        return null;
    }

    /** Whether an archive in the message has an encrypted entry, or encrypted names. */
    default boolean encryptedArchive() {
        return false;
    }

    /** The SPF result of MAIL FROM ("pass", "fail" ...; RFC 7208 §2.6), or {@code null} when SPF was not checked. */
    default String spf() {
        return null;
    }

    /** The zones of the DNS block lists that listed the client, its HELO name, the sender's domain or a URL. */
    default List<String> dnsLists() {
        return List.of();
    }

    /**
     * The result of each DKIM signature, top first ("pass", "fail" ...; RFC 8601 §2.7.1); ["none"]
     * for a message without one; {@code null} when DKIM was not verified.
     */
    default List<String> dkim() {
        return null;
    }

    /** The DMARC result ("pass", "fail", "none", "temperror", "permerror"), or {@code null} when DMARC was not evaluated. */
    default String dmarc() {
        return null;
    }

    /**
     * Greylisting's result for the recipients ("passed" when the message comes on a retry that
     * passed after the delay, "known", "exempt"), or {@code null} while greylisting is off.
     */
    default String greylist() {
        return null;
    }

    /**
     * For a DMARC failure, what the author's domain asks for after {@code pct=} sampling ("reject",
     * "quarantine", "none"); {@code null} otherwise.
     */
    default String dmarcDisposition() {
        return null;
    }
}
